package model

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// TracingMode is a topic's X-Ray tracing setting.
type TracingMode string

// The tracing modes SNS accepts.
const (
	TracingPassThrough TracingMode = "PassThrough" // pass the caller's tracing header on (default)
	TracingActive      TracingMode = "Active"      // SNS vends X-Ray segments; standard topics only
)

// ThroughputScope is a FIFO topic's deduplication scope, the
// FifoThroughputScope attribute: "Enables higher throughput for your FIFO
// topic by adjusting the scope of deduplication" (SetTopicAttributes API
// reference). It applies only to FIFO topics.
type ThroughputScope string

// FifoThroughputScope is ThroughputScope under its SNS attribute name.
type FifoThroughputScope = ThroughputScope

// The FIFO throughput scopes SNS accepts.
const (
	ThroughputScopeTopic        ThroughputScope = "Topic"        // deduplicate across the topic (default)
	ThroughputScopeMessageGroup ThroughputScope = "MessageGroup" // deduplicate per group: higher throughput
)

// The limits of MaximumMessageSize (CreateTopic API reference).
const (
	MinTopicMessageSize = 1024
	MaxTopicMessageSize = 1_048_576
)

// The longest display name, in characters (the API reference states no
// limit; 100 is the one this module has always applied), and access
// policy, in bytes ("Policy quotas": 30 KB, "Amazon SNS API permissions:
// Actions and resources reference").
const (
	maxDisplayNameLen = 100
	maxTopicPolicyLen = 30_720
)

// TopicAttributes are the settable attributes of a topic, typed. The zero
// value of each field means "not set": SNS's default applies on create, and
// the attribute is left alone on update.
type TopicAttributes struct {
	// DisplayName is the sender name for email and the SMS prefix.
	DisplayName string
	// FIFO makes a FIFO topic; the name must end in ".fifo", and a ".fifo"
	// name implies it.
	FIFO bool
	// ContentBasedDeduplication derives a FIFO message's deduplication ID
	// from a SHA-256 of its body. FIFO topics only.
	ContentBasedDeduplication bool
	// ThroughputScope is a FIFO topic's deduplication scope.
	ThroughputScope ThroughputScope
	// KMSMasterKeyID turns on server-side encryption with this key (an ID,
	// ARN or alias such as "alias/aws/sns").
	KMSMasterKeyID string
	// Policy is the access policy, a JSON document.
	Policy string
	// DeliveryPolicy is the HTTP/S delivery retry policy, a JSON document.
	DeliveryPolicy string
	// ArchivePolicy keeps a FIFO topic's messages for replay; the zero
	// value sets none.
	ArchivePolicy ArchivePolicy
	// TracingConfig is the X-Ray tracing mode; Active only on standard topics.
	TracingConfig TracingMode
	// SignatureVersion is 1 (SHA1withRSA, SNS's default) or 2 (SHA256withRSA)
	// for the signatures on messages SNS delivers; 0 leaves the default.
	SignatureVersion int
	// MaximumMessageSize is the largest message the topic accepts, 1,024 to
	// 1,048,576 bytes; 0 leaves SNS's default of 262,144.
	MaximumMessageSize int
	// Extra holds attributes without a field here (the delivery status
	// logging ones, "SQSSuccessFeedbackRoleArn" and the like), passed as given.
	Extra map[string]string
}

// The SNS names of the typed attributes.
const (
	attrDisplayName      = "DisplayName"
	attrFifoTopic        = "FifoTopic"
	attrContentBasedDedp = "ContentBasedDeduplication"
	attrThroughputScope  = "FifoThroughputScope"
	attrKmsMasterKeyID   = "KmsMasterKeyId"
	attrPolicy           = "Policy"
	attrDeliveryPolicy   = "DeliveryPolicy"
	attrArchivePolicy    = "ArchivePolicy"
	attrTracingConfig    = "TracingConfig"
	attrSignatureVersion = "SignatureVersion"
	attrMaxMessageSize   = "MaximumMessageSize"
)

