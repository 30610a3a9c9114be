package model

import (
	"strings"
	"testing"

	"github.com/go-sns/connector/region"
)

const (
	testAppARN      = "arn:aws:sns:eu-west-1:123456789012:app/GCM/my-app"
	testEndpointARN = "arn:aws:sns:eu-west-1:123456789012:endpoint/GCM/my-app/5e3e9847-3183-3f18-a7e8-671c3a57d4b3"
)

func TestParsePlatformARNs(t *testing.T) {
	app, err := ParsePlatformApplicationARN(testAppARN)
	if err != nil {
		t.Fatal(err)
	}
	if app.Platform != PlatformGCM || app.Name != "my-app" || app.Region != region.EUWest1 || app.AccountID != "123456789012" || app.String() != testAppARN {
		t.Errorf("application ARN %+v", app)
	}
	ep, err := ParsePlatformEndpointARN(testEndpointARN)
	if err != nil {
		t.Fatal(err)
	}
	if ep.Application != app || ep.ID != "5e3e9847-3183-3f18-a7e8-671c3a57d4b3" || ep.String() != testEndpointARN {
		t.Errorf("endpoint ARN %+v", ep)
	}
	cn, err := ParsePlatformApplicationARN("arn:aws-cn:sns:cn-north-1:123456789012:app/APNS_SANDBOX/a.b_c-d")
	if err != nil || cn.Platform != PlatformAPNSSandbox || cn.Name != "a.b_c-d" {
		t.Errorf("China ARN: %+v %v", cn, err)
	}
	if err := app.ValidateRegion(region.EUWest1); err != nil {
		t.Error(err)
	}
	wantInvalid(t, app.ValidateRegion(region.USEast1), "PlatformApplicationARN", RuleConflict)
	wantInvalid(t, ep.ValidateRegion(region.CNNorth1), "EndpointARN", RuleConflict)
}

func TestParsePlatformARNsRefuseOtherShapes(t *testing.T) {
	for _, arn := range []string{
		"",
		"arn:aws:sns:eu-west-1:123456789012:my-topic",
		"arn:aws:sns:eu-west-1:123456789012:app/GCM",
		"arn:aws:sns:eu-west-1:123456789012:app/IOS/my-app",
		"arn:aws:sns:eu-west-1:123456789012:app/GCM/my app",
		"arn:aws:sns:eu-west-1:123456789012:app/GCM/" + strings.Repeat("a", 257),
		"arn:aws:sqs:eu-west-1:123456789012:app/GCM/my-app",
		testEndpointARN,
	} {
		if _, err := ParsePlatformApplicationARN(arn); err == nil {
			t.Errorf("application ARN %.60q accepted", arn)
		} else if arn != "" && strings.Contains(err.Error(), arn) {
			t.Errorf("the error quotes the ARN: %v", err)
		}
	}
	for _, arn := range []string{
		testAppARN,
		"arn:aws:sns:eu-west-1:123456789012:endpoint/GCM/my-app",
		"arn:aws:sns:eu-west-1:123456789012:endpoint/GCM/my-app/id/extra",
		"arn:aws:sns:eu-west-1:123456789012:endpoint/GCM/my-app/id_with_underscore",
		"arn:aws:sns:eu-west-1:123456789012:endpoint/PUSHY/my-app/5e3e9847",
	} {
		if _, err := ParsePlatformEndpointARN(arn); err == nil {
			t.Errorf("endpoint ARN %q accepted", arn)
		}
	}
}

func TestPlatformAndApplicationNameRules(t *testing.T) {
	for _, p := range platforms {
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	wantInvalid(t, Platform("").Validate(), "Platform", RuleRequired)
	wantInvalid(t, Platform("FCM").Validate(), "Platform", RuleFormat)
	if err := ValidateApplicationName(strings.Repeat("a", 256)); err != nil {
		t.Error(err)
	}
	wantInvalid(t, ValidateApplicationName(""), "PlatformApplication.Name", RuleRequired)
	wantInvalid(t, ValidateApplicationName(strings.Repeat("a", 257)), "PlatformApplication.Name", RuleMaxLength)
	wantInvalid(t, ValidateApplicationName("my/app"), "PlatformApplication.Name", RuleCharset)
}
