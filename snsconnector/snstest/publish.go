package snstest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
)

// outgoing is one message to publish, from Publish or a PublishBatch entry.
type outgoing struct {
	message     string
	subject     *string
	structure   string
	attrs       map[string]types.MessageAttributeValue
	filterAttrs map[string]model.MessageAttribute // attrs as filter policies read them, set by checkMessage
	groupID     string
	dedupID     string
	perProtocol map[string]string // the json-structured message, decoded
}

// checkMessage validates what does not depend on the topic, in the order
// SNS reports problems. The errors are modeled SNS errors.
func checkMessage(m *outgoing) error {
	if m.subject != nil {
		s := *m.subject
		// "Subjects must be UTF-8 text with no line breaks or control
		// characters, and less than 100 characters long."
		if s == "" || !utf8.ValidString(s) || utf8.RuneCountInString(s) >= 100 || strings.ContainsFunc(s, isControl) {
			return invalidParameter("Invalid parameter: Subject")
		}
	}
	if m.message == "" {
		return invalidParameter("Invalid parameter: Empty message")
	}
	if !utf8.ValidString(m.message) {
		return invalidParameter("Invalid parameter: Message Reason: the message must be UTF-8 encoded")
	}
	attrs, err := checkAttributes(m.attrs)
	if err != nil {
		return err
	}
	m.filterAttrs = attrs
	switch m.structure {
	case "":
	case "json":
		per, err := decodeStructured(m.message)
		if err != nil {
			return err
		}
		m.perProtocol = per
	default:
		return invalidParameter("Invalid parameter: MessageStructure")
	}
	for _, f := range []struct{ name, v string }{{"MessageGroupId", m.groupID}, {"MessageDeduplicationId", m.dedupID}} {
		// "up to 128 alphanumeric characters (a-z, A-Z, 0-9) and punctuation"
		if len(f.v) > 128 || strings.ContainsFunc(f.v, func(r rune) bool { return r < '!' || r > '~' }) {
			return invalidParameter("Invalid parameter: %s Reason: up to 128 characters of letters, digits and punctuation", f.name)
		}
	}
	return nil
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f }

// decodeStructured reads a MessageStructure=json body: "a syntactically
// valid JSON object" with "at least a top-level JSON key of "default" with
// a value that is a string"; "non-string values will cause the key to be
// ignored".
func decodeStructured(body string) (map[string]string, error) {
	var obj map[string]any
	if json.Unmarshal([]byte(body), &obj) != nil || obj == nil {
		return nil, invalidParameter("Invalid parameter: Message Structure - JSON message body failed to parse")
	}
	per := make(map[string]string, len(obj))
	for k, v := range obj {
		if s, ok := v.(string); ok {
			per[k] = s
		}
	}
	if _, ok := per["default"]; !ok {
		return nil, invalidParameter("Invalid parameter: Message Structure - No default entry in JSON message body")
	}
	return per, nil
}

// checkAttributes applies the message attribute rules of the developer
// guide's "Amazon SNS message attributes" with the model's code, failing as
// SNS does with ParameterValueInvalid (*types.InvalidParameterValueException),
// for the first bad attribute by name. The reserved SMS attributes follow
// the SMS rules instead. It returns the attributes as the model reads them,
// for filter policies.
func checkAttributes(attrs map[string]types.MessageAttributeValue) (map[string]model.MessageAttribute, error) {
	out := make(map[string]model.MessageAttribute, len(attrs))
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		if model.IsSMSAttribute(name) {
			if err := checkSMSAttribute(name, attrs[name]); err != nil {
				return nil, err
			}
			continue
		}
		if err := model.ValidateAttributeName(name); err != nil {
			var ve *model.ValidationError
			reason := "Invalid message attribute name"
			if errors.As(err, &ve) {
				reason = "Invalid message attribute name: " + ve.Reason
			}
			return nil, invalidParameterValue("%s", reason)
		}
		a := attrs[name]
		dt := aws.ToString(a.DataType)
		ma, err := model.NewAttribute(dt, aws.ToString(a.StringValue), a.BinaryValue)
		if err != nil {
			return nil, attributeError(name, dt, err)
		}
		out[name] = ma
	}
	return out, nil
}

// attributeError words a problem model.NewAttribute found as SNS does.
func attributeError(name, dataType string, err error) error {
	var ve *model.ValidationError
	if !errors.As(err, &ve) {
		return invalidParameterValue("The message attribute '%s' is invalid.", name)
	}
	switch {
	case ve.Field == "DataType":
		return invalidParameterValue("The message attribute '%s' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.", name)
	case ve.Rule == model.RuleForbidden && ve.Field == "StringValue":
		return invalidParameterValue("The message attribute '%s' with type '%s' must use field 'Binary'.", name, clip(dataType))
	case ve.Rule == model.RuleForbidden:
		return invalidParameterValue("The message attribute '%s' with type '%s' must use field 'String'.", name, clip(dataType))
	case ve.Rule == model.RuleRequired:
		return invalidParameterValue("The message attribute '%s' must contain non-empty message attribute value for message attribute type '%s'.", name, clip(dataType))
	}
	return invalidParameterValue("The message attribute '%s' has an invalid value: %s", name, ve.Reason)
}

