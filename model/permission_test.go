package model

import (
	"strings"
	"testing"
)

func TestPermissionValidation(t *testing.T) {
	ok := Permission{Label: "AllowPartnerPublish", AccountIDs: []string{"111122223333", "444455556666"}, Actions: []string{"Publish", "Subscribe"}}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		edit  func(*Permission)
		field string
		rule  Rule
	}{
		{"no label", func(p *Permission) { p.Label = "" }, "Permission.Label", RuleRequired},
		{"label with space", func(p *Permission) { p.Label = "allow partner" }, "Permission.Label", RuleCharset},
		{"long label", func(p *Permission) { p.Label = strings.Repeat("l", 257) }, "Permission.Label", RuleMaxLength},
		{"no accounts", func(p *Permission) { p.AccountIDs = nil }, "Permission.AccountIDs", RuleRequired},
		{"short account", func(p *Permission) { p.AccountIDs = []string{"111122223333", "1234"} }, "Permission.AccountIDs[1]", RuleFormat},
		{"no actions", func(p *Permission) { p.Actions = nil }, "Permission.Actions", RuleRequired},
		{"prefixed action", func(p *Permission) { p.Actions = []string{"SNS:Publish"} }, "Permission.Actions[0]", RuleFormat},
		{"wildcard action", func(p *Permission) { p.Actions = []string{"Publish", "*"} }, "Permission.Actions[1]", RuleFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := ok
			p.AccountIDs = append([]string(nil), ok.AccountIDs...)
			tt.edit(&p)
			wantInvalid(t, p.Validate(), tt.field, tt.rule)
		})
	}
}

func TestDataProtectionPolicyRules(t *testing.T) {
	if err := ValidateDataProtectionPolicy(`{"Name":"p","Version":"2021-06-01","Statement":[]}`); err != nil {
		t.Fatal(err)
	}
	wantInvalid(t, ValidateDataProtectionPolicy(""), "DataProtectionPolicy", RuleRequired)
	wantInvalid(t, ValidateDataProtectionPolicy("[1]"), "DataProtectionPolicy", RuleFormat)
	wantInvalid(t, ValidateDataProtectionPolicy(`{"a":"`+strings.Repeat("x", 30_720)+`"}`), "DataProtectionPolicy", RuleMaxLength)
	// CreateTopic applies the same rule.
	wantInvalid(t, CreateTopicRequest{Name: "t", DataProtectionPolicy: `{"a":"` + strings.Repeat("x", 30_720) + `"}`}.Validate(), "DataProtectionPolicy", RuleMaxLength)
}
