package snstest

import (
	"bytes"
	"maps"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
)

// Message is a message SNS accepted from Publish or PublishBatch, as the
// publisher sent it.
type Message struct {
	MessageID string
	// TopicARN is the topic published to; empty for a text message sent to
	// PhoneNumber and for a push sent to a platform endpoint's TargetARN.
	TopicARN    string
	PhoneNumber string
	TargetARN   string
	// Message is the body as published: with MessageStructure "json", the
	// JSON object of per-protocol messages.
	Message          string
	Subject          string
	MessageStructure string
	Attributes       map[string]types.MessageAttributeValue
	// SMS holds the SMS settings the message carried in its reserved
	// AWS.SNS.SMS.* and AWS.MM.SMS.* attributes, as snsconnector's
	// PublishSMS and model.SMSOptions set them.
	SMS     model.SMSOptions
	GroupID string
	// DeduplicationID is the ID sent, or on a topic with content-based
	// deduplication the one SNS derived from the body.
	DeduplicationID string
	SequenceNumber  string
	// Duplicate marks a FIFO message SNS accepted but did not deliver
	// because another with the same deduplication ID came within five
	// minutes. Its MessageID and SequenceNumber are the first message's.
	Duplicate bool
	Time      time.Time
}

// The types of [Delivery].
const (
	TypeNotification             = "Notification"
	TypeSubscriptionConfirmation = "SubscriptionConfirmation"
)

// Delivery is what one subscription received: a published message that
// passed its filter policy, or the confirmation request SNS sends a pending
// subscription's endpoint.
type Delivery struct {
	SubscriptionARN string
	TopicARN        string
	Protocol        string
	Endpoint        string
	// Type is TypeNotification or TypeSubscriptionConfirmation.
	Type      string
	MessageID string
	// Message is the message for this subscription's protocol: the body as
	// published, or its protocol's entry of a json-structured message.
	Message string
	Subject string
	// Attributes are the message attributes. With raw delivery to SQS they
	// arrive as the SQS message's attributes; otherwise inside Body.
	// A json-structured message carries none.
	Attributes map[string]types.MessageAttributeValue
	// Raw reports raw message delivery (the RawMessageDelivery attribute).
	Raw bool
	// Body is what the endpoint receives: Message itself with raw delivery
	// (and for email, sms and application endpoints), else the JSON
	// envelope that [Envelope] decodes.
	Body            string
	GroupID         string
	DeduplicationID string
	SequenceNumber  string
	// Token is the confirmation token of a SubscriptionConfirmation.
	Token string
	Time  time.Time
}

// Envelope is the JSON document SNS delivers to endpoints without raw
// delivery (see the developer guide's "Amazon SNS message and JSON
// formats"). Decode a [Delivery] Body with encoding/json to read it.
type Envelope struct {
	Type      string `json:"Type"`
	MessageID string `json:"MessageId"`
	// Token and SubscribeURL are set on a SubscriptionConfirmation.
	Token          string `json:"Token,omitempty"`
	TopicARN       string `json:"TopicArn"`
	Subject        string `json:"Subject,omitempty"`
	Message        string `json:"Message"`
	SubscribeURL   string `json:"SubscribeURL,omitempty"`
	Timestamp      string `json:"Timestamp"`
	SequenceNumber string `json:"SequenceNumber,omitempty"`
	// Standard topics sign their messages; FIFO topics' envelopes carry a
	// SequenceNumber instead. The fake signs with a test certificate that
	// Server.VerifierOptions makes a notification.Verifier trust.
	SignatureVersion  string                       `json:"SignatureVersion,omitempty"`
	Signature         string                       `json:"Signature,omitempty"`
	SigningCertURL    string                       `json:"SigningCertURL,omitempty"`
	UnsubscribeURL    string                       `json:"UnsubscribeURL,omitempty"`
	MessageAttributes map[string]EnvelopeAttribute `json:"MessageAttributes,omitempty"`
}

// EnvelopeAttribute is a message attribute inside an [Envelope]. A Binary
// value is base64-encoded.
type EnvelopeAttribute struct {
	Type  string `json:"Type"`
	Value string `json:"Value"`
}

// Published returns the messages accepted for target, oldest first: a topic
// ARN, the phone number of a text message published directly, or the ARN
// of a platform endpoint pushed to. FIFO duplicates are included, marked
// Duplicate.
func (s *Server) Published(target string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.published {
		if m.TopicARN == target || (m.TopicARN == "" && (m.PhoneNumber == target || m.TargetARN == target)) {
			m.Attributes = cloneAttributes(m.Attributes)
			out = append(out, m)
		}
	}
	return out
}

// Deliveries returns what the subscription received, oldest first. They
// remain readable after the subscription or its topic is deleted.
func (s *Server) Deliveries(subscriptionARN string) []Delivery {
	return s.deliveriesWhere(func(d *Delivery) bool { return d.SubscriptionARN == subscriptionARN })
}

// DeliveriesTo returns what an endpoint (a queue ARN, a URL, an address)
// received through all its subscriptions, oldest first: what the queue
// would hold when the test does not know the subscription ARN.
func (s *Server) DeliveriesTo(endpoint string) []Delivery {
	return s.deliveriesWhere(func(d *Delivery) bool { return d.Endpoint == endpoint })
}

func (s *Server) deliveriesWhere(keep func(*Delivery) bool) []Delivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Delivery
	for i := range s.deliveries {
		if d := s.deliveries[i]; keep(&d) {
			d.Attributes = cloneAttributes(d.Attributes)
			out = append(out, d)
		}
	}
	return out
}

// ConfirmationToken returns the token SNS sent to a subscription pending
// confirmation, as its endpoint would read it from the confirmation
// request; ok is false for an unknown or confirmed subscription.
func (s *Server) ConfirmationToken(subscriptionARN string) (token string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, found := s.subs[subscriptionARN]
	if !found || sub.confirmed {
		return "", false
	}
	return sub.token, true
}

// cloneAttributes deep-copies attributes, binary values included, so the
// caller and the fake never share memory.
func cloneAttributes(in map[string]types.MessageAttributeValue) map[string]types.MessageAttributeValue {
	if in == nil {
		return nil
	}
	out := maps.Clone(in)
	for k, v := range out {
		if v.DataType != nil {
			v.DataType = ptr(*v.DataType)
		}
		if v.StringValue != nil {
			v.StringValue = ptr(*v.StringValue)
		}
		v.BinaryValue = bytes.Clone(v.BinaryValue)
		out[k] = v
	}
	return out
}

func ptr[T any](v T) *T { return &v }
