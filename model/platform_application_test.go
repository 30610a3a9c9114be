package model

import (
	"errors"
	"testing"
	"time"
)

const (
	testTopicARN = "arn:aws:sns:eu-west-1:123456789012:push-events"
	testRoleARN  = "arn:aws:iam::123456789012:role/sns-logs"
)

func TestCreatePlatformApplicationRequestValidation(t *testing.T) {
	_, key := testKeyPair(t)
	ok := func() CreatePlatformApplicationRequest {
		return CreatePlatformApplicationRequest{
			Name: "my-app", Platform: PlatformAPNS,
			Credentials: APNSToken(key, testKeyID, testTeamID, testBundleID),
			Attributes: PlatformApplicationAttributes{
				EventEndpointCreated: testTopicARN, EventDeliveryFailure: testTopicARN,
				SuccessFeedbackRoleARN: testRoleARN, FailureFeedbackRoleARN: testRoleARN, SuccessFeedbackSampleRate: 10,
			},
		}
	}
	attrs, err := ok().RevealAttributes()
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range map[string]string{
		"PlatformCredential": key, "PlatformPrincipal": testKeyID, "ApplePlatformTeamID": testTeamID,
		"ApplePlatformBundleID": testBundleID, "EventEndpointCreated": testTopicARN, "EventDeliveryFailure": testTopicARN,
		"SuccessFeedbackRoleArn": testRoleARN, "FailureFeedbackRoleArn": testRoleARN, "SuccessFeedbackSampleRate": "10",
	} {
		if attrs[k] != v {
			t.Errorf("attribute %s = %.20q; want %.20q", k, attrs[k], v)
		}
	}
	if _, ok := attrs["EventEndpointDeleted"]; ok || len(attrs) != 9 {
		t.Errorf("unset attributes sent: %v", keysOf(attrs))
	}

	tests := []struct {
		name  string
		edit  func(*CreatePlatformApplicationRequest)
		field string
		rule  Rule
	}{
		{"no name", func(r *CreatePlatformApplicationRequest) { r.Name = "" }, "PlatformApplication.Name", RuleRequired},
		{"bad name", func(r *CreatePlatformApplicationRequest) { r.Name = "my app" }, "PlatformApplication.Name", RuleCharset},
		{"no platform", func(r *CreatePlatformApplicationRequest) { r.Platform = "" }, "Platform", RuleRequired},
		{"credentials of another platform", func(r *CreatePlatformApplicationRequest) { r.Platform = PlatformGCM }, "PlatformApplication.Credentials", RuleConflict},
		{"no credentials", func(r *CreatePlatformApplicationRequest) { r.Credentials = PlatformCredentials{} }, "PlatformApplication.Credentials", RuleRequired},
		{"event topic not a topic", func(r *CreatePlatformApplicationRequest) { r.Attributes.EventEndpointUpdated = testAppARN }, "PlatformApplication.EventEndpointUpdated", RuleFormat},
		{"role not a role", func(r *CreatePlatformApplicationRequest) { r.Attributes.FailureFeedbackRoleARN = testTopicARN }, "PlatformApplication.FailureFeedbackRoleARN", RuleFormat},
		{"sample rate over 100", func(r *CreatePlatformApplicationRequest) { r.Attributes.SuccessFeedbackSampleRate = 101 }, "PlatformApplication.SuccessFeedbackSampleRate", RuleRange},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := ok()
			tt.edit(&r)
			wantInvalid(t, r.Validate(), tt.field, tt.rule)
		})
	}
	// Every problem at once.
	bad := CreatePlatformApplicationRequest{Name: "", Platform: "X"}
	if err := bad.Validate(); !errors.Is(err, &ValidationError{Field: "PlatformApplication.Name"}) || !errors.Is(err, &ValidationError{Field: "Platform"}) {
		t.Errorf("want both problems: %v", err)
	}
}

