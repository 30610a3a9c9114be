package notification

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/go-sns/connector/model"
)

// Type is the kind of message SNS delivers.
type Type string

// The three kinds of message SNS delivers to HTTP/S endpoints and, as
// envelopes, to SQS queues and Lambda functions.
const (
	TypeNotification             Type = "Notification"
	TypeSubscriptionConfirmation Type = "SubscriptionConfirmation"
	TypeUnsubscribeConfirmation  Type = "UnsubscribeConfirmation"
)

// Message is a message SNS delivered, decoded from its JSON envelope (see the
// developer guide's "Parsing message formats"). A *Message from
// [Verifier.Verify] passed every check; one from [Parse] is unverified.
//
// Its String, GoString, Format, LogValue and MarshalJSON methods show the
// type, message ID and topic only: the text, the token and the URLs may be
// secret or personal data. (Keep the body [Verifier.Verify] was given to
// store or forward a message whole.)
type Message struct {
	Type      Type
	MessageID string
	TopicARN  string
	// Subject is the subject given at Publish; "" when there was none.
	Subject string
	// Message is the text: the published message of a Notification, SNS's
	// explanation in a confirmation.
	Message   string
	Timestamp time.Time
	// Token confirms the subscription (ConfirmSubscription) in a
	// SubscriptionConfirmation and UnsubscribeConfirmation. Treat it as a
	// secret.
	Token string
	// SubscribeURL confirms the subscription when visited. This package
	// never visits it; confirm with the Token instead (see [WithConfirmer]).
	SubscribeURL string
	// UnsubscribeURL cancels the subscription when visited, by anyone who
	// has it, unless it was confirmed with authenticated unsubscribe.
	UnsubscribeURL string
	// SequenceNumber is set on messages of FIFO topics, which are not signed.
	SequenceNumber string
	// Attributes are the message attributes, typed as they were published:
	// Binary values decoded from base64, custom type labels ("Number.float")
	// kept. SNS does not sign message attributes: they are NOT
	// authenticated, even after a successful Verify. Do not base a decision
	// that needs authenticity on them; put such data in the message text.
	Attributes map[string]model.MessageAttribute

	// SignatureVersion, Signature and SigningCertURL are the envelope's
	// signature fields (empty on FIFO envelopes).
	SignatureVersion string
	Signature        string
	SigningCertURL   string

	timestamp  string // as received: the signature covers this text
	subjectSet bool   // Subject was present and not null
}

// The envelope's field names. Lambda spells two of them differently.
const (
	fieldType              = "Type"
	fieldMessageID         = "MessageId"
	fieldTopicARN          = "TopicArn"
	fieldSubject           = "Subject"
	fieldMessage           = "Message"
	fieldTimestamp         = "Timestamp"
	fieldToken             = "Token"
	fieldSubscribeURL      = "SubscribeURL"
	fieldUnsubscribeURL    = "UnsubscribeURL"
	fieldUnsubscribeURLL   = "UnsubscribeUrl" // Lambda
	fieldSequenceNumber    = "SequenceNumber"
	fieldSignatureVersion  = "SignatureVersion"
	fieldSignature         = "Signature"
	fieldSigningCertURL    = "SigningCertURL"
	fieldSigningCertURLL   = "SigningCertUrl" // Lambda
	fieldMessageAttributes = "MessageAttributes"
)

// DefaultMaxBodySize bounds the bodies [Parse] and, unless
// [WithMaxBodySize] says otherwise, [Verifier.Verify] accept. SNS messages
// are at most 1 MiB (message and attributes); JSON escaping can make each
// byte six ("\u0001"), and the envelope adds a few KiB of fields.
const DefaultMaxBodySize = 6<<20 + 64<<10

// Parse decodes an SNS envelope WITHOUT verifying it: nothing in the result
// is known to come from SNS. Use it for FIFO envelopes (which SNS does not
// sign) read from a queue only SNS can write to, and in tests; use
// [Verifier.Verify] for anything else. Errors are *[VerificationError]s of
// rule [RuleSize] or [RuleShape].
func Parse(body []byte) (*Message, error) {
	return parse(body, DefaultMaxBodySize)
}

