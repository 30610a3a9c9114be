package model

import (
	"strings"

	"github.com/go-sns/connector/region"
)

// The ARNs a subscription points at: SQS queues, Lambda functions, Firehose
// delivery streams, SNS platform endpoints, and the IAM role Firehose
// subscriptions need. This parser is deliberately small and unexported; it
// checks the shape SNS will need, not that the resource exists.

// resourceARN is arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE.
type resourceARN struct {
	partition region.Partition
	service   string
	region    region.Region
	account   string
	resource  string
}

// parseResourceARN splits s and checks the parts every ARN of service has:
// a known partition, a 12-digit account, and a region of that partition
// (regional services) or no region (IAM). It never quotes s: an ARN may be
// confidential to its owner.
func parseResourceARN(field, s, service string, regional bool) (resourceARN, error) {
	if s == "" {
		return resourceARN{}, invalid(field, RuleRequired, "an ARN is required")
	}
	// Cut rather than Split: topic ARNs are parsed on every publish, and this
	// way parsing does not allocate.
	var parts [6]string
	rest := s
	for i := range 5 {
		var found bool
		if parts[i], rest, found = strings.Cut(rest, ":"); !found {
			return resourceARN{}, invalid(field, RuleFormat, "not an ARN: want arn:PARTITION:%s:REGION:ACCOUNT:RESOURCE", service)
		}
	}
	parts[5] = rest
	if parts[0] != "arn" {
		return resourceARN{}, invalid(field, RuleFormat, "not an ARN: want arn:PARTITION:%s:REGION:ACCOUNT:RESOURCE", service)
	}
	a := resourceARN{
		partition: region.Partition(parts[1]),
		service:   parts[2],
		region:    region.Region(parts[3]),
		account:   parts[4],
		resource:  parts[5],
	}
	if !a.partition.Known() {
		return resourceARN{}, invalid(field, RuleFormat, "the partition is not an AWS partition")
	}
	if a.service != service {
		return resourceARN{}, invalid(field, RuleFormat, "the ARN is not of service %q", service)
	}
	if regional {
		if err := a.region.Validate(); err != nil {
			return resourceARN{}, invalid(field, RuleFormat, "the ARN's region is not a region code")
		}
		if a.region.Partition() != a.partition {
			return resourceARN{}, invalid(field, RuleConflict, "region %s belongs to partition %q, not %q", a.region, a.region.Partition(), a.partition)
		}
	} else if a.region != "" {
		return resourceARN{}, invalid(field, RuleFormat, "%s ARNs have no region", service)
	}
	if !arnAccountValid(a.account) {
		return resourceARN{}, invalid(field, RuleFormat, "the ARN's account is not 12 digits")
	}
	if a.resource == "" {
		return resourceARN{}, invalid(field, RuleFormat, "the ARN names no resource")
	}
	return a, nil
}

func arnAccountValid(s string) bool {
	return len(s) == 12 && strings.Trim(s, "0123456789") == ""
}

// nameOf reports whether s is min to max bytes, each in allowed.
func nameOf(s string, minLen, maxLen int, allowed func(byte) bool) bool {
	if len(s) < minLen || len(s) > maxLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !allowed(s[i]) {
			return false
		}
	}
	return true
}

func alnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// alnumOr returns a byte class: ASCII letters, digits and the given extras.
func alnumOr(extra string) func(byte) bool {
	return func(c byte) bool { return alnum(c) || strings.IndexByte(extra, c) >= 0 }
}

// checkSQSQueueARN: arn:P:sqs:R:A:NAME. SQS developer guide: a queue name
// has up to 80 characters of letters, digits, '-' and '_'; a FIFO queue's
// name ends in ".fifo", which counts toward the 80.
func checkSQSQueueARN(field, s string) error {
	a, err := parseResourceARN(field, s, "sqs", true)
	if err != nil {
		return err
	}
	name := strings.TrimSuffix(a.resource, ".fifo")
	if len(a.resource) > 80 || !nameOf(name, 1, 80, alnumOr("-_")) {
		return invalid(field, RuleFormat, "the queue name must be 1 to 80 letters, digits, '-' or '_' (a FIFO queue's ends in .fifo)")
	}
	return nil
}

// checkLambdaFunctionARN: arn:P:lambda:R:A:function:NAME[:QUALIFIER]. Lambda
// API reference: a function name has 1 to 64 letters, digits, '-' and '_';
// a qualifier is $LATEST, a version or an alias, 1 to 128 characters.
func checkLambdaFunctionARN(field, s string) error {
	a, err := parseResourceARN(field, s, "lambda", true)
	if err != nil {
		return err
	}
	rest, ok := strings.CutPrefix(a.resource, "function:")
	if !ok {
		return invalid(field, RuleFormat, "a Lambda ARN for a subscription names a function: ...:function:NAME")
	}
	name, qualifier, hasQualifier := strings.Cut(rest, ":")
	if !nameOf(name, 1, 64, alnumOr("-_")) {
		return invalid(field, RuleFormat, "the function name must be 1 to 64 letters, digits, '-' or '_'")
	}
	if hasQualifier && qualifier != "$LATEST" && !nameOf(qualifier, 1, 128, alnumOr("-_")) {
		return invalid(field, RuleFormat, "the qualifier must be $LATEST, a version or an alias name")
	}
	return nil
}

// checkFirehoseStreamARN: arn:P:firehose:R:A:deliverystream/NAME. Firehose
// API reference: a stream name has 1 to 64 letters, digits, '_', '.', '-'.
func checkFirehoseStreamARN(field, s string) error {
	a, err := parseResourceARN(field, s, "firehose", true)
	if err != nil {
		return err
	}
	name, ok := strings.CutPrefix(a.resource, "deliverystream/")
	if !ok || !nameOf(name, 1, 64, alnumOr("_.-")) {
		return invalid(field, RuleFormat, "want ...:deliverystream/NAME with a name of 1 to 64 letters, digits, '_', '.' or '-'")
	}
	return nil
}

// checkPlatformEndpointARN: arn:P:sns:R:A:endpoint/PLATFORM/APP/ID, the
// EndpointArn CreatePlatformEndpoint returns (see [ParsePlatformEndpointARN]).
func checkPlatformEndpointARN(field, s string) error {
	_, err := parsePlatformEndpointARN(field, s)
	return err
}

// checkIAMRoleARN: arn:P:iam::A:role/[PATH/]NAME. IAM quotas: a role name
// has 1 to 64 characters of letters, digits and +=,.@_-; a path is at most
// 512 characters.
func checkIAMRoleARN(field, s string) error {
	a, err := parseResourceARN(field, s, "iam", false)
	if err != nil {
		return err
	}
	rest, ok := strings.CutPrefix(a.resource, "role/")
	if !ok {
		return invalid(field, RuleFormat, "want an IAM role ARN: arn:PARTITION:iam::ACCOUNT:role/NAME")
	}
	i := strings.LastIndexByte(rest, '/')
	path, name := rest[:i+1], rest[i+1:]
	if !nameOf(name, 1, 64, alnumOr("+=,.@_-")) {
		return invalid(field, RuleFormat, "the role name must be 1 to 64 letters, digits or +=,.@_-")
	}
	printable := func(c byte) bool { return c > ' ' && c < 0x7f }
	if len(path) > 511 || strings.Contains(path, "//") || !nameOf(path, 0, 511, printable) {
		return invalid(field, RuleFormat, "the role path must be printable ASCII segments, at most 512 characters")
	}
	return nil
}
