package offload

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/go-sns/connector/model"
)

func newStore(t *testing.T, f *fakeS3, opts ...Option) *S3Store {
	t.Helper()
	s := NewS3Store(f, "my-bucket", opts...)
	if err := s.Err(); err != nil {
		t.Fatal(err)
	}
	return s
}

func TestKeyPrefixFollowsTheJavaClientsRules(t *testing.T) {
	ok := map[string]string{
		"":                          "",
		"sns/":                      "sns/",
		"  sns/large-1_2.v3/ \t\n":  "sns/large-1_2.v3/", // trimmed, as Java's trimToEmpty does
		"a.b/c":                     "a.b/c",
		strings.Repeat("p", 988):    strings.Repeat("p", 988),
		"\x01x\x1f":                 "x",
		"UPPER/lower/0123456789-_.": "UPPER/lower/0123456789-_.",
	}
	for in, want := range ok {
		s := NewS3Store(newFakeS3(), "my-bucket", WithKeyPrefix(in))
		if err := s.Err(); err != nil || s.opts.KeyPrefix != want {
			t.Errorf("WithKeyPrefix(%.40q): %v, prefix %q; want %q", in, err, s.opts.KeyPrefix, want)
		}
	}
	bad := map[string]model.Rule{
		strings.Repeat("p", 989): model.RuleMaxLength,
		".hidden/":               model.RuleFormat,
		"/abs":                   model.RuleFormat,
		"a/../b":                 model.RuleFormat,
		"a..b":                   model.RuleFormat,
		"sp ace/":                model.RuleCharset,
		"été/":                   model.RuleCharset,
		"a*b":                    model.RuleCharset,
		"a\\b":                   model.RuleCharset,
	}
	for in, rule := range bad {
		err := NewS3Store(newFakeS3(), "my-bucket", WithKeyPrefix(in)).Err()
		var ve *model.ValidationError
		if !errors.As(err, &ve) || ve.Field != "offload.WithKeyPrefix" || ve.Rule != rule {
			t.Errorf("WithKeyPrefix(%.40q): %v; want a %s ValidationError", in, err, rule)
		}
	}
}

func TestNewS3StoreRefusesBadArguments(t *testing.T) {
	cases := []struct {
		api    S3API
		bucket string
		opts   []Option
		field  string
		rule   model.Rule
	}{
		{nil, "my-bucket", nil, "offload.NewS3Store.api", model.RuleRequired},
		{newFakeS3(), "", nil, "offload.NewS3Store.bucket", model.RuleRequired},
		{newFakeS3(), "ab", nil, "offload.NewS3Store.bucket", model.RuleMinLength},
		{newFakeS3(), strings.Repeat("b", 256), nil, "offload.NewS3Store.bucket", model.RuleMaxLength},
		{newFakeS3(), "my/bucket", nil, "offload.NewS3Store.bucket", model.RuleCharset},
		{newFakeS3(), `my"bucket`, nil, "offload.NewS3Store.bucket", model.RuleCharset},
		{newFakeS3(), "my-bucket", []Option{WithMaxPayloadSize(-1)}, "offload.WithMaxPayloadSize", model.RuleRange},
	}
	for i, c := range cases {
		s := NewS3Store(c.api, c.bucket, c.opts...)
		var ve *model.ValidationError
		if err := s.Err(); !errors.As(err, &ve) || ve.Field != c.field || ve.Rule != c.rule {
			t.Errorf("case %d: %v; want %s %s", i, err, c.field, c.rule)
		}
		// Every method fails with the same mistake, and nothing is sent.
		ctx := context.Background()
		_, putErr := s.Put(ctx, "x")
		_, getErr := s.Get(ctx, Pointer{Bucket: "my-bucket", Key: "k"})
		delErr := s.Delete(ctx, Pointer{Bucket: "my-bucket", Key: "k"})
		_, resolveErr := s.Resolve(ctx, "not a pointer")
		for _, err := range []error{putErr, getErr, delErr, resolveErr} {
			if !errors.As(err, &ve) || ve.Field != c.field {
				t.Errorf("case %d: a method of the misconfigured store: %v; want its %s error", i, err, c.field)
			}
		}
		if f, ok := c.api.(*fakeS3); ok && f.calls != 0 {
			t.Errorf("case %d: the misconfigured store sent %d requests", i, f.calls)
		}
	}
	if err := NewS3Store(newFakeS3(), "Legacy_Bucket.1", nil).Err(); err != nil {
		t.Errorf("a legacy bucket name and a nil option: %v", err)
	}
}

