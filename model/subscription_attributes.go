package model

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Attribute names GetSubscriptionAttributes returns beside the settable
// ones (GetSubscriptionAttributes API reference).
const (
	subAttrSubscriptionArn      = "SubscriptionArn"
	subAttrTopicArn             = "TopicArn"
	subAttrProtocol             = "Protocol"
	subAttrEndpoint             = "Endpoint"
	subAttrOwner                = "Owner"
	subAttrPendingConfirmation  = "PendingConfirmation"
	subAttrConfirmationAuth     = "ConfirmationWasAuthenticated"
	subAttrEffectiveDeliveryPol = "EffectiveDeliveryPolicy"
	subAttrReplayStatus         = "ReplayStatus"
	emptyFilterPolicy           = "{}"
)

// SubscriptionDetails is what GetSubscriptionAttributes tells about a
// subscription, typed; Raw keeps every attribute as SNS returned it.
type SubscriptionDetails struct {
	// Subscription has the ARN, topic, protocol, endpoint and owner, and
	// Pending from the PendingConfirmation attribute.
	Subscription Subscription
	// ConfirmationWasAuthenticated is true "if the subscription
	// confirmation request was authenticated" (GetSubscriptionAttributes
	// API reference).
	ConfirmationWasAuthenticated bool
	// RawMessageDelivery is true when SNS delivers the message body as
	// published instead of its JSON envelope.
	RawMessageDelivery bool
	// FilterPolicy is the filter policy with its scope, or the zero
	// FilterPolicy (IsEmpty) when the subscription has none. A policy this
	// package cannot read is left out too: see [SubscriptionDetails.HasFilterPolicy].
	FilterPolicy FilterPolicy
	// DeadLetterQueueARN is the SQS queue of the redrive policy, "" for none.
	DeadLetterQueueARN string
	// RedrivePolicy is the redrive policy as SNS returned it (JSON).
	RedrivePolicy string
	// DeliveryPolicy is the subscription's HTTP/S delivery policy (JSON).
	DeliveryPolicy string
	// EffectiveDeliveryPolicy is the delivery policy with the topic's and
	// SNS's defaults applied (JSON).
	EffectiveDeliveryPolicy string
	// SubscriptionRoleARN is the IAM role of a Firehose subscription.
	SubscriptionRoleARN string
	// ReplayPolicy is the replay asked of a FIFO topic's subscription, zero
	// for none, and ReplayStatus how it is going ("" without one).
	ReplayPolicy ReplayPolicy
	ReplayStatus ReplayStatus
	// Raw holds every attribute as SNS returned it but Endpoint, which is
	// personal data and prints only as Subscription.Endpoint does.
	Raw map[string]string
}

// HasFilterPolicy reports whether the subscription filters at all. It can
// be true while FilterPolicy is empty: SNS then holds a policy this package
// cannot read, and ParseFilterPolicy(scope, d.Raw["FilterPolicy"]) says
// why.
func (d SubscriptionDetails) HasFilterPolicy() bool {
	p := strings.TrimSpace(d.Raw[subAttrFilterPolicy])
	return p != "" && p != emptyFilterPolicy
}

// ParseSubscriptionDetails reads GetSubscriptionAttributes' attribute map.
// Unknown or unparsable values stay in Raw only: SNS adds attributes over
// time, and a new one must not break a caller.
func ParseSubscriptionDetails(raw map[string]string) SubscriptionDetails {
	d := SubscriptionDetails{Raw: make(map[string]string, len(raw))}
	for k, v := range raw {
		if k != subAttrEndpoint {
			d.Raw[k] = v
		}
	}
	d.Subscription = Subscription{
		ARN:      raw[subAttrSubscriptionArn],
		TopicARN: raw[subAttrTopicArn],
		Protocol: Protocol(raw[subAttrProtocol]),
		Endpoint: PersonalData(raw[subAttrEndpoint]),
		Owner:    raw[subAttrOwner],
		Pending:  raw[subAttrPendingConfirmation] == "true",
	}
	if IsPendingConfirmation(d.Subscription.ARN) {
		d.Subscription.ARN, d.Subscription.Pending = "", true
	}
	d.ConfirmationWasAuthenticated = raw[subAttrConfirmationAuth] == "true"
	d.RawMessageDelivery = raw[subAttrRawMessageDelivery] == "true"
	if d.HasFilterPolicy() {
		if p, err := ParseFilterPolicy(FilterScope(raw[subAttrFilterPolicyScope]), raw[subAttrFilterPolicy]); err == nil {
			d.FilterPolicy = p
		}
	}
	d.RedrivePolicy = raw[subAttrRedrivePolicy]
	var redrive redrivePolicy
	if json.Unmarshal([]byte(d.RedrivePolicy), &redrive) == nil {
		d.DeadLetterQueueARN = redrive.DeadLetterTargetARN
	}
	d.DeliveryPolicy = raw[subAttrDeliveryPolicy]
	d.EffectiveDeliveryPolicy = raw[subAttrEffectiveDeliveryPol]
	d.SubscriptionRoleARN = raw[subAttrSubscriptionRole]
	d.ReplayPolicy, _ = ParseReplayPolicy(raw[subAttrReplayPolicy])
	d.ReplayStatus = ReplayStatus(raw[subAttrReplayStatus])
	return d
}

