package model

import (
	"errors"
	"strings"
	"testing"

	"github.com/go-sns/connector/region"
)

func TestParseTopicARN(t *testing.T) {
	tests := []struct {
		arn  string
		want TopicARN
	}{
		{"arn:aws:sns:us-east-1:123456789012:orders", TopicARN{"aws", "us-east-1", "123456789012", "orders"}},
		{"arn:aws:sns:eu-west-1:123456789012:orders.fifo", TopicARN{"aws", "eu-west-1", "123456789012", "orders.fifo"}},
		{"arn:aws-cn:sns:cn-north-1:123456789012:t", TopicARN{"aws-cn", "cn-north-1", "123456789012", "t"}},
		{"arn:aws-us-gov:sns:us-gov-west-1:123456789012:a_b-c", TopicARN{"aws-us-gov", "us-gov-west-1", "123456789012", "a_b-c"}},
		{"arn:aws:sns:xx-newplace-1:123456789012:t", TopicARN{"aws", "xx-newplace-1", "123456789012", "t"}},
	}
	for _, tt := range tests {
		got, err := ParseTopicARN(tt.arn)
		if err != nil || got != tt.want {
			t.Errorf("ParseTopicARN(%q) = %+v, %v; want %+v", tt.arn, got, err, tt.want)
			continue
		}
		if got.String() != tt.arn {
			t.Errorf("String() = %q; want %q", got.String(), tt.arn)
		}
		if got.FIFO() != strings.HasSuffix(tt.arn, ".fifo") {
			t.Errorf("FIFO() wrong for %s", tt.arn)
		}
	}
	bad := []struct {
		arn  string
		rule Rule
	}{
		{"", RuleRequired},
		{"orders", RuleFormat},
		{"arn:aws:sns:us-east-1:123456789012", RuleFormat},
		{"arn:aws:sns:us-east-1:123456789012:orders:6a1b-sub", RuleFormat}, // subscription ARN
		{"arn:aws:sqs:us-east-1:123456789012:orders", RuleFormat},
		{"arn:aws:sns:useast1:123456789012:orders", RuleFormat},
		{"arn:aws:sns:us-east-1:12345:orders", RuleFormat},
		{"arn:aws:sns:us-east-1:12345678901x:orders", RuleFormat},
		{"arn:aws:sns:us-east-1:123456789012:", RuleFormat},
		{"arn:aws:sns:us-east-1:123456789012:.fifo", RuleFormat},
		{"arn:aws:sns:us-east-1:123456789012:bad name", RuleFormat},
		{"arn:aws:sns:us-east-1:123456789012:" + strings.Repeat("n", 257), RuleFormat},
		{"arn:azure:sns:us-east-1:123456789012:t", RuleFormat},
		{"arn:aws:sns:cn-north-1:123456789012:t", RuleConflict},
		{"arn:aws-cn:sns:us-east-1:123456789012:t", RuleConflict},
		{"urn:aws:sns:us-east-1:123456789012:t", RuleFormat},
	}
	for _, tt := range bad {
		_, err := ParseTopicARN(tt.arn)
		if !errors.Is(err, &ValidationError{Field: "Topic.ARN", Rule: tt.rule}) {
			t.Errorf("ParseTopicARN(%q) = %v; want %s", tt.arn, err, tt.rule)
		}
	}
}

func TestTopicFromARNAndNewTopicARN(t *testing.T) {
	topic, err := TopicFromARN(fifoARN)
	if err != nil || topic.Name != "orders.fifo" || !topic.FIFO() {
		t.Fatalf("TopicFromARN = %+v, %v", topic, err)
	}
	a, err := NewTopicARN(region.CNNorthwest1, "123456789012", "events")
	if err != nil || a.String() != "arn:aws-cn:sns:cn-northwest-1:123456789012:events" {
		t.Fatalf("NewTopicARN = %v, %v", a, err)
	}
	if _, err := NewTopicARN(region.USEast1, "1234", "events"); err == nil {
		t.Fatal("NewTopicARN accepted a bad account")
	}
	if !(Topic{Name: "x.fifo"}).FIFO() || (Topic{Name: "x"}).FIFO() {
		t.Fatal("Topic.FIFO from Name wrong")
	}
}

func TestValidateTopicName(t *testing.T) {
	if err := ValidateTopicName(strings.Repeat("a", 251) + ".fifo"); err != nil {
		t.Errorf("256-character FIFO name rejected: %v", err)
	}
	if err := ValidateTopicName(strings.Repeat("a", 252) + ".fifo"); !errors.Is(err, &ValidationError{Rule: RuleMaxLength}) {
		t.Errorf("257-character FIFO name: %v", err)
	}
	if err := ValidateTopicName("naïve"); !errors.Is(err, &ValidationError{Rule: RuleCharset}) || !strings.Contains(err.Error(), "'ï'") {
		t.Errorf("non-ASCII name: %v", err)
	}
	if err := ValidateTopicName("a.b"); !errors.Is(err, &ValidationError{Rule: RuleCharset}) {
		t.Errorf("dot in name: %v", err)
	}
}

func FuzzParseTopicARN(f *testing.F) {
	for _, s := range []string{stdARN, fifoARN, "arn:aws-cn:sns:cn-north-1:123456789012:t", "arn:::::", "arn:aws:sns:us-east-1:123456789012:a:b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseTopicARN(s)
		if err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) || ve.Field != "Topic.ARN" {
				t.Fatalf("error of wrong type: %v", err)
			}
			return
		}
		if a.String() != s {
			t.Fatalf("round trip: %q -> %q", s, a.String())
		}
		if _, err := TopicFromARN(s); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzMessageValidate(f *testing.F) {
	f.Add("hello", "subj", "g", "d", "String", "v", "name", stdARN)
	f.Add("", "", "", "", "Number", "1e5", "n", fifoARN)
	f.Add(`{"default":"x"}`, "a\nb", "", "", "Binary", "AAEC", "AWS.x", fifoARN)
	f.Fuzz(func(t *testing.T, body, subject, group, dedup, dataType, value, name, arn string) {
		m := Message{Body: body, Subject: subject, GroupID: group, DeduplicationID: dedup}
		if a, err := ParseAttribute(dataType, value); err == nil {
			m.Attributes = map[string]MessageAttribute{name: a}
		}
		for _, s := range []MessageStructure{"", StructureJSON} {
			m.Structure = s
			err := PublishRequest{Topic: Topic{ARN: arn}, Message: m}.Validate()
			if err != nil && !errors.Is(err, ErrInvalid) {
				t.Fatalf("non-validation error %v", err)
			}
		}
	})
}