// typedTopicAttributes are the names with a field in TopicAttributes.
var typedTopicAttributes = map[string]bool{
	attrDisplayName: true, attrFifoTopic: true, attrContentBasedDedp: true,
	attrThroughputScope: true, attrKmsMasterKeyID: true, attrPolicy: true,
	attrDeliveryPolicy: true, attrArchivePolicy: true, attrTracingConfig: true,
	attrSignatureVersion: true, attrMaxMessageSize: true,
}

// Validate checks the attributes for a topic called name: the FIFO settings
// agree with the ".fifo" suffix, FIFO-only settings are only on FIFO
// topics, JSON documents parse, enumerations and ranges hold.
func (a TopicAttributes) Validate(name string) error {
	var c collector
	fifoName := strings.HasSuffix(name, fifoSuffix)
	if a.FIFO && !fifoName {
		c.add(invalid("TopicAttributes.FIFO", RuleConflict, "a FIFO topic's name must end in .fifo"))
	}
	fifo := a.FIFO || fifoName
	if a.ContentBasedDeduplication && !fifo {
		c.add(invalid("TopicAttributes.ContentBasedDeduplication", RuleForbidden, "content-based deduplication applies only to FIFO topics"))
	}
	switch a.ThroughputScope {
	case "":
	case ThroughputScopeTopic, ThroughputScopeMessageGroup:
		if !fifo {
			c.add(invalid("TopicAttributes.ThroughputScope", RuleForbidden, "a throughput scope applies only to FIFO topics"))
		}
	default:
		c.add(invalid("TopicAttributes.ThroughputScope", RuleFormat, "%q is not Topic or MessageGroup", shorten(string(a.ThroughputScope), 32)))
	}
	if !a.ArchivePolicy.IsZero() {
		if !fifo {
			c.add(invalid("TopicAttributes.ArchivePolicy", RuleForbidden, "message archiving applies only to FIFO topics"))
		}
		c.add(a.ArchivePolicy.Validate())
	}
	switch a.TracingConfig {
	case "", TracingPassThrough:
	case TracingActive:
		if fifo {
			c.add(invalid("TopicAttributes.TracingConfig", RuleForbidden, "active tracing is only supported on standard topics"))
		}
	default:
		c.add(invalid("TopicAttributes.TracingConfig", RuleFormat, "%q is not PassThrough or Active", shorten(string(a.TracingConfig), 32)))
	}
	if a.SignatureVersion != 0 && a.SignatureVersion != 1 && a.SignatureVersion != 2 {
		c.add(invalid("TopicAttributes.SignatureVersion", RuleRange, "%d is not 1 or 2", a.SignatureVersion))
	}
	if a.MaximumMessageSize != 0 && (a.MaximumMessageSize < MinTopicMessageSize || a.MaximumMessageSize > MaxTopicMessageSize) {
		c.add(invalid("TopicAttributes.MaximumMessageSize", RuleRange, "%d is outside %d to %d bytes", a.MaximumMessageSize, MinTopicMessageSize, MaxTopicMessageSize))
	}
	if n := len(a.Policy); n > maxTopicPolicyLen {
		c.add(invalid("TopicAttributes.Policy", RuleMaxLength, "%d characters; at most %d", n, maxTopicPolicyLen))
	}
	c.add(validateJSONObject("TopicAttributes.Policy", a.Policy))
	c.add(validateJSONObject("TopicAttributes.DeliveryPolicy", a.DeliveryPolicy))
	if n := utf8.RuneCountInString(a.DisplayName); n > maxDisplayNameLen {
		c.add(invalid("TopicAttributes.DisplayName", RuleMaxLength, "%d characters; at most %d", n, maxDisplayNameLen))
	}
	for _, k := range sortedKeys(a.Extra) {
		if typedTopicAttributes[k] {
			c.add(invalid(fmt.Sprintf("TopicAttributes.Extra[%q]", k), RuleConflict, "set %s through its typed field", k))
		} else {
			c.add(validateLoggingAttribute(k, a.Extra[k]))
		}
	}
	return c.err()
}

