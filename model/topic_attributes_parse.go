package model

import (
	"fmt"
	"strconv"
	"strings"
)

// ParseTopicAttributeChange reads one topic attribute as SetTopicAttributes
// and CreateTopic carry it, SNS's name and the value as text, into the
// change its typed setter builds ([SetDisplayName], [SetSignatureVersion],
// ...; [SetRawTopicAttribute] for the delivery status logging attributes),
// so that [TopicAttributeChange.Validate] applies the same rules to it as
// to a change built in Go. A name that is no settable attribute of SNS's
// (FifoTopic included: it is set at creation only) is refused with a
// *ValidationError whose Field is TopicAttributeChange.Name, a value that
// is not text of its type ("yes" for a boolean, "two" for a number) with
// one that names the attribute. It is how snstest reads every topic
// attribute it is sent.
func ParseTopicAttributeChange(name, value string) (TopicAttributeChange, error) {
	field := fmt.Sprintf("TopicAttributes[%q]", shorten(name, 64))
	switch name {
	case attrDisplayName:
		return SetDisplayName(value), nil
	case attrContentBasedDedp:
		on, ok := parseBoolText(value)
		if !ok {
			return TopicAttributeChange{}, invalid(field, RuleFormat, "the value is true or false")
		}
		return SetContentBasedDeduplication(on), nil
	case attrThroughputScope:
		return SetThroughputScope(ThroughputScope(value)), nil
	case attrKmsMasterKeyID:
		return SetKMSMasterKeyID(value), nil
	case attrPolicy:
		return SetPolicy(value), nil
	case attrDeliveryPolicy:
		return SetDeliveryPolicy(value), nil
	case attrArchivePolicy:
		p, err := ParseArchivePolicy(value)
		if err != nil {
			return TopicAttributeChange{}, err
		}
		if p.IsZero() {
			return ClearArchivePolicy(), nil
		}
		return SetArchivePolicy(p), nil
	case attrTracingConfig:
		return SetTracingConfig(TracingMode(value)), nil
	case attrSignatureVersion, attrMaxMessageSize:
		n, err := strconv.Atoi(value)
		if err != nil {
			return TopicAttributeChange{}, invalid(field, RuleFormat, "the value is a whole number")
		}
		if name == attrSignatureVersion {
			return SetSignatureVersion(n), nil
		}
		return SetMaximumMessageSize(n), nil
	}
	if _, ok := loggingAttribute(name); ok {
		return SetRawTopicAttribute(name, value), nil
	}
	if name == attrFifoTopic {
		return TopicAttributeChange{}, invalid("TopicAttributeChange.Name", RuleForbidden, "a topic cannot change between FIFO and standard")
	}
	return TopicAttributeChange{}, invalid("TopicAttributeChange.Name", RuleFormat, "SNS has no settable topic attribute %q", shorten(name, 64))
}

// parseBoolText reads SNS's boolean attribute values, "true" and "false" in
// any case.
func parseBoolText(s string) (on, ok bool) {
	switch {
	case strings.EqualFold(s, "true"):
		return true, true
	case strings.EqualFold(s, "false"):
		return false, true
	}
	return false, false
}

// The delivery status logging attributes of a topic ("Amazon SNS message
// delivery status"): for each protocol that logs, the IAM roles SNS assumes
// to write successes and failures to CloudWatch Logs, and the percentage of
// successes it logs.
var loggingProtocols = []string{"HTTP", "Firehose", "Lambda", "Application", "SQS"}

const (
	loggingSuccessRole = "SuccessFeedbackRoleArn"
	loggingFailureRole = "FailureFeedbackRoleArn"
	loggingSampleRate  = "SuccessFeedbackSampleRate"
)

// loggingAttribute reports whether name is a delivery status logging
// attribute, and which of the three kinds.
func loggingAttribute(name string) (kind string, ok bool) {
	for _, p := range loggingProtocols {
		if rest, found := strings.CutPrefix(name, p); found {
			switch rest {
			case loggingSuccessRole, loggingFailureRole, loggingSampleRate:
				return rest, true
			}
		}
	}
	return "", false
}

// validateLoggingAttribute checks a delivery status logging attribute's
// value: an IAM role ARN, or a sample rate from 0 to 100 percent. An empty
// value turns the setting off. Other names are left alone: they are passed
// to SNS as given.
func validateLoggingAttribute(name, value string) error {
	kind, ok := loggingAttribute(name)
	if !ok || value == "" {
		return nil
	}
	field := fmt.Sprintf("TopicAttributes.Extra[%q]", name)
	if kind == loggingSampleRate {
		if n, err := strconv.Atoi(value); err != nil || n < 0 || n > 100 {
			return invalid(field, RuleRange, "the sample rate is a whole number of percent from 0 to 100")
		}
		return nil
	}
	return checkIAMRoleARN(field, value)
}
