package model

import (
	"errors"
	"strings"
	"testing"
)

const (
	stdARN  = "arn:aws:sns:us-east-1:123456789012:orders"
	fifoARN = "arn:aws:sns:eu-west-1:123456789012:orders.fifo"
)

// wantInvalid asserts err holds a *ValidationError with the field and rule.
func wantInvalid(t *testing.T, err error, field string, rule Rule) {
	t.Helper()
	if err == nil {
		t.Fatalf("got nil error; want %s %s", field, rule)
	}
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("error %v does not match ErrInvalid", err)
	}
	if !errors.Is(err, &ValidationError{Field: field, Rule: rule}) {
		t.Errorf("error %q; want field %q rule %q", err, field, rule)
	}
}

func okRequest() PublishRequest {
	return PublishRequest{
		Topic:   Topic{ARN: stdARN},
		Message: Message{Body: "hello"},
	}
}

func TestPublishRequestValidation(t *testing.T) {
	long := strings.Repeat("x", 262_145)
	tests := []struct {
		name  string
		edit  func(*PublishRequest)
		field string
		rule  Rule
	}{
		{"empty body", func(r *PublishRequest) { r.Message.Body = "" }, "Message.Body", RuleRequired},
		{"invalid utf8 body", func(r *PublishRequest) { r.Message.Body = "a\xffb" }, "Message.Body", RuleCharset},
		{"control char body", func(r *PublishRequest) { r.Message.Body = "a\x00b" }, "Message.Body", RuleCharset},
		{"payload too large", func(r *PublishRequest) { r.Message.Body = long }, "Message", RuleMaxSize},
		{"attributes count toward payload", func(r *PublishRequest) {
			r.Message.Body = strings.Repeat("x", 262_144-10)
			r.Message.Attributes = map[string]MessageAttribute{"k": StringAttribute("0123456789")}
		}, "Message", RuleMaxSize},
		{"no topic", func(r *PublishRequest) { r.Topic = Topic{} }, "Topic.ARN", RuleRequired},
		{"bad topic arn", func(r *PublishRequest) { r.Topic.ARN = "arn:aws:sqs:us-east-1:123456789012:q" }, "Topic.ARN", RuleFormat},
		{"name disagrees with arn", func(r *PublishRequest) { r.Topic.Name = "other" }, "Topic.Name", RuleConflict},
		{"subject too long", func(r *PublishRequest) { r.Message.Subject = strings.Repeat("s", 100) }, "Message.Subject", RuleMaxLength},
		{"subject newline", func(r *PublishRequest) { r.Message.Subject = "a\nb" }, "Message.Subject", RuleCharset},
		{"subject not UTF-8", func(r *PublishRequest) { r.Message.Subject = "h\xffllo" }, "Message.Subject", RuleCharset},
		{"subject Unicode line break", func(r *PublishRequest) { r.Message.Subject = "a\u2028b" }, "Message.Subject", RuleCharset},
		{"subject C1 control", func(r *PublishRequest) { r.Message.Subject = "a\u0085b" }, "Message.Subject", RuleCharset},
		{"subject of 100 characters, 200 bytes", func(r *PublishRequest) { r.Message.Subject = strings.Repeat("é", 100) }, "Message.Subject", RuleMaxLength},
		{"subject control char", func(r *PublishRequest) { r.Message.Subject = "a\tb" }, "Message.Subject", RuleCharset},
		{"fifo without group", func(r *PublishRequest) { r.Topic.ARN = fifoARN }, "Message.GroupID", RuleRequired},
		{"dedup on standard", func(r *PublishRequest) { r.Message.DeduplicationID = "d1" }, "Message.DeduplicationID", RuleForbidden},
		{"group id too long", func(r *PublishRequest) {
			r.Topic.ARN = fifoARN
			r.Message.GroupID = strings.Repeat("g", 129)
		}, "Message.GroupID", RuleMaxLength},
		{"group id with space", func(r *PublishRequest) {
			r.Topic.ARN = fifoARN
			r.Message.GroupID = "a b"
		}, "Message.GroupID", RuleCharset},
		{"dedup id too long", func(r *PublishRequest) {
			r.Topic.ARN = fifoARN
			r.Message.GroupID = "g"
			r.Message.DeduplicationID = strings.Repeat("d", 129)
		}, "Message.DeduplicationID", RuleMaxLength},
		{"too many attributes", func(r *PublishRequest) {
			r.Message.Attributes = map[string]MessageAttribute{}
			for _, n := range strings.Split("a b c d e f g h i j k", " ") {
				r.Message.Attributes[n] = StringAttribute("v")
			}
		}, "Message.Attributes", RuleMaxCount},
		{"zero attribute", func(r *PublishRequest) {
			r.Message.Attributes = map[string]MessageAttribute{"a": {}}
		}, `Message.Attributes["a"].DataType`, RuleRequired},
		{"empty string attribute", func(r *PublishRequest) {
			r.Message.Attributes = map[string]MessageAttribute{"a": StringAttribute("")}
		}, `Message.Attributes["a"].Value`, RuleRequired},
		{"NaN number", func(r *PublishRequest) {
			r.Message.Attributes = map[string]MessageAttribute{"n": NumberAttribute(nanFloat())}
		}, `Message.Attributes["n"].Value`, RuleFormat},
		{"empty binary", func(r *PublishRequest) {
			r.Message.Attributes = map[string]MessageAttribute{"b": BinaryAttribute(nil)}
		}, `Message.Attributes["b"].Value`, RuleRequired},
		{"reserved attribute name", func(r *PublishRequest) {
			r.Message.Attributes = map[string]MessageAttribute{"aws.trace": StringAttribute("v")}
		}, `Message.Attributes["aws.trace"]`, RuleReserved},
		{"attribute name with space", func(r *PublishRequest) {
			r.Message.Attributes = map[string]MessageAttribute{"a b": StringAttribute("v")}
		}, `Message.Attributes["a b"]`, RuleCharset},
		{"json structure with attributes", func(r *PublishRequest) {
			r.Message.Structure = StructureJSON
			r.Message.Body = `{"default":"x"}`
			r.Message.Attributes = map[string]MessageAttribute{"a": StringAttribute("v")}
		}, "Message.Attributes", RuleConflict},
		{"json structure without default", func(r *PublishRequest) {
			r.Message.Structure = StructureJSON
			r.Message.Body = `{"email":"x"}`
		}, "Message.Body", RuleRequired},
		{"json structure non-object", func(r *PublishRequest) {
			r.Message.Structure = StructureJSON
			r.Message.Body = `["x"]`
		}, "Message.Body", RuleFormat},
		{"json structure nested object", func(r *PublishRequest) {
			r.Message.Structure = StructureJSON
			r.Message.Body = `{"default":"x","APNS":{"aps":{}}}`
		}, `Message.Body["APNS"]`, RuleFormat},
		{"unknown structure", func(r *PublishRequest) { r.Message.Structure = "xml" }, "Message.Structure", RuleFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := okRequest()
			tt.edit(&r)
			wantInvalid(t, r.Validate(), tt.field, tt.rule)
		})
	}
}