// SubscriptionAttribute is one attribute name and value, as one
// SetSubscriptionAttributes call sends it.
type SubscriptionAttribute struct {
	Name  string
	Value string
}

// SubscriptionAttributeChange is one setting to change on an existing
// subscription. Build it with [SetRawMessageDelivery], [SetFilterPolicy],
// [ClearFilterPolicy], [SetRedrivePolicy], [SetSubscriptionDeliveryPolicy],
// [SetSubscriptionRoleARN], [SetReplayPolicy] or [SetRawSubscriptionAttribute];
// SetSubscriptionAttributes validates it against the subscription before
// sending.
type SubscriptionAttributeChange struct {
	Name  string // the SNS attribute name
	Value string // the value as SNS takes it

	scope FilterScope // SetFilterPolicy: the scope set with the policy
	err   error       // a problem found while building, more precise than Value can tell
}

// SetRawMessageDelivery turns raw message delivery on or off. SNS offers it
// for sqs, http, https and firehose subscriptions only, and refuses it for
// others.
func SetRawMessageDelivery(on bool) SubscriptionAttributeChange {
	v := "false"
	if on {
		v = "true"
	}
	return SubscriptionAttributeChange{Name: subAttrRawMessageDelivery, Value: v}
}

// SetFilterPolicy replaces the filter policy and sets its scope
// (FilterPolicyScope) with it. To stop filtering use [ClearFilterPolicy];
// an empty policy here is an error.
func SetFilterPolicy(p FilterPolicy) SubscriptionAttributeChange {
	js, err := p.JSON()
	return SubscriptionAttributeChange{Name: subAttrFilterPolicy, Value: js, scope: p.Scope(), err: err}
}

// ClearFilterPolicy removes the filter policy, so the subscription receives
// every message. SNS's way is to overwrite the policy with an empty JSON
// object ("Removing a subscription filter policy in Amazon SNS", SNS
// developer guide).
func ClearFilterPolicy() SubscriptionAttributeChange {
	return SubscriptionAttributeChange{Name: subAttrFilterPolicy, Value: emptyFilterPolicy}
}

// SetRedrivePolicy sends the messages SNS cannot deliver to the SQS queue
// queueARN, a dead-letter queue of the subscription's region, account and
// kind (FIFO or standard), as for [SubscribeRequest].
func SetRedrivePolicy(queueARN string) SubscriptionAttributeChange {
	policy, _ := json.Marshal(redrivePolicy{queueARN}) // a string always marshals
	return SubscriptionAttributeChange{
		Name: subAttrRedrivePolicy, Value: string(policy),
		err: checkSQSQueueARN(dlqField, queueARN),
	}
}

// redrivePolicy is the JSON of the RedrivePolicy attribute.
type redrivePolicy struct {
	DeadLetterTargetARN string `json:"deadLetterTargetArn"`
}

const dlqField = "SubscriptionOptions.DeadLetterQueueARN"

// SetSubscriptionDeliveryPolicy replaces an HTTP/S subscription's delivery
// policy, a JSON object ("Amazon SNS message delivery retries").
func SetSubscriptionDeliveryPolicy(doc string) SubscriptionAttributeChange {
	return SubscriptionAttributeChange{Name: subAttrDeliveryPolicy, Value: doc}
}

// SetSubscriptionRoleARN changes the IAM role SNS assumes to write to a
// Firehose subscription's delivery stream.
func SetSubscriptionRoleARN(roleARN string) SubscriptionAttributeChange {
	return SubscriptionAttributeChange{Name: subAttrSubscriptionRole, Value: roleARN}
}

// SetReplayPolicy has a FIFO topic's subscription replay the topic's
// archived messages of p's window; see [ReplayPolicy].
func SetReplayPolicy(p ReplayPolicy) SubscriptionAttributeChange {
	return SubscriptionAttributeChange{Name: subAttrReplayPolicy, Value: p.JSON(), err: p.Validate()}
}

// typedSubscriptionAttributes have a typed setter, which
// SetRawSubscriptionAttribute must not bypass.
var typedSubscriptionAttributes = map[string]bool{
	subAttrRawMessageDelivery: true,
	subAttrFilterPolicy:       true,
	subAttrFilterPolicyScope:  true,
	subAttrRedrivePolicy:      true,
	subAttrDeliveryPolicy:     true,
	subAttrSubscriptionRole:   true,
	subAttrReplayPolicy:       true,
}

