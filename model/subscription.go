package model

import (
	"strings"

	"github.com/go-sns/connector/region"
)

// Subscription is a topic's subscription: where SNS delivers the topic's
// messages, and whether it does yet.
type Subscription struct {
	// ARN identifies the subscription: its topic's ARN, ":" and an ID. It
	// is "" when SNS names no subscription ARN: it lists a subscription
	// awaiting confirmation as "PendingConfirmation", and one being deleted
	// as "Deleted". (Subscribe asks SNS for the ARN even of a pending one.)
	ARN string
	// TopicARN is the topic the subscription belongs to.
	TopicARN string
	// Protocol is how SNS delivers: sqs, https, email, ...
	Protocol Protocol
	// Endpoint is where SNS delivers: an ARN, a URL, an email address or a
	// phone number. It may be personal data, so it prints as "[personal
	// data]" under every fmt verb, in slog and JSON; Endpoint.Reveal() (or
	// string(Endpoint)) returns the value.
	Endpoint PersonalData
	// Owner is the account ID of the subscription's owner, when SNS says.
	Owner string
	// Pending reports a subscription awaiting confirmation: SNS delivers
	// nothing to it until the endpoint's owner confirms it (see
	// ConfirmSubscription) and deletes it unconfirmed after a few days.
	Pending bool
	// Deleted reports a subscription SNS lists as "Deleted": unsubscribed,
	// and not yet gone from the list. SNS does not document this value;
	// it is seen in practice.
	Deleted bool
}

// The placeholders SNS returns where a subscription ARN would be.
const (
	// PendingConfirmationARN is the "ARN" ListSubscriptionsByTopic gives a
	// subscription awaiting confirmation. Subscribe, without
	// ReturnSubscriptionArn, answers "pending confirmation" instead;
	// [IsPendingConfirmation] recognises both.
	PendingConfirmationARN = "PendingConfirmation"
	// DeletedSubscriptionARN is the "ARN" of a subscription being deleted.
	DeletedSubscriptionARN = "Deleted"
)

// IsPendingConfirmation reports whether s is what SNS says instead of an
// ARN for a subscription awaiting confirmation: "PendingConfirmation" or
// "pending confirmation", in any case.
func IsPendingConfirmation(s string) bool {
	return strings.EqualFold(strings.ReplaceAll(s, " ", ""), PendingConfirmationARN)
}

// RequiresConfirmation reports whether SNS asks the endpoint's owner to
// confirm every subscription with this protocol: email, email-json, http
// and https ("If the endpoint type is HTTP/S or email, ... the endpoint
// owner must run the ConfirmSubscription action", Subscribe API
// reference). A subscription to an endpoint of another account may need
// confirmation too, depending on who subscribed.
func (p Protocol) RequiresConfirmation() bool {
	switch p {
	case ProtocolEmail, ProtocolEmailJSON, ProtocolHTTP, ProtocolHTTPS:
		return true
	}
	return false
}

// SubscriptionARN is a parsed subscription ARN: the ARN of its topic, ":"
// and the subscription's ID, as in
// arn:aws:sns:us-east-1:123456789012:orders:8a21d249-4329-4871-acc6-7be709c6ea7f.
type SubscriptionARN struct {
	Topic TopicARN
	ID    string
}

// maxSubscriptionIDLen bounds the ID part. SNS's IDs are UUIDs (36
// characters); the bound only keeps hostile input out of error messages.
const maxSubscriptionIDLen = 128

// ParseSubscriptionARN parses a subscription ARN of any partition. The
// placeholders SNS lists instead of an ARN ("PendingConfirmation",
// "Deleted") and topic ARNs are refused with a reason that says so.
func ParseSubscriptionARN(arn string) (SubscriptionARN, error) {
	const field = "SubscriptionARN"
	switch {
	case IsPendingConfirmation(arn):
		return SubscriptionARN{}, invalid(field, RuleFormat, "SNS lists a subscription awaiting confirmation without its ARN; Subscribe returns the ARN, and the list shows it once the subscription is confirmed")
	case arn == DeletedSubscriptionARN:
		return SubscriptionARN{}, invalid(field, RuleFormat, "SNS lists a subscription being deleted without its ARN; it needs no unsubscribing")
	}
	a, err := parseResourceARN(field, arn, "sns", true)
	if err != nil {
		return SubscriptionARN{}, err
	}
	name, id, ok := strings.Cut(a.resource, ":")
	if !ok {
		return SubscriptionARN{}, invalid(field, RuleFormat, "a subscription ARN is a topic ARN followed by ':' and the subscription ID; this has no ID")
	}
	if err := ValidateTopicName(name); err != nil {
		return SubscriptionARN{}, invalid(field, RuleFormat, "topic name: %s", err.(*ValidationError).Reason)
	}
	if !nameOf(id, 1, maxSubscriptionIDLen, alnumOr("-")) {
		return SubscriptionARN{}, invalid(field, RuleFormat, "the subscription ID must be 1 to %d letters, digits and '-'", maxSubscriptionIDLen)
	}
	return SubscriptionARN{
		Topic: TopicARN{Partition: a.partition, Region: a.region, AccountID: a.account, Name: name},
		ID:    id,
	}, nil
}

// String returns the ARN text.
func (a SubscriptionARN) String() string { return a.Topic.String() + ":" + a.ID }

