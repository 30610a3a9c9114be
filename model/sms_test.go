package model

import (
	"maps"
	"strings"
	"testing"
)

func TestSMSOptionsAttributes(t *testing.T) {
	tests := []struct {
		name string
		o    SMSOptions
		want map[string]SMSAttribute
	}{
		{"nothing", SMSOptions{}, nil},
		{"everything", SMSOptions{
			SenderID:          "MySender1",
			Type:              SMSTransactional,
			MaxPrice:          "0.50",
			OriginationNumber: "+18005550100",
			EntityID:          "1101234567890123456",
			TemplateID:        "1107161234567890123",
		}, map[string]SMSAttribute{
			"AWS.SNS.SMS.SenderID":         {"String", "MySender1"},
			"AWS.SNS.SMS.SMSType":          {"String", "Transactional"},
			"AWS.SNS.SMS.MaxPrice":         {"Number", "0.50"},
			"AWS.MM.SMS.OriginationNumber": {"String", "+18005550100"},
			"AWS.MM.SMS.EntityId":          {"String", "1101234567890123456"},
			"AWS.MM.SMS.TemplateId":        {"String", "1107161234567890123"},
		}},
		{"promotional", SMSOptions{Type: SMSPromotional}, map[string]SMSAttribute{"AWS.SNS.SMS.SMSType": {"String", "Promotional"}}},
		{"short code, whole-dollar price", SMSOptions{OriginationNumber: "12345", MaxPrice: "2"}, map[string]SMSAttribute{
			"AWS.MM.SMS.OriginationNumber": {"String", "12345"},
			"AWS.SNS.SMS.MaxPrice":         {"Number", "2"},
		}},
		{"sender ID of 3", SMSOptions{SenderID: "A12"}, map[string]SMSAttribute{"AWS.SNS.SMS.SenderID": {"String", "A12"}}},
		{"sender ID of 11", SMSOptions{SenderID: "ABCDEFGHIJK"}, map[string]SMSAttribute{"AWS.SNS.SMS.SenderID": {"String", "ABCDEFGHIJK"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.o.Attributes()
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
			if err := tt.o.Validate(); err != nil {
				t.Error(err)
			}
		})
	}
}

func TestSMSOptionsRejects(t *testing.T) {
	tests := []struct {
		name  string
		o     SMSOptions
		field string
		rule  Rule
	}{
		{"sender ID too short", SMSOptions{SenderID: "AB"}, "SMSOptions.SenderID", RuleMinLength},
		{"sender ID too long", SMSOptions{SenderID: "ABCDEFGHIJKL"}, "SMSOptions.SenderID", RuleMaxLength},
		{"sender ID with space", SMSOptions{SenderID: "My Shop"}, "SMSOptions.SenderID", RuleCharset},
		{"sender ID with hyphen", SMSOptions{SenderID: "My-Shop"}, "SMSOptions.SenderID", RuleCharset},
		{"sender ID non-ASCII", SMSOptions{SenderID: "Café"}, "SMSOptions.SenderID", RuleCharset},
		{"sender ID digits only", SMSOptions{SenderID: "12345"}, "SMSOptions.SenderID", RuleFormat},
		{"unknown type", SMSOptions{Type: "transactional"}, "SMSOptions.Type", RuleFormat},
		{"price with currency", SMSOptions{MaxPrice: "$0.50"}, "SMSOptions.MaxPrice", RuleFormat},
		{"price negative", SMSOptions{MaxPrice: "-1"}, "SMSOptions.MaxPrice", RuleFormat},
		{"price exponent", SMSOptions{MaxPrice: "5e-1"}, "SMSOptions.MaxPrice", RuleFormat},
		{"price trailing point", SMSOptions{MaxPrice: "1."}, "SMSOptions.MaxPrice", RuleFormat},
		{"price leading point", SMSOptions{MaxPrice: ".5"}, "SMSOptions.MaxPrice", RuleFormat},
		{"price zero", SMSOptions{MaxPrice: "0.00"}, "SMSOptions.MaxPrice", RuleRange},
		{"origination too short", SMSOptions{OriginationNumber: "1234"}, "SMSOptions.OriginationNumber", RuleFormat},
		{"origination too long", SMSOptions{OriginationNumber: "+123456789012345"}, "SMSOptions.OriginationNumber", RuleFormat},
		{"origination formatted", SMSOptions{OriginationNumber: "+1 (800) 555-0100"}, "SMSOptions.OriginationNumber", RuleFormat},
		{"entity ID too long", SMSOptions{EntityID: strings.Repeat("1", 31)}, "SMSOptions.EntityID", RuleMaxLength},
		{"template ID with space", SMSOptions{TemplateID: "11 07"}, "SMSOptions.TemplateID", RuleCharset},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			attrs, err := tt.o.Attributes()
			expectProblem(t, err, tt.field, tt.rule)
			if attrs != nil {
				t.Errorf("attributes returned with an error: %v", attrs)
			}
		})
	}
	err := SMSOptions{SenderID: "x", MaxPrice: "free", OriginationNumber: "1"}.Validate()
	expectProblem(t, err, "SMSOptions.SenderID", RuleMinLength)
	expectProblem(t, err, "SMSOptions.MaxPrice", RuleFormat)
	expectProblem(t, err, "SMSOptions.OriginationNumber", RuleFormat)
}

// TestSMSOptionsQuoteNoNumber: an origination number or ID is not repeated
// in a reason.
func TestSMSOptionsQuoteNoNumber(t *testing.T) {
	err := SMSOptions{OriginationNumber: "+1999secret", EntityID: "secret id"}.Validate()
	if err == nil || strings.Contains(err.Error(), "secret") {
		t.Errorf("got %v", err)
	}
}

func TestSMSOptionsFromAttributesInvertsAttributes(t *testing.T) {
	o := SMSOptions{SenderID: "MySender1", Type: SMSTransactional, MaxPrice: "0.50", OriginationNumber: "+18005550100", EntityID: "1101234567890123456", TemplateID: "1107161234567890123"}
	attrs, err := o.Attributes()
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]string{"store": "example_corp"}
	for name, a := range attrs {
		if !IsSMSAttribute(name) {
			t.Errorf("IsSMSAttribute(%q) = false for a name Attributes sets", name)
		}
		values[name] = a.StringValue
	}
	if got := SMSOptionsFromAttributes(values); got != o {
		t.Errorf("SMSOptionsFromAttributes = %+v; want %+v", got, o)
	}
	for _, name := range []string{"AWS.SNS.SMS.Other", "aws.sns.sms.senderid", "AWS.SNS.MOBILE.APNS.TTL", "store", ""} {
		if IsSMSAttribute(name) {
			t.Errorf("IsSMSAttribute(%q) = true", name)
		}
	}
}