// payloadSize is what the message counts against the topic's limit: "the
// combined size of the message body and message attributes" (each
// attribute's name, type and value).
func payloadSize(m *outgoing) int {
	n := len(m.message)
	for name, a := range m.attrs {
		n += len(name) + len(aws.ToString(a.DataType)) + len(aws.ToString(a.StringValue)) + len(a.BinaryValue)
	}
	return n
}

// checkForTopic validates what depends on the topic: size and the FIFO
// rules. On a FIFO topic without an explicit ID and with content-based
// deduplication it fills in the derived deduplication ID.
func checkForTopic(t *topic, m *outgoing) error {
	if payloadSize(m) > t.maxMessageSize() {
		return invalidParameter("Invalid parameter: Message too long")
	}
	if !t.fifo {
		if m.dedupID != "" {
			return invalidParameter("Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type")
		}
		return nil
	}
	if m.groupID == "" {
		return invalidParameter("Invalid parameter: The MessageGroupId parameter is required for FIFO topics")
	}
	if m.dedupID == "" {
		if t.attrs["ContentBasedDeduplication"] != "true" {
			return invalidParameter("Invalid parameter: The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly")
		}
		// "Amazon SNS uses a SHA-256 hash to generate the
		// MessageDeduplicationId using the body of the message (but not the
		// attributes of the message)."
		sum := sha256.Sum256([]byte(m.message))
		m.dedupID = hex.EncodeToString(sum[:])
	}
	return nil
}

// publishLocked records an accepted message and fans it out. The caller
// holds s.mu and has run checkMessage and checkForTopic.
func (s *Server) publishLocked(t *topic, m *outgoing) (messageID, seq string) {
	now := s.clock()
	rec := Message{
		TopicARN:         t.arn,
		Message:          m.message,
		Subject:          aws.ToString(m.subject),
		MessageStructure: m.structure,
		Attributes:       cloneAttributes(m.attrs),
		SMS:              smsOptions(m.attrs),
		GroupID:          m.groupID,
		DeduplicationID:  m.dedupID,
		Time:             now,
	}
	if t.fifo {
		key := m.dedupID
		if t.attrs["FifoThroughputScope"] == "MessageGroup" {
			// "when set to MessageGroup the message deduplication scope is
			// within each individual message group."
			key = m.groupID + "\x00" + m.dedupID
		}
		if prev := t.dedup.lookup(key, now); prev != nil {
			rec.MessageID, rec.SequenceNumber, rec.Duplicate = prev.messageID, prev.seq, true
			s.published = append(s.published, rec)
			return prev.messageID, prev.seq
		}
		t.seq++
		rec.SequenceNumber = fmt.Sprintf("%020d", sequenceBase+t.seq)
		rec.MessageID = newUUID()
		t.dedup.add(&dedupEntry{key: key, at: now, messageID: rec.MessageID, seq: rec.SequenceNumber})
	} else {
		rec.MessageID = newUUID()
	}
	s.published = append(s.published, rec)
	s.fanOut(t, m, &rec)
	return rec.MessageID, rec.SequenceNumber
}

// sequenceBase makes sequence numbers 20 digits long, as SNS's are.
const sequenceBase = 10_000_000_000_000_000_000

// fanOut records a delivery for each confirmed subscription whose filter
// policy the message passes, in subscription order.
func (s *Server) fanOut(t *topic, m *outgoing, rec *Message) {
	for _, arn := range t.subs {
		sub := s.subs[arn]
		if !sub.confirmed {
			continue
		}
		text := m.message
		if m.perProtocol != nil {
			if v, ok := m.perProtocol[sub.protocol]; ok {
				text = v
			} else {
				text = m.perProtocol["default"]
			}
		}
		// The body a policy of scope MessageBody reads is the one this
		// subscription's protocol receives.
		if !sub.policy.Match(model.Message{Body: text, Attributes: m.filterAttrs}) {
			continue
		}
		d := Delivery{
			SubscriptionARN: sub.arn,
			TopicARN:        t.arn,
			Protocol:        sub.protocol,
			Endpoint:        sub.endpoint,
			Type:            TypeNotification,
			MessageID:       rec.MessageID,
			Message:         text,
			Subject:         rec.Subject,
			Raw:             sub.raw(),
			SequenceNumber:  rec.SequenceNumber,
			Time:            rec.Time,
		}
		// "Message attributes are supported only when the message structure
		// is String, not JSON."
		if m.perProtocol == nil {
			d.Attributes = cloneAttributes(m.attrs)
		}
		// The group ID goes to FIFO subscribers and, for fair queues, to SQS.
		if t.fifo || sub.protocol == "sqs" {
			d.GroupID = rec.GroupID
		}
		if t.fifo {
			d.DeduplicationID = rec.DeduplicationID
		}
		d.Body = s.body(t, sub, &d)
		s.deliveries = append(s.deliveries, d)
		s.enqueueLocked(d)
	}
}

// attributesRequired mirrors the SDK's check that every message attribute
// has a DataType; nil when all do.
func attributesRequired(attrs map[string]types.MessageAttributeValue) *required {
	list := newRequired("MessageAttributeMap")
	for name, a := range attrs {
		if a.DataType == nil {
			list.nested(fmt.Sprintf("[%q]", name), newRequired("MessageAttributeValue").check("DataType", false))
		}
	}
	if list.params.Len() == 0 {
		return nil
	}
	return list
}