var uuidV4 = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

func TestPutWritesUnderPrefixAndRandomUUID(t *testing.T) {
	f := newFakeS3()
	s := newStore(t, f, WithKeyPrefix("sns/"), WithPutObject(func(in *s3.PutObjectInput) {
		in.ServerSideEncryption = types.ServerSideEncryptionAwsKms
		in.Key = aws.String("hijacked") // must not win
	}))
	seen := map[string]bool{}
	for range 50 {
		p, err := s.Put(context.Background(), "payload é")
		if err != nil {
			t.Fatal(err)
		}
		key, found := strings.CutPrefix(p.Key, "sns/")
		if p.Bucket != "my-bucket" || !found || !uuidV4.MatchString(key) || seen[key] {
			t.Fatalf("pointer %+v: want my-bucket, sns/ and a fresh version 4 UUID", p)
		}
		seen[key] = true
		if v, ok := f.object(p); !ok || v != "payload é" {
			t.Fatalf("object %q, %v", v, ok)
		}
	}
	in := f.puts[0]
	if in.ServerSideEncryption != types.ServerSideEncryptionAwsKms || aws.ToInt64(in.ContentLength) != int64(len("payload é")) ||
		aws.ToString(in.ContentType) != "text/plain; charset=UTF-8" {
		t.Errorf("PutObject input %+v", in)
	}
}

func TestStoreBoundsWhatItWritesAndReads(t *testing.T) {
	ctx := context.Background()
	f := newFakeS3()
	s := newStore(t, f, WithMaxPayloadSize(100))
	if _, err := s.Put(ctx, strings.Repeat("x", 101)); !errors.Is(err, ErrPayloadTooLarge) || f.calls != 0 {
		t.Fatalf("Put over the limit: %v (%d calls)", err, f.calls)
	}
	// An object another writer put, over the limit: refused by its length,
	// and, when S3 sends no length, after reading one byte over the limit.
	big := Pointer{Bucket: "my-bucket", Key: "big"}
	f.objects["my-bucket/big"] = strings.Repeat("x", 10_000)
	if _, err := s.Get(ctx, big); !errors.Is(err, ErrPayloadTooLarge) || f.read.Load() != 0 {
		t.Fatalf("Get with a length over the limit: %v, %d bytes read", err, f.read.Load())
	}
	f.noLength = true
	if _, err := s.Get(ctx, big); !errors.Is(err, ErrPayloadTooLarge) || f.read.Load() > 101+512 {
		t.Fatalf("Get without a length: %v, %d bytes read", err, f.read.Load())
	}
	f.objects["my-bucket/fits"] = strings.Repeat("y", 100)
	if v, err := s.Get(ctx, Pointer{"my-bucket", "fits"}); err != nil || len(v) != 100 {
		t.Fatalf("Get at the limit: %d bytes, %v", len(v), err)
	}
}

