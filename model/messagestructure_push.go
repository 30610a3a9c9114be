package model

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// PushPayload is what one mobile push platform receives in a [PerProtocol]
// message: a [RawPush] written by hand, or a typed [APNSPayload],
// [FCMPayload] or [GCMLegacyPayload]. The set of implementations is closed.
type PushPayload interface {
	// pushText returns the text SNS takes for the platform, or the
	// problem, with the field path of the platform's entry.
	pushText(p Platform) (string, error)
}

// RawPush is a platform payload written by hand, for what the typed payloads
// do not cover: `{"aps":{"alert":"Hi","badge":1}}` for APNs,
// `{"fcmV1Message":{"message":{"android":{...}}}}` for FCM, `{"data":{...}}`
// for ADM, `{"title":"...","description":"..."}` for Baidu, or XML for MPNS
// and WNS. For the JSON platforms it must be one JSON object; it is compacted
// and embedded as a string.
type RawPush string

func (r RawPush) pushText(p Platform) (string, error) {
	field := bodyField(string(p))
	if r == "" {
		return "", invalid(field, RuleRequired, "the payload is empty; leave the field nil to send the default message")
	}
	if !utf8.ValidString(string(r)) {
		return "", invalid(field, RuleCharset, "the payload is not valid UTF-8")
	}
	if p.xml() {
		return string(r), nil
	}
	if !isJSONObject(string(r)) {
		return "", invalid(field, RuleFormat, "%s takes a JSON object", p)
	}
	var buf bytes.Buffer
	_ = json.Compact(&buf, []byte(r)) // valid, checked above
	return buf.String(), nil
}

// APNSPayload is a notification for Apple's push service (APNS, APNS_SANDBOX,
// the VoIP and macOS variants), written as {"aps": {...}, custom keys...}.
// See Apple's "Generating a remote notification".
type APNSPayload struct {
	Title            string         // the alert's title; with it the alert is a dictionary
	Body             string         // the alert text
	Badge            *int           // the app icon's badge; 0 removes it, nil leaves it
	Sound            string         // a sound file in the app bundle, or "default"
	ContentAvailable bool           // wake the app in the background ("content-available": 1)
	MutableContent   bool           // let a notification service extension change it
	Category         string         // the notification's actionable category
	ThreadID         string         // groups notifications
	Data             map[string]any // custom keys beside "aps"; must not use "aps"
}

func (a APNSPayload) pushText(p Platform) (string, error) {
	field := bodyField(string(p))
	if !p.apple() {
		return "", invalid(field, RuleConflict, "an APNs payload cannot go to %s", p)
	}
	type alert struct {
		Title string `json:"title,omitempty"`
		Body  string `json:"body,omitempty"`
	}
	type aps struct {
		Alert            any    `json:"alert,omitempty"`
		Badge            *int   `json:"badge,omitempty"`
		Sound            string `json:"sound,omitempty"`
		ContentAvailable int    `json:"content-available,omitempty"`
		MutableContent   int    `json:"mutable-content,omitempty"`
		Category         string `json:"category,omitempty"`
		ThreadID         string `json:"thread-id,omitempty"`
	}
	x := aps{Badge: a.Badge, Sound: a.Sound, Category: a.Category, ThreadID: a.ThreadID}
	switch {
	case a.Title != "":
		x.Alert = alert{a.Title, a.Body}
	case a.Body != "":
		x.Alert = a.Body
	}
	if a.ContentAvailable {
		x.ContentAvailable = 1
	}
	if a.MutableContent {
		x.MutableContent = 1
	}
	if x == (aps{}) && len(a.Data) == 0 {
		return "", invalid(field, RuleRequired, "the payload has no alert, badge, sound, content-available or data")
	}
	if _, ok := a.Data["aps"]; ok {
		return "", invalid(field+`.Data["aps"]`, RuleReserved, `"aps" is Apple's dictionary; set it through the other fields`)
	}
	top := make(map[string]any, len(a.Data)+1)
	for k, v := range a.Data {
		top[k] = v
	}
	top["aps"] = x
	return encodePayload(field, top)
}

// FCMPayload is a Firebase Cloud Messaging HTTP v1 message for the GCM
// platform, written as {"fcmV1Message": {"message": {...}}}, the format SNS
// takes since FCM retired its legacy API in 2024. Use [RawPush] for the
// android, apns and webpush blocks.
type FCMPayload struct {
	Title string            // the notification title
	Body  string            // the notification text
	Data  map[string]string // data for the app; FCM takes string values only
}

func (f FCMPayload) pushText(p Platform) (string, error) {
	field := bodyField(string(p))
	if p != PlatformGCM {
		return "", invalid(field, RuleConflict, "an FCM payload goes to GCM, not %s", p)
	}
	msg, err := fcmMessage(field, f.Title, f.Body, f.Data)
	if err != nil {
		return "", err
	}
	return encodePayload(field, map[string]any{"fcmV1Message": map[string]any{"message": msg}})
}

// GCMLegacyPayload is a message in the legacy FCM (GCM) format,
// {"notification": {...}, "data": {...}}. Prefer [FCMPayload]: the format
// exists for applications whose platform credentials are still the legacy
// server key.
type GCMLegacyPayload struct {
	Title string
	Body  string
	Data  map[string]string
}

func (g GCMLegacyPayload) pushText(p Platform) (string, error) {
	field := bodyField(string(p))
	if p != PlatformGCM {
		return "", invalid(field, RuleConflict, "a GCM payload goes to GCM, not %s", p)
	}
	msg, err := fcmMessage(field, g.Title, g.Body, g.Data)
	if err != nil {
		return "", err
	}
	return encodePayload(field, msg)
}

// fcmMessage builds the notification and data parts FCM's formats share.
func fcmMessage(field, title, body string, data map[string]string) (map[string]any, error) {
	msg := map[string]any{}
	if title != "" || body != "" {
		n := map[string]string{}
		if title != "" {
			n["title"] = title
		}
		if body != "" {
			n["body"] = body
		}
		msg["notification"] = n
	}
	if len(data) > 0 {
		for k := range data {
			if k == "" || k == "from" || k == "message_type" || strings.HasPrefix(k, "google") || strings.HasPrefix(k, "gcm") {
				return nil, invalid(field+".Data"+keyPath(k), RuleReserved, "FCM reserves the empty key, \"from\", \"message_type\" and keys starting with \"google\" or \"gcm\"")
			}
		}
		msg["data"] = data
	}
	if len(msg) == 0 {
		return nil, invalid(field, RuleRequired, "the payload has no title, body or data")
	}
	return msg, nil
}

// encodePayload marshals a platform payload; map keys come out sorted.
func encodePayload(field string, v any) (string, error) {
	b, err := marshalNoEscape(v)
	if err != nil {
		// encoding/json's message may quote a value; this one does not.
		return "", invalid(field, RuleFormat, "the payload's data cannot be written as JSON (a value such as a channel, a function or NaN)")
	}
	return string(b), nil
}
