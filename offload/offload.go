package offload

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-sns/connector/model"
)

// The message attribute that marks an offloaded message and holds the
// payload's size. The SQS extended clients recognise a message by it
// (AmazonSQSExtendedClientUtil.getReservedAttributeNameIfPresent,
// amazon-sqs-python-extended-client-lib's
// _get_reserved_attribute_name_if_present).
const (
	// AttributeName is SQSExtendedClientConstants.RESERVED_ATTRIBUTE_NAME,
	// which the Java SNS extended client and the Python SNS client write.
	AttributeName = "ExtendedPayloadSize"
	// LegacyAttributeName is the name older clients write
	// (AmazonSQSExtendedClientUtil.LEGACY_RESERVED_ATTRIBUTE_NAME); every
	// SQS extended client still reads it.
	LegacyAttributeName = "SQSLargePayloadSize"
)

// MaxUserAttributes is how many attributes of its own an offloaded message
// may have: SQS delivers at most 10 and the size attribute takes one
// (SQSExtendedClientConstants.MAX_ALLOWED_ATTRIBUTES = 10 - 1).
const MaxUserAttributes = 9

// Settings say which messages are offloaded.
type Settings struct {
	// Threshold is the payload size, in bytes as SNS counts them (body plus
	// attribute names, types and values: model.Message.PayloadSize), above
	// which a message is offloaded. 0 means SNS's limit for the topic:
	// 262,144 unless its MaximumMessageSize is raised, up to 1 MiB. A
	// threshold above the topic's limit acts as that limit, since a larger
	// message could not be sent at all.
	Threshold int
	// Always offloads every message, whatever its size.
	Always bool
}

// Validate checks the settings: Threshold from 0 to 1 MiB
// (model.MaxTopicMessageSize), the most any topic takes.
func (s Settings) Validate() error {
	if s.Threshold < 0 || s.Threshold > model.MaxTopicMessageSize {
		return &model.ValidationError{Field: "offload.Settings.Threshold", Rule: model.RuleRange,
			Reason: fmt.Sprintf("%d bytes; want 0 (the topic's limit) to %d", s.Threshold, model.MaxTopicMessageSize)}
	}
	return nil
}