func parse(body []byte, maxSize int) (*Message, error) {
	if len(body) > maxSize {
		return nil, fail(RuleSize, "", fmt.Sprintf("the body is %d bytes; at most %d are accepted", len(body), maxSize))
	}
	fields, err := decodeObject(body)
	if err != nil {
		return nil, err
	}
	m := &Message{}
	str := func(dst *string, names ...string) (present bool, err error) {
		for _, name := range names {
			raw, ok := fields[name]
			if !ok || bytes.Equal(raw, []byte("null")) {
				continue
			}
			if present {
				return false, fail(RuleShape, name, "the field appears under two spellings")
			}
			if json.Unmarshal(raw, dst) != nil {
				return false, fail(RuleShape, name, "not a JSON string")
			}
			present = true
		}
		return present, nil
	}
	var typ string
	for _, f := range []struct {
		dst   *string
		names []string
		set   *bool
	}{
		{&typ, []string{fieldType}, nil},
		{&m.MessageID, []string{fieldMessageID}, nil},
		{&m.TopicARN, []string{fieldTopicARN}, nil},
		{&m.Subject, []string{fieldSubject}, &m.subjectSet},
		{&m.Message, []string{fieldMessage}, nil},
		{&m.timestamp, []string{fieldTimestamp}, nil},
		{&m.Token, []string{fieldToken}, nil},
		{&m.SubscribeURL, []string{fieldSubscribeURL}, nil},
		{&m.UnsubscribeURL, []string{fieldUnsubscribeURL, fieldUnsubscribeURLL}, nil},
		{&m.SequenceNumber, []string{fieldSequenceNumber}, nil},
		{&m.SignatureVersion, []string{fieldSignatureVersion}, nil},
		{&m.Signature, []string{fieldSignature}, nil},
		{&m.SigningCertURL, []string{fieldSigningCertURL, fieldSigningCertURLL}, nil},
	} {
		present, err := str(f.dst, f.names...)
		if err != nil {
			return nil, err
		}
		if f.set != nil {
			*f.set = present
		}
	}
	m.Type = Type(typ)
	required := []struct{ name, v string }{
		{fieldType, typ}, {fieldMessageID, m.MessageID}, {fieldTopicARN, m.TopicARN},
		{fieldMessage, m.Message}, {fieldTimestamp, m.timestamp},
	}
	switch m.Type {
	case TypeNotification:
	case TypeSubscriptionConfirmation, TypeUnsubscribeConfirmation:
		required = append(required, struct{ name, v string }{fieldSubscribeURL, m.SubscribeURL}, struct{ name, v string }{fieldToken, m.Token})
	case "":
		return nil, fail(RuleShape, fieldType, "required")
	default:
		return nil, fail(RuleShape, fieldType, "not Notification, SubscriptionConfirmation or UnsubscribeConfirmation")
	}
	for _, r := range required {
		if r.v == "" {
			return nil, fail(RuleShape, r.name, "required for a "+typ)
		}
	}
	ts, err := time.Parse(time.RFC3339Nano, m.timestamp)
	if err != nil {
		return nil, fail(RuleShape, fieldTimestamp, "not an RFC 3339 time")
	}
	m.Timestamp = ts
	if _, err := model.ParseTopicARN(m.TopicARN); err != nil {
		return nil, fail(RuleShape, fieldTopicARN, "not an SNS topic ARN")
	}
	if raw, ok := fields[fieldMessageAttributes]; ok && !bytes.Equal(raw, []byte("null")) {
		if m.Attributes, err = decodeAttributes(raw); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// decodeObject reads a JSON object's members without interpreting them. It
// refuses duplicate names and anything after the object: a body two parsers
// could read differently must not be accepted by either. Names match
// exactly, not case-insensitively as encoding/json does for structs.
func decodeObject(body []byte) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(body))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return nil, fail(RuleShape, "", "not a JSON object")
	}
	fields := make(map[string]json.RawMessage, 16)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, fail(RuleShape, "", "not valid JSON")
		}
		name, _ := tok.(string) // inside an object, a token before ':' is a name
		if _, dup := fields[name]; dup {
			return nil, fail(RuleShape, "", "a field appears twice")
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, fail(RuleShape, "", "not valid JSON")
		}
		fields[name] = v
	}
	if tok, err := dec.Token(); err != nil || tok != json.Delim('}') {
		return nil, fail(RuleShape, "", "not valid JSON")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fail(RuleShape, "", "data after the JSON object")
	}
	return fields, nil
}

// decodeAttributes reads MessageAttributes: {"name": {"Type": ..., "Value": ...}}.
func decodeAttributes(raw json.RawMessage) (map[string]model.MessageAttribute, error) {
	var in map[string]struct {
		Type  *string `json:"Type"`
		Value *string `json:"Value"`
	}
	if json.Unmarshal(raw, &in) != nil || in == nil {
		return nil, fail(RuleShape, fieldMessageAttributes, "not an object of {\"Type\", \"Value\"} objects")
	}
	out := make(map[string]model.MessageAttribute, len(in))
	for name, a := range in {
		if a.Type == nil || a.Value == nil {
			return nil, fail(RuleShape, fieldMessageAttributes, "an attribute lacks its Type or Value")
		}
		attr, err := model.ParseAttribute(*a.Type, *a.Value)
		if err != nil {
			var ve *model.ValidationError
			rule := model.RuleFormat
			if errors.As(err, &ve) {
				rule = ve.Rule
			}
			return nil, &VerificationError{Rule: RuleShape, Field: fieldMessageAttributes,
				Reason: "an attribute's type and value do not agree (" + string(rule) + ")", Err: err}
		}
		out[name] = attr
	}
	return out, nil
}

// String describes the message without its text, token or URLs. The
// formatting methods have value receivers, so a Message printed by value
// is hidden too.
func (m Message) String() string {
	return fmt.Sprintf("%s %s from %s (%d bytes)", m.Type, m.MessageID, m.TopicARN, len(m.Message))
}

// GoString is String: %#v must not print the token either.
func (m Message) GoString() string { return m.String() }

// Format writes String for every verb, so no fmt verb prints the text,
// token or URLs.
func (m Message) Format(f fmt.State, _ rune) { io.WriteString(f, m.String()) }

// LogValue logs the type, message ID and topic.
func (m Message) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("type", string(m.Type)),
		slog.String("message_id", m.MessageID),
		slog.String("topic_arn", m.TopicARN),
	)
}

// MarshalJSON encodes the type, message ID and topic, as LogValue logs
// them: JSON loggers and encoders see no text, token or URL either.
func (m Message) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Type      Type   `json:"type"`
		MessageID string `json:"message_id"`
		TopicARN  string `json:"topic_arn"`
	}{m.Type, m.MessageID, m.TopicARN})
}
