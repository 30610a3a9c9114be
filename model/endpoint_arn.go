package model

import (
	"strings"

	"github.com/go-sns/connector/internal/arn"
	"github.com/go-sns/connector/region"
)

// The ARNs a subscription points at: SQS queues, Lambda functions, Firehose
// delivery streams, SNS platform endpoints, and the IAM role Firehose
// subscriptions need. The parts every ARN has are checked by internal/arn,
// the module's one ARN parser; the checks here add what each resource needs
// (a queue name, a function name...), not that the resource exists.

// resourceARN is arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE.
type resourceARN struct {
	partition region.Partition
	service   string
	region    region.Region
	account   string
	resource  string
}

// parseResourceARN parses s as an ARN of service: a known partition, a
// 12-digit account, and a region of that partition (regional services) or
// no region (IAM). It never quotes s: an ARN may be confidential to its
// owner.
func parseResourceARN(field, s, service string, regional bool) (resourceARN, error) {
	if s == "" {
		return resourceARN{}, invalid(field, RuleRequired, "an ARN is required")
	}
	scope := arn.Global
	if regional {
		scope = arn.Regional
	}
	a, err := arn.Parse(s, service, scope)
	if err != nil {
		rule := RuleFormat
		if e, ok := err.(*arn.Error); ok && e.Conflict {
			rule = RuleConflict
		}
		return resourceARN{}, invalid(field, rule, "%s", err)
	}
	return resourceARN{partition: a.Partition, service: a.Service, region: a.Region, account: a.AccountID, resource: a.Resource}, nil
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
