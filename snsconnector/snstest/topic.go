package snstest

import (
	"encoding/json"
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

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

// Limits of topics, from the CreateTopic and Publish API references.
const (
	maxTopicName          = 256
	maxTags               = 50
	maxTagKey             = 128
	maxTagValue           = 256
	defaultMaxMessageSize = 262_144   // 256 KiB
	minMaxMessageSize     = 1024      // MaximumMessageSize lower bound
	maxMaxMessageSize     = 1_048_576 // and upper bound, 1 MiB
	maxStandardTopics     = 100_000   // per account and region
	maxFIFOTopics         = 1_000
	maxPolicyLength       = 30_720
	maxDisplayName        = 100
)

// validTopicName applies "Topic names must be made up of only uppercase and
// lowercase ASCII letters, numbers, underscores, and hyphens, and must be
// between 1 and 256 characters long. For a FIFO topic, the name must end
// with the .fifo suffix."
func validTopicName(name string, fifo bool) bool {
	base := name
	if fifo {
		var ok bool
		if base, ok = strings.CutSuffix(name, ".fifo"); !ok {
			return false
		}
	}
	if base == "" || len(name) > maxTopicName {
		return false
	}
	for i := 0; i < len(base); i++ {
		c := base[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// topicAttribute validates one settable attribute. fifo says whether the
// topic is FIFO; the returned text is why the value is refused.
type topicAttribute func(value string, fifo bool) string

// topicAttributes are the attributes CreateTopic and SetTopicAttributes
// accept, after the CreateTopic API reference, with each one's rule.
// FifoTopic is accepted by CreateTopic only.
var topicAttributes = map[string]topicAttribute{
	"DeliveryPolicy": jsonObject,
	"DisplayName": func(v string, _ bool) string {
		if len([]rune(v)) > maxDisplayName {
			return fmt.Sprintf("DisplayName must be at most %d characters", maxDisplayName)
		}
		return ""
	},
	"Policy": func(v string, fifo bool) string {
		if len(v) > maxPolicyLength {
			return fmt.Sprintf("Policy must be at most %d characters", maxPolicyLength)
		}
		return jsonObject(v, fifo)
	},
	"KmsMasterKeyId":   func(string, bool) string { return "" },
	"SignatureVersion": oneOf("1", "2"),
	"TracingConfig": func(v string, fifo bool) string {
		if r := oneOf("PassThrough", "Active")(v, fifo); r != "" {
			return r
		}
		if v == "Active" && fifo {
			return "TracingConfig Active is only supported on standard topics"
		}
		return ""
	},
	"MaximumMessageSize": func(v string, _ bool) string {
		n, err := strconv.Atoi(v)
		if err != nil || n < minMaxMessageSize || n > maxMaxMessageSize {
			return fmt.Sprintf("MaximumMessageSize must be an integer from %d to %d", minMaxMessageSize, maxMaxMessageSize)
		}
		return ""
	},
	"ContentBasedDeduplication": fifoOnly(oneOf("true", "false")),
	"FifoThroughputScope":       fifoOnly(oneOf("Topic", "MessageGroup")),
	"ArchivePolicy":             fifoOnly(archivePolicy),
}

func init() {
	// The delivery status logging attributes of every protocol.
	for _, p := range []string{"HTTP", "Firehose", "Lambda", "Application", "SQS"} {
		topicAttributes[p+"SuccessFeedbackRoleArn"] = roleARN
		topicAttributes[p+"FailureFeedbackRoleArn"] = roleARN
		topicAttributes[p+"SuccessFeedbackSampleRate"] = func(v string, _ bool) string {
			if n, err := strconv.Atoi(v); err != nil || n < 0 || n > 100 {
				return "the sample rate must be an integer from 0 to 100"
			}
			return ""
		}
	}
}

func oneOf(allowed ...string) topicAttribute {
	return func(v string, _ bool) string {
		for _, a := range allowed {
			if v == a {
				return ""
			}
		}
		return fmt.Sprintf("value must be one of %s", strings.Join(allowed, ", "))
	}
}

func fifoOnly(check topicAttribute) topicAttribute {
	return func(v string, fifo bool) string {
		if !fifo {
			return "the attribute applies only to FIFO topics"
		}
		return check(v, fifo)
	}
}

func jsonObject(v string, _ bool) string {
	if v == "" {
		return ""
	}
	var obj map[string]any
	if json.Unmarshal([]byte(v), &obj) != nil || obj == nil {
		return "the value must be a JSON object"
	}
	return ""
}

func roleARN(v string, _ bool) string {
	if v == "" {
		return ""
	}
	if _, err := parseARN("", v, "iam"); err != nil {
		return "the value must be an IAM role ARN"
	}
	return ""
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
	return defaultMaxMessageSize
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
