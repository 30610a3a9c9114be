package model

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
)

// decodeBody reads a json-structured body the way SNS does: an object of
// strings. It fails the test on anything else.
func decodeBody(t *testing.T, body string) map[string]string {
	t.Helper()
	var m map[string]string
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("body is not an object of strings: %v\n%s", err, body)
	}
	return m
}

func TestPerProtocolBody(t *testing.T) {
	badge := 3
	m := PerProtocol{
		Default:     "New order",
		Email:       "A new order <#42> arrived & waits.",
		EmailJSON:   `{"order": 42}`,
		SMS:         "Order 42",
		HTTP:        "h",
		HTTPS:       "hs",
		SQS:         "q",
		Lambda:      "l",
		Firehose:    "f",
		APNS:        APNSPayload{Title: "Order", Body: "Order 42 arrived", Badge: &badge, Data: map[string]any{"order": 42}},
		APNSSandbox: APNSPayload{Body: "Order 42 arrived"},
		GCM:         FCMPayload{Title: "Order", Body: "Order 42 arrived", Data: map[string]string{"order": "42"}},
		ADM:         RawPush(`{ "data": { "message": "Order 42" } }`),
		Baidu:       RawPush(`{"title":"Order","description":"Order 42"}`),
		WNS:         RawPush(`<toast><visual><binding template="ToastText01"><text id="1">Order 42</text></binding></visual></toast>`),
	}
	body, err := m.Body()
	if err != nil {
		t.Fatal(err)
	}
	got := decodeBody(t, body)
	want := map[string]string{
		"default":      "New order",
		"email":        "A new order <#42> arrived & waits.",
		"email-json":   `{"order": 42}`,
		"sms":          "Order 42",
		"http":         "h",
		"https":        "hs",
		"sqs":          "q",
		"lambda":       "l",
		"firehose":     "f",
		"APNS":         `{"aps":{"alert":{"title":"Order","body":"Order 42 arrived"},"badge":3},"order":42}`,
		"APNS_SANDBOX": `{"aps":{"alert":"Order 42 arrived"}}`,
		"GCM":          `{"fcmV1Message":{"message":{"data":{"order":"42"},"notification":{"body":"Order 42 arrived","title":"Order"}}}}`,
		"ADM":          `{"data":{"message":"Order 42"}}`,
		"BAIDU":        `{"title":"Order","description":"Order 42"}`,
		"WNS":          `<toast><visual><binding template="ToastText01"><text id="1">Order 42</text></binding></visual></toast>`,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %s\nwant   %s", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("keys: got %d, want %d: %v", len(got), len(want), got)
	}
	// Every platform payload is itself a JSON object SNS can parse.
	for _, k := range []string{"APNS", "APNS_SANDBOX", "GCM", "ADM", "BAIDU"} {
		if !json.Valid([]byte(got[k])) {
			t.Errorf("%s is not JSON: %s", k, got[k])
		}
	}
	if !strings.HasPrefix(body, `{"ADM":`) || strings.Contains(body, `\u003c`) {
		t.Errorf("keys are not sorted or HTML is escaped: %s", body)
	}
	again, _ := m.Body()
	if again != body {
		t.Error("Body is not deterministic")
	}
}

func TestPerProtocolGuideExample(t *testing.T) {
	// The developer guide's FCM example, built from the typed payload.
	m := PerProtocol{
		Default: "This is the default message",
		GCM:     FCMPayload{Title: "Hello", Body: "This is a test.", Data: map[string]string{"dataKey": "example"}},
	}
	body, err := m.Body()
	if err != nil {
		t.Fatal(err)
	}
	var gcm any
	if err := json.Unmarshal([]byte(decodeBody(t, body)["GCM"]), &gcm); err != nil {
		t.Fatal(err)
	}
	var guide any
	_ = json.Unmarshal([]byte(`{"fcmV1Message": {"message": {"notification": {"title": "Hello", "body": "This is a test."}, "data": {"dataKey": "example"}}}}`), &guide)
	a, _ := json.Marshal(gcm)
	b, _ := json.Marshal(guide)
	if string(a) != string(b) {
		t.Errorf("got  %s\nwant %s", a, b)
	}
}

func TestPerProtocolLegacyAndAppleVariants(t *testing.T) {
	m := PerProtocol{
		Default:         "d",
		GCM:             GCMLegacyPayload{Body: "hi", Data: map[string]string{"k": "v"}},
		APNSVoIP:        APNSPayload{ContentAvailable: true},
		APNSVoIPSandbox: APNSPayload{Data: map[string]any{"call": "1"}},
		MacOS:           APNSPayload{Sound: "default", MutableContent: true, Category: "c", ThreadID: "t"},
		MacOSSandbox:    RawPush(`{"aps":{"alert":"x"}}`),
		MPNS:            RawPush(`<?xml version="1.0"?><wp:Notification/>`),
	}
	body, err := m.Body()
	if err != nil {
		t.Fatal(err)
	}
	got := decodeBody(t, body)
	want := map[string]string{
		"GCM":               `{"data":{"k":"v"},"notification":{"body":"hi"}}`,
		"APNS_VOIP":         `{"aps":{"content-available":1}}`,
		"APNS_VOIP_SANDBOX": `{"aps":{},"call":"1"}`,
		"MACOS":             `{"aps":{"sound":"default","mutable-content":1,"category":"c","thread-id":"t"}}`,
		"MACOS_SANDBOX":     `{"aps":{"alert":"x"}}`,
		"MPNS":              `<?xml version="1.0"?><wp:Notification/>`,
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %s\nwant   %s", k, got[k], v)
		}
	}
}

