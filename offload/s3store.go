package offload

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/model"
)

// S3API is the part of the aws-sdk-go-v2 S3 client an [S3Store] calls.
// *s3.Client satisfies it; so can a fake in tests.
type S3API interface {
	PutObject(ctx context.Context, in *s3.PutObjectInput, optFns ...func(*s3.Options)) (*s3.PutObjectOutput, error)
	GetObject(ctx context.Context, in *s3.GetObjectInput, optFns ...func(*s3.Options)) (*s3.GetObjectOutput, error)
	DeleteObject(ctx context.Context, in *s3.DeleteObjectInput, optFns ...func(*s3.Options)) (*s3.DeleteObjectOutput, error)
}

// The SDK client must keep satisfying S3API; this fails to compile otherwise.
var _ S3API = (*s3.Client)(nil)

// S3Store keeps payloads as objects of one S3 bucket, as the AWS extended
// client libraries do (payload-offloading-java-common-lib's
// S3BackedPayloadStore): each under a new key, the key prefix followed by
// a random UUID. It is safe for concurrent use.
type S3Store struct {
	api    S3API
	bucket string
	opts   Options
	err    error // the configuration's mistake, returned by every method
}

var _ Store = (*S3Store)(nil)

// NewS3Store returns a store writing to bucket through api (an *s3.Client).
// The bucket must exist. It does no I/O. When the bucket name or an option
// is invalid (see [WithKeyPrefix]), [S3Store.Err] returns the
// *model.ValidationError, every method fails with it, and
// snsconnector.New refuses the store: a mistake shows before anything is
// published, and the construction reads as one expression.
func NewS3Store(api S3API, bucket string, opts ...Option) *S3Store {
	var o Options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	s := &S3Store{api: api, bucket: bucket, opts: o}
	s.err = s.configure()
	return s
}

// configure checks the configuration and settles its defaults.
func (s *S3Store) configure() error {
	if s.api == nil {
		return invalid("offload.NewS3Store.api", model.RuleRequired, "an S3 client is required")
	}
	if err := validateBucket(s.bucket); err != nil {
		return err
	}
	prefix, err := trimAndValidateKeyPrefix(s.opts.KeyPrefix)
	if err != nil {
		return err
	}
	s.opts.KeyPrefix = prefix
	switch {
	case s.opts.MaxPayloadSize < 0:
		return invalid("offload.WithMaxPayloadSize", model.RuleRange, fmt.Sprintf("%d bytes; want a positive size (0 for the default)", s.opts.MaxPayloadSize))
	case s.opts.MaxPayloadSize == 0:
		s.opts.MaxPayloadSize = DefaultMaxPayloadSize
	}
	return nil
}

// Err returns the mistake in the store's configuration, or nil.
func (s *S3Store) Err() error { return s.err }

// Bucket returns the store's bucket.
func (s *S3Store) Bucket() string { return s.bucket }

// AttributeName returns the name of the size attribute offloaded messages
// carry: [AttributeName], or [LegacyAttributeName] with
// [WithLegacyAttribute].
func (s *S3Store) AttributeName() string {
	if s.opts.LegacyAttribute {
		return LegacyAttributeName
	}
	return AttributeName
}

// Put stores payload under the key prefix followed by a random (version 4)
// UUID, as the Java clients do (KeyPrefix + UUID.randomUUID()).
func (s *S3Store) Put(ctx context.Context, payload string) (Pointer, error) {
	if s.err != nil {
		return Pointer{}, s.err
	}
	if len(payload) > s.opts.MaxPayloadSize {
		return Pointer{}, fmt.Errorf("%w: %d bytes; the store takes at most %d (WithMaxPayloadSize)", ErrPayloadTooLarge, len(payload), s.opts.MaxPayloadSize)
	}
	p := Pointer{Bucket: s.bucket, Key: s.opts.KeyPrefix + newUUID()}
	in := &s3.PutObjectInput{
		Bucket:        aws.String(p.Bucket),
		Key:           aws.String(p.Key),
		Body:          strings.NewReader(payload),
		ContentLength: aws.Int64(int64(len(payload))),
		// What the Java clients' RequestBody.fromString sends.
		ContentType: aws.String("text/plain; charset=UTF-8"),
	}
	if s.opts.PutObject != nil {
		s.opts.PutObject(in)
		in.Bucket, in.Key = aws.String(p.Bucket), aws.String(p.Key)
	}
	if _, err := s.api.PutObject(ctx, in); err != nil {
		return Pointer{}, fmt.Errorf("offload: writing %s: %w", p, err)
	}
	return p, nil
}