func nanFloat() float64 {
	zero := 0.0
	return zero / zero
}

func TestValidRequestsPass(t *testing.T) {
	tests := []struct {
		name string
		edit func(*PublishRequest)
	}{
		{"plain", func(*PublishRequest) {}},
		{"exactly at payload limit", func(r *PublishRequest) {
			r.Message.Body = strings.Repeat("x", 262_144-1-6-2) // body + "k" + "String" + "vv"
			r.Message.Attributes = map[string]MessageAttribute{"k": StringAttribute("vv")}
		}},
		{"all four attribute types", func(r *PublishRequest) {
			r.Message.Attributes = map[string]MessageAttribute{
				"s":   StringAttribute("v"),
				"arr": StringArrayAttribute("a", "b"),
				"n":   NumberAttribute(-12.5),
				"b":   BinaryAttribute([]byte{0, 1, 2}),
				"c":   NumberAttribute(3).WithCustomType("int"),
			}
		}},
		{"subject of 99 punctuation-led", func(r *PublishRequest) { r.Message.Subject = "!" + strings.Repeat("a", 98) }},
		// The Publish API reference asks for UTF-8 text, no longer ASCII
		// beginning with a letter, number or punctuation mark.
		{"subject of 99 non-ASCII characters", func(r *PublishRequest) { r.Message.Subject = strings.Repeat("é", 99) }},
		{"subject with a leading space", func(r *PublishRequest) { r.Message.Subject = " Réservation confirmée ✓" }},
		{"fifo with group and dedup", func(r *PublishRequest) {
			r.Topic.ARN = fifoARN
			r.Message.GroupID = "g-1"
			r.Message.DeduplicationID = "!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
		}},
		{"group id on standard topic (fair queues)", func(r *PublishRequest) { r.Message.GroupID = "tenant-1" }},
		{"name matches arn", func(r *PublishRequest) { r.Topic.Name = "orders" }},
		{"json structure", func(r *PublishRequest) {
			r.Message.Structure = StructureJSON
			r.Message.Body = `{"default":"x","email":"y"}`
		}},
		{"supplementary plane body", func(r *PublishRequest) { r.Message.Body = "emoji 🎉 and tabs\t\r\n" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := okRequest()
			tt.edit(&r)
			if err := r.Validate(); err != nil {
				t.Fatalf("Validate: %v", err)
			}
		})
	}
}

