package snstest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"

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
	size        int                               // what the message counts against the topic's limit, set by checkMessage
	groupID     string
	dedupID     string
	perProtocol map[string]string // the json-structured message, decoded
}

// unlimited leaves a message's size to checkForTopic, which knows the
// topic's limit.
var unlimited = model.Limits{MaxPayloadBytes: math.MaxInt}

// checkMessage validates what does not depend on the topic with the model's
// rules (model.Message: subject, body, structure, the FIFO IDs' format;
// the attributes by checkAttributes), and words the first problem as SNS
// does.
func checkMessage(m *outgoing) error {
	if m.subject != nil && *m.subject == "" {
		// A Subject parameter that is there but empty; the model, whose
		// empty subject is none, never sends one.
		return invalidParameter("Invalid parameter: Subject")
	}
	msg := model.Message{Subject: aws.ToString(m.subject), Body: m.message, GroupID: m.groupID, DeduplicationID: m.dedupID, Structure: model.MessageStructure(m.structure)}
	if err := msg.ValidateWith(unlimited); err != nil {
		return messageError(err, m)
	}
	filterAttrs, all, err := checkAttributes(m.attrs)
	if err != nil {
		return err
	}
	m.filterAttrs = filterAttrs
	m.size = model.Message{Body: m.message, Attributes: all}.PayloadSize()
	if m.structure == string(model.StructureJSON) {
		m.perProtocol = decodeStructured(m.message)
	}
	return nil
}

// messageError words a problem the model found with a message as SNS does.
func messageError(err error, m *outgoing) error {
	p := problem(err)
	switch {
	case p.Field == "Message.Subject":
		return invalidParameter("Invalid parameter: Subject")
	case p.Field == "Message.Body" && m.message == "":
		return invalidParameter("Invalid parameter: Empty message")
	case p.Field == "Message.Structure":
		return invalidParameter("Invalid parameter: MessageStructure")
	case p.Field == "Message.GroupID":
		return invalidParameter("Invalid parameter: MessageGroupId Reason: %s", p.Reason)
	case p.Field == "Message.DeduplicationID":
		return invalidParameter("Invalid parameter: MessageDeduplicationId Reason: %s", p.Reason)
	case m.structure == string(model.StructureJSON) && p.Rule == model.RuleRequired:
		return invalidParameter("Invalid parameter: Message Structure - No default entry in JSON message body")
	case m.structure == string(model.StructureJSON) && p.Field == "Message.Body" && p.Rule == model.RuleFormat:
		return invalidParameter("Invalid parameter: Message Structure - JSON message body failed to parse")
	case m.structure == string(model.StructureJSON) && p.Rule == model.RuleFormat:
		return invalidParameter("Invalid parameter: Message Structure - %s", p.Reason)
	}
	return invalidParameter("Invalid parameter: Message Reason: %s", p.Reason)
}

// decodeStructured reads a MessageStructure=json body the model has
// validated: a JSON object of strings, "default" among them.
func decodeStructured(body string) map[string]string {
	var per map[string]string
	json.Unmarshal([]byte(body), &per) // validated: cannot fail
	return per
}

// checkAttributes applies the message attribute rules of the developer
// guide's "Amazon SNS message attributes" with the model's code, failing as
// SNS does with ParameterValueInvalid (*types.InvalidParameterValueException),
// for the first bad attribute by name. The reserved SMS attributes follow
// the SMS rules instead. It returns the attributes as filter policies read
// them, and all of them, the SMS ones too, as the model reads them.
func checkAttributes(attrs map[string]types.MessageAttributeValue) (filter, all map[string]model.MessageAttribute, err error) {
	filter = make(map[string]model.MessageAttribute, len(attrs))
	all = make(map[string]model.MessageAttribute, len(attrs))
	for _, name := range slices.Sorted(maps.Keys(attrs)) {
		a := attrs[name]
		dt := aws.ToString(a.DataType)
		if model.IsSMSAttribute(name) {
			if err := checkSMSAttribute(name, a); err != nil {
				return nil, nil, err
			}
			all[name], _ = model.NewAttribute(dt, aws.ToString(a.StringValue), nil) // a valid String or Number
			continue
		}
		if err := model.ValidateAttributeName(name); err != nil {
			return nil, nil, invalidParameterValue("Invalid message attribute name: %s", problem(err).Reason)
		}
		ma, err := model.NewAttribute(dt, aws.ToString(a.StringValue), a.BinaryValue)
		if err != nil {
			return nil, nil, attributeError(name, dt, err)
		}
		filter[name], all[name] = ma, ma
	}
	return filter, all, nil
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

// checkForTopic validates what depends on the topic: its size limit ("the
// combined size of the message body and message attributes", as
// model.Message.PayloadSize counts it), the model's FIFO rules
// (model.PublishRequest), and, which only SNS knows, whether a FIFO topic
// without content-based deduplication has a deduplication ID. On a FIFO
// topic with it and without an explicit ID it fills in the derived ID.
func checkForTopic(t *topic, m *outgoing) error {
	if m.size > t.maxMessageSize() {
		return invalidParameter("Invalid parameter: Message too long")
	}
	req := model.PublishRequest{Topic: model.Topic{ARN: t.arn}, Message: model.Message{Body: m.message, GroupID: m.groupID, DeduplicationID: m.dedupID}}
	if err := req.ValidateWith(unlimited); err != nil {
		if problem(err).Field == "Message.GroupID" {
			return invalidParameter("Invalid parameter: The MessageGroupId parameter is required for FIFO topics")
		}
		return invalidParameter("Invalid parameter: MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type")
	}
	if !t.fifo {
		return nil
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
