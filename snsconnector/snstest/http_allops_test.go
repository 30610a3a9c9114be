package snstest_test

import (
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// The operations beyond topics and subscriptions round-trip through the
// SDK's own serializer and deserializer: maps of attributes, booleans,
// timestamps and enums in the XML answers, and their modeled errors.
func TestHTTPMobilePushAndSMS(t *testing.T) {
	fake := snstest.New()
	r := region.EUWest1
	c := rawClient(t, fake, r)

	app, err := c.CreatePlatformApplication(ctx, &sns.CreatePlatformApplicationInput{Name: aws.String("shop"), Platform: aws.String("GCM"),
		Attributes: map[string]string{"PlatformCredential": `{"type":"service_account"}`, "SuccessFeedbackSampleRate": "10"}})
	if err != nil {
		t.Fatal(err)
	}
	attrs, err := c.GetPlatformApplicationAttributes(ctx, &sns.GetPlatformApplicationAttributesInput{PlatformApplicationArn: app.PlatformApplicationArn})
	if err != nil || attrs.Attributes["SuccessFeedbackSampleRate"] != "10" || attrs.Attributes["Enabled"] != "true" {
		t.Fatalf("attributes %v, %v", attrs, err)
	}
	ep, err := c.CreatePlatformEndpoint(ctx, &sns.CreatePlatformEndpointInput{PlatformApplicationArn: app.PlatformApplicationArn, Token: aws.String("tok"), CustomUserData: aws.String("u")})
	if err != nil {
		t.Fatal(err)
	}
	list, err := c.ListEndpointsByPlatformApplication(ctx, &sns.ListEndpointsByPlatformApplicationInput{PlatformApplicationArn: app.PlatformApplicationArn})
	if err != nil || len(list.Endpoints) != 1 || list.Endpoints[0].Attributes["CustomUserData"] != "u" {
		t.Fatalf("endpoints %+v, %v", list, err)
	}
	fake.DisableEndpoint(aws.ToString(ep.EndpointArn))
	_, err = c.Publish(ctx, &sns.PublishInput{TargetArn: ep.EndpointArn, Message: aws.String("hi")})
	var disabled *types.EndpointDisabledException
	if !errors.As(err, &disabled) {
		t.Errorf("a disabled endpoint over HTTP: %v", err)
	}

	fake.OptOut(r, "+14155550100")
	opted, err := c.CheckIfPhoneNumberIsOptedOut(ctx, &sns.CheckIfPhoneNumberIsOptedOutInput{PhoneNumber: aws.String("+14155550100")})
	if err != nil || !opted.IsOptedOut {
		t.Errorf("opted out: %+v, %v", opted, err)
	}
	status, err := c.GetSMSSandboxAccountStatus(ctx, &sns.GetSMSSandboxAccountStatusInput{})
	if err != nil || !status.IsInSandbox {
		t.Errorf("sandbox status %+v, %v", status, err)
	}
	_, err = c.CreateSMSSandboxPhoneNumber(ctx, &sns.CreateSMSSandboxPhoneNumberInput{PhoneNumber: aws.String("+14155550100")})
	var optedOut *types.OptedOutException
	if !errors.As(err, &optedOut) {
		t.Errorf("an opted-out number joins the sandbox: %v", err)
	}
	created := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	fake.AddOriginationNumber(r, types.PhoneNumberInformation{PhoneNumber: aws.String("+18775550100"), CreatedAt: aws.Time(created),
		NumberCapabilities: []types.NumberCapability{types.NumberCapabilitySms, types.NumberCapabilityVoice}, RouteType: types.RouteTypeTransactional})
	nums, err := c.ListOriginationNumbers(ctx, &sns.ListOriginationNumbersInput{})
	if err != nil || len(nums.PhoneNumbers) != 1 || !aws.ToTime(nums.PhoneNumbers[0].CreatedAt).Equal(created) ||
		len(nums.PhoneNumbers[0].NumberCapabilities) != 2 || nums.PhoneNumbers[0].RouteType != types.RouteTypeTransactional {
		t.Errorf("origination numbers %+v, %v", nums, err)
	}

	// The typed client over HTTP too.
	client, err := snsconnector.New(ctx, snsconnector.WithAPI(c))
	if err != nil {
		t.Fatal(err)
	}
	if err := client.SetSMSAttributes(ctx, r, model.SetDefaultSMSType(model.SMSTransactional)); err != nil {
		t.Fatal(err)
	}
	if a, err := client.GetSMSAttributes(ctx, r); err != nil || a.DefaultSMSType != model.SMSTransactional {
		t.Errorf("SMS attributes %+v, %v", a, err)
	}
}
