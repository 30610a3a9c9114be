package model

import (
	"bytes"
	"encoding/json"
	"slices"
	"unicode/utf8"
)

// PerProtocol is a message with its own text for each kind of subscriber,
// published with MessageStructure "json": one Publish sends a short text to
// SMS subscribers, a longer one to email, and a platform payload to each
// mobile push service. [PerProtocol.Body] writes the JSON object SNS expects,
// so nobody hand-writes the nested, escaped JSON.
//
// Default is required; it goes to every protocol without its own text. An
// empty field is left out, so that protocol gets Default. (SNS would also
// accept an empty string for a protocol; this type cannot say that.)
type PerProtocol struct {
	Default   string // "default": required
	Email     string // "email"
	EmailJSON string // "email-json"
	SMS       string // "sms": at most 1,600 characters
	HTTP      string // "http"
	HTTPS     string // "https"
	SQS       string // "sqs"
	Lambda    string // "lambda"
	Firehose  string // "firehose"

	// Mobile push payloads by platform (the platform of the application
	// endpoint). Nil sends Default as the notification text.
	APNS            PushPayload // "APNS": Apple, production
	APNSSandbox     PushPayload // "APNS_SANDBOX": Apple, development
	APNSVoIP        PushPayload // "APNS_VOIP"
	APNSVoIPSandbox PushPayload // "APNS_VOIP_SANDBOX"
	MacOS           PushPayload // "MACOS"
	MacOSSandbox    PushPayload // "MACOS_SANDBOX"
	GCM             PushPayload // "GCM": Firebase Cloud Messaging, under its old name
	ADM             PushPayload // "ADM": Amazon Device Messaging
	Baidu           PushPayload // "BAIDU": Baidu Cloud Push
	MPNS            PushPayload // "MPNS": Microsoft Push Notification Service (XML)
	WNS             PushPayload // "WNS": Windows Push Notification Services (XML)
}

// maxSMSChars: "The total size limit for a single SMS Publish action is
// 1,600 characters" (Publish API reference; the developer guide says 1,600
// bytes). SNS splits longer texts into several SMS of up to 140 bytes.
const maxSMSChars = 1600

// Body returns the message body for Publish with MessageStructure "json":
// a JSON object with a "default" key and a key per protocol that has its own
// text, each value a JSON string. Platform payloads are JSON objects, so
// they are written as JSON text inside that string, as SNS requires. Keys
// come out sorted; the same message always gives the same body.
//
// Body reports every problem: a missing default, text that is not UTF-8,
// an SMS over 1,600 characters, a platform payload that is not what the
// platform takes, or a body over 262,144 bytes.
func (m PerProtocol) Body() (string, error) {
	var c collector
	entries := map[string]string{}
	text := func(key, s string) {
		if s == "" {
			return
		}
		if !utf8.ValidString(s) {
			c.add(invalid(bodyField(key), RuleCharset, "the text is not valid UTF-8"))
		}
		entries[key] = s
	}
	if m.Default == "" {
		c.add(invalid(bodyField("default"), RuleRequired, "a default message is required"))
	}
	text("default", m.Default)
	text("email", m.Email)
	text("email-json", m.EmailJSON)
	text("sms", m.SMS)
	text("http", m.HTTP)
	text("https", m.HTTPS)
	text("sqs", m.SQS)
	text("lambda", m.Lambda)
	text("firehose", m.Firehose)
	if n := utf8.RuneCountInString(m.SMS); n > maxSMSChars {
		c.add(invalid(bodyField("sms"), RuleMaxLength, "%d characters; SNS sends at most %d in one SMS publish", n, maxSMSChars))
	}
	for _, push := range []struct {
		key     Platform
		payload PushPayload
	}{
		{PlatformAPNS, m.APNS}, {PlatformAPNSSandbox, m.APNSSandbox},
		{PlatformAPNSVoIP, m.APNSVoIP}, {PlatformAPNSVoIPSandbox, m.APNSVoIPSandbox},
		{PlatformMacOS, m.MacOS}, {PlatformMacOSSandbox, m.MacOSSandbox},
		{PlatformGCM, m.GCM}, {PlatformADM, m.ADM}, {PlatformBaidu, m.Baidu},
		{PlatformMPNS, m.MPNS}, {PlatformWNS, m.WNS},
	} {
		if push.payload == nil {
			continue
		}
		s, err := push.payload.pushText(push.key)
		if err != nil {
			c.add(err)
			continue
		}
		entries[string(push.key)] = s
	}
	if err := c.err(); err != nil {
		return "", err
	}
	body := encodeSortedStrings(entries)
	if len(body) > defaultPayloadBytes {
		return "", invalid("Message.Body", RuleMaxSize, "the body is %d bytes; at most %d (256 KiB)", len(body), defaultPayloadBytes)
	}
	return body, nil
}

// bodyField names an entry of a json-structured body, as the message
// validation does: Message.Body["sms"].
func bodyField(key string) string { return "Message.Body" + keyPath(key) }

// encodeSortedStrings writes a JSON object of string values with sorted
// keys and no HTML escaping ("<" stays readable in email and SMS text).
func encodeSortedStrings(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := []byte{'{'}
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendJSONString(b, m[k])
	}
	return string(append(b, '}'))
}

// marshalNoEscape is json.Marshal without HTML escaping and without the
// trailing newline of json.Encoder.
func marshalNoEscape(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte{'\n'}), nil
}