// Apply is the offloading rule, which every publish path of snsconnector
// applies to each message: it returns m unchanged and a nil pointer when m
// goes to SNS as it is, and otherwise stores m's body in store and returns
// the message that replaces it, with the pointer to the stored payload.
// limit is the payload limit of the topic m goes to (0: SNS's default,
// 262,144 bytes).
//
// m is offloaded when s.Always, or when its payload is strictly greater
// than the threshold (0, or above limit: limit), as the AWS clients decide
// (AmazonSNSExtendedClientUtil.isTotalMessageSizeLargerThanThreshold). The
// replacement has the pointer's JSON for its body ([Pointer.Body]) and one
// attribute more, a Number named [AttributeName] (or
// [LegacyAttributeName]) holding the UTF-8 byte length of the original
// body alone; subject, other attributes, group and deduplication IDs are
// m's.
//
// Apply refuses, with a *model.ValidationError and before anything is
// stored: an attribute with a reserved name, whether or not m is
// offloaded; and for a message to offload, structure json (both AWS SNS
// clients refuse it: each protocol's text cannot point to S3), more than
// [MaxUserAttributes] attributes, or attributes so large the replacement
// would still exceed limit. m must be otherwise valid (model's rules,
// size aside); snsconnector checks that first.
func Apply(ctx context.Context, store Store, s Settings, m model.Message, limit int) (model.Message, *Pointer, error) {
	if err := CheckReserved(m); err != nil {
		return m, nil, err
	}
	if limit <= 0 {
		limit = model.DefaultLimits.MaxPayloadBytes
	}
	threshold := s.Threshold
	if threshold <= 0 || threshold > limit {
		threshold = limit
	}
	size := m.PayloadSize()
	if !s.Always && size <= threshold {
		return m, nil, nil
	}
	why := fmt.Sprintf("payload of %d bytes, over the threshold of %d", size, threshold)
	if s.Always && size <= threshold {
		why = "every message with Settings.Always"
	}
	if m.Structure == model.StructureJSON {
		return m, nil, invalid("Message.Structure", model.RuleConflict,
			"a message offloaded to S3 ("+why+") cannot have structure json: one pointer cannot stand for a text per protocol")
	}
	if len(m.Attributes) > MaxUserAttributes {
		return m, nil, invalid("Message.Attributes", model.RuleMaxCount, fmt.Sprintf(
			"%d attributes; a message offloaded to S3 (%s) takes at most %d, the size attribute being the tenth SQS delivers",
			len(m.Attributes), why, MaxUserAttributes))
	}
	name := attributeName(store)
	sizeAttr := model.NumberAttribute(len(m.Body))
	out := m
	out.Body = ""
	out.Attributes = make(map[string]model.MessageAttribute, len(m.Attributes)+1)
	for k, v := range m.Attributes {
		out.Attributes[k] = v
	}
	out.Attributes[name] = sizeAttr
	if n := out.PayloadSize(); n >= limit { // the pointer needs at least a byte
		return m, nil, tooLarge(n, limit)
	}
	p, err := store.Put(ctx, m.Body)
	if err != nil {
		return m, nil, fmt.Errorf("storing the payload (%s): %w", why, err)
	}
	if p.Bucket == "" || p.Key == "" {
		// A Store's bug; SQS extended clients could not resolve such a pointer.
		return m, nil, fmt.Errorf("offload: the store returned a pointer without bucket or key (%s)", p.quoted())
	}
	out.Body = p.Body()
	if n := out.PayloadSize(); n > limit {
		err := tooLarge(n, limit)
		if derr := Discard(ctx, store, p); derr != nil {
			err = errors.Join(err, derr)
		}
		return m, nil, err
	}
	return out, &p, nil
}

// CheckReserved refuses, with a *model.ValidationError, a message with an
// attribute named [AttributeName] or [LegacyAttributeName]: a consumer's
// SQS extended client would take it for an offloaded message. Apply calls
// it first; it needs no limit, so a caller can refuse such a message
// before learning the topic's.
func CheckReserved(m model.Message) error {
	for _, name := range [...]string{AttributeName, LegacyAttributeName} {
		if _, ok := m.Attributes[name]; ok {
			return invalid(fmt.Sprintf("Message.Attributes[%q]", name), model.RuleReserved,
				"the name is reserved for the size of a payload offloaded to S3")
		}
	}
	return nil
}

func tooLarge(n, limit int) error {
	return invalid("Message.Attributes", model.RuleMaxSize, fmt.Sprintf(
		"with the body offloaded to S3 the payload (pointer and attributes) is still %d bytes; at most %d: move data from the attributes to the body",
		n, limit))
}

// attributeName is the size attribute's name store asks for.
func attributeName(store Store) string {
	if n, ok := store.(interface{ AttributeName() string }); ok && n.AttributeName() == LegacyAttributeName {
		return LegacyAttributeName
	}
	return AttributeName
}

func invalid(field string, rule model.Rule, reason string) *model.ValidationError {
	return &model.ValidationError{Field: field, Rule: rule, Reason: reason}
}

// DiscardTimeout bounds how long [Discard] tries to delete a payload.
const DiscardTimeout = 30 * time.Second

// Discard deletes the payload of a message that was not published, as the
// failure rules want: it returns nil once the object is gone and otherwise
// an *[UndeletedError] saying where it is, so that it is not left behind
// silently. It deletes even when ctx has ended, since a cancelled context
// is often why the message failed, within [DiscardTimeout].
func Discard(ctx context.Context, store Store, p Pointer) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), DiscardTimeout)
	defer cancel()
	if err := store.Delete(ctx, p); err != nil {
		return &UndeletedError{Pointer: p, Err: err}
	}
	return nil
}