func TestPlatformApplicationChanges(t *testing.T) {
	_, key := testKeyPair(t)
	tests := []struct {
		name string
		ch   PlatformApplicationChange
		want map[string]string
	}{
		{"credentials", SetPlatformCredentials(FCMServiceAccount(testServiceAccount())), map[string]string{"PlatformCredential": testServiceAccount()}},
		{"event topic", SetEndpointEventTopic(EventEndpointDeleted, testTopicARN), map[string]string{"EventEndpointDeleted": testTopicARN}},
		{"event topic cleared", SetEndpointEventTopic(EventDeliveryFailure, ""), map[string]string{"EventDeliveryFailure": ""}},
		{"roles", SetPlatformFeedbackRoles(testRoleARN, ""), map[string]string{"SuccessFeedbackRoleArn": testRoleARN, "FailureFeedbackRoleArn": ""}},
		{"sample rate 0", SetPlatformSuccessSampleRate(0), map[string]string{"SuccessFeedbackSampleRate": "0"}},
	}
	for _, tt := range tests {
		if err := tt.ch.Validate(PlatformGCM); err != nil {
			t.Errorf("%s: %v", tt.name, err)
		}
		got := tt.ch.RevealAttributes()
		if len(got) != len(tt.want) {
			t.Errorf("%s: %v", tt.name, keysOf(got))
		}
		for k, v := range tt.want {
			if g, ok := got[k]; !ok || g != v {
				t.Errorf("%s: %s = %.20q", tt.name, k, g)
			}
		}
	}
	bad := []struct {
		name  string
		ch    PlatformApplicationChange
		field string
		rule  Rule
	}{
		{"zero", PlatformApplicationChange{}, "PlatformApplicationChange", RuleRequired},
		{"credentials of another platform", SetPlatformCredentials(APNSToken(key, testKeyID, testTeamID, testBundleID)), "PlatformApplication.Credentials", RuleConflict},
		{"unknown event", SetEndpointEventTopic("EventEndpointMoved", testTopicARN), "PlatformApplication.Event", RuleFormat},
		{"event topic not a topic", SetEndpointEventTopic(EventEndpointCreated, "arn:aws:sqs:eu-west-1:123456789012:q"), "PlatformApplication.EventEndpointCreated", RuleFormat},
		{"bad role", SetPlatformFeedbackRoles("", "role"), "PlatformApplication.FailureFeedbackRoleARN", RuleFormat},
		{"negative rate", SetPlatformSuccessSampleRate(-1), "PlatformApplication.SuccessFeedbackSampleRate", RuleRange},
	}
	for _, tt := range bad {
		wantInvalid(t, tt.ch.Validate(PlatformGCM), tt.field, tt.rule)
	}
}

func TestParsePlatformApplication(t *testing.T) {
	raw := map[string]string{
		"Enabled": "true", "AppleCertificateExpiryDate": "2027-01-02T03:04:05Z",
		"EventEndpointCreated": testTopicARN, "SuccessFeedbackSampleRate": "25",
		"ApplePlatformTeamID": testTeamID, "ApplePlatformBundleID": testBundleID,
		"AuthenticationMethod": "Token", "PlatformCredential": "LEAKEDsecret", "NewAttribute": "x",
	}
	app := ParsePlatformApplication(testAppARN, raw)
	if app.Platform != PlatformGCM || app.Name != "my-app" || !app.Enabled || app.Attributes.EventEndpointCreated != testTopicARN ||
		app.Attributes.SuccessFeedbackSampleRate != 25 || app.AppleTeamID != testTeamID || app.AppleBundleID != testBundleID ||
		app.AuthenticationMethod != "Token" || !app.AppleCertificateExpiryDate.Equal(time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("parsed %+v", app)
	}
	if _, ok := app.Raw["PlatformCredential"]; ok || app.Raw["NewAttribute"] != "x" {
		t.Errorf("Raw %v", keysOf(app.Raw))
	}
	if ParsePlatformApplication(testAppARN, map[string]string{"Enabled": "false"}).Enabled {
		t.Error("Enabled false read as true")
	}
	if odd := ParsePlatformApplication("not-an-arn", nil); odd.ARN != "not-an-arn" || odd.Name != "" {
		t.Errorf("an ARN the model cannot read is kept as is: %+v", odd)
	}
}
