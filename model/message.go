package model

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Message is what is published: a body, an optional subject for email
// subscribers, typed attributes, and the FIFO fields.
type Message struct {
	// Subject is the email subject line; optional. UTF-8 text of one line
	// without control characters, under 100 characters.
	Subject string
	// Body is the message text; required, valid UTF-8.
	Body string
	// Attributes are the message attributes by name. Subscribers receive
	// them and filter policies match on them.
	Attributes map[string]MessageAttribute
	// GroupID is the message group: required on FIFO topics, where messages
	// of a group are delivered in order. Optional on standard topics, where
	// SNS passes it to SQS standard queues for fair queueing.
	GroupID string
	// DeduplicationID suppresses duplicates on FIFO topics within five
	// minutes; needed unless the topic has content-based deduplication.
	// Forbidden on standard topics.
	DeduplicationID string
	// Structure is StructureJSON when Body holds one message per protocol
	// (see PerProtocol); empty for one body for every protocol.
	Structure MessageStructure
}

// MessageStructure tells SNS how to read a message body.
type MessageStructure string

// StructureJSON marks a body that is a JSON object with a "default" key and
// optional per-protocol keys.
const StructureJSON MessageStructure = "json"

// Limits are the limits a message is validated against.
type Limits struct {
	// MaxPayloadBytes caps the body plus every attribute's name, type and
	// value, in bytes. SNS's default is 262,144 (256 KiB); a topic's
	// MaximumMessageSize attribute may differ.
	MaxPayloadBytes int
	// MaxAttributes caps the number of message attributes. SNS delivers at
	// most 10 to SQS subscribers, so 10 is the default; raise it only when
	// no SQS queue subscribes.
	MaxAttributes int
}

// DefaultLimits are SNS's documented defaults.
var DefaultLimits = Limits{MaxPayloadBytes: defaultPayloadBytes, MaxAttributes: 10}

// defaultPayloadBytes is SNS's default message size, 262,144 bytes (256
// KiB), for a topic without a MaximumMessageSize.
const defaultPayloadBytes = 262_144

func (l Limits) orDefault() Limits {
	if l.MaxPayloadBytes <= 0 {
		l.MaxPayloadBytes = DefaultLimits.MaxPayloadBytes
	}
	if l.MaxAttributes <= 0 {
		l.MaxAttributes = DefaultLimits.MaxAttributes
	}
	return l
}

// PayloadSize returns the bytes the message counts against SNS's payload
// limit: the body plus each attribute's name, data type and value.
func (m Message) PayloadSize() int {
	n := len(m.Body)
	for name, a := range m.Attributes {
		n += len(name) + a.size()
	}
	return n
}

// Validate checks the message on its own, under [DefaultLimits]. The FIFO
// rules depend on the topic; [PublishRequest.Validate] applies them.
func (m Message) Validate() error { return m.ValidateWith(DefaultLimits) }

// ValidateWith checks the message under the given limits. Zero fields of
// limits take their defaults. Every problem found is reported.
func (m Message) ValidateWith(limits Limits) error {
	limits = limits.orDefault()
	var c collector
	c.add(validateSubject(m.Subject))
	if m.Body == "" {
		c.add(invalid("Message.Body", RuleRequired, "the body must not be empty"))
	} else {
		c.add(validateText("Message.Body", m.Body, "the body"))
	}
	switch m.Structure {
	case "":
	case StructureJSON:
		if len(m.Attributes) > 0 {
			c.add(invalid("Message.Attributes", RuleConflict, "SNS ignores message attributes when the structure is json; send them on a message without Structure"))
		}
		if m.Body != "" {
			c.add(validateStructuredBody(m.Body))
		}
	default:
		c.add(invalid("Message.Structure", RuleFormat, "structure %q is not \"json\" or empty", shorten(string(m.Structure), 32)))
	}
	if len(m.Attributes) > limits.MaxAttributes {
		c.add(invalid("Message.Attributes", RuleMaxCount, "%d attributes; at most %d (SQS subscribers receive no more than 10)", len(m.Attributes), limits.MaxAttributes))
	}
	for name, a := range m.Attributes {
		if validateAttribute(name, a) != nil {
			// Report every bad attribute, in name order so messages are
			// stable; sorting costs only on this failure path.
			for _, name := range sortedKeys(m.Attributes) {
				c.add(validateAttribute(name, m.Attributes[name]))
			}
			break
		}
	}
	if n := m.PayloadSize(); n > limits.MaxPayloadBytes {
		c.add(invalid("Message", RuleMaxSize, "payload (body plus attribute names, types and values) is %d bytes; at most %d", n, limits.MaxPayloadBytes))
	}
	c.add(validateFIFOField("Message.GroupID", m.GroupID))
	c.add(validateFIFOField("Message.DeduplicationID", m.DeduplicationID))
	return c.err()
}