// SetRawSubscriptionAttribute sets an attribute this package has no typed
// setter for, passed as given.
func SetRawSubscriptionAttribute(name, value string) SubscriptionAttributeChange {
	ch := SubscriptionAttributeChange{Name: name, Value: value}
	field := fmt.Sprintf("SubscriptionAttributes[%q]", shorten(name, 64))
	switch {
	case name == "":
		ch.err = invalid("SubscriptionAttributeChange.Name", RuleRequired, "an attribute name is required")
	case typedSubscriptionAttributes[name]:
		ch.err = invalid(field, RuleConflict, "set %s through its typed setter", name)
	}
	return ch
}

// Validate checks the change for the subscription sub: what was wrong when
// it was built, then the value of every attribute this package knows,
// whoever built the change, and that a dead-letter queue suits the
// subscription's topic. Only SNS knows the protocol, so the protocol rules
// (raw delivery and delivery policies for some protocols only) are left to
// it.
func (ch SubscriptionAttributeChange) Validate(sub SubscriptionARN) error {
	if ch.Name == "" {
		return invalid("SubscriptionAttributeChange.Name", RuleRequired, "build changes with the Set... functions")
	}
	if ch.err != nil {
		return ch.err
	}
	switch ch.Name {
	case subAttrRawMessageDelivery:
		if _, ok := parseBoolText(ch.Value); !ok {
			return invalid("SubscriptionOptions.RawMessageDelivery", RuleFormat, `RawMessageDelivery is "true" or "false"`)
		}
	case subAttrFilterPolicy:
		if ch.Value == emptyFilterPolicy {
			return nil
		}
		// Without SetFilterPolicy's scope the one in force is unknown;
		// MessageBody accepts every policy either scope does.
		scope := ch.scope
		if scope == "" {
			scope = FilterScopeMessageBody
		}
		_, err := ParseFilterPolicy(scope, ch.Value)
		return err
	case subAttrFilterPolicyScope:
		if s := FilterScope(ch.Value); s != FilterScopeMessageAttributes && s != FilterScopeMessageBody {
			return invalid("FilterPolicyScope", RuleFormat, "scope %q is neither %q nor %q", shorten(ch.Value, 32), FilterScopeMessageAttributes, FilterScopeMessageBody)
		}
	case subAttrRedrivePolicy:
		var p redrivePolicy
		if json.Unmarshal([]byte(ch.Value), &p) != nil || p.DeadLetterTargetARN == "" {
			return invalid(dlqField, RuleFormat, `a redrive policy is {"deadLetterTargetArn": QUEUE_ARN}; use SetRedrivePolicy`)
		}
		if err := checkSQSQueueARN(dlqField, p.DeadLetterTargetARN); err != nil {
			return err
		}
		return checkDeadLetterQueue(sub.Topic, p.DeadLetterTargetARN)
	case subAttrDeliveryPolicy:
		if !isJSONObject(ch.Value) {
			return invalid("SubscriptionOptions.DeliveryPolicy", RuleFormat, "the delivery policy must be a JSON object")
		}
	case subAttrSubscriptionRole:
		return checkIAMRoleARN("Endpoint.SubscriptionRoleARN", ch.Value)
	case subAttrReplayPolicy:
		p, err := ParseReplayPolicy(ch.Value)
		if err != nil {
			return err
		}
		return checkReplayForTopic(sub.Topic, p)
	}
	return nil
}

// Writes returns the attributes the change sets, in the order SNS must
// receive them, one SetSubscriptionAttributes call each. Only
// [SetFilterPolicy] sets two, the policy and its scope: SNS checks a policy
// against the scope in force, and a MessageBody policy may nest where a
// MessageAttributes one may not, so the scope goes first when it becomes
// MessageBody and last when it becomes MessageAttributes. A flat policy is
// valid in both scopes, so each step is accepted.
func (ch SubscriptionAttributeChange) Writes() []SubscriptionAttribute {
	this := SubscriptionAttribute{Name: ch.Name, Value: ch.Value}
	if ch.scope == "" {
		return []SubscriptionAttribute{this}
	}
	scope := SubscriptionAttribute{Name: subAttrFilterPolicyScope, Value: string(ch.scope)}
	if ch.scope == FilterScopeMessageBody {
		return []SubscriptionAttribute{scope, this}
	}
	return []SubscriptionAttribute{this, scope}
}

// checkReplayForTopic applies the rule that ties a replay policy to its
// topic: "Amazon SNS message archiving and replay is only available for
// application-to-application (A2A) FIFO topics".
func checkReplayForTopic(topic TopicARN, p ReplayPolicy) error {
	if !p.IsZero() && !topic.FIFO() {
		return invalid("SubscriptionOptions.ReplayPolicy", RuleForbidden, "message replay applies only to subscriptions of FIFO topics")
	}
	return nil
}