func validateJSONObject(field, doc string) error {
	if doc == "" || isJSONObject(doc) {
		return nil
	}
	return invalid(field, RuleFormat, "not a JSON object")
}

// typed returns the set typed fields as SNS attributes, FifoTopic aside.
func (a TopicAttributes) typed() map[string]string {
	m := map[string]string{}
	put := func(k, v string) {
		if v != "" {
			m[k] = v
		}
	}
	put(attrDisplayName, a.DisplayName)
	if a.ContentBasedDeduplication {
		m[attrContentBasedDedp] = "true"
	}
	put(attrThroughputScope, string(a.ThroughputScope))
	put(attrKmsMasterKeyID, a.KMSMasterKeyID)
	put(attrPolicy, a.Policy)
	put(attrDeliveryPolicy, a.DeliveryPolicy)
	if !a.ArchivePolicy.IsZero() {
		m[attrArchivePolicy] = a.ArchivePolicy.JSON()
	}
	put(attrTracingConfig, string(a.TracingConfig))
	if a.SignatureVersion != 0 {
		m[attrSignatureVersion] = strconv.Itoa(a.SignatureVersion)
	}
	if a.MaximumMessageSize != 0 {
		m[attrMaxMessageSize] = strconv.Itoa(a.MaximumMessageSize)
	}
	return m
}

// Map returns the attributes as SNS's CreateTopic takes them, for a topic
// called name: FifoTopic is set for a ".fifo" name even when FIFO is false.
func (a TopicAttributes) Map(name string) map[string]string {
	m := a.typed()
	if a.FIFO || strings.HasSuffix(name, fifoSuffix) {
		m[attrFifoTopic] = "true"
	}
	for k, v := range a.Extra {
		if _, ok := m[k]; !ok {
			m[k] = v
		}
	}
	return m
}

// TopicDetails is what GetTopicAttributes tells about a topic: its settable
// attributes, typed, and the ones SNS maintains.
type TopicDetails struct {
	Topic      Topic
	Attributes TopicAttributes
	// Owner is the account ID that owns the topic.
	Owner string
	// Subscription counts, as SNS reports them (eventually consistent).
	SubscriptionsConfirmed, SubscriptionsPending, SubscriptionsDeleted int
	// EffectiveDeliveryPolicy is the delivery policy with SNS's defaults.
	EffectiveDeliveryPolicy string
	// BeginningArchiveTime is the earliest time a subscription of an
	// archiving FIFO topic can replay from; zero without an archive.
	BeginningArchiveTime time.Time
	// Raw holds every attribute as SNS returned it.
	Raw map[string]string
}

// MaxMessageSize returns the topic's message size limit: its
// MaximumMessageSize attribute, or SNS's default 262,144 when unset.
func (d TopicDetails) MaxMessageSize() int {
	if d.Attributes.MaximumMessageSize > 0 {
		return d.Attributes.MaximumMessageSize
	}
	return DefaultLimits.MaxPayloadBytes
}