// Get reads the payload p points to, at most the store's MaxPayloadSize
// bytes; a larger object fails with an error matching ErrPayloadTooLarge,
// a missing one with ErrPayloadNotFound.
func (s *S3Store) Get(ctx context.Context, p Pointer) (string, error) {
	if s.err != nil {
		return "", s.err
	}
	out, err := s.api.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(p.Bucket), Key: aws.String(p.Key)})
	if err != nil {
		if notFound(err) {
			return "", fmt.Errorf("%w: %s (%w)", ErrPayloadNotFound, p.quoted(), err)
		}
		return "", fmt.Errorf("offload: reading %s: %w", p.quoted(), err)
	}
	defer out.Body.Close()
	limit := int64(s.opts.MaxPayloadSize)
	if n := aws.ToInt64(out.ContentLength); n > limit {
		return "", fmt.Errorf("%w: %s is %d bytes; at most %d are read (WithMaxPayloadSize)", ErrPayloadTooLarge, p.quoted(), n, limit)
	}
	var b strings.Builder
	b.Grow(int(min(aws.ToInt64(out.ContentLength), limit)))
	n, err := io.Copy(&b, io.LimitReader(out.Body, limit+1))
	if err != nil {
		return "", fmt.Errorf("offload: reading %s: %w", p.quoted(), err)
	}
	if n > limit {
		return "", fmt.Errorf("%w: %s is over %d bytes; no more are read (WithMaxPayloadSize)", ErrPayloadTooLarge, p.quoted(), limit)
	}
	return b.String(), nil
}

// Delete removes the object p points to; one already gone is no error.
func (s *S3Store) Delete(ctx context.Context, p Pointer) error {
	if s.err != nil {
		return s.err
	}
	_, err := s.api.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String(p.Bucket), Key: aws.String(p.Key)})
	if err != nil && !notFound(err) {
		return fmt.Errorf("offload: deleting %s: %w", p.quoted(), err)
	}
	return nil
}

// Resolve returns the payload of a received message body: the object the
// body points to when it is a pointer (see [ParsePointer] for the forms
// read), and the body unchanged when it is not. With
// [WithDeleteAfterRead] the object is then deleted; should that fail, the
// payload is returned with an *[UndeletedError].
//
// body is an SQS message's body when the subscription has raw message
// delivery (the SQS extended clients need it too: without it the body is
// SNS's JSON envelope, returned unchanged), or the Message of a verified
// SNS notification.
//
// Resolve follows only pointers into the store's bucket, under its key
// prefix; others fail with an error matching [ErrForeignPointer]. What it
// reads is bounded: a body is parsed only if it is at most 8 KiB (a
// pointer is no longer), and at most MaxPayloadSize bytes of an object
// (default 64 MiB) are read; a larger one fails with ErrPayloadTooLarge. A
// pointer whose object is gone fails with ErrPayloadNotFound; a malformed
// one with [ErrInvalidPointer].
func (s *S3Store) Resolve(ctx context.Context, body string) (string, error) {
	if s.err != nil {
		return "", s.err
	}
	p, ok, err := ParsePointer(body)
	if err != nil || !ok {
		if err != nil {
			return "", err
		}
		return body, nil
	}
	if p.Bucket != s.bucket || !strings.HasPrefix(p.Key, s.opts.KeyPrefix) {
		return "", fmt.Errorf("%w: %s is not in bucket %q under key prefix %q", ErrForeignPointer, p.quoted(), s.bucket, s.opts.KeyPrefix)
	}
	payload, err := s.Get(ctx, p)
	if err != nil {
		return "", err
	}
	if s.opts.DeleteAfterRead {
		if err := s.Delete(ctx, p); err != nil {
			return payload, &UndeletedError{Pointer: p, Err: err}
		}
	}
	return payload, nil
}

// notFound reports whether S3 answered that the object (or bucket) does
// not exist: NoSuchKey on GetObject, a bare 404 where S3 sends no body
// (HEAD-like answers, some S3-compatible servers).
func notFound(err error) bool {
	var nsk *types.NoSuchKey
	if errors.As(err, &nsk) {
		return true
	}
	var ae smithy.APIError
	if errors.As(err, &ae) && (ae.ErrorCode() == "NoSuchKey" || ae.ErrorCode() == "NotFound") {
		return true
	}
	var re *awshttp.ResponseError
	return errors.As(err, &re) && re.HTTPStatusCode() == http.StatusNotFound
}

// quoted names p in an error. A pointer read from a message is data from
// whoever published it: quoted and cut short, it cannot forge log lines.
func (p Pointer) quoted() string {
	s := p.String()
	if len(s) > 160 {
		s = s[:160] + "..."
	}
	return strconv.Quote(s)
}

// newUUID returns a random (version 4) UUID in its canonical lower-case
// form, as java.util.UUID.randomUUID().toString() and Python's uuid4 write.
func newUUID() string {
	var u [16]byte
	rand.Read(u[:]) // never fails (crypto/rand, Go 1.24+)
	u[6] = u[6]&0x0f | 0x40
	u[8] = u[8]&0x3f | 0x80
	var b [36]byte
	hex.Encode(b[0:8], u[0:4])
	b[8] = '-'
	hex.Encode(b[9:13], u[4:6])
	b[13] = '-'
	hex.Encode(b[14:18], u[6:8])
	b[18] = '-'
	hex.Encode(b[19:23], u[8:10])
	b[23] = '-'
	hex.Encode(b[24:], u[10:])
	return string(b[:])
}
