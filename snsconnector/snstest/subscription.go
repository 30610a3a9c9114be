package snstest

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"regexp"
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

// protocols are the values of Subscribe's Protocol.
var protocols = map[string]bool{
	"http": true, "https": true, "email": true, "email-json": true, "sms": true,
	"sqs": true, "application": true, "lambda": true, "firehose": true,
}

// tokenValidity is how long a confirmation token works: "Confirmation
// tokens are valid for two days."
const tokenValidity = 48 * time.Hour

// e164 is the phone number format SNS takes for sms endpoints and
// PhoneNumber: a '+', a country code and up to 15 digits in all.
var e164 = regexp.MustCompile(`^\+[1-9][0-9]{1,14}$`)

// checkEndpoint returns why SNS refuses the endpoint for the protocol, or "".
func checkEndpoint(protocol, endpoint string, fifoTopic bool) string {
	switch protocol {
	case "http", "https":
		if !strings.HasPrefix(endpoint, protocol+"://") {
			return "Endpoint must match the specified protocol"
		}
	case "email", "email-json":
		at := strings.IndexByte(endpoint, '@')
		if at <= 0 || at == len(endpoint)-1 || strings.ContainsAny(endpoint, " \t\r\n") {
			return "Email address is not valid"
		}
	case "sms":
		if !e164.MatchString(endpoint) {
			return fmt.Sprintf("Invalid SMS endpoint: %s", clip(endpoint))
		}
	case "sqs", "lambda", "firehose", "application":
		service := map[string]string{"sqs": "sqs", "lambda": "lambda", "firehose": "firehose", "application": "sns"}[protocol]
		if _, err := parseARN("Endpoint", endpoint, service); err != nil {
			return fmt.Sprintf("%s endpoint ARN", strings.ToUpper(protocol))
		}
		if protocol == "sqs" && strings.HasSuffix(endpoint, ".fifo") && !fifoTopic {
			return "Invalid parameter: Endpoint Reason: FIFO SQS Queues can not be subscribed to standard SNS topics"
		}
	}
	if fifoTopic && protocol != "sqs" {
		// FIFO topics deliver to Amazon SQS queues only.
		return fmt.Sprintf("Invalid protocol type: %s for FIFO topics", protocol)
	}
	return ""
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
	switch protocol {
	case "http", "https", "email", "email-json":
		return true
	}
	acct := endpointAccount(protocol, endpoint)
	return acct != "" && acct != topicAccount
}

// rawCapable are the protocols with raw message delivery: "RawMessageDelivery
// – When set to true, enables raw message delivery to Amazon SQS or HTTP/S
// endpoints", and Data Firehose.
var rawCapable = map[string]bool{"sqs": true, "http": true, "https": true, "firehose": true}

// subscriptionAttributes are the attributes Subscribe and
// SetSubscriptionAttributes accept.
var subscriptionAttributes = map[string]bool{
	"DeliveryPolicy": true, "FilterPolicy": true, "FilterPolicyScope": true,
	"RawMessageDelivery": true, "RedrivePolicy": true, "SubscriptionRoleArn": true,
	"ReplayPolicy": true,
}

// applyAttributes validates attributes for a subscription with this
// protocol and endpoint on a (FIFO or standard) topic, merged over current,
// and returns the merged attributes and parsed filter policy. The error's
// reason is SNS's text after "Invalid parameter: " for SetSubscriptionAttributes
// or "Invalid parameter: Attributes Reason: " for Subscribe.
func applyAttributes(current, set map[string]string, protocol string, fifoTopic bool) (map[string]string, model.FilterPolicy, string) {
	var none model.FilterPolicy
	merged := maps.Clone(current)
	if merged == nil {
		merged = map[string]string{}
	}
	for name, v := range set {
		if !subscriptionAttributes[name] {
			return nil, none, "AttributeName"
		}
		switch name {
		case "RawMessageDelivery":
			lv := strings.ToLower(v)
			if lv != "true" && lv != "false" {
				return nil, none, fmt.Sprintf("RawMessageDelivery: Invalid value [%s]. Must be true or false.", clip(v))
			}
			if lv == "true" && !rawCapable[protocol] {
				return nil, none, fmt.Sprintf("Delivery protocol [%s] does not support raw message delivery.", protocol)
			}
			v = lv
		case "FilterPolicyScope":
			if v != string(model.FilterScopeMessageAttributes) && v != string(model.FilterScopeMessageBody) {
				return nil, none, fmt.Sprintf("FilterPolicyScope: Invalid value [%s]. Please use either MessageBody or MessageAttributes", clip(v))
			}
		case "RedrivePolicy":
			if v != "" {
				var rp struct {
					DeadLetterTargetArn string `json:"deadLetterTargetArn"`
				}
				if json.Unmarshal([]byte(v), &rp) != nil {
					return nil, none, "RedrivePolicy: failed to parse JSON."
				}
				if _, err := parseARN("", rp.DeadLetterTargetArn, "sqs"); err != nil {
					return nil, none, "RedrivePolicy: deadLetterTargetArn is an invalid arn"
				}
			}
		case "DeliveryPolicy":
			if r := jsonObject(v, fifoTopic); r != "" {
				return nil, none, "DeliveryPolicy: " + r
			}
		case "ReplayPolicy":
			if !fifoTopic {
				return nil, none, "ReplayPolicy: the attribute applies only to subscriptions to FIFO topics"
			}
			if _, err := model.ParseReplayPolicy(v); err != nil {
				return nil, none, "ReplayPolicy: " + reason(err)
			}
		case "SubscriptionRoleArn":
			if r := roleARN(v, fifoTopic); r != "" {
				return nil, none, "SubscriptionRoleArn: " + r
			}
		}
		if v == "" && name != "FilterPolicy" {
			delete(merged, name)
			continue
		}
		merged[name] = v
	}
	if protocol == "firehose" && merged["SubscriptionRoleArn"] == "" {
		return nil, none, "SubscriptionRoleArn is required for firehose subscriptions"
	}
	if merged["FilterPolicy"] == "" {
		delete(merged, "FilterPolicy")
		return merged, none, ""
	}
	// The model's parser holds SNS's rules, written once: the fake refuses
	// exactly what it refuses.
	policy, err := model.ParseFilterPolicy(model.FilterScope(merged["FilterPolicyScope"]), merged["FilterPolicy"])
	if err != nil {
		var ve *model.ValidationError
		if errors.As(err, &ve) {
			return nil, none, ve.Field + ": " + ve.Reason
		}
		return nil, none, "FilterPolicy"
	}
	return merged, policy, ""
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
