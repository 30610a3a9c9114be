package model

import (
	"strings"
	"testing"

	"github.com/go-sns/connector/region"
)

func TestValidateSMS(t *testing.T) {
	if err := ValidateSMS("+14155550100", "Your code is 123456", SMSOptions{Type: SMSTransactional, SenderID: "MyShop"}); err != nil {
		t.Fatal(err)
	}
	// The limit is in characters, not bytes: 1,600 two-byte characters fit.
	if err := ValidateSMS("+14155550100", strings.Repeat("é", 1600), SMSOptions{}); err != nil {
		t.Errorf("1,600 characters: %v", err)
	}
	tests := []struct {
		name        string
		phone, text string
		opts        SMSOptions
		field       string
		rule        Rule
	}{
		{"no phone", "", "hi", SMSOptions{}, "PhoneNumber", RuleRequired},
		{"not E.164", "(415) 555-0100", "hi", SMSOptions{}, "PhoneNumber", RuleFormat},
		{"no text", "+14155550100", "", SMSOptions{}, "Message.Body", RuleRequired},
		{"text not UTF-8", "+14155550100", "\xff", SMSOptions{}, "Message.Body", RuleCharset},
		{"control character", "+14155550100", "a\x00b", SMSOptions{}, "Message.Body", RuleCharset},
		{"1,601 characters", "+14155550100", strings.Repeat("é", 1601), SMSOptions{}, "Message.Body", RuleMaxLength},
		{"bad option", "+14155550100", "hi", SMSOptions{Type: "Urgent"}, "SMSOptions.Type", RuleFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectProblem(t, ValidateSMS(tt.phone, tt.text, tt.opts), tt.field, tt.rule)
		})
	}
	// All problems at once, and neither the number nor the text quoted.
	err := ValidateSMS("+1415555010012345", "secret code 123456\x00", SMSOptions{MaxPrice: "free"})
	expectProblem(t, err, "PhoneNumber", RuleMaxLength)
	expectProblem(t, err, "Message.Body", RuleCharset)
	expectProblem(t, err, "SMSOptions.MaxPrice", RuleFormat)
	for _, secret := range []string{"4155550100", "secret code"} {
		if strings.Contains(err.Error(), secret) {
			t.Errorf("error quotes %q: %v", secret, err)
		}
	}
}

func TestValidatePush(t *testing.T) {
	must := mustEndpoint(t)
	push := must(ApplicationEndpoint(pushARN)) // in us-east-1
	perProtocol, err := PerProtocol{Default: "Shipped", GCM: FCMPayload{Title: "Order", Body: "Shipped"}}.Message()
	if err != nil {
		t.Fatal(err)
	}
	for name, m := range map[string]Message{
		"plain":        {Body: "Your order has shipped", Attributes: map[string]MessageAttribute{"order": NumberAttribute(42)}},
		"per protocol": perProtocol,
	} {
		if err := ValidatePush(region.USEast1, push, m, DefaultLimits); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}

	tests := []struct {
		name  string
		r     region.Region
		e     Endpoint
		m     Message
		field string
		rule  Rule
	}{
		{"zero endpoint", region.USEast1, Endpoint{}, Message{Body: "x"}, "Endpoint.Protocol", RuleRequired},
		{"not a platform endpoint", region.USEast1, must(SQSEndpoint(queueARN)), Message{Body: "x"}, "Endpoint.Protocol", RuleFormat},
		{"another region", region.EUWest1, push, Message{Body: "x"}, "Endpoint.Address", RuleConflict},
		{"no body", region.USEast1, push, Message{}, "Message.Body", RuleRequired},
		{"subject", region.USEast1, push, Message{Body: "x", Subject: "Hi"}, "Message.Subject", RuleForbidden},
		{"group ID", region.USEast1, push, Message{Body: "x", GroupID: "g"}, "Message.GroupID", RuleForbidden},
		{"deduplication ID", region.USEast1, push, Message{Body: "x", DeduplicationID: "d"}, "Message.DeduplicationID", RuleForbidden},
		{"reserved attribute", region.USEast1, push, Message{Body: "x", Attributes: map[string]MessageAttribute{"AWS.SNS.SMS.SMSType": StringAttribute("Transactional")}},
			`Message.Attributes["AWS.SNS.SMS.SMSType"]`, RuleReserved},
		{"json body without default", region.USEast1, push, Message{Body: `{"GCM":"{}"}`, Structure: StructureJSON}, "Message.Body", RuleRequired},
		{"over the limit", region.USEast1, push, Message{Body: strings.Repeat("x", 262_145)}, "Message", RuleMaxSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectProblem(t, ValidatePush(tt.r, tt.e, tt.m, DefaultLimits), tt.field, tt.rule)
		})
	}
}

func TestPerProtocolMessage(t *testing.T) {
	pp := PerProtocol{Default: "Shipped", SMS: "Order shipped"}
	m, err := pp.Message()
	body, _ := pp.Body()
	if err != nil || m.Structure != StructureJSON || m.Body != body || m.Subject != "" || m.Attributes != nil {
		t.Fatalf("message %+v, %v", m, err)
	}
	if err := m.Validate(); err != nil {
		t.Errorf("the message does not validate: %v", err)
	}
	if _, err := (PerProtocol{SMS: "no default"}).Message(); err == nil {
		t.Error("a body without default made a message")
	}
}