func TestPerProtocolRejects(t *testing.T) {
	tests := []struct {
		name  string
		m     PerProtocol
		field string
		rule  Rule
	}{
		{"no default", PerProtocol{SMS: "x"}, `Message.Body["default"]`, RuleRequired},
		{"default not UTF-8", PerProtocol{Default: "\xff"}, `Message.Body["default"]`, RuleCharset},
		{"email not UTF-8", PerProtocol{Default: "d", Email: "\xfe"}, `Message.Body["email"]`, RuleCharset},
		{"SMS too long", PerProtocol{Default: "d", SMS: strings.Repeat("é", maxSMSChars+1)}, `Message.Body["sms"]`, RuleMaxLength},
		{"body too large", PerProtocol{Default: strings.Repeat("x", defaultPayloadBytes)}, "Message.Body", RuleMaxSize},
		{"escaping counts toward size", PerProtocol{Default: "d", Email: strings.Repeat(`"`, defaultPayloadBytes/2)}, "Message.Body", RuleMaxSize},
		{"raw push empty", PerProtocol{Default: "d", ADM: RawPush("")}, `Message.Body["ADM"]`, RuleRequired},
		{"raw push not JSON", PerProtocol{Default: "d", APNS: RawPush(`{"aps":`)}, `Message.Body["APNS"]`, RuleFormat},
		{"raw push an array", PerProtocol{Default: "d", Baidu: RawPush(`[1]`)}, `Message.Body["BAIDU"]`, RuleFormat},
		{"raw push not UTF-8", PerProtocol{Default: "d", WNS: RawPush("<a>\xff</a>")}, `Message.Body["WNS"]`, RuleCharset},
		{"APNs payload to GCM", PerProtocol{Default: "d", GCM: APNSPayload{Body: "x"}}, `Message.Body["GCM"]`, RuleConflict},
		{"FCM payload to APNS", PerProtocol{Default: "d", APNS: FCMPayload{Body: "x"}}, `Message.Body["APNS"]`, RuleConflict},
		{"legacy payload to ADM", PerProtocol{Default: "d", ADM: GCMLegacyPayload{Body: "x"}}, `Message.Body["ADM"]`, RuleConflict},
		{"empty APNs payload", PerProtocol{Default: "d", APNS: APNSPayload{}}, `Message.Body["APNS"]`, RuleRequired},
		{"aps in APNs data", PerProtocol{Default: "d", APNS: APNSPayload{Body: "x", Data: map[string]any{"aps": 1}}}, `Message.Body["APNS"].Data["aps"]`, RuleReserved},
		{"unencodable APNs data", PerProtocol{Default: "d", APNS: APNSPayload{Data: map[string]any{"x": math.NaN()}}}, `Message.Body["APNS"]`, RuleFormat},
		{"empty FCM payload", PerProtocol{Default: "d", GCM: FCMPayload{}}, `Message.Body["GCM"]`, RuleRequired},
		{"reserved FCM data key", PerProtocol{Default: "d", GCM: FCMPayload{Data: map[string]string{"google.x": "1"}}}, `Message.Body["GCM"].Data["google.x"]`, RuleReserved},
		{"empty legacy payload", PerProtocol{Default: "d", GCM: GCMLegacyPayload{}}, `Message.Body["GCM"]`, RuleRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, err := tt.m.Body()
			expectProblem(t, err, tt.field, tt.rule)
			if body != "" {
				t.Error("a body came with the error")
			}
		})
	}
	// All problems at once.
	_, err := PerProtocol{SMS: strings.Repeat("x", maxSMSChars+1), GCM: FCMPayload{}}.Body()
	expectProblem(t, err, `Message.Body["default"]`, RuleRequired)
	expectProblem(t, err, `Message.Body["sms"]`, RuleMaxLength)
	expectProblem(t, err, `Message.Body["GCM"]`, RuleRequired)
}

func TestPerProtocolAtTheLimits(t *testing.T) {
	// 1,600 two-byte characters are 1,600 characters.
	if _, err := (PerProtocol{Default: "d", SMS: strings.Repeat("é", maxSMSChars)}).Body(); err != nil {
		t.Error(err)
	}
	// `{"default":"` + text + `"}` is 14 bytes around the text.
	if _, err := (PerProtocol{Default: strings.Repeat("x", defaultPayloadBytes-14)}).Body(); err != nil {
		t.Error(err)
	}
	if _, err := (PerProtocol{Default: strings.Repeat("x", defaultPayloadBytes-13)}).Body(); err == nil {
		t.Error("one byte over the limit was accepted")
	}
}
