package model

import (
	"errors"
	"strconv"
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

// TestValidateRegion: an ARN used in a call to another region, or to a
// region of another partition, is refused, for topics, subscriptions and
// platform endpoints alike, with the field and RuleConflict.
func TestValidateRegion(t *testing.T) {
	const (
		euTopic = "arn:aws:sns:eu-west-1:123456789012:orders"
		cnTopic = "arn:aws-cn:sns:cn-north-1:123456789012:orders"
		euSub   = euTopic + ":6a1b0c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d"
		cnPush  = "arn:aws-cn:sns:cn-north-1:123456789012:endpoint/GCM/my-app/5e3e9847-3183-3f18-a7e8-671c3a57d4b3"
	)
	topic := func(s string) func(region.Region) error {
		return func(r region.Region) error {
			a, err := ParseTopicARN(s)
			if err != nil {
				t.Fatal(err)
			}
			return a.ValidateRegion(r)
		}
	}
	sub := func(s string) func(region.Region) error {
		return func(r region.Region) error {
			a, err := ParseSubscriptionARN(s)
			if err != nil {
				t.Fatal(err)
			}
			return a.ValidateRegion(r)
		}
	}
	push := func(s string) func(region.Region) error {
		return func(r region.Region) error {
			e, err := ApplicationEndpoint(s)
			if err != nil {
				t.Fatal(err)
			}
			return ValidatePush(r, e, Message{Body: "x"}, DefaultLimits)
		}
	}
	tests := []struct {
		name  string
		check func(region.Region) error
		field string
		good  region.Region
		bad   []region.Region
	}{
		{"topic", topic(euTopic), "Topic.ARN", region.EUWest1, []region.Region{region.USEast1, region.EUWest2, region.CNNorth1, region.USGovWest1, "xx-newplace-1"}},
		{"china topic", topic(cnTopic), "Topic.ARN", region.CNNorth1, []region.Region{region.CNNorthwest1, region.USEast1}},
		{"subscription", sub(euSub), "SubscriptionARN", region.EUWest1, []region.Region{region.USEast1, region.CNNorth1}},
		{"platform endpoint", push(cnPush), "Endpoint.Address", region.CNNorth1, []region.Region{region.CNNorthwest1, region.USEast1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.check(tt.good); err != nil {
				t.Errorf("its own region %s: %v", tt.good, err)
			}
			partitionSeen := false
			for _, r := range tt.bad {
				err := tt.check(r)
				if !errors.Is(err, &ValidationError{Field: tt.field, Rule: RuleConflict}) {
					t.Errorf("region %s: %v; want %s (%s)", r, err, tt.field, RuleConflict)
					continue
				}
				if !strings.Contains(err.Error(), string(r)) || strings.Contains(err.Error(), "123456789012") {
					t.Errorf("region %s: the reason should name the region and not the ARN: %v", r, err)
				}
				if r.Partition() != tt.good.Partition() {
					partitionSeen = true
					if !strings.Contains(err.Error(), strconv.Quote(string(r.Partition()))) {
						t.Errorf("region %s: the reason should name the partition: %v", r, err)
					}
				}
			}
			if !partitionSeen {
				t.Error("no case of another partition")
			}
		})
	}
	// A TopicARN built by hand can pair a region with the wrong partition;
	// the partition is checked on its own.
	if err := (TopicARN{Partition: region.PartitionAWS, Region: region.CNNorth1, AccountID: "123456789012", Name: "t"}).ValidateRegion(region.CNNorth1); !errors.Is(err, &ValidationError{Rule: RuleConflict}) {
		t.Errorf("aws partition with region cn-north-1: %v", err)
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

// TestTopicNameWhereARNBelongs: a bare topic name, the newcomer's first
// mistake, says how to get the ARN; nothing else does.
func TestTopicNameWhereARNBelongs(t *testing.T) {
	for _, name := range []string{"orders", "orders.fifo", "my_topic-2"} {
		_, err := ParseTopicARN(name)
		var ve *ValidationError
		if !errors.As(err, &ve) || ve.Field != "Topic.ARN" || ve.Rule != RuleFormat || !strings.Contains(ve.Reason, "ResolveTopic") {
			t.Errorf("ParseTopicARN(%q) = %v; want a format error pointing to ResolveTopic", name, err)
		}
	}
	for _, notName := range []string{"", "arn:aws:sns:us-east-1:123456789012", "orders topic", "sns:orders"} {
		if _, err := ParseTopicARN(notName); err == nil || strings.Contains(err.Error(), "ResolveTopic") {
			t.Errorf("ParseTopicARN(%q) = %v; want an error that does not call it a topic name", notName, err)
		}
	}
}
