package offload

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"
)

// The class names the AWS libraries put first in a pointer.
const (
	// PointerClass is what every current AWS library writes:
	// payload-offloading-java-common-lib's PayloadS3Pointer, which
	// Jackson's default typing (ObjectMapper.DefaultTyping.NON_FINAL) names
	// in front of the object.
	PointerClass = "software.amazon.payloadoffloading.PayloadS3Pointer"
	// LegacyPointerClass is what the Java SQS extended client wrote before
	// payload-offloading-java-common-lib existed; it still reads it
	// (AmazonSQSExtendedClient.receiveMessage replaces it by PointerClass),
	// and amazon-sqs-python-extended-client-lib writes it in its
	// use_legacy_attribute mode.
	LegacyPointerClass = "com.amazon.sqs.javamessaging.MessageS3Pointer"
)

// maxPointerBody bounds the bodies ParsePointer reads. A pointer holds a
// bucket name (at most 255 characters, legacy buckets included) and a key
// (at most 1,024 bytes); escaping can make each key byte six ("\u0001").
// Anything longer is not a pointer, so a large body is never parsed.
const maxPointerBody = 8 << 10

// Pointer is where a message's payload is stored: the object an offloaded
// message's body points to.
type Pointer struct {
	Bucket string // the S3 bucket
	Key    string // the object's key
}

// String returns "s3://bucket/key".
func (p Pointer) String() string { return "s3://" + p.Bucket + "/" + p.Key }

// Body returns the message body that points to p, byte for byte what
// payload-offloading-java-common-lib's PayloadS3Pointer.toJson writes
// (Jackson's compact form, fields in declaration order):
//
//	["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"B","s3Key":"K"}]
func (p Pointer) Body() string {
	var b strings.Builder
	b.Grow(len(PointerClass) + len(p.Bucket) + len(p.Key) + 36)
	b.WriteString(`["` + PointerClass + `",{"s3BucketName":`)
	writeJacksonString(&b, p.Bucket)
	b.WriteString(`,"s3Key":`)
	writeJacksonString(&b, p.Key)
	b.WriteString("}]")
	return b.String()
}

// writeJacksonString writes s as a JSON string the way Jackson does by
// default: '"' and '\' escaped, control characters as \b \t \n \f \r or
// \u00XX, everything else (non-ASCII, '/', '<', U+2028) as it is, which
// encoding/json would not do.
func writeJacksonString(b *strings.Builder, s string) {
	const hex = "0123456789ABCDEF"
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '"' || c == '\\':
			b.WriteByte('\\')
			b.WriteByte(c)
		case c == '\b':
			b.WriteString(`\b`)
		case c == '\t':
			b.WriteString(`\t`)
		case c == '\n':
			b.WriteString(`\n`)
		case c == '\f':
			b.WriteString(`\f`)
		case c == '\r':
			b.WriteString(`\r`)
		case c < 0x20:
			b.WriteString(`\u00`)
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&0xF])
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
}

// ErrInvalidPointer is matched (errors.Is) by the error of a body that
// names a pointer class but is not a well-formed pointer: it cannot be
// resolved, and handing it on as if it were the payload would corrupt the
// message.
var ErrInvalidPointer = errors.New("offload: malformed payload pointer")

// ParsePointer reads a message body written by this package or any AWS
// extended client library: Java's compact JSON, Python's spaced JSON
// (json.dumps), and the legacy class name [LegacyPointerClass]. ok is false
// for a body that is not a pointer, which is then the payload itself. A
// body that names a pointer class without being a valid pointer fails with
// an error matching [ErrInvalidPointer].
//
// Only bodies of at most 8 KiB that start with '[' are decoded: a pointer
// is never longer, so an ordinary or hostile large body costs nothing.
func ParsePointer(body string) (p Pointer, ok bool, err error) {
	if len(body) > maxPointerBody {
		return Pointer{}, false, nil
	}
	trimmed := strings.TrimLeft(body, " \t\r\n")
	if trimmed == "" || trimmed[0] != '[' {
		return Pointer{}, false, nil
	}
	var parts []json.RawMessage
	if json.Unmarshal([]byte(trimmed), &parts) != nil || len(parts) == 0 {
		return Pointer{}, false, nil
	}
	var class string
	if json.Unmarshal(parts[0], &class) != nil || (class != PointerClass && class != LegacyPointerClass) {
		return Pointer{}, false, nil
	}
	invalid := func(reason string) (Pointer, bool, error) {
		return Pointer{}, false, fmt.Errorf("%w: %s", ErrInvalidPointer, reason)
	}
	if !utf8.ValidString(trimmed) {
		return invalid("not valid UTF-8")
	}
	if len(parts) != 2 {
		return invalid(fmt.Sprintf("%d elements; a pointer is [class, {s3BucketName, s3Key}]", len(parts)))
	}
	// Unknown fields are ignored, as Jackson is configured to
	// (FAIL_ON_UNKNOWN_PROPERTIES false).
	var fields struct {
		Bucket *string `json:"s3BucketName"`
		Key    *string `json:"s3Key"`
	}
	if t := bytes.TrimSpace(parts[1]); len(t) == 0 || t[0] != '{' || json.Unmarshal(t, &fields) != nil {
		return invalid("the second element is not an object of strings")
	}
	switch {
	case fields.Bucket == nil || *fields.Bucket == "":
		return invalid("no s3BucketName")
	case fields.Key == nil || *fields.Key == "":
		return invalid("no s3Key")
	}
	return Pointer{Bucket: *fields.Bucket, Key: *fields.Key}, true, nil
}
