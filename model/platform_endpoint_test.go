package model

import (
	"strings"
	"testing"
)

const testDeviceToken = "d3v1ce70ken0123456789abcdef0123456789abcdef0123456789abcdef01"

func TestCreatePlatformEndpointRequestValidation(t *testing.T) {
	ok := CreatePlatformEndpointRequest{Application: testAppARN, Token: testDeviceToken, CustomUserData: "user 42 — ünïcode"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := ok.Attributes(); len(got) != 1 || got["CustomUserData"] != "user 42 — ünïcode" {
		t.Errorf("Attributes %v", got)
	}
	if got := (CreatePlatformEndpointRequest{Application: testAppARN, Token: "t"}).Attributes(); got != nil {
		t.Errorf("no user data, no attributes: %v", got)
	}
	tests := []struct {
		name  string
		edit  func(*CreatePlatformEndpointRequest)
		field string
		rule  Rule
	}{
		{"no application", func(r *CreatePlatformEndpointRequest) { r.Application = "" }, "PlatformEndpoint.Application", RuleRequired},
		{"endpoint ARN as application", func(r *CreatePlatformEndpointRequest) { r.Application = testEndpointARN }, "PlatformEndpoint.Application", RuleFormat},
		{"no token", func(r *CreatePlatformEndpointRequest) { r.Token = "" }, "PlatformEndpoint.Token", RuleRequired},
		{"token with space", func(r *CreatePlatformEndpointRequest) { r.Token = "abc def" }, "PlatformEndpoint.Token", RuleCharset},
		{"huge token", func(r *CreatePlatformEndpointRequest) { r.Token = PersonalData(strings.Repeat("a", 4097)) }, "PlatformEndpoint.Token", RuleMaxLength},
		{"user data 2 KB", func(r *CreatePlatformEndpointRequest) { r.CustomUserData = PersonalData(strings.Repeat("u", 2048)) }, "PlatformEndpoint.CustomUserData", RuleMaxSize},
		{"user data not UTF-8", func(r *CreatePlatformEndpointRequest) { r.CustomUserData = "a\xffb" }, "PlatformEndpoint.CustomUserData", RuleCharset},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok
			tt.edit(&r)
			err := r.Validate()
			wantInvalid(t, err, tt.field, tt.rule)
		})
	}
	if err := (CreatePlatformEndpointRequest{Application: testAppARN, Token: "t", CustomUserData: PersonalData(strings.Repeat("u", 2047))}).Validate(); err != nil {
		t.Errorf("2047 bytes of user data: %v", err)
	}
}

// TestParsePlatformEndpoint: the token and user data are read as
// PersonalData and kept out of Raw. That no rendering shows them is
// snsconnector's TestSecretsNeverLeave's to check.
func TestParsePlatformEndpoint(t *testing.T) {
	const data = "customer-4711@example.com"
	ep := ParsePlatformEndpoint(testEndpointARN, map[string]string{"Enabled": "true", "Token": testDeviceToken, "CustomUserData": data, "Other": "x"})
	if ep.Token.Reveal() != testDeviceToken || string(ep.CustomUserData) != data || !ep.Enabled || ep.Raw["Other"] != "x" {
		t.Errorf("parsed %v %v", ep.Enabled, ep.Raw)
	}
	if _, ok := ep.Raw["Token"]; ok {
		t.Error("the token is in Raw, which prints")
	}
	if e, err := ep.Endpoint(); err != nil || e.Address() != testEndpointARN || e.Protocol() != ProtocolApplication {
		t.Errorf("Endpoint() = %v, %v", e, err)
	}
	if ParsePlatformEndpoint(testEndpointARN, map[string]string{"Enabled": "false"}).Enabled {
		t.Error("disabled endpoint read as enabled")
	}
}

func TestEndpointAttributeChanges(t *testing.T) {
	for _, ch := range []EndpointAttributeChange{SetEndpointEnabled(true), SetEndpointEnabled(false), SetEndpointToken("new-token"), SetEndpointCustomUserData(""), SetEndpointCustomUserData("x")} {
		if err := ch.Validate(); err != nil {
			t.Errorf("%s: %v", ch.Name, err)
		}
	}
	if ch := SetEndpointEnabled(false); ch.Name != "Enabled" || ch.Value != "false" {
		t.Errorf("%+v", ch)
	}
	wantInvalid(t, EndpointAttributeChange{}.Validate(), "EndpointAttributeChange.Name", RuleRequired)
	wantInvalid(t, EndpointAttributeChange{Name: "Owner"}.Validate(), "EndpointAttributeChange.Name", RuleFormat)
	wantInvalid(t, SetEndpointToken("").Validate(), "PlatformEndpoint.Token", RuleRequired)
	wantInvalid(t, SetEndpointCustomUserData(PersonalData(strings.Repeat("u", 3000))).Validate(), "PlatformEndpoint.CustomUserData", RuleMaxSize)
}
