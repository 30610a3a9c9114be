package model

import (
	"strings"
	"testing"
)

func TestSMSAttributeChanges(t *testing.T) {
	good := []struct {
		ch          SMSAttributeChange
		name, value string
	}{
		{SetDefaultSMSType(SMSTransactional), "DefaultSMSType", "Transactional"},
		{SetMonthlySpendLimit(0), "MonthlySpendLimit", "0"},
		{SetMonthlySpendLimit(250), "MonthlySpendLimit", "250"},
		{SetDefaultSenderID("A"), "DefaultSenderID", "A"},
		{SetDefaultSenderID("MyShop2"), "DefaultSenderID", "MyShop2"},
		{SetDefaultSenderID(""), "DefaultSenderID", ""},
		{SetDeliveryStatusIAMRole(testRoleARN), "DeliveryStatusIAMRole", testRoleARN},
		{SetDeliveryStatusSuccessSamplingRate(0), "DeliveryStatusSuccessSamplingRate", "0"},
		{SetDeliveryStatusSuccessSamplingRate(100), "DeliveryStatusSuccessSamplingRate", "100"},
		{SetUsageReportS3Bucket("sms-reports.example-1"), "UsageReportS3Bucket", "sms-reports.example-1"},
	}
	for _, g := range good {
		if err := g.ch.Validate(); err != nil || g.ch.Name != g.name || g.ch.Value != g.value {
			t.Errorf("%s=%s: %+v %v", g.name, g.value, g.ch, err)
		}
	}
	bad := []struct {
		name  string
		ch    SMSAttributeChange
		field string
		rule  Rule
	}{
		{"zero", SMSAttributeChange{}, "SMSAttributeChange.Name", RuleRequired},
		{"unknown", SMSAttributeChange{Name: "DefaultVoiceID"}, "SMSAttributeChange.Name", RuleFormat},
		{"type", SetDefaultSMSType("Marketing"), "SMSAttributes.DefaultSMSType", RuleFormat},
		{"negative limit", SetMonthlySpendLimit(-5), "SMSAttributes.MonthlySpendLimit", RuleRange},
		{"sender too long", SetDefaultSenderID("ABCDEFGHIJKL"), "SMSAttributes.DefaultSenderID", RuleMaxLength},
		{"sender digits only", SetDefaultSenderID("12345"), "SMSAttributes.DefaultSenderID", RuleFormat},
		{"sender with space", SetDefaultSenderID("My Shop"), "SMSAttributes.DefaultSenderID", RuleCharset},
		{"role", SetDeliveryStatusIAMRole("arn:aws:iam::123456789012:user/u"), "SMSAttributes.DeliveryStatusIAMRole", RuleFormat},
		{"rate", SetDeliveryStatusSuccessSamplingRate(101), "SMSAttributes.DeliveryStatusSuccessSamplingRate", RuleRange},
		{"bucket upper case", SetUsageReportS3Bucket("Reports"), "SMSAttributes.UsageReportS3Bucket", RuleCharset},
		{"bucket short", SetUsageReportS3Bucket("ab"), "SMSAttributes.UsageReportS3Bucket", RuleFormat},
		{"bucket long", SetUsageReportS3Bucket(strings.Repeat("a", 64)), "SMSAttributes.UsageReportS3Bucket", RuleFormat},
		{"bucket dash end", SetUsageReportS3Bucket("reports-"), "SMSAttributes.UsageReportS3Bucket", RuleFormat},
		{"bucket double dot", SetUsageReportS3Bucket("a..b"), "SMSAttributes.UsageReportS3Bucket", RuleFormat},
		{"bucket IP", SetUsageReportS3Bucket("192.168.5.4"), "SMSAttributes.UsageReportS3Bucket", RuleFormat},
	}
	for _, b := range bad {
		t.Run(b.name, func(t *testing.T) { wantInvalid(t, b.ch.Validate(), b.field, b.rule) })
	}
	// A message's sender ID keeps the guide's minimum of 3.
	wantInvalid(t, SMSOptions{SenderID: "AB"}.Validate(), "SMSOptions.SenderID", RuleMinLength)
}

func TestParseSMSAttributes(t *testing.T) {
	raw := map[string]string{
		"DefaultSMSType": "Transactional", "MonthlySpendLimit": "100", "DefaultSenderID": "MyShop",
		"DeliveryStatusIAMRole": testRoleARN, "DeliveryStatusSuccessSamplingRate": "10",
		"UsageReportS3Bucket": "reports", "NewSetting": "x",
	}
	a := ParseSMSAttributes(raw)
	if a.DefaultSMSType != SMSTransactional || a.MonthlySpendLimit != 100 || a.DefaultSenderID != "MyShop" ||
		a.DeliveryStatusIAMRole != testRoleARN || a.DeliveryStatusSuccessSamplingRate != 10 || a.UsageReportS3Bucket != "reports" || a.Raw["NewSetting"] != "x" {
		t.Errorf("%+v", a)
	}
	if z := ParseSMSAttributes(map[string]string{"MonthlySpendLimit": "lots"}); z.MonthlySpendLimit != 0 || z.Raw["MonthlySpendLimit"] != "lots" {
		t.Errorf("unparsable values stay in Raw only: %+v", z)
	}
}

func TestSandboxRules(t *testing.T) {
	for _, otp := range []string{"12345", "12345678"} {
		if err := ValidateOneTimePassword(otp); err != nil {
			t.Errorf("%s: %v", otp, err)
		}
	}
	wantInvalid(t, ValidateOneTimePassword(""), "OneTimePassword", RuleRequired)
	for _, otp := range []string{"1234", "123456789", "12a45", " 12345"} {
		wantInvalid(t, ValidateOneTimePassword(otp), "OneTimePassword", RuleFormat)
	}
	for _, l := range append([]LanguageCode{""}, languageCodes...) {
		if err := l.Validate(); err != nil {
			t.Errorf("%s: %v", l, err)
		}
	}
	wantInvalid(t, LanguageCode("en").Validate(), "LanguageCode", RuleFormat)
	wantInvalid(t, LanguageCode("ja-JA").Validate(), "LanguageCode", RuleFormat)
}
