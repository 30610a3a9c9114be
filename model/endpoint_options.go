package model

import (
	"encoding/json"
	"slices"
	"strings"
)

// SubscriptionOptions are the optional settings of a subscription. The zero
// value sets nothing. [SubscriptionOptions.Attributes] turns them, with the
// endpoint, into the Attributes map of Subscribe (or the name/value pairs of
// SetSubscriptionAttributes).
type SubscriptionOptions struct {
	// RawMessageDelivery delivers the message body as published, without
	// SNS's JSON envelope. SNS offers it for SQS, HTTP/S and Firehose
	// endpoints only ("Amazon SNS raw message delivery").
	RawMessageDelivery bool
	// DeadLetterQueueARN is the SQS queue that receives messages SNS could
	// not deliver: the RedrivePolicy {"deadLetterTargetArn": ...}. Every
	// protocol may have one. Whether the queue exists and suits the topic
	// (a FIFO topic needs a FIFO queue) only SNS can check.
	DeadLetterQueueARN string
	// DeliveryPolicy is a JSON object giving HTTP/S delivery retries and
	// throttling ("Amazon SNS message delivery retries"). Only HTTP/S
	// subscriptions take one; it is passed on as given once checked to be a
	// JSON object.
	DeliveryPolicy string
	// FilterPolicy selects the messages the subscription receives; its
	// scope becomes FilterPolicyScope. The zero FilterPolicy filters
	// nothing.
	FilterPolicy FilterPolicy
	// ReplayPolicy replays a FIFO topic's archived messages to the new
	// subscription; the zero value replays nothing.
	ReplayPolicy ReplayPolicy
}

// The subscription attribute names SNS uses (Subscribe and
// SetSubscriptionAttributes API references).
const (
	subAttrRawMessageDelivery = "RawMessageDelivery"
	subAttrRedrivePolicy      = "RedrivePolicy"
	subAttrDeliveryPolicy     = "DeliveryPolicy"
	subAttrFilterPolicy       = "FilterPolicy"
	subAttrFilterPolicyScope  = "FilterPolicyScope"
	subAttrSubscriptionRole   = "SubscriptionRoleArn"
	subAttrReplayPolicy       = "ReplayPolicy"
)

// rawDeliveryProtocols are the protocols SNS can deliver raw messages to.
var rawDeliveryProtocols = []Protocol{ProtocolSQS, ProtocolHTTP, ProtocolHTTPS, ProtocolFirehose}

// Validate checks the options for a subscription to e, e included, and
// reports every problem.
func (o SubscriptionOptions) Validate(e Endpoint) error {
	_, err := o.Attributes(e)
	return err
}

// Attributes returns the subscription attributes for a subscription to e:
// RawMessageDelivery, RedrivePolicy, DeliveryPolicy, FilterPolicy with
// FilterPolicyScope, ReplayPolicy, and SubscriptionRoleArn for Firehose. Unset options are
// left out; with none set, the map is nil. Every problem with e or the
// options is reported, joined.
func (o SubscriptionOptions) Attributes(e Endpoint) (map[string]string, error) {
	var c collector
	c.add(e.Validate())
	attrs := map[string]string{}
	p := e.Protocol()
	if o.RawMessageDelivery {
		if p != "" && !slices.Contains(rawDeliveryProtocols, p) {
			c.add(invalid("SubscriptionOptions.RawMessageDelivery", RuleForbidden, "SNS delivers raw messages to sqs, http, https and firehose endpoints only, not %s", p))
		}
		attrs[subAttrRawMessageDelivery] = "true"
	}
	if o.DeadLetterQueueARN != "" {
		const field = "SubscriptionOptions.DeadLetterQueueARN"
		if err := checkSQSQueueARN(field, o.DeadLetterQueueARN); err != nil {
			c.add(err)
		} else {
			policy, _ := json.Marshal(struct {
				DeadLetterTargetARN string `json:"deadLetterTargetArn"`
			}{o.DeadLetterQueueARN}) // an ARN always marshals
			attrs[subAttrRedrivePolicy] = string(policy)
		}
	}
	if o.DeliveryPolicy != "" {
		const field = "SubscriptionOptions.DeliveryPolicy"
		if p != "" && p != ProtocolHTTP && p != ProtocolHTTPS {
			c.add(invalid(field, RuleForbidden, "only http and https subscriptions take a delivery policy, not %s", p))
		}
		if !isJSONObject(o.DeliveryPolicy) {
			c.add(invalid(field, RuleFormat, "the delivery policy must be a JSON object"))
		}
		attrs[subAttrDeliveryPolicy] = o.DeliveryPolicy
	}
	if !o.FilterPolicy.IsEmpty() {
		js, err := o.FilterPolicy.JSON()
		c.add(err)
		attrs[subAttrFilterPolicy] = js
		attrs[subAttrFilterPolicyScope] = string(o.FilterPolicy.Scope())
	}
	if !o.ReplayPolicy.IsZero() {
		c.add(o.ReplayPolicy.Validate())
		attrs[subAttrReplayPolicy] = o.ReplayPolicy.JSON()
	}
	if role := e.SubscriptionRoleARN(); role != "" {
		attrs[subAttrSubscriptionRole] = role
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	if len(attrs) == 0 {
		return nil, nil
	}
	return attrs, nil
}

// isJSONObject reports whether s is one well-formed JSON object.
func isJSONObject(s string) bool {
	return json.Valid([]byte(s)) && strings.HasPrefix(strings.TrimLeft(s, " \t\r\n"), "{")
}