// validateStructuredBody checks a json-structured body: a JSON object whose
// values are strings, with a "default" entry. The Publish API reference
// says both "Keys in the JSON object that correspond to supported transport
// protocols must have simple JSON string values" and "Non-string values
// will cause the key to be ignored"; with "Failure to parse or validate any
// key or value in the message will cause the Publish call to return an
// error", a value that is not a string is refused (snstest does the same):
// it is more likely a mistake than a wish to be ignored.
func validateStructuredBody(body string) error {
	var obj map[string]any
	if err := json.Unmarshal([]byte(body), &obj); err != nil || obj == nil {
		return invalid("Message.Body", RuleFormat, "with structure json the body must be a JSON object")
	}
	if _, ok := obj["default"]; !ok {
		return invalid("Message.Body", RuleRequired, `with structure json the body needs a "default" key`)
	}
	for _, k := range sortedKeys(obj) {
		if _, ok := obj[k].(string); !ok {
			return invalid(fmt.Sprintf("Message.Body[%q]", k), RuleFormat, "each protocol's message must be a JSON string")
		}
	}
	return nil
}

const maxAttributeNameLen = 256

func validateAttribute(name string, a MessageAttribute) error {
	// Field paths are built only on failure: validation runs on every
	// publish and must not allocate when all is well.
	err := ValidateAttributeName(name)
	if err == nil {
		err = validateDataType("DataType", a.dataType)
	}
	if err == nil {
		err = a.validateValue("Value")
	}
	if err == nil {
		return nil
	}
	ve := err.(*ValidationError)
	prefix := fmt.Sprintf("Message.Attributes[%q]", shorten(name, 64))
	if ve.Field == "Name" {
		ve.Field = prefix
	} else {
		ve.Field = prefix + "." + ve.Field
	}
	return ve
}

// ValidateAttributeName checks a message attribute name: 1 to 256 of
// letters, digits, '_', '-' and '.'; not starting with "AWS." or "Amazon."
// (any case), which AWS reserves; not starting or ending with '.', and no
// "..".
func ValidateAttributeName(name string) error {
	const field = "Name"
	switch {
	case name == "":
		return invalid(field, RuleRequired, "attribute name must not be empty")
	case len(name) > maxAttributeNameLen:
		return invalid(field, RuleMaxLength, "attribute name is %d characters; at most %d", len(name), maxAttributeNameLen)
	case hasPrefixFold(name, "AWS.") || hasPrefixFold(name, "Amazon."):
		return invalid(field, RuleReserved, "names starting with AWS. or Amazon. are reserved by AWS")
	case strings.HasPrefix(name, ".") || strings.HasSuffix(name, "."):
		return invalid(field, RuleFormat, "attribute name must not start or end with '.'")
	case strings.Contains(name, ".."):
		return invalid(field, RuleFormat, "attribute name must not contain \"..\"")
	}
	for i, r := range name {
		if r >= 0x80 || !(alnum(byte(r)) || r == '_' || r == '-' || r == '.') {
			return invalid(field, RuleCharset, "attribute name has %q at offset %d; use letters, digits, '_', '-' and '.'", r, i)
		}
	}
	return nil
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

const maxSubjectLen = 99 // "less than 100 characters long"

// validateSubject applies the Publish API reference: "Subjects must be
// UTF-8 text with no line breaks or control characters, and less than 100
// characters long." (Older references asked for ASCII beginning with a
// letter, number or punctuation mark; the current one does not.) An empty
// subject means none.
func validateSubject(s string) error {
	const field = "Message.Subject"
	if s == "" {
		return nil
	}
	if !utf8.ValidString(s) {
		return invalid(field, RuleCharset, "not valid UTF-8")
	}
	if n := utf8.RuneCountInString(s); n > maxSubjectLen {
		return invalid(field, RuleMaxLength, "%d characters; a subject must be under 100", n)
	}
	for i, r := range s {
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029':
			return invalid(field, RuleCharset, "line break at offset %d; a subject is one line", i)
		case unicode.IsControl(r):
			return invalid(field, RuleCharset, "control character at offset %d", i)
		}
	}
	return nil
}

const maxFIFOIDLen = 128

// validateFIFOField checks a group or deduplication ID: up to 128
// characters of alphanumerics and punctuation (ASCII 33 to 126).
func validateFIFOField(field, v string) error {
	if v == "" {
		return nil
	}
	if len(v) > maxFIFOIDLen {
		return invalid(field, RuleMaxLength, "%d characters; at most %d", len(v), maxFIFOIDLen)
	}
	for i := 0; i < len(v); i++ {
		if v[i] < 33 || v[i] > 126 {
			return invalid(field, RuleCharset, "character at offset %d is not an ASCII letter, digit or punctuation mark", i)
		}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func decodeBase64(s string) ([]byte, error) { return base64.StdEncoding.DecodeString(s) }
