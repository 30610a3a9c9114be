package offload

import (
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/go-sns/connector/model"
)

// DefaultMaxPayloadSize is the largest payload an [S3Store] stores or
// reads unless [WithMaxPayloadSize] says otherwise.
const DefaultMaxPayloadSize = 64 << 20

// Options configure an [S3Store]. Set them with the With... functions
// passed to [NewS3Store]; the zero value of each field is the default.
type Options struct {
	// KeyPrefix starts the key of every object the store writes, and
	// Resolve follows only pointers to keys under it. Default: none.
	KeyPrefix string
	// LegacyAttribute publishes the payload size as [LegacyAttributeName]
	// instead of [AttributeName].
	LegacyAttribute bool
	// DeleteAfterRead makes Resolve delete each object it has read.
	DeleteAfterRead bool
	// MaxPayloadSize bounds, in bytes, the payloads the store writes and
	// reads. Default: DefaultMaxPayloadSize.
	MaxPayloadSize int
	// PutObject, when set, edits each PutObject request before it is sent.
	PutObject func(*s3.PutObjectInput)
}

// Option sets a field of [Options].
type Option func(*Options)

// WithKeyPrefix starts every object key with prefix ("sns/", say). The
// prefix is checked as the Java SQS extended client checks its own
// (AmazonSQSExtendedClientUtil.trimAndValidateS3KeyPrefix): surrounding
// white space is trimmed; then at most 988 characters (S3's 1,024 less a
// UUID's 36), only letters, digits, '.', '/', '_' and '-', not starting
// with '.' or '/', and no "..". [S3Store.Resolve] then follows only
// pointers to keys under the prefix.
func WithKeyPrefix(prefix string) Option {
	return func(o *Options) { o.KeyPrefix = prefix }
}

// WithLegacyAttribute marks offloaded messages with the attribute
// [LegacyAttributeName] (SQSLargePayloadSize) instead of [AttributeName]
// (ExtendedPayloadSize), for consumers running old extended clients. Every
// current SQS extended client reads both.
func WithLegacyAttribute() Option {
	return func(o *Options) { o.LegacyAttribute = true }
}

// WithDeleteAfterRead makes [S3Store.Resolve] delete each object once it
// has read it, so that consumed payloads do not pile up in the bucket.
//
// It is unsafe whenever a payload is read more than once, and then loses
// messages: with fan-out (several subscriptions to the topic, each getting
// the same pointer) the first consumer to resolve deletes the payload the
// others need; and a message SQS delivers again (its visibility timeout
// expired, or the consumer failed after Resolve) finds its payload gone.
// Prefer a lifecycle rule that expires objects under the key prefix after
// the longest time a message may wait; use this option only with a single
// consumer that deletes the message right after resolving it.
func WithDeleteAfterRead() Option {
	return func(o *Options) { o.DeleteAfterRead = true }
}

// WithMaxPayloadSize bounds the payloads the store writes and reads to n
// bytes (default [DefaultMaxPayloadSize], 64 MiB). Reading is where it
// matters: a pointer comes from whoever could publish, and names an object
// of any size; Resolve reads at most n bytes into memory.
func WithMaxPayloadSize(n int) Option {
	return func(o *Options) { o.MaxPayloadSize = n }
}

// WithPutObject lets edit change each PutObject request before it is sent:
// server-side encryption with a KMS key, a storage class, tags. It must
// not change the bucket, the key or the body.
func WithPutObject(edit func(*s3.PutObjectInput)) Option {
	return func(o *Options) { o.PutObject = edit }
}

// The Java client's limits on a prefix (SQSExtendedClientConstants).
const (
	maxKeyLength       = 1024
	uuidLength         = 36
	maxKeyPrefixLength = maxKeyLength - uuidLength
	maxBucketLength    = 255 // legacy us-east-1 buckets; newer ones are at most 63
	minBucketLength    = 3
)

// trimAndValidateKeyPrefix applies the Java SQS extended client's rules
// for a key prefix (INVALID_S3_PREFIX_KEY_CHARACTERS_PATTERN [^a-zA-Z0-9./_-]).
func trimAndValidateKeyPrefix(prefix string) (string, error) {
	const field = "offload.WithKeyPrefix"
	// Java's String.trim drops every character up to U+0020.
	p := strings.TrimFunc(prefix, func(r rune) bool { return r <= ' ' })
	switch {
	case len(p) > maxKeyPrefixLength:
		return "", invalid(field, model.RuleMaxLength, fmt.Sprintf("%d characters; at most %d, leaving room for the UUID", len(p), maxKeyPrefixLength))
	case strings.HasPrefix(p, ".") || strings.HasPrefix(p, "/"):
		return "", invalid(field, model.RuleFormat, "a key prefix must not start with '.' or '/'")
	case strings.Contains(p, ".."):
		return "", invalid(field, model.RuleFormat, `a key prefix must not contain ".."`)
	}
	for i := 0; i < len(p); i++ {
		if !keyPrefixChar(p[i]) {
			return "", invalid(field, model.RuleCharset, fmt.Sprintf("character %q at offset %d; use letters, digits, '.', '/', '_' and '-'", p[i], i))
		}
	}
	return p, nil
}

func keyPrefixChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '/' || c == '_' || c == '-'
}

// validateBucket checks a bucket name loosely: S3 is the judge of the
// rest, but a name made of other characters could not be a bucket and
// would need escaping in the pointer.
func validateBucket(bucket string) error {
	const field = "offload.NewS3Store.bucket"
	switch {
	case bucket == "":
		return invalid(field, model.RuleRequired, "the bucket name must not be empty")
	case len(bucket) < minBucketLength:
		return invalid(field, model.RuleMinLength, fmt.Sprintf("%d characters; a bucket name has at least %d", len(bucket), minBucketLength))
	case len(bucket) > maxBucketLength:
		return invalid(field, model.RuleMaxLength, fmt.Sprintf("%d characters; a bucket name has at most %d", len(bucket), maxBucketLength))
	}
	for i := 0; i < len(bucket); i++ {
		if c := bucket[i]; c == '/' || !keyPrefixChar(c) {
			return invalid(field, model.RuleCharset, fmt.Sprintf("character %q at offset %d; a bucket name has letters, digits, '.', '_' and '-'", c, i))
		}
	}
	return nil
}
