package snstest_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector/snstest"
)

func createApp(t *testing.T, fake *snstest.Server, platform string, attrs map[string]string) string {
	t.Helper()
	out, err := fake.CreatePlatformApplication(ctx, &sns.CreatePlatformApplicationInput{Name: aws.String("app"), Platform: aws.String(platform), Attributes: attrs})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.PlatformApplicationArn)
}

func TestPlatformApplicationRulesAndSecrecy(t *testing.T) {
	fake := snstest.New()
	const key = "-----BEGIN PRIVATE KEY-----\nSIGNINGkey\n-----END PRIVATE KEY-----\n"
	arn := createApp(t, fake, "APNS", map[string]string{"PlatformCredential": key, "PlatformPrincipal": "ABC123DEFG", "ApplePlatformTeamID": "DEF123GHIJ", "ApplePlatformBundleID": "com.example.app"})
	if arn != "arn:aws:sns:us-east-1:123456789012:app/APNS/app" {
		t.Errorf("ARN %s", arn)
	}
	got, err := fake.GetPlatformApplicationAttributes(ctx, &sns.GetPlatformApplicationAttributesInput{PlatformApplicationArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := got.Attributes["PlatformCredential"]; ok || got.Attributes["Enabled"] != "true" || got.Attributes["ApplePlatformBundleID"] != "com.example.app" {
		t.Errorf("attributes %v", got.Attributes)
	}
	createApp(t, fake, "GCM", map[string]string{"PlatformCredential": `{"type":"service_account"}`}) // FCM has no principal

	bad := []struct {
		name, platform string
		attrs          map[string]string
	}{
		{"no credential", "ADM", map[string]string{"PlatformPrincipal": "id"}},
		{"no principal", "ADM", map[string]string{"PlatformCredential": "secret"}},
		{"token without team", "APNS", map[string]string{"PlatformCredential": key, "PlatformPrincipal": "ABC123DEFG"}},
		{"unknown attribute", "GCM", map[string]string{"PlatformCredential": "x", "Colour": "blue"}},
		{"event topic not a topic", "GCM", map[string]string{"PlatformCredential": "x", "EventEndpointCreated": "arn:aws:sqs:us-east-1:123456789012:q"}},
		{"sample rate", "GCM", map[string]string{"PlatformCredential": "x", "SuccessFeedbackSampleRate": "101"}},
		{"unknown platform", "IOS", map[string]string{"PlatformCredential": "x"}},
	}
	for _, b := range bad {
		_, err := fake.CreatePlatformApplication(ctx, &sns.CreatePlatformApplicationInput{Name: aws.String("x"), Platform: aws.String(b.platform), Attributes: b.attrs})
		wantErr[*types.InvalidParameterException](t, err, b.name)
	}
	_, err = fake.CreatePlatformApplication(ctx, &sns.CreatePlatformApplicationInput{Name: aws.String("x")})
	if p := wantErr[smithy.InvalidParamsError](t, err, "missing members"); p.Len() != 2 {
		t.Errorf("want Attributes and Platform missing: %v", err)
	}
	_, err = fake.GetPlatformApplicationAttributes(ctx, &sns.GetPlatformApplicationAttributesInput{PlatformApplicationArn: aws.String("arn:aws:sns:us-east-1:123456789012:app/GCM/nope")})
	wantErr[*types.NotFoundException](t, err, "missing application")
	_, err = fake.GetPlatformApplicationAttributes(ctx, &sns.GetPlatformApplicationAttributesInput{PlatformApplicationArn: aws.String(arn)}, inRegion(region.EUWest1))
	wantErr[*types.InvalidParameterException](t, err, "application of another region")
}

func TestPlatformEndpointsAndPushes(t *testing.T) {
	fake := snstest.New()
	app := createApp(t, fake, "GCM", map[string]string{"PlatformCredential": `{"type":"service_account"}`})
	out, err := fake.CreatePlatformEndpoint(ctx, &sns.CreatePlatformEndpointInput{PlatformApplicationArn: aws.String(app), Token: aws.String("tok"), CustomUserData: aws.String("u1")})
	if err != nil {
		t.Fatal(err)
	}
	ep := aws.ToString(out.EndpointArn)
	if !strings.HasPrefix(ep, "arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/") {
		t.Errorf("endpoint ARN %s", ep)
	}
	_, err = fake.CreatePlatformEndpoint(ctx, &sns.CreatePlatformEndpointInput{PlatformApplicationArn: aws.String(app), Token: aws.String("tok"), CustomUserData: aws.String("u2")})
	if e := wantErr[*types.InvalidParameterException](t, err, "same token, other data"); e != nil && !strings.Contains(e.ErrorMessage(), "already exists with the same Token, but different attributes") {
		t.Errorf("message %q", e.ErrorMessage())
	}
	_, err = fake.CreatePlatformEndpoint(ctx, &sns.CreatePlatformEndpointInput{PlatformApplicationArn: aws.String(app), Token: aws.String("t2"), CustomUserData: aws.String(strings.Repeat("u", 2048))})
	wantErr[*types.InvalidParameterException](t, err, "2 KB of user data")

	push := func(target string) error {
		_, err := fake.Publish(ctx, &sns.PublishInput{TargetArn: aws.String(target), Message: aws.String(`{"default":"hi","GCM":"{}"}`), MessageStructure: aws.String("json")})
		return err
	}
	if err := push(ep); err != nil {
		t.Fatal(err)
	}
	if m := fake.Published(ep); len(m) != 1 || m[0].TargetARN != ep || m[0].MessageStructure != "json" {
		t.Errorf("recorded %+v", m)
	}
	_, err = fake.SetEndpointAttributes(ctx, &sns.SetEndpointAttributesInput{EndpointArn: aws.String(ep), Attributes: map[string]string{"Enabled": "false"}})
	if err != nil {
		t.Fatal(err)
	}
	if e := wantErr[*types.EndpointDisabledException](t, push(ep), "disabled endpoint"); e != nil && e.ErrorMessage() != "Endpoint is disabled" {
		t.Errorf("message %q", e.ErrorMessage())
	}
	_, err = fake.SetEndpointAttributes(ctx, &sns.SetEndpointAttributesInput{EndpointArn: aws.String(ep), Attributes: map[string]string{"Enabled": "yes"}})
	wantErr[*types.InvalidParameterException](t, err, "Enabled yes")
	wantErr[*types.InvalidParameterException](t, push(ep+"0"), "unknown endpoint")
	if len(fake.Published(ep)) != 1 {
		t.Error("a refused push was recorded")
	}
	if !fake.DisableEndpoint(ep) || fake.DisableEndpoint(ep+"0") {
		t.Error("DisableEndpoint reports whether the endpoint exists")
	}

	if _, err := fake.DeletePlatformApplication(ctx, &sns.DeletePlatformApplicationInput{PlatformApplicationArn: aws.String(app)}); err != nil {
		t.Fatal(err)
	}
	_, err = fake.GetEndpointAttributes(ctx, &sns.GetEndpointAttributesInput{EndpointArn: aws.String(ep)})
	wantErr[*types.NotFoundException](t, err, "endpoint of a deleted application")
}

func TestSMSAccountRules(t *testing.T) {
	fake := snstest.New()
	for name, v := range map[string]string{"DefaultSMSType": "Marketing", "MonthlySpendLimit": "1.5", "DefaultSenderID": "12", "DeliveryStatusSuccessSamplingRate": "200", "UsageReportS3Bucket": "Bad_Bucket", "Colour": "blue"} {
		_, err := fake.SetSMSAttributes(ctx, &sns.SetSMSAttributesInput{Attributes: map[string]string{name: v}})
		wantErr[*types.InvalidParameterException](t, err, name+"="+v)
	}
	if _, err := fake.SetSMSAttributes(ctx, &sns.SetSMSAttributesInput{Attributes: map[string]string{"DefaultSMSType": "Transactional", "MonthlySpendLimit": "5"}}); err != nil {
		t.Fatal(err)
	}
	out, err := fake.GetSMSAttributes(ctx, &sns.GetSMSAttributesInput{Attributes: []string{"MonthlySpendLimit"}})
	if err != nil || len(out.Attributes) != 1 || out.Attributes["MonthlySpendLimit"] != "5" {
		t.Errorf("GetSMSAttributes with a name: %v %v", out, err)
	}
	_, err = fake.CheckIfPhoneNumberIsOptedOut(ctx, &sns.CheckIfPhoneNumberIsOptedOutInput{PhoneNumber: aws.String("0044")})
	wantErr[*types.InvalidParameterException](t, err, "not E.164")
	_, err = fake.ListOriginationNumbers(ctx, &sns.ListOriginationNumbersInput{MaxResults: aws.Int32(31)})
	wantErr[*types.InvalidParameterException](t, err, "MaxResults 31")
	_, err = fake.VerifySMSSandboxPhoneNumber(ctx, &sns.VerifySMSSandboxPhoneNumberInput{PhoneNumber: aws.String("+14155550100"), OneTimePassword: aws.String("123456")})
	wantErr[*types.ResourceNotFoundException](t, err, "verify a number never added")
	if _, ok := fake.SandboxOneTimePassword(region.USEast1, "+14155550100"); ok {
		t.Error("a password for a number never added")
	}
}

func TestTopicArchiveAndPermissions(t *testing.T) {
	fake := snstest.New()
	fifo := mustCreate(t, fake, "t.fifo", map[string]string{"FifoTopic": "true", "ArchivePolicy": `{"MessageRetentionPeriod":"7"}`})
	attrs, _ := fake.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(fifo)})
	if attrs.Attributes["BeginningArchiveTime"] == "" {
		t.Errorf("no BeginningArchiveTime: %v", attrs.Attributes)
	}
	for _, v := range []string{`{"MessageRetentionPeriod":"0"}`, `{"MessageRetentionPeriod":"366"}`, `[]`} {
		_, err := fake.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(fifo), AttributeName: aws.String("ArchivePolicy"), AttributeValue: aws.String(v)})
		wantErr[*types.InvalidParameterException](t, err, "ArchivePolicy "+v)
	}
	std := mustCreate(t, fake, "t", nil)
	_, err := fake.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(std), AttributeName: aws.String("ArchivePolicy"), AttributeValue: aws.String(`{"MessageRetentionPeriod":"7"}`)})
	wantErr[*types.InvalidParameterException](t, err, "ArchivePolicy on a standard topic")

	_, err = fake.AddPermission(ctx, &sns.AddPermissionInput{TopicArn: aws.String(std), Label: aws.String("p"), AWSAccountId: []string{"111122223333"}, ActionName: []string{"SNS:Publish"}})
	wantErr[*types.InvalidParameterException](t, err, "prefixed action")
	_, err = fake.RemovePermission(ctx, &sns.RemovePermissionInput{TopicArn: aws.String(std), Label: aws.String("never")})
	wantErr[*types.InvalidParameterException](t, err, "remove an unknown label")
	_, err = fake.AddPermission(ctx, &sns.AddPermissionInput{TopicArn: aws.String(std + "x"), Label: aws.String("p"), AWSAccountId: []string{"111122223333"}, ActionName: []string{"Publish"}})
	wantErr[*types.NotFoundException](t, err, "missing topic")
}