// ParseTopicDetails reads GetTopicAttributes' attribute map. Unknown or
// unparsable values stay in Raw only; SNS adds attributes over time and a
// new one must not break a caller.
func ParseTopicDetails(raw map[string]string) TopicDetails {
	d := TopicDetails{Raw: raw}
	d.Topic = Topic{ARN: raw["TopicArn"]}
	if i := strings.LastIndexByte(d.Topic.ARN, ':'); i >= 0 {
		d.Topic.Name = d.Topic.ARN[i+1:]
	}
	a := &d.Attributes
	a.DisplayName = raw[attrDisplayName]
	a.FIFO = raw[attrFifoTopic] == "true"
	a.ContentBasedDeduplication = raw[attrContentBasedDedp] == "true"
	a.ThroughputScope = ThroughputScope(raw[attrThroughputScope])
	a.KMSMasterKeyID = raw[attrKmsMasterKeyID]
	a.Policy = raw[attrPolicy]
	a.DeliveryPolicy = raw[attrDeliveryPolicy]
	a.ArchivePolicy, _ = ParseArchivePolicy(raw[attrArchivePolicy])
	a.TracingConfig = TracingMode(raw[attrTracingConfig])
	a.SignatureVersion, _ = strconv.Atoi(raw[attrSignatureVersion])
	a.MaximumMessageSize, _ = strconv.Atoi(raw[attrMaxMessageSize])
	d.Owner = raw["Owner"]
	d.SubscriptionsConfirmed, _ = strconv.Atoi(raw["SubscriptionsConfirmed"])
	d.SubscriptionsPending, _ = strconv.Atoi(raw["SubscriptionsPending"])
	d.SubscriptionsDeleted, _ = strconv.Atoi(raw["SubscriptionsDeleted"])
	d.EffectiveDeliveryPolicy = raw["EffectiveDeliveryPolicy"]
	d.BeginningArchiveTime, _ = time.Parse(time.RFC3339, raw["BeginningArchiveTime"])
	return d
}

// CreateTopicRequest is a topic to create. CreateTopic is idempotent: a
// request for an existing name with the same attributes and tags returns the
// existing topic.
type CreateTopicRequest struct {
	// Name is the topic name; a ".fifo" suffix makes a FIFO topic.
	Name       string
	Attributes TopicAttributes
	Tags       Tags
	// DataProtectionPolicy is an optional data protection policy (JSON).
	DataProtectionPolicy string
}

// Validate checks the name, attributes and tags.
func (r CreateTopicRequest) Validate() error {
	var c collector
	c.add(ValidateTopicName(r.Name))
	c.add(r.Attributes.Validate(r.Name))
	c.add(r.Tags.Validate())
	if r.DataProtectionPolicy != "" {
		c.add(ValidateDataProtectionPolicy(r.DataProtectionPolicy))
	}
	return c.err()
}

// TopicAttributeChange is one attribute to set on an existing topic. Build
// it with the Set... functions; SetTopicAttributes validates it against the
// topic before sending.
type TopicAttributeChange struct {
	Name  string // the SNS attribute name
	Value string // the value as SNS takes it; "" clears where SNS allows
	// attrs holds the typed form for validation.
	attrs TopicAttributes
}

// SetDisplayName changes the display name.
func SetDisplayName(v string) TopicAttributeChange {
	return TopicAttributeChange{attrDisplayName, v, TopicAttributes{DisplayName: v}}
}

// SetContentBasedDeduplication turns content-based deduplication on or off
// (FIFO topics).
func SetContentBasedDeduplication(on bool) TopicAttributeChange {
	return TopicAttributeChange{attrContentBasedDedp, strconv.FormatBool(on), TopicAttributes{ContentBasedDeduplication: on}}
}

// SetThroughputScope changes a FIFO topic's deduplication scope.
func SetThroughputScope(s ThroughputScope) TopicAttributeChange {
	return TopicAttributeChange{attrThroughputScope, string(s), TopicAttributes{ThroughputScope: s}}
}

// SetKMSMasterKeyID sets the encryption key; "" turns encryption off.
func SetKMSMasterKeyID(id string) TopicAttributeChange {
	return TopicAttributeChange{attrKmsMasterKeyID, id, TopicAttributes{KMSMasterKeyID: id}}
}

// SetPolicy replaces the access policy (JSON).
func SetPolicy(doc string) TopicAttributeChange {
	return TopicAttributeChange{attrPolicy, doc, TopicAttributes{Policy: doc}}
}

