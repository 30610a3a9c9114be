package snstest

import (
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// topic is the state of one topic.
type topic struct {
	arn    string
	name   string
	region region.Region
	fifo   bool
	// attrs are the attributes set at creation or since, FifoTopic and (on
	// FIFO topics) ContentBasedDeduplication included. Defaults SNS reports
	// without their being set are added by attributes.
	attrs map[string]string
	tags  map[string]string
	// archiveSince is when the archive policy was set, zero without one.
	archiveSince time.Time
	// dataProtection is the data protection policy, "" for none.
	dataProtection string
	subs           []string // subscription ARNs, oldest first
	seq            uint64   // last FIFO sequence number handed out
	dedup          dedupWindow
}

// Quotas of topics per account and region (CreateTopic API reference).
const (
	maxStandardTopics = 100_000
	maxFIFOTopics     = 1_000
)

// topicNameError is SNS's answer to a topic name the model refuses, or nil.
// The model's rule is SNS's rule; a FIFO topic's name also ends in ".fifo",
// and on the wire SNS refuses a ".fifo" name without FifoTopic too ('.' is
// not allowed in a standard topic's name). The model never sends that: its
// attributes set FifoTopic for a ".fifo" name.
func topicNameError(name string, fifo bool) error {
	err := model.ValidateTopicName(name)
	if err == nil && fifo {
		err = model.TopicAttributes{FIFO: true}.Validate(name)
	}
	switch {
	case err != nil && fifo:
		return invalidParameter("Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.")
	case err != nil, !fifo && strings.HasSuffix(name, ".fifo"):
		return invalidParameter("Invalid parameter: Topic Name")
	}
	return nil
}

// topicAttribute reads one attribute that CreateTopic or SetTopicAttributes
// sets on the topic called topicName, by the model's rules, and returns the
// value to keep ("" to leave it unset). It returns, worded as SNS words it
// after prefix, why the name or the value is refused; nameErr is the error
// for a name that is no settable attribute.
func topicAttribute(topicName, name, value, prefix string, nameErr error) (string, error) {
	ch, err := model.ParseTopicAttributeChange(name, value)
	if err == nil {
		err = ch.Validate(topicName)
	}
	if err == nil {
		return ch.Value, nil
	}
	p := problem(err)
	if p.Field == "TopicAttributeChange.Name" {
		return "", nameErr
	}
	return "", invalidParameter("%s%s: %s", prefix, name, p.Reason)
}

// attributes returns what GetTopicAttributes reports: the attributes set,
// the defaults SNS adds, and the read-only ones it computes.
func (s *Server) attributes(t *topic) map[string]string {
	out := map[string]string{
		"TopicArn":                t.arn,
		"Owner":                   s.account,
		"DisplayName":             "",
		"Policy":                  defaultTopicPolicy(t.arn, s.account),
		"EffectiveDeliveryPolicy": defaultEffectiveDeliveryPolicy,
		"SubscriptionsDeleted":    "0",
	}
	maps.Copy(out, t.attrs)
	s.archiveAttributes(t, out)
	if p := t.attrs["DeliveryPolicy"]; p != "" {
		out["EffectiveDeliveryPolicy"] = p
	}
	confirmed, pending := 0, 0
	for _, arn := range t.subs {
		if s.subs[arn].confirmed {
			confirmed++
		} else {
			pending++
		}
	}
	out["SubscriptionsConfirmed"] = strconv.Itoa(confirmed)
	out["SubscriptionsPending"] = strconv.Itoa(pending)
	return out
}

// maxMessageSize is the topic's payload limit.
func (t *topic) maxMessageSize() int {
	if n, err := strconv.Atoi(t.attrs["MaximumMessageSize"]); err == nil {
		return n
	}
	return model.DefaultLimits.MaxPayloadBytes
}

// defaultTopicPolicy is the access policy SNS gives a new topic (as
// GetTopicAttributes returns it for a topic created without one).
func defaultTopicPolicy(arn, account string) string {
	return `{"Version":"2008-10-17","Id":"__default_policy_ID","Statement":[{"Sid":"__default_statement_ID","Effect":"Allow","Principal":{"AWS":"*"},"Action":["SNS:GetTopicAttributes","SNS:SetTopicAttributes","SNS:AddPermission","SNS:RemovePermission","SNS:DeleteTopic","SNS:Subscribe","SNS:ListSubscriptionsByTopic","SNS:Publish"],"Resource":"` +
		arn + `","Condition":{"StringEquals":{"AWS:SourceOwner":"` + account + `"}}}]}`
}

// defaultEffectiveDeliveryPolicy is SNS's HTTP retry policy for a topic
// without a DeliveryPolicy.
const defaultEffectiveDeliveryPolicy = `{"http":{"defaultHealthyRetryPolicy":{"minDelayTarget":20,"maxDelayTarget":20,"numRetries":3,"numMaxDelayRetries":0,"numNoDelayRetries":0,"numMinDelayRetries":0,"backoffFunction":"linear"},"disableSubscriptionOverrides":false,"defaultRequestPolicy":{"headerContentType":"text/plain; charset=UTF-8"}}}`

// dedupWindow remembers the deduplication IDs of a FIFO topic's messages
// for five minutes: "subsequent messages within the deduplication scope and
// interval, with the same MessageDeduplicationId, are accepted successfully
// but aren't delivered."
type dedupWindow struct {
	seen  map[string]*dedupEntry
	order []*dedupEntry // oldest first, for expiry
}

// dedupInterval is SNS's deduplication interval.
const dedupInterval = 5 * time.Minute

type dedupEntry struct {
	key       string
	at        time.Time
	messageID string
	seq       string
}

// lookup expires old entries and returns the live one for key, if any.
func (w *dedupWindow) lookup(key string, now time.Time) *dedupEntry {
	for len(w.order) > 0 && now.Sub(w.order[0].at) >= dedupInterval {
		old := w.order[0]
		if w.seen[old.key] == old {
			delete(w.seen, old.key)
		}
		w.order[0] = nil
		w.order = w.order[1:]
	}
	return w.seen[key]
}

func (w *dedupWindow) add(e *dedupEntry) {
	if w.seen == nil {
		w.seen = map[string]*dedupEntry{}
	}
	w.seen[e.key] = e
	w.order = append(w.order, e)
}
