package snstest

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/go-sns/connector/model"
)

// subscription is the state of one subscription.
type subscription struct {
	arn      string
	topicARN string
	protocol string
	endpoint string
	// attrs are the attributes set at Subscribe or since.
	attrs     map[string]string
	policy    model.FilterPolicy // empty: no filter policy, every message passes
	confirmed bool
	token     string // the confirmation token while pending
	tokenAt   time.Time
}

// tokenValidity is how long a confirmation token works: "Confirmation
// tokens are valid for two days."
const tokenValidity = 48 * time.Hour

// endpointOf reads a subscription's protocol and endpoint into the model's
// Endpoint, whose constructors hold SNS's rules for each protocol (and for
// the role a Firehose subscription needs). SNS also takes a user name and
// password in an http URL, which the model refuses because they would
// cross the network in clear text; the rest of such a URL is checked.
func endpointOf(protocol, endpoint, roleARN string) (model.Endpoint, error) {
	p := model.Protocol(protocol)
	switch p {
	case model.ProtocolFirehose:
		return model.FirehoseEndpoint(endpoint, roleARN)
	case model.ProtocolHTTP:
		if u, err := url.Parse(endpoint); err == nil && u.User != nil {
			u.User = nil
			endpoint = u.String()
		}
	}
	return model.NewEndpoint(p, endpoint)
}

// knownProtocol reports whether SNS delivers with protocol: whether the
// model knows it.
func knownProtocol(protocol string) bool {
	_, err := endpointOf(protocol, "", "")
	return problem(err).Field != "Endpoint.Protocol"
}

// endpointAccount returns the account of an endpoint given as an ARN, or ""
// for URLs, addresses and numbers.
func endpointAccount(protocol, endpoint string) string {
	switch protocol {
	case "sqs", "lambda", "firehose", "application":
		if a, err := parseARN("", endpoint, ""); err == nil {
			return a.AccountID
		}
	}
	return ""
}

// needsConfirmation applies the Subscribe API reference: "If the endpoint
// type is HTTP/S or email, or if the endpoint and the topic are not in the
// same Amazon Web Services account, the endpoint owner must run the
// ConfirmSubscription action to confirm the subscription."
func needsConfirmation(protocol, endpoint, topicAccount string) bool {
	if model.Protocol(protocol).RequiresConfirmation() {
		return true
	}
	acct := endpointAccount(protocol, endpoint)
	return acct != "" && acct != topicAccount
}

// subscriptionAttributes are the attributes Subscribe and
// SetSubscriptionAttributes accept.
var subscriptionAttributes = map[string]bool{
	"DeliveryPolicy": true, "FilterPolicy": true, "FilterPolicyScope": true,
	"RawMessageDelivery": true, "RedrivePolicy": true, "SubscriptionRoleArn": true,
	"ReplayPolicy": true,
}

// removable are the attributes an empty value removes.
var removable = map[string]bool{"DeliveryPolicy": true, "RedrivePolicy": true, "ReplayPolicy": true, "SubscriptionRoleArn": true}

// applyAttributes validates the attributes set on a subscription to topic
// with this protocol and endpoint, merged over its current ones, and
// returns the merged attributes and the parsed filter policy. The rules are
// the model's: each attribute's by model.SubscriptionAttributeChange, the
// filter policy's by model.ParseFilterPolicy in its scope, and the whole
// subscription's (the endpoint for its protocol, raw delivery and delivery
// policies for the protocols that take them, a FIFO topic's protocols, a
// dead-letter queue of the topic's region, account and kind) by
// model.SubscribeRequest. Errors are SNS's InvalidParameter, a problem with
// the attributes worded after attrPrefix ("Invalid parameter: Attributes
// Reason: " for Subscribe, "Invalid parameter: " for
// SetSubscriptionAttributes).
func applyAttributes(topic model.TopicARN, current, set map[string]string, protocol, endpoint, attrPrefix string) (map[string]string, model.FilterPolicy, error) {
	var none model.FilterPolicy
	attrErr := func(format string, args ...any) error { return invalidParameter(attrPrefix+format, args...) }
	merged := maps.Clone(current)
	if merged == nil {
		merged = map[string]string{}
	}
	for _, name := range slices.Sorted(maps.Keys(set)) {
		v := set[name]
		if !subscriptionAttributes[name] {
			return nil, none, attrErr("AttributeName")
		}
		switch {
		case v == "" && removable[name]:
			delete(merged, name)
			continue
		case name != "FilterPolicy": // read below, in its scope
			if err := (model.SubscriptionAttributeChange{Name: name, Value: v}).Validate(model.SubscriptionARN{Topic: topic}); err != nil {
				return nil, none, attrErr("%s", attributeReason(name, v, problem(err)))
			}
			if name == "RawMessageDelivery" {
				v = strings.ToLower(v) // "TRUE" is taken, and read back as "true"
			}
		}
		merged[name] = v
	}
	var policy model.FilterPolicy
	if merged["FilterPolicy"] == "" {
		delete(merged, "FilterPolicy")
	} else {
		var err error
		if policy, err = model.ParseFilterPolicy(model.FilterScope(merged["FilterPolicyScope"]), merged["FilterPolicy"]); err != nil {
			p := problem(err)
			return nil, none, attrErr("%s: %s", p.Field, p.Reason)
		}
	}
	replay, _ := model.ParseReplayPolicy(merged["ReplayPolicy"]) // checked above, or "": none
	e, err := endpointOf(protocol, endpoint, merged["SubscriptionRoleArn"])
	if err == nil {
		req := model.SubscribeRequest{Topic: model.Topic{ARN: topic.String()}, Endpoint: e, Options: model.SubscriptionOptions{
			RawMessageDelivery: merged["RawMessageDelivery"] == "true",
			DeadLetterQueueARN: deadLetterQueue(merged["RedrivePolicy"]),
			DeliveryPolicy:     merged["DeliveryPolicy"],
			FilterPolicy:       policy,
			ReplayPolicy:       replay,
		}}
		err = req.Validate()
	}
	if err != nil {
		return nil, none, subscriptionError(problem(err), protocol, merged["SubscriptionRoleArn"], attrErr)
	}
	return merged, policy, nil
}

