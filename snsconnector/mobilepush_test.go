package snsconnector_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// fakeClient is a client on a fresh fake, logging every call to logs.
func fakeClient(t *testing.T) (*snstest.Server, *snsconnector.Client, *bytes.Buffer) {
	t.Helper()
	fake := snstest.New(snstest.WithRegion(region.EUWest1))
	var logs bytes.Buffer
	c, err := snsconnector.New(context.Background(), snsconnector.WithAPIFactory(fake.APIFactory),
		snsconnector.WithLogger(slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	if err != nil {
		t.Fatal(err)
	}
	return fake, c, &logs
}

// signingKey is a fresh PKCS #8 key in PEM form, as Apple's .p8 files are.
func signingKey(t *testing.T) string {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, _ := x509.MarshalPKCS8PrivateKey(k)
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// wantValidation asserts err is an *snsconnector.Error of op and region r
// around a *model.ValidationError of field and rule.
func wantValidation(t *testing.T, err error, op string, r region.Region, field string, rule model.Rule) {
	t.Helper()
	var e *snsconnector.Error
	if !errors.As(err, &e) || e.Op != op || e.Region != r {
		t.Fatalf("%s: got %v; want an *Error of %s in %s", op, err, op, r)
	}
	if !errors.Is(err, &model.ValidationError{Field: field, Rule: rule}) {
		t.Errorf("%s: got %v; want %s %s", op, err, field, rule)
	}
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func TestMobilePushLifecycle(t *testing.T) {
	fake, c, _ := fakeClient(t)
	ctx := context.Background()
	r := region.EUWest1
	topic := must[model.Topic](t)(c.CreateTopic(ctx, r, model.CreateTopicRequest{Name: "push-events"}))

	app := must[model.PlatformApplication](t)(c.CreatePlatformApplication(ctx, r, model.CreatePlatformApplicationRequest{
		Name: "my-app", Platform: model.PlatformAPNS,
		Credentials: model.APNSToken(signingKey(t), "ABC123DEFG", "DEF123GHIJ", "com.example.app"),
		Attributes:  model.PlatformApplicationAttributes{EventEndpointCreated: topic.ARN},
	}))
	if app.ARN != "arn:aws:sns:eu-west-1:123456789012:app/APNS/my-app" || app.Platform != model.PlatformAPNS || !app.Enabled {
		t.Fatalf("created %+v", app)
	}
	got := must[*model.PlatformApplication](t)(c.GetPlatformApplicationAttributes(ctx, r, app.ARN))
	if got.AppleTeamID != "DEF123GHIJ" || got.AppleBundleID != "com.example.app" || got.Attributes.EventEndpointCreated != topic.ARN || !got.Enabled {
		t.Errorf("read back %+v", got)
	}
	if err := c.SetPlatformApplicationAttributes(ctx, r, app.ARN,
		model.SetEndpointEventTopic(model.EventEndpointCreated, ""),
		model.SetEndpointEventTopic(model.EventDeliveryFailure, topic.ARN),
		model.SetPlatformSuccessSampleRate(0)); err != nil {
		t.Fatal(err)
	}
	got = must[*model.PlatformApplication](t)(c.GetPlatformApplicationAttributes(ctx, r, app.ARN))
	if got.Attributes.EventEndpointCreated != "" || got.Attributes.EventDeliveryFailure != topic.ARN || got.Raw["SuccessFeedbackSampleRate"] != "0" {
		t.Errorf("after set %+v", got.Attributes)
	}

	// Endpoints: created, idempotent, refused with other user data.
	req := model.CreatePlatformEndpointRequest{Application: app.ARN, Token: "token-1", CustomUserData: "user 42"}
	ep := must[model.PlatformEndpoint](t)(c.CreatePlatformEndpoint(ctx, r, req))
	if again := must[model.PlatformEndpoint](t)(c.CreatePlatformEndpoint(ctx, r, req)); again.ARN != ep.ARN {
		t.Errorf("CreatePlatformEndpoint is not idempotent: %s then %s", ep.ARN, again.ARN)
	}
	req.CustomUserData = "user 43"
	_, err := c.CreatePlatformEndpoint(ctx, r, req)
	var invalid *types.InvalidParameterException
	if !errors.As(err, &invalid) {
		t.Errorf("same token, other user data: %v", err)
	}
	read := must[*model.PlatformEndpoint](t)(c.GetEndpointAttributes(ctx, r, ep.ARN))
	if !read.Enabled || read.Token != "token-1" || read.CustomUserData != "user 42" {
		t.Errorf("endpoint %+v", read)
	}

	// A push reaches the device; once disabled it fails as SNS fails it.
	device := must[model.Endpoint](t)(ep.Endpoint())
	if _, err := c.PublishToEndpoint(ctx, r, device, model.Message{Body: "hello"}); err != nil {
		t.Fatal(err)
	}
	if msgs := fake.Published(ep.ARN); len(msgs) != 1 || msgs[0].Message != "hello" {
		t.Errorf("pushed %+v", msgs)
	}
	fake.DisableEndpoint(ep.ARN)
	_, err = c.PublishToEndpoint(ctx, r, device, model.Message{Body: "again"})
	var disabled *types.EndpointDisabledException
	if !errors.As(err, &disabled) {
		t.Fatalf("publish to a disabled endpoint: %v", err)
	}
	if err := c.SetEndpointAttributes(ctx, r, ep.ARN, model.SetEndpointToken("token-2"), model.SetEndpointEnabled(true)); err != nil {
		t.Fatal(err)
	}
	if read := must[*model.PlatformEndpoint](t)(c.GetEndpointAttributes(ctx, r, ep.ARN)); !read.Enabled || read.Token.Reveal() != "token-2" {
		t.Errorf("after re-enabling %+v", read)
	}
	if _, err := c.PublishToEndpoint(ctx, r, device, model.Message{Body: "back"}); err != nil {
		t.Errorf("publish after re-enabling: %v", err)
	}

	// Listings follow pages: 105 endpoints are two pages of the fake's 100.
	for i := range 104 {
		must[model.PlatformEndpoint](t)(c.CreatePlatformEndpoint(ctx, r, model.CreatePlatformEndpointRequest{Application: app.ARN, Token: model.PersonalData(fmt.Sprintf("t-%03d", i))}))
	}
	list := must[*model.ListEndpointsResponse](t)(c.ListEndpointsByPlatformApplication(ctx, r, app.ARN))
	if len(list.Endpoints) != 105 || fake.Calls("ListEndpointsByPlatformApplication") != 2 {
		t.Errorf("listed %d endpoints in %d calls", len(list.Endpoints), fake.Calls("ListEndpointsByPlatformApplication"))
	}
	apps := must[*model.ListPlatformApplicationsResponse](t)(c.ListPlatformApplications(ctx, r))
	if len(apps.Applications) != 1 || apps.Applications[0].ARN != app.ARN || apps.Applications[0].AppleBundleID != "com.example.app" {
		t.Errorf("applications %+v", apps.Applications)
	}
	if n := len(must[*model.ListPlatformApplicationsResponse](t)(c.ListPlatformApplications(ctx, region.USEast1)).Applications); n != 0 {
		t.Errorf("applications are regional; us-east-1 lists %d", n)
	}

	// Deletes are idempotent; the application's endpoints go with it.
	for range 2 {
		if err := c.DeleteEndpoint(ctx, r, ep.ARN); err != nil {
			t.Fatal(err)
		}
	}
	var notFound *types.NotFoundException
	if _, err := c.GetEndpointAttributes(ctx, r, ep.ARN); !errors.As(err, &notFound) {
		t.Errorf("deleted endpoint: %v", err)
	}
	if err := c.DeletePlatformApplication(ctx, r, app.ARN); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListEndpointsByPlatformApplication(ctx, r, app.ARN); !errors.As(err, &notFound) {
		t.Errorf("endpoints of a deleted application: %v", err)
	}
}

// Every mobile-push operation refuses bad input, and an ARN of another
// region, before anything is sent.
func TestMobilePushValidationNeverReachesTheWire(t *testing.T) {
	fake, c, _ := fakeClient(t)
	ctx := context.Background()
	r := region.EUWest1
	const (
		app      = "arn:aws:sns:eu-west-1:123456789012:app/GCM/my-app"
		otherApp = "arn:aws:sns:us-east-1:123456789012:app/GCM/my-app"
		ep       = "arn:aws:sns:eu-west-1:123456789012:endpoint/GCM/my-app/5e3e9847-3183-3f18-a7e8-671c3a57d4b3"
		otherEP  = "arn:aws:sns:us-east-1:123456789012:endpoint/GCM/my-app/5e3e9847-3183-3f18-a7e8-671c3a57d4b3"
	)
	tests := []struct {
		op, field string
		rule      model.Rule
		call      func() error
	}{
		{"CreatePlatformApplication", "PlatformApplication.Name", model.RuleCharset, func() error {
			_, err := c.CreatePlatformApplication(ctx, r, model.CreatePlatformApplicationRequest{Name: "my app", Platform: model.PlatformGCM, Credentials: model.FCMServiceAccount(`{"type":"service_account","private_key":"k","client_email":"e"}`)})
			return err
		}},
		{"CreatePlatformApplication", "PlatformApplication.Credentials", model.RuleConflict, func() error {
			_, err := c.CreatePlatformApplication(ctx, r, model.CreatePlatformApplicationRequest{Name: "a", Platform: model.PlatformGCM, Credentials: model.ADMCredentials("id", "secret")})
			return err
		}},
		{"GetPlatformApplicationAttributes", "PlatformApplicationARN", model.RuleFormat, func() error {
			_, err := c.GetPlatformApplicationAttributes(ctx, r, ep)
			return err
		}},
		{"GetPlatformApplicationAttributes", "PlatformApplicationARN", model.RuleConflict, func() error {
			_, err := c.GetPlatformApplicationAttributes(ctx, r, otherApp)
			return err
		}},
		{"SetPlatformApplicationAttributes", "PlatformApplication.Credentials", model.RuleConflict, func() error {
			return c.SetPlatformApplicationAttributes(ctx, r, app, model.SetPlatformCredentials(model.APNSToken(signingKey(t), "ABC123DEFG", "DEF123GHIJ", "com.example.app")))
		}},
		{"SetPlatformApplicationAttributes", "PlatformApplication.SuccessFeedbackSampleRate", model.RuleRange, func() error {
			return c.SetPlatformApplicationAttributes(ctx, r, app, model.SetPlatformSuccessSampleRate(101))
		}},
		{"DeletePlatformApplication", "PlatformApplicationARN", model.RuleConflict, func() error {
			return c.DeletePlatformApplication(ctx, r, otherApp)
		}},
		{"ListPlatformApplications", "Region", model.RuleFormat, func() error {
			_, err := c.ListPlatformApplications(ctx, "mars-1")
			return err
		}},
		{"CreatePlatformEndpoint", "PlatformEndpoint.Token", model.RuleRequired, func() error {
			_, err := c.CreatePlatformEndpoint(ctx, r, model.CreatePlatformEndpointRequest{Application: app})
			return err
		}},
		{"CreatePlatformEndpoint", "PlatformApplicationARN", model.RuleConflict, func() error {
			_, err := c.CreatePlatformEndpoint(ctx, r, model.CreatePlatformEndpointRequest{Application: otherApp, Token: "t"})
			return err
		}},
		{"GetEndpointAttributes", "EndpointARN", model.RuleConflict, func() error {
			_, err := c.GetEndpointAttributes(ctx, r, otherEP)
			return err
		}},
		{"SetEndpointAttributes", "PlatformEndpoint.CustomUserData", model.RuleMaxSize, func() error {
			return c.SetEndpointAttributes(ctx, r, ep, model.SetEndpointCustomUserData(model.PersonalData(strings.Repeat("u", 2048))))
		}},
		{"DeleteEndpoint", "EndpointARN", model.RuleFormat, func() error {
			return c.DeleteEndpoint(ctx, r, app)
		}},
		{"ListEndpointsByPlatformApplication", "PlatformApplicationARN", model.RuleConflict, func() error {
			_, err := c.ListEndpointsByPlatformApplication(ctx, r, otherApp)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.op+" "+tt.field, func(t *testing.T) {
			err := tt.call()
			if tt.field == "Region" {
				var e *snsconnector.Error
				if !errors.As(err, &e) || e.Op != tt.op {
					t.Fatalf("got %v", err)
				}
			} else {
				wantValidation(t, err, tt.op, r, tt.field, tt.rule)
			}
			if n := fake.Calls(tt.op); n != 0 {
				t.Errorf("%s reached the fake %d times", tt.op, n)
			}
		})
	}
}