// SetDeliveryPolicy replaces the HTTP/S delivery policy (JSON).
func SetDeliveryPolicy(doc string) TopicAttributeChange {
	return TopicAttributeChange{attrDeliveryPolicy, doc, TopicAttributes{DeliveryPolicy: doc}}
}

// SetArchivePolicy turns on or changes a FIFO topic's message archive.
func SetArchivePolicy(p ArchivePolicy) TopicAttributeChange {
	return TopicAttributeChange{attrArchivePolicy, p.JSON(), TopicAttributes{ArchivePolicy: p}}
}

// ClearArchivePolicy turns a FIFO topic's message archive off and deletes
// the archived messages: SNS's way is to set the policy to an empty JSON
// object ("Amazon SNS message archiving for FIFO topic owners").
func ClearArchivePolicy() TopicAttributeChange {
	return TopicAttributeChange{Name: attrArchivePolicy, Value: "{}"}
}

// SetTracingConfig changes the tracing mode.
func SetTracingConfig(m TracingMode) TopicAttributeChange {
	return TopicAttributeChange{attrTracingConfig, string(m), TopicAttributes{TracingConfig: m}}
}

// SetSignatureVersion selects signature version 1 or 2.
func SetSignatureVersion(v int) TopicAttributeChange {
	return TopicAttributeChange{attrSignatureVersion, strconv.Itoa(v), TopicAttributes{SignatureVersion: v}}
}

// SetMaximumMessageSize changes the topic's message size limit.
func SetMaximumMessageSize(n int) TopicAttributeChange {
	return TopicAttributeChange{attrMaxMessageSize, strconv.Itoa(n), TopicAttributes{MaximumMessageSize: n}}
}

// SetRawTopicAttribute sets an attribute without a typed setter (the
// delivery status logging ones), passed as given.
func SetRawTopicAttribute(name, value string) TopicAttributeChange {
	return TopicAttributeChange{name, value, TopicAttributes{Extra: map[string]string{name: value}}}
}

// Validate checks the change for a topic called name.
func (ch TopicAttributeChange) Validate(name string) error {
	if ch.Name == "" {
		return invalid("TopicAttributeChange.Name", RuleRequired, "build changes with the Set... functions")
	}
	if ch.Name == attrFifoTopic {
		return invalid("TopicAttributeChange.Name", RuleForbidden, "a topic cannot change between FIFO and standard")
	}
	if ch.Name == attrSignatureVersion && ch.attrs.SignatureVersion == 0 {
		return invalid("TopicAttributes.SignatureVersion", RuleRange, "0 is not 1 or 2")
	}
	if ch.Name == attrMaxMessageSize && ch.attrs.MaximumMessageSize == 0 {
		return invalid("TopicAttributes.MaximumMessageSize", RuleRange, "0 is outside %d to %d bytes", MinTopicMessageSize, MaxTopicMessageSize)
	}
	if ch.attrs.Extra != nil {
		if typedTopicAttributes[ch.Name] {
			return invalid(fmt.Sprintf("TopicAttributes.Extra[%q]", ch.Name), RuleConflict, "set %s through its typed setter", ch.Name)
		}
		return validateLoggingAttribute(ch.Name, ch.Value)
	}
	if ch.Name == attrArchivePolicy && ch.attrs.ArchivePolicy.IsZero() {
		if !strings.HasSuffix(name, fifoSuffix) {
			return invalid("TopicAttributes.ArchivePolicy", RuleForbidden, "message archiving applies only to FIFO topics")
		}
		if ch.Value != "{}" {
			return invalid("TopicAttributes.ArchivePolicy.RetentionDays", RuleRange, "0 days is outside %d to %d; to stop archiving use ClearArchivePolicy", MinArchiveRetentionDays, MaxArchiveRetentionDays)
		}
		return nil
	}
	return ch.attrs.Validate(name)
}
