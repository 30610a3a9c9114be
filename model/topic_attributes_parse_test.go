package model

import (
	"strings"
	"testing"
)

// TestParseTopicAttributeChange reads attributes in SNS's shape and holds
// them to the rules of the typed setters.
func TestParseTopicAttributeChange(t *testing.T) {
	const std, fifo = "orders", "orders.fifo"
	role := "arn:aws:iam::123456789012:role/sns-logs"
	accepted := []struct{ name, value, topic string }{
		{"DisplayName", "Orders", std},
		{"DisplayName", strings.Repeat("é", 100), std}, // characters, not bytes
		{"DisplayName", "", std},
		{"SignatureVersion", "2", std},
		{"MaximumMessageSize", "1024", std},
		{"TracingConfig", "Active", std},
		{"TracingConfig", "PassThrough", fifo},
		{"ContentBasedDeduplication", "TRUE", fifo},
		{"ContentBasedDeduplication", "false", std}, // off is every standard topic's state
		{"FifoThroughputScope", "MessageGroup", fifo},
		{"ArchivePolicy", `{"MessageRetentionPeriod": "30"}`, fifo},
		{"Policy", `{"Version": "2012-10-17"}`, std},
		{"Policy", `{"Sid": "` + strings.Repeat("x", 30_000) + `"}`, std},
		{"DeliveryPolicy", `{"http": {}}`, std},
		{"KmsMasterKeyId", "alias/aws/sns", std},
		{"SQSSuccessFeedbackRoleArn", role, std},
		{"HTTPFailureFeedbackRoleArn", "", std},
		{"LambdaSuccessFeedbackSampleRate", "100", std},
	}
	for _, tt := range accepted {
		ch, err := ParseTopicAttributeChange(tt.name, tt.value)
		if err == nil {
			err = ch.Validate(tt.topic)
		}
		if err != nil {
			t.Errorf("%s=%q on %s: %v", tt.name, tt.value, tt.topic, err)
		}
	}
	refused := []struct {
		name, value, topic string
		field              string
		rule               Rule
	}{
		{"DisplayName", strings.Repeat("é", 101), std, "TopicAttributes.DisplayName", RuleMaxLength},
		{"SignatureVersion", "3", std, "TopicAttributes.SignatureVersion", RuleRange},
		{"SignatureVersion", "0", std, "TopicAttributes.SignatureVersion", RuleRange},
		{"SignatureVersion", "two", std, `TopicAttributes["SignatureVersion"]`, RuleFormat},
		{"MaximumMessageSize", "1023", std, "TopicAttributes.MaximumMessageSize", RuleRange},
		{"MaximumMessageSize", "", std, `TopicAttributes["MaximumMessageSize"]`, RuleFormat},
		{"TracingConfig", "Active", fifo, "TopicAttributes.TracingConfig", RuleForbidden},
		{"TracingConfig", "On", std, "TopicAttributes.TracingConfig", RuleFormat},
		{"ContentBasedDeduplication", "true", std, "TopicAttributes.ContentBasedDeduplication", RuleForbidden},
		{"ContentBasedDeduplication", "yes", fifo, `TopicAttributes["ContentBasedDeduplication"]`, RuleFormat},
		{"FifoThroughputScope", "Topic", std, "TopicAttributes.ThroughputScope", RuleForbidden},
		{"FifoThroughputScope", "Group", fifo, "TopicAttributes.ThroughputScope", RuleFormat},
		{"ArchivePolicy", `{}`, std, "TopicAttributes.ArchivePolicy", RuleForbidden},
		{"Policy", `[1]`, std, "TopicAttributes.Policy", RuleFormat},
		{"Policy", `{"Sid": "` + strings.Repeat("x", 30_720) + `"}`, std, "TopicAttributes.Policy", RuleMaxLength},
		{"DeliveryPolicy", `null`, std, "TopicAttributes.DeliveryPolicy", RuleFormat},
		{"SQSSuccessFeedbackRoleArn", "arn:aws:sqs:us-east-1:123456789012:q", std, `TopicAttributes.Extra["SQSSuccessFeedbackRoleArn"]`, RuleFormat},
		{"FirehoseSuccessFeedbackSampleRate", "101", std, `TopicAttributes.Extra["FirehoseSuccessFeedbackSampleRate"]`, RuleRange},
		{"FifoTopic", "true", fifo, "TopicAttributeChange.Name", RuleForbidden},
		{"TopicArn", "arn:aws:sns:us-east-1:123456789012:orders", std, "TopicAttributeChange.Name", RuleFormat},
		{"SMSFailureFeedbackRoleArn", role, std, "TopicAttributeChange.Name", RuleFormat},
	}
	for _, tt := range refused {
		ch, err := ParseTopicAttributeChange(tt.name, tt.value)
		if err == nil {
			err = ch.Validate(tt.topic)
		}
		t.Run(tt.name+"="+shorten(tt.value, 16), func(t *testing.T) { expectProblem(t, err, tt.field, tt.rule) })
	}
}

// TestTopicAttributesValidateLoggingAttributes: the delivery status
// logging attributes are checked in Extra too, whoever builds them.
func TestTopicAttributesValidateLoggingAttributes(t *testing.T) {
	a := TopicAttributes{Extra: map[string]string{"HTTPSuccessFeedbackSampleRate": "-1", "NewAttributeOfSNS": "anything"}}
	expectProblem(t, a.Validate("t"), `TopicAttributes.Extra["HTTPSuccessFeedbackSampleRate"]`, RuleRange)
	expectProblem(t, SetRawTopicAttribute("ApplicationFailureFeedbackRoleArn", "role").Validate("t"), `TopicAttributes.Extra["ApplicationFailureFeedbackRoleArn"]`, RuleFormat)
	if err := SetRawTopicAttribute("NewAttributeOfSNS", "anything").Validate("t"); err != nil {
		t.Errorf("an attribute the model does not know is passed on: %v", err)
	}
}
