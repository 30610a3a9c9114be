package snsconnector

import (
	"testing"

	"github.com/go-sns/connector/auth"
	"github.com/go-sns/connector/internal/profilecases"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/notification"
)

// formattingLeakRows render the public types that hold a secret or
// personal data, built as a program builds them, alone and inside the
// requests, changes and results that carry them. (The Client, its
// Options, its SDK client, Publishers and credentials providers are
// rendered by the credential rows, once credentials were fetched.)
var formattingLeakRows = []leakRow{
	{"platform credentials of every kind, and what carries them", func(t *testing.T, e *leakEnv) []any {
		key := apnsKey(t)
		e.plant(profilecases.BodyLines([]byte(key))...)
		e.plant(leakFCMKey, leakADMSecret, leakBaiduKey, leakBaiduSecret, leakWNSSecret)
		cert := string(e.fx.certPEM)
		var out []any
		for _, creds := range []model.PlatformCredentials{
			model.APNSToken(key, "ABC123DEFG", "DEF123GHIJ", "com.example.app"),
			model.APNSCertificate(cert, key),
			model.FCMServiceAccount(fcmServiceAccount()),
			model.ADMCredentials("amzn1.client", leakADMSecret),
			model.BaiduCredentials(leakBaiduKey, leakBaiduSecret),
			model.MPNSCredentials(cert, key),
			model.WNSCredentials("ms-app://s-1-15-2-1", leakWNSSecret),
		} {
			req := model.CreatePlatformApplicationRequest{Name: "app", Platform: model.PlatformAPNS, Credentials: creds}
			out = append(out, creds, req, model.SetPlatformCredentials(creds), req.Validate())
		}
		app := model.ParsePlatformApplication("arn:aws:sns:us-east-1:123456789012:app/APNS/a",
			map[string]string{"Enabled": "true", "PlatformCredential": leakADMSecret, "PlatformPrincipal": leakBaiduKey})
		return append(out, app, model.ListPlatformApplicationsResponse{Applications: []model.PlatformApplication{app}})
	}},
	{"personal data, platform endpoints, SMS numbers and subscriptions", func(t *testing.T, e *leakEnv) []any {
		e.plantAs(personal, leakPhoneDigits, leakEmail, leakHookPassword, leakDeviceToken, leakUserData)
		const app = "arn:aws:sns:us-east-1:123456789012:app/APNS/a"
		const epARN = "arn:aws:sns:us-east-1:123456789012:endpoint/APNS/a/5e3e9847-3183-3f18-a7e0-4f2c3d8c6e5a"
		ep := model.ParsePlatformEndpoint(epARN, map[string]string{"Enabled": "true", "Token": leakDeviceToken, "CustomUserData": leakUserData})
		sub := model.Subscription{ARN: leakPublish.Topic.ARN + ":1", TopicARN: leakPublish.Topic.ARN, Protocol: model.ProtocolEmail, Endpoint: leakEmail}
		return []any{
			model.PersonalData(leakPhone),
			[]model.PersonalData{leakPhone, leakEmail},
			model.SandboxPhoneNumber{PhoneNumber: leakPhone, Status: model.SandboxVerified},
			model.ListPhoneNumbersOptedOutResponse{PhoneNumbers: []model.PersonalData{leakPhone}},
			model.CreatePlatformEndpointRequest{Application: app, Token: leakDeviceToken, CustomUserData: leakUserData},
			ep, &ep, model.ListEndpointsResponse{Endpoints: []model.PlatformEndpoint{ep}},
			model.SetEndpointToken(leakDeviceToken), model.SetEndpointCustomUserData(leakUserData),
			sub, model.ListSubscriptionsResponse{Subscriptions: []model.Subscription{sub}},
			model.ParseSubscriptionDetails(map[string]string{"SubscriptionArn": sub.ARN, "TopicArn": sub.TopicARN, "Protocol": "https", "Endpoint": leakHookURL}),
		}
	}},
	{"endpoints, even dumped raw", func(t *testing.T, e *leakEnv) []any {
		// An Endpoint keeps its address behind a pointer: unlike a bare
		// PersonalData it shows in no rendering at all.
		e.plant(leakEmail, leakPhoneDigits, leakHookURL, leakHookPassword)
		var out []any
		for _, build := range []func() (model.Endpoint, error){
			func() (model.Endpoint, error) { return model.EmailEndpoint(leakEmail) },
			func() (model.Endpoint, error) { return model.EmailJSONEndpoint(leakEmail) },
			func() (model.Endpoint, error) { return model.SMSEndpoint(leakPhone) },
			func() (model.Endpoint, error) { return model.HTTPSEndpoint(leakHookURL) },
			func() (model.Endpoint, error) { return model.NewEndpoint(model.ProtocolEmail, leakEmail) },
		} {
			ep, err := build()
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, ep, &ep, []model.Endpoint{ep}, model.SubscribeRequest{Topic: leakPublish.Topic, Endpoint: ep})
		}
		return out
	}},
	{"auth.Secret and static credentials", func(t *testing.T, e *leakEnv) []any {
		s := auth.NewSecret(leakSecret)
		static := auth.StaticCredentials{AccessKeyID: leakKeyID, SecretAccessKey: s, SessionToken: auth.NewSecret(leakToken)}
		return []any{s, &s, []auth.Secret{s}, static, &static, auth.Profile{Name: "p", Method: auth.MethodStatic, Static: static}}
	}},
	{"notifications parsed, unverified", func(t *testing.T, e *leakEnv) []any {
		e.plantAs(rawDump, leakConfirmToken, leakText, leakHookPassword)
		m, err := notification.Parse([]byte(`{"Type":"SubscriptionConfirmation","MessageId":"1","TopicArn":"` + leakPublish.Topic.ARN +
			`","Message":"` + leakText + `","Token":"` + leakConfirmToken + `","SubscribeURL":"https://u:` + leakHookPassword +
			`@sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription","Timestamp":"2026-01-01T00:00:00.000Z"}`))
		if err != nil {
			t.Fatal(err)
		}
		return []any{m, *m, []*notification.Message{m}}
	}},
}
