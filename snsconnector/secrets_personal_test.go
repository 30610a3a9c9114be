package snsconnector

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/internal/profilecases"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// The planted personal data, and the platform secrets of mobile push.
const (
	leakPhone        = "+14155550199"
	leakPhoneDigits  = "14155550199" // as SNS may echo it, without the '+'
	leakOTP          = "8675309"
	leakEmail        = "alice.personal@example.com"
	leakHookPassword = "hookPASSWORDvalue"
	leakHookURL      = "https://user:" + leakHookPassword + "@hooks.example.com/secret-path?token=abc123"
	leakDeviceToken  = "DEVICEtoken0123456789abcdef"
	leakUserData     = "customer-4711@example.com"
	leakConfirmToken = "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f79"
	leakADMSecret    = "ADMclientSECRETvalue"
	leakBaiduKey     = "BaiduAPIkeyVALUE"
	leakBaiduSecret  = "BaiduSecretVALUE"
	leakWNSSecret    = "WNSsecretVALUE"
	leakFCMKey       = "FCMprivateKEYmaterial0123456789"
)

// personalLeakRows drive the operations that carry personal data or
// platform credentials (mobile push, SMS, subscriptions) through the SDK
// path to snstest's fake, which echoes the values back in SNS's error
// shape as SNS does, and render what they return.
var personalLeakRows = []leakRow{
	{"mobile push: results, and what SNS echoes of credentials, device tokens and user data", func(t *testing.T, e *leakEnv) []any {
		c, fake := e.stubClient(t)
		ctx, r := t.Context(), region.USEast1
		key := apnsKey(t)
		e.plantAs(secret, profilecases.BodyLines([]byte(key))...)
		e.plantAs(personal, leakDeviceToken, leakUserData)
		creds := model.APNSToken(key, "ABC123DEFG", "DEF123GHIJ", "com.example.app")
		appReq := model.CreatePlatformApplicationRequest{Name: "a", Platform: model.PlatformAPNS, Credentials: creds}
		app, err := c.CreatePlatformApplication(ctx, r, appReq)
		if err != nil {
			t.Fatal(err)
		}
		epReq := model.CreatePlatformEndpointRequest{Application: app.ARN, Token: leakDeviceToken, CustomUserData: leakUserData}
		ep, err := c.CreatePlatformEndpoint(ctx, r, epReq)
		if err != nil {
			t.Fatal(err)
		}
		got, err := c.GetEndpointAttributes(ctx, r, ep.ARN)
		if err != nil || got.Token.Reveal() != leakDeviceToken {
			t.Fatalf("GetEndpointAttributes: %v", err)
		}
		list, err := c.ListEndpointsByPlatformApplication(ctx, r, app.ARN)
		if err != nil {
			t.Fatal(err)
		}
		gotApp, err := c.GetPlatformApplicationAttributes(ctx, r, app.ARN)
		if err != nil {
			t.Fatal(err)
		}
		changes := []model.EndpointAttributeChange{model.SetEndpointToken(leakDeviceToken), model.SetEndpointCustomUserData(leakUserData)}
		out := []any{creds, appReq, epReq, app, ep, got, list, gotApp, changes, model.SetPlatformCredentials(creds)}

		echo := func(op string, values ...string) {
			fake.FailNext(op, &types.InvalidParameterException{Message: aws.String("Invalid parameter: " + strings.Join(values, " "))})
		}
		echo("CreatePlatformApplication", key)
		_, err = c.CreatePlatformApplication(ctx, r, model.CreatePlatformApplicationRequest{Name: "b", Platform: model.PlatformAPNS, Credentials: creds})
		out = append(out, mustRedact(t, err))
		echo("SetPlatformApplicationAttributes", key)
		out = append(out, mustRedact(t, c.SetPlatformApplicationAttributes(ctx, r, app.ARN, model.SetPlatformCredentials(creds))))
		echo("CreatePlatformEndpoint", leakDeviceToken, leakUserData)
		_, err = c.CreatePlatformEndpoint(ctx, r, epReq)
		out = append(out, mustRedact(t, err))
		echo("SetEndpointAttributes", leakDeviceToken, leakUserData)
		return append(out, mustRedact(t, c.SetEndpointAttributes(ctx, r, ep.ARN, changes...)))
	}},
	{"mobile push: invalid credentials, tokens and user data", func(t *testing.T, e *leakEnv) []any {
		c, fake := e.stubClient(t)
		ctx, r := t.Context(), region.USEast1
		key := apnsKey(t)
		e.plant(profilecases.BodyLines([]byte(key))...)
		e.plant(leakFCMKey, leakADMSecret, "sec\nret", "AIzaLegacyServerKEYvalue")
		e.plantAs(personal, "DEVICE token with space", strings.Repeat("u", 2048))
		const app = "arn:aws:sns:us-east-1:123456789012:app/APNS/a"
		const ep = "arn:aws:sns:us-east-1:123456789012:endpoint/APNS/a/5e3e9847-3183-3f18-a7e0-4f2c3d8c6e5a"
		var out []any
		for _, req := range []model.CreatePlatformApplicationRequest{
			{Name: "a", Platform: model.PlatformGCM, Credentials: model.APNSToken(key, "ABC123DEFG", "DEF123GHIJ", "com.example.app")},
			{Name: "a", Platform: model.PlatformAPNS, Credentials: model.APNSToken(key, "ABC", "DEF123GHIJ", "com.example.app")},
			{Name: "a", Platform: model.PlatformAPNS, Credentials: model.APNSCertificate(key, key)},
			{Name: "a", Platform: model.PlatformAPNS, Credentials: model.FCMServiceAccount(fcmServiceAccount())},
			{Name: "a", Platform: model.PlatformGCM, Credentials: model.FCMServiceAccount(`{"type":"authorized_user","private_key":"` + leakFCMKey + `"}`)},
			{Name: "a", Platform: model.PlatformGCM, Credentials: model.FCMServiceAccount("AIzaLegacyServerKEYvalue")},
			{Name: "a", Platform: model.PlatformAPNS, Credentials: model.APNSToken(key[:len(key)/2], "ABC123DEFG", "DEF123GHIJ", "com.example.app")},
			{Name: "a", Platform: model.PlatformAPNS, Credentials: model.APNSCertificate(string(e.fx.certPEM), strings.Repeat(key, 400))},
			{Name: "a", Platform: model.PlatformADM, Credentials: model.ADMCredentials("amzn1.client", "sec\nret")},
			{Name: "a", Platform: model.PlatformBaidu, Credentials: model.ADMCredentials("amzn1.client", leakADMSecret)},
		} {
			_, err := c.CreatePlatformApplication(ctx, r, req)
			out = append(out, mustInvalid(t, err))
		}
		_, err := c.CreatePlatformEndpoint(ctx, r, model.CreatePlatformEndpointRequest{Application: app, Token: "DEVICE token with space"})
		out = append(out, mustInvalid(t, err))
		_, err = c.CreatePlatformEndpoint(ctx, r, model.CreatePlatformEndpointRequest{Application: app, Token: "t", CustomUserData: model.PersonalData(strings.Repeat("u", 2048))})
		out = append(out, mustInvalid(t, err))
		out = append(out, mustInvalid(t, c.SetEndpointAttributes(ctx, r, ep, model.SetEndpointToken("DEVICE token with space"))))
		if n := fake.Calls("CreatePlatformApplication") + fake.Calls("CreatePlatformEndpoint") + fake.Calls("SetEndpointAttributes"); n != 0 {
			t.Errorf("%d invalid requests reached the fake", n)
		}
		return out
	}},
	{"SMS: what SNS echoes of phone numbers and one-time passwords, and the numbers listed", func(t *testing.T, e *leakEnv) []any {
		c, fake := e.stubClient(t)
		ctx, r := t.Context(), region.USEast1
		e.plantAs(personal, leakPhoneDigits, leakOTP)
		echo := func(op string, values ...string) {
			fake.FailNext(op, &types.InvalidParameterException{Message: aws.String("Invalid parameter: PhoneNumber Reason: " + strings.Join(values, " "))})
		}
		var out []any
		calls := []struct {
			op   string
			otp  string // the one-time password the request carries, SNS echoes too
			call func() error
		}{
			{"CheckIfPhoneNumberIsOptedOut", "", func() error { _, err := c.CheckIfPhoneNumberIsOptedOut(ctx, r, leakPhone); return err }},
			{"OptInPhoneNumber", "", func() error { return c.OptInPhoneNumber(ctx, r, leakPhone) }},
			{"CreateSMSSandboxPhoneNumber", "", func() error { return c.CreateSMSSandboxPhoneNumber(ctx, r, leakPhone, "") }},
			{"VerifySMSSandboxPhoneNumber", leakOTP, func() error { return c.VerifySMSSandboxPhoneNumber(ctx, r, leakPhone, leakOTP) }},
			{"DeleteSMSSandboxPhoneNumber", "", func() error { return c.DeleteSMSSandboxPhoneNumber(ctx, r, leakPhone) }},
			{"Publish", "", func() error { _, err := c.PublishSMS(ctx, r, leakPhone, "hi", model.SMSOptions{}); return err }},
		}
		for _, call := range calls {
			echo(call.op, leakPhone, "("+leakPhoneDigits+")", call.otp)
			out = append(out, mustRedact(t, call.call()))
		}
		fake.FailNext("Publish", &types.OptedOutException{Message: aws.String("Phone number " + leakPhone + " is opted out")})
		_, err := c.PublishSMS(ctx, r, leakPhone, "hi", model.SMSOptions{})
		var optedOut *types.OptedOutException
		if !errors.As(err, &optedOut) {
			t.Errorf("want OptedOut; got %v", err)
		}
		out = append(out, mustRedact(t, err))

		if err := c.CreateSMSSandboxPhoneNumber(ctx, r, leakPhone, model.LanguageGerman); err != nil {
			t.Fatal(err)
		}
		sandbox, err := c.ListSMSSandboxPhoneNumbers(ctx, r)
		if err != nil || len(sandbox.PhoneNumbers) != 1 {
			t.Fatalf("sandbox %v, %v", sandbox, err)
		}
		fake.OptOut(r, leakPhone)
		optedOutList, err := c.ListPhoneNumbersOptedOut(ctx, r)
		if err != nil || len(optedOutList.PhoneNumbers) != 1 {
			t.Fatalf("opted out %v, %v", optedOutList, err)
		}
		return append(out, sandbox, sandbox.PhoneNumbers[0], optedOutList, optedOutList.PhoneNumbers[0])
	}},
	{"SMS: invalid numbers, texts, options and one-time passwords", func(t *testing.T, e *leakEnv) []any {
		c, fake := e.stubClient(t)
		ctx, r := t.Context(), region.USEast1
		e.plantAs(personal, leakPhoneDigits, "86753x9", "Your code is 123456")
		var out []any
		for _, tt := range []struct{ phone, text string }{
			{leakPhoneDigits, "hi"}, {"+" + leakPhoneDigits + "x", "hi"}, {leakPhone, ""}, {leakPhone, strings.Repeat("Your code is 123456", 100)},
		} {
			_, err := c.PublishSMS(ctx, r, tt.phone, tt.text, model.SMSOptions{})
			out = append(out, mustInvalid(t, err))
		}
		_, err := c.PublishSMS(ctx, r, leakPhone, "Your code is 123456", model.SMSOptions{SenderID: "a b", OriginationNumber: leakPhoneDigits})
		out = append(out, mustInvalid(t, err))
		out = append(out, mustInvalid(t, c.VerifySMSSandboxPhoneNumber(ctx, r, leakPhone, "86753x9")))
		out = append(out, mustInvalid(t, c.OptInPhoneNumber(ctx, r, leakPhoneDigits)))
		if n := fake.Calls("Publish") + fake.Calls("VerifySMSSandboxPhoneNumber") + fake.Calls("OptInPhoneNumber"); n != 0 {
			t.Errorf("%d invalid requests reached the fake", n)
		}
		return out
	}},
	{"subscriptions: personal endpoints and confirmation tokens, echoed and listed", func(t *testing.T, e *leakEnv) []any {
		c, fake := e.stubClient(t, "t")
		ctx, r := t.Context(), region.USEast1
		topic := leakPublish.Topic
		e.plantAs(personal, leakEmail, leakPhoneDigits, leakHookURL, leakHookPassword)
		e.plantAs(secret, leakConfirmToken)
		var out []any
		for _, build := range []func() (model.Endpoint, error){
			func() (model.Endpoint, error) { return model.EmailEndpoint(leakEmail) },
			func() (model.Endpoint, error) { return model.EmailJSONEndpoint(leakEmail) },
			func() (model.Endpoint, error) { return model.SMSEndpoint(leakPhone) },
			func() (model.Endpoint, error) { return model.HTTPSEndpoint(leakHookURL) },
		} {
			ep, err := build()
			if err != nil {
				t.Fatal(err)
			}
			req := model.SubscribeRequest{Topic: topic, Endpoint: ep}
			fake.FailNext("Subscribe", &types.InvalidParameterException{Message: aws.String("Invalid parameter: Endpoint Reason: " + ep.Address() + " (" + strings.TrimPrefix(ep.Address(), "+") + ")")})
			_, err = c.Subscribe(ctx, r, req)
			sub, subErr := c.Subscribe(ctx, r, req)
			if subErr != nil {
				t.Fatal(subErr)
			}
			out = append(out, ep, req, mustRedact(t, err), sub)
		}
		list, err := c.ListSubscriptionsByTopic(ctx, r, topic)
		if err != nil || len(list.Subscriptions) != 4 {
			t.Fatalf("listed %v, %v", list, err)
		}
		all, err := c.ListSubscriptions(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		fake.FailNext("ConfirmSubscription", &types.InvalidParameterException{Message: aws.String("Invalid token " + leakConfirmToken)})
		_, confirmErr := c.ConfirmSubscription(ctx, r, topic, leakConfirmToken, true)
		_, invalidToken := c.ConfirmSubscription(ctx, r, topic, leakConfirmToken+" x", true)
		return append(out, list, all, mustRedact(t, confirmErr), mustInvalid(t, invalidToken))
	}},
	{"subscriptions: invalid endpoints and requests", func(t *testing.T, e *leakEnv) []any {
		c, fake := e.stubClient(t, "t")
		e.plantAs(personal, "alice.personal@", leakPhoneDigits, leakHookPassword)
		var out []any
		for _, err := range []error{
			second(model.EmailEndpoint("alice.personal@ example.com")),
			second(model.EmailEndpoint("Alice <alice.personal@example.com>")),
			second(model.SMSEndpoint(leakPhoneDigits)),
			second(model.HTTPEndpoint("http://user:" + leakHookPassword + "@hooks.example.com/")),
			second(model.HTTPSEndpoint("ftp://user:" + leakHookPassword + "@hooks.example.com/")),
			second(model.NewEndpoint("smtp", leakEmail)),
		} {
			if err == nil {
				t.Fatal("an invalid endpoint was accepted")
			}
			out = append(out, err)
		}
		_, err := c.Subscribe(t.Context(), region.USEast1, model.SubscribeRequest{Topic: leakPublish.Topic})
		out = append(out, mustInvalid(t, err))
		if fake.Calls("Subscribe") != 0 {
			t.Error("an invalid request reached the fake")
		}
		return out
	}},
}

// stubClient returns a client of snstest's fake over HTTP (through the SDK's
// serializer, signer and error decoding), with the planted credentials,
// and the fake with the named topics.
func (e *leakEnv) stubClient(t *testing.T, topics ...string) (*Client, FakeSNS) {
	t.Helper()
	stub := newStub(t, topics...)
	return e.client(t, WithStaticCredentials(leakKeyID, leakSecret, leakToken), WithEndpoint(stub.URL)), stub.Fake
}

// mustInvalid checks that err refused the input before the wire, and
// returns it.
func mustInvalid(t *testing.T, err error) error {
	t.Helper()
	var ve *model.ValidationError
	if !errors.As(err, &ve) {
		t.Errorf("want a *model.ValidationError; got %v", err)
	}
	return err
}

// second returns the error of a constructor.
func second[T any](_ T, err error) error { return err }

// apnsKey is a fresh PKCS #8 key in PEM form, as Apple's .p8 files are.
func apnsKey(t *testing.T) string {
	t.Helper()
	k, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	der, err := x509.MarshalPKCS8PrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}))
}

// fcmServiceAccount is a Firebase service account file holding
// leakFCMKey as its private key.
func fcmServiceAccount() string {
	return `{"type":"service_account","project_id":"p","private_key_id":"k","private_key":"-----BEGIN PRIVATE KEY-----\n` + leakFCMKey + `\n-----END PRIVATE KEY-----\n","client_email":"sns@p.iam.gserviceaccount.com"}`
}