func TestValidationReportsEveryProblem(t *testing.T) {
	r := PublishRequest{
		Topic:   Topic{ARN: fifoARN},
		Message: Message{Subject: "a\nb", Attributes: map[string]MessageAttribute{"AWS.x": StringAttribute("v")}},
	}
	err := r.Validate()
	for _, want := range []struct {
		field string
		rule  Rule
	}{
		{"Message.Body", RuleRequired},
		{"Message.Subject", RuleCharset},
		{`Message.Attributes["AWS.x"]`, RuleReserved},
		{"Message.GroupID", RuleRequired},
	} {
		if !errors.Is(err, &ValidationError{Field: want.field, Rule: want.rule}) {
			t.Errorf("joined error %q misses %s %s", err, want.field, want.rule)
		}
	}
	var ve *ValidationError
	if !errors.As(err, &ve) {
		t.Fatal("errors.As finds no *ValidationError")
	}
}

func TestLimitsOverride(t *testing.T) {
	r := okRequest()
	r.Message.Body = strings.Repeat("x", 300_000)
	if err := r.Validate(); err == nil {
		t.Fatal("300 KB body passed default limits")
	}
	if err := r.ValidateWith(Limits{MaxPayloadBytes: 1 << 20}); err != nil {
		t.Fatalf("300 KB body under a 1 MiB limit: %v", err)
	}
	r.Message.Body = "x"
	r.Message.Attributes = map[string]MessageAttribute{}
	for i := range 12 {
		r.Message.Attributes[string(rune('a'+i))] = StringAttribute("v")
	}
	if err := r.ValidateWith(Limits{MaxAttributes: 12}); err != nil {
		t.Fatalf("12 attributes under MaxAttributes 12: %v", err)
	}
}

func TestErrorsDoNotQuoteValues(t *testing.T) {
	secret := "s3cr3t-value-\x00"
	r := okRequest()
	r.Message.Body = secret
	r.Message.Attributes = map[string]MessageAttribute{"n": NumberAttribute(0), "s": StringAttribute(secret)}
	r.Message.Attributes["n"] = MessageAttribute{dataType: "Number", str: secret}
	err := r.Validate()
	if err == nil || strings.Contains(err.Error(), "s3cr3t") {
		t.Fatalf("error leaks the value or is nil: %v", err)
	}
	if s := StringAttribute("s3cr3t").String(); strings.Contains(s, "s3cr3t") {
		t.Fatalf("attribute String() leaks the value: %s", s)
	}
}