// ValidateRegion checks that the subscription is in region r, the region
// of its topic: a call made in r acts only on r's subscriptions.
func (a SubscriptionARN) ValidateRegion(r region.Region) error {
	return checkRegion("SubscriptionARN", a.Topic.Partition, a.Topic.Region, r)
}

// SubscribeRequest subscribes an endpoint to a topic.
type SubscribeRequest struct {
	Topic Topic
	// Endpoint is where SNS delivers; build it with the constructor of its
	// protocol (SQSEndpoint, HTTPSEndpoint, EmailEndpoint, ...).
	Endpoint Endpoint
	// Options are the optional settings: raw delivery, dead-letter queue,
	// delivery policy, filter policy.
	Options SubscriptionOptions
}

// Validate checks the request and reports every problem; see
// [SubscribeRequest.Attributes].
func (r SubscribeRequest) Validate() error {
	_, err := r.Attributes()
	return err
}

// Attributes returns the Attributes of the Subscribe call, after checking
// the topic, the endpoint and the options ([SubscriptionOptions.Attributes])
// and the rules that tie them to the topic:
//
//   - a FIFO topic delivers only to SQS queues, FIFO or standard ("SNS FIFO
//     topics can't deliver messages to customer managed endpoints", SNS
//     developer guide, "Message delivery for FIFO topics");
//   - a FIFO queue subscribes only to a FIFO topic (SNS refuses a FIFO
//     queue on a standard topic);
//   - the dead-letter queue is in the topic's partition, region and account
//     ("The Amazon SNS subscription and Amazon SQS queue must be under the
//     same AWS account and Region", "Amazon SNS dead-letter queues"), and
//     of the topic's kind ("FIFO topic subscriptions use FIFO queues, and
//     standard topic subscriptions use standard queues", same page);
//   - a replay policy is only for a FIFO topic's subscriptions.
//
// Every problem is reported, joined.
func (r SubscribeRequest) Attributes() (map[string]string, error) {
	var c collector
	c.add(r.Topic.Validate())
	attrs, err := r.Options.Attributes(r.Endpoint)
	c.add(err)
	if topic, err := ParseTopicARN(r.Topic.ARN); err == nil {
		c.add(checkEndpointForTopic(topic, r.Endpoint))
		if dlq := r.Options.DeadLetterQueueARN; dlq != "" && checkSQSQueueARN("", dlq) == nil {
			c.add(checkDeadLetterQueue(topic, dlq))
		}
		c.add(checkReplayForTopic(topic, r.Options.ReplayPolicy))
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	return attrs, nil
}

// checkEndpointForTopic applies the FIFO rules of a subscription. The
// endpoint's own problems are reported by its validation.
func checkEndpointForTopic(topic TopicARN, e Endpoint) error {
	if e.Validate() != nil {
		return nil
	}
	p := e.Protocol()
	switch {
	case topic.FIFO() && p != ProtocolSQS:
		return invalid("Endpoint.Protocol", RuleForbidden, "a FIFO topic delivers only to SQS queues (FIFO or standard), not to %s endpoints", p)
	case !topic.FIFO() && p == ProtocolSQS && strings.HasSuffix(e.Address(), fifoSuffix):
		return invalid("Endpoint.Address", RuleConflict, "a FIFO queue can subscribe only to a FIFO topic (names ending in .fifo)")
	}
	return nil
}

// checkDeadLetterQueue applies SNS's rules for a subscription's
// dead-letter queue, whose ARN is well formed. The reasons name the topic's
// region but not its account: the caller knows it, and logs need not.
func checkDeadLetterQueue(topic TopicARN, queueARN string) error {
	const field = "SubscriptionOptions.DeadLetterQueueARN"
	q, _ := parseResourceARN(field, queueARN, "sqs", true)
	var c collector
	switch {
	case q.partition != topic.Partition || q.region != topic.Region:
		c.add(invalid(field, RuleConflict, "the dead-letter queue must be in the topic's region, %s", topic.Region))
	case q.account != topic.AccountID:
		c.add(invalid(field, RuleConflict, "the dead-letter queue must be in the topic's account"))
	}
	fifoQueue := strings.HasSuffix(q.resource, fifoSuffix)
	switch {
	case topic.FIFO() && !fifoQueue:
		c.add(invalid(field, RuleConflict, "a FIFO topic's subscriptions need a FIFO dead-letter queue (name ending in .fifo)"))
	case !topic.FIFO() && fifoQueue:
		c.add(invalid(field, RuleConflict, "a standard topic's subscriptions need a standard dead-letter queue, not a FIFO one"))
	}
	return c.err()
}

// ListSubscriptionsByTopicResponse holds the subscriptions of a topic.
type ListSubscriptionsByTopicResponse struct {
	Subscriptions []Subscription
}

// ValidateConfirmationToken checks the token ConfirmSubscription takes:
// the one SNS sent to the endpoint in its subscription confirmation
// message. SNS does not document its format; it must be present and, since
// it is copied from a message, have no spaces or control characters. The
// token is never quoted in the error.
func ValidateConfirmationToken(token string) error {
	const field = "Token"
	if token == "" {
		return invalid(field, RuleRequired, "the confirmation token is required; SNS sends it to the endpoint in the SubscriptionConfirmation message")
	}
	if !nameOf(token, 1, len(token), func(c byte) bool { return c > ' ' && c < 0x7f }) {
		return invalid(field, RuleCharset, "the token has a space, a control or a non-ASCII character; copy it exactly from the confirmation message")
	}
	return nil
}