// deadLetterQueue is the queue of a redrive policy the model has checked.
func deadLetterQueue(redrivePolicy string) string {
	var p struct {
		DeadLetterTargetArn string `json:"deadLetterTargetArn"`
	}
	json.Unmarshal([]byte(redrivePolicy), &p) // checked, or "": no queue
	return p.DeadLetterTargetArn
}

// attributeReason words a problem the model found with one subscription
// attribute as SNS does.
func attributeReason(name, value string, p *model.ValidationError) string {
	switch name {
	case "RawMessageDelivery":
		return fmt.Sprintf("RawMessageDelivery: Invalid value [%s]. Must be true or false.", clip(value))
	case "FilterPolicyScope":
		return fmt.Sprintf("FilterPolicyScope: Invalid value [%s]. Please use either MessageBody or MessageAttributes", clip(value))
	case "RedrivePolicy":
		switch {
		case !json.Valid([]byte(value)):
			return "RedrivePolicy: failed to parse JSON."
		case p.Rule != model.RuleConflict:
			return "RedrivePolicy: deadLetterTargetArn is an invalid arn"
		}
	}
	return name + ": " + p.Reason
}

// subscriptionError words a problem the model found with a whole
// subscription as SNS does: an endpoint's as "Invalid parameter: ...", an
// attribute's with attrErr.
func subscriptionError(p *model.ValidationError, protocol, roleARN string, attrErr func(string, ...any) error) error {
	switch p.Field {
	case "Endpoint.Protocol":
		if p.Rule == model.RuleForbidden {
			return invalidParameter("Invalid parameter: Invalid protocol type: %s for FIFO topics", protocol)
		}
		return invalidParameter("Invalid parameter: Amazon SNS does not support this protocol string: %s", clip(protocol))
	case "Endpoint.Address":
		switch protocol {
		case "sqs":
			if p.Rule == model.RuleConflict {
				return invalidParameter("Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics")
			}
			return invalidParameter("Invalid parameter: SQS endpoint ARN")
		case "http", "https":
			if p.Rule == model.RuleConflict {
				return invalidParameter("Invalid parameter: Endpoint must match the specified protocol")
			}
			return invalidParameter("Invalid parameter: Endpoint Reason: %s", p.Reason)
		case "email", "email-json":
			return invalidParameter("Invalid parameter: Email address is not valid")
		case "sms":
			return invalidParameter("Invalid parameter: Invalid SMS endpoint")
		}
		return invalidParameter("Invalid parameter: %s endpoint ARN", strings.ToUpper(protocol))
	case "Endpoint.SubscriptionRoleARN":
		if roleARN == "" {
			return attrErr("SubscriptionRoleArn is required for firehose subscriptions")
		}
		return attrErr("SubscriptionRoleArn: %s", p.Reason)
	case "SubscriptionOptions.RawMessageDelivery":
		return attrErr("Delivery protocol [%s] does not support raw message delivery.", protocol)
	case "SubscriptionOptions.DeadLetterQueueARN":
		return attrErr("RedrivePolicy: %s", p.Reason)
	case "SubscriptionOptions.DeliveryPolicy":
		return attrErr("DeliveryPolicy: %s", p.Reason)
	}
	return attrErr("%s: %s", p.Field, p.Reason)
}

// raw reports whether the subscription has raw message delivery.
func (sub *subscription) raw() bool { return sub.attrs["RawMessageDelivery"] == "true" }

// clip shortens input quoted in an error message.
func clip(s string) string {
	const n = 64
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) > n {
		r = r[:n]
	}
	return string(r) + "…"
}