func TestResolve(t *testing.T) {
	ctx := context.Background()
	f := newFakeS3()
	s := newStore(t, f, WithKeyPrefix("sns/"))
	p, err := s.Put(ctx, "the payload")
	if err != nil {
		t.Fatal(err)
	}
	calls := f.calls

	// Not a pointer: returned as it is, S3 untouched.
	for _, body := range []string{"hello", `{"Type":"Notification","Message":"x"}`, strings.Repeat("[", 9000)} {
		if got, err := s.Resolve(ctx, body); err != nil || got != body {
			t.Errorf("Resolve(%.30q) = %.30q, %v", body, got, err)
		}
	}
	if f.calls != calls {
		t.Fatalf("%d S3 calls for bodies that are not pointers", f.calls-calls)
	}

	// Written by hand in Java's, Python's and the legacy form.
	for _, body := range []string{
		`["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"my-bucket","s3Key":"` + p.Key + `"}]`,
		`["software.amazon.payloadoffloading.PayloadS3Pointer", {"s3BucketName": "my-bucket", "s3Key": "` + p.Key + `"}]`,
		`["com.amazon.sqs.javamessaging.MessageS3Pointer",{"s3BucketName":"my-bucket","s3Key":"` + p.Key + `"}]`,
	} {
		if got, err := s.Resolve(ctx, body); err != nil || got != "the payload" {
			t.Errorf("Resolve(%s) = %q, %v", body, got, err)
		}
	}
	if _, ok := f.object(p); !ok {
		t.Fatal("Resolve deleted the object without WithDeleteAfterRead")
	}

	// Pointers it does not follow, without calling S3.
	calls = f.calls
	for _, foreign := range []Pointer{{"other-bucket", p.Key}, {"my-bucket", "secrets/key"}, {"my-bucket", "sn/" + p.Key}} {
		if _, err := s.Resolve(ctx, foreign.Body()); !errors.Is(err, ErrForeignPointer) {
			t.Errorf("Resolve(%s): %v; want ErrForeignPointer", foreign, err)
		}
	}
	if f.calls != calls {
		t.Fatal("a foreign pointer reached S3")
	}

	gone := Pointer{Bucket: "my-bucket", Key: "sns/gone"}
	if _, err := s.Resolve(ctx, gone.Body()); !errors.Is(err, ErrPayloadNotFound) {
		t.Errorf("missing object: %v", err)
	}
	if _, err := s.Resolve(ctx, `["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"my-bucket"}]`); !errors.Is(err, ErrInvalidPointer) {
		t.Errorf("malformed pointer: %v", err)
	}
	f.getErr = errors.New("connection reset")
	if _, err := s.Resolve(ctx, p.Body()); err == nil || errors.Is(err, ErrPayloadNotFound) {
		t.Errorf("a failing GetObject: %v", err)
	}
}

func TestResolveDeleteAfterRead(t *testing.T) {
	ctx := context.Background()
	f := newFakeS3()
	s := newStore(t, f, WithDeleteAfterRead())
	p, _ := s.Put(ctx, "once")
	if got, err := s.Resolve(ctx, p.Body()); err != nil || got != "once" {
		t.Fatalf("Resolve = %q, %v", got, err)
	}
	if _, ok := f.object(p); ok {
		t.Fatal("object still there")
	}
	// A second read, as a second subscriber or a redelivery would make.
	if _, err := s.Resolve(ctx, p.Body()); !errors.Is(err, ErrPayloadNotFound) {
		t.Fatalf("second Resolve: %v", err)
	}
	p, _ = s.Put(ctx, "kept")
	f.deleteErr = errors.New("AccessDenied")
	got, err := s.Resolve(ctx, p.Body())
	var ue *UndeletedError
	if got != "kept" || !errors.As(err, &ue) || ue.Pointer != p || !strings.Contains(err.Error(), p.Key) {
		t.Fatalf("failed delete: %q, %v", got, err)
	}
}

func TestDeleteOfMissingObjectIsNoError(t *testing.T) {
	f := newFakeS3()
	s := newStore(t, f)
	f.deleteErr = &types.NoSuchKey{}
	if err := s.Delete(context.Background(), Pointer{"my-bucket", "gone"}); err != nil {
		t.Fatal(err)
	}
	f.deleteErr = fmt.Errorf("wrapped: %w", errors.New("AccessDenied"))
	if err := s.Delete(context.Background(), Pointer{"my-bucket", "k"}); err == nil {
		t.Fatal("a failed delete reported no error")
	}
}

func TestErrorsQuoteAPointerFromAMessage(t *testing.T) {
	s := newStore(t, newFakeS3())
	evil := Pointer{Bucket: "my-bucket", Key: "x\nlevel=ERROR msg=forged" + strings.Repeat("k", 500)}
	_, err := s.Resolve(context.Background(), evil.Body())
	if err == nil || strings.Contains(err.Error(), "\n") || len(err.Error()) > 400 {
		t.Fatalf("error %q: want the key quoted and cut short", err)
	}
}
