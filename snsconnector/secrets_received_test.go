package snsconnector

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/notification"
	"github.com/go-sns/connector/offload"
	"github.com/go-sns/connector/region"
)

// leakText is a message text that is personal data.
const leakText = "Dear Alice Personal, your diagnosis is ready"

// receivedLeakRows drive what a receiver handles: notifications SNS signed
// (verified, refused, through notification.Handler) and offloaded payloads
// (stored, failed, resolved).
var receivedLeakRows = []leakRow{
	{"notifications: verified, refused and handled bodies holding tokens, URLs and personal text", func(t *testing.T, e *leakEnv) []any {
		c, fake := e.stubClient(t, "t")
		ctx, r, topic := t.Context(), region.USEast1, leakPublish.Topic
		confirmation, note := signedDeliveries(t, c, fake)
		token, subscribeURL := field(t, confirmation, "Token"), field(t, confirmation, "SubscribeURL")
		e.plantAs(rawDump, token) // a notification.Message holds it in a plain field
		e.plantAs(rawDump, subscribeURL, field(t, note, "UnsubscribeURL"), leakText)
		e.plant(leakHookPassword)

		v, err := notification.NewVerifier(append(fake.VerifierOptions(), notification.WithTopics(topic.ARN))...)
		if err != nil {
			t.Fatal(err)
		}
		var out []any
		for _, body := range [][]byte{confirmation, note} {
			m, err := v.Verify(ctx, body)
			if err != nil {
				t.Fatalf("a body the fake signed: %v", err)
			}
			out = append(out, m, *m)
		}
		tampered := []struct {
			body []byte
			rule notification.Rule
		}{
			{with(t, note, "Message", "Re: "+leakText), notification.RuleSignature},
			{with(t, confirmation, "Token", token+"0"), notification.RuleSignature},
			{with(t, confirmation, "SubscribeURL", subscribeURL+"&again"), notification.RuleSignature},
			{with(t, note, "Signature", "AAAA"+leakText), notification.RuleSignature},
			{with(t, note, "TopicArn", "arn:aws:sns:us-east-1:123456789012:other"), notification.RuleTopic},
			{with(t, note, "Timestamp", "2001-01-01T00:00:00.000Z"), notification.RuleTimestamp},
			{with(t, note, "Timestamp", leakText), notification.RuleShape},
			{with(t, note, "SigningCertURL", "https://user:"+leakHookPassword+"@sns.us-east-1.amazonaws.com/SimpleNotificationService-0.pem"), notification.RuleCertURL},
			{with(t, note, "SigningCertURL", "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-"+token+".pem"), notification.RuleCertUnavailable},
			{with(t, note, "SignatureVersion", leakText), notification.RuleAlgorithm},
			{with(t, note, "Type", leakText), notification.RuleShape},
			{with(t, confirmation, "Token", 42), notification.RuleShape},
			{with(t, note, "MessageAttributes", map[string]any{"a": map[string]string{"Type": "Number", "Value": leakText}}), notification.RuleShape},
			{with(t, with(t, with(t, note, "Signature", nil), "SignatureVersion", nil), "SigningCertURL", nil), notification.RuleUnsigned},
			{confirmation[:len(confirmation)/2], notification.RuleShape},
			{append(bytes.Clone(note), []byte(` {"Token":"`+token+`"}`)...), notification.RuleShape},
		}
		for _, tt := range tampered {
			_, err := v.Verify(ctx, tt.body)
			if !errors.Is(err, &notification.VerificationError{Rule: tt.rule}) {
				t.Errorf("want a %s error; got %v", tt.rule, err)
			}
			_, parseErr := notification.Parse(tt.body)
			out = append(out, err, parseErr)
		}
		small, err := notification.NewVerifier(append(fake.VerifierOptions(), notification.WithTopics(topic.ARN), notification.WithMaxBodySize(64))...)
		if err != nil {
			t.Fatal(err)
		}
		_, err = small.Verify(ctx, note)
		out = append(out, err)

		// The handler: confirmations it confirms (SNS echoes the token),
		// a callback that fails, bodies it refuses.
		fake.FailNext("ConfirmSubscription", &types.InvalidParameterException{Message: aws.String("Invalid token " + token)})
		h := notification.NewHandler(v, func(context.Context, *notification.Message) error { return errors.New("the callback failed") },
			notification.WithLogger(e.logger), notification.WithConfirmer(c))
		for _, body := range append([][]byte{confirmation, note}, tampered[0].body, tampered[7].body, tampered[8].body) {
			w := httptest.NewRecorder()
			h.ServeHTTP(w, httptest.NewRequestWithContext(ctx, http.MethodPost, "/hook", bytes.NewReader(body)))
			if w.Code < 400 {
				t.Errorf("the handler answered %d", w.Code)
			}
			out = append(out, w.Body.String(), w.Header())
		}
		if !strings.Contains(e.logs.String(), "confirming the subscription failed") {
			t.Error("the handler did not try to confirm")
		}
		_, confirmErr := c.ConfirmSubscription(ctx, r, topic, token, true)
		return append(out, confirmErr)
	}},
	{"offloaded payloads: failures of the store and of the publish, and pointers resolved", func(t *testing.T, e *leakEnv) []any {
		e.plantAs(personal, leakText)
		ctx, r, topic := t.Context(), region.USEast1, leakPublish.Topic
		payload := strings.Repeat(leakText+" ", 300_000/len(leakText))
		s3api := &fakeS3{objects: map[string]string{}}
		store := offload.NewS3Store(s3api, "payloads")
		stub := newStub(t, "t")
		c := e.client(t, WithStaticCredentials(leakKeyID, leakSecret, leakToken), WithEndpoint(stub.URL), WithPayloadOffloading(store, offload.Settings{}))
		big := model.Message{Body: payload}
		var out []any

		s3api.putErr = errors.New("SlowDown: reduce your request rate")
		_, putErr := c.Publish(ctx, r, model.PublishRequest{Topic: topic, Message: big})
		s3api.putErr = nil
		stub.Fake.FailNext("Publish", &types.InvalidParameterException{Message: aws.String("Invalid parameter: Message")})
		s3api.deleteErr = errors.New("AccessDenied")
		_, refused := c.Publish(ctx, r, model.PublishRequest{Topic: topic, Message: big})
		stub.Fake.FailNext("Publish", &types.InternalErrorException{Message: aws.String("oops")})
		_, unknown := c.Publish(ctx, r, model.PublishRequest{Topic: topic, Message: big})
		var ue *offload.UndeletedError
		if !errors.As(refused, &ue) || !errors.As(unknown, &ue) {
			t.Errorf("want the payloads left reported: %v; %v", refused, unknown)
		}
		stub.Fake.FailNext("PublishBatch", &types.InvalidParameterException{Message: aws.String("Invalid parameter")})
		batch, batchErr := c.PublishBatch(ctx, r, topic, []model.Message{big, {Body: leakText}})
		reserved := model.Message{Body: leakText, Attributes: map[string]model.MessageAttribute{offload.AttributeName: model.StringAttribute("1")}}
		_, reservedErr := c.Publish(ctx, r, model.PublishRequest{Topic: topic, Message: reserved})
		pub, err := c.NewPublisher(r, topic, PublishSettings{})
		if err != nil {
			t.Fatal(err)
		}
		s3api.putErr = errors.New("SlowDown")
		_, resErr := pub.Publish(ctx, big).Get(ctx)
		closeErr := pub.Close(ctx)
		out = append(out, putErr, refused, unknown, batch, batchErr, reservedErr, resErr, closeErr)
		if batch != nil {
			for _, res := range batch.Results {
				out = append(out, res.Err)
			}
		}

		// The receiving side: bodies that are not pointers, or broken ones.
		// (A pointer's bucket and key are no secret, and are quoted.)
		s3api.putErr, s3api.getErr = nil, errors.New("AccessDenied")
		for _, body := range []string{
			`["` + offload.PointerClass + `",{"s3BucketName":"payloads","s3Key":42,"note":"` + leakText + `"}]`,
			`["` + offload.PointerClass + `",{"s3BucketName":"payloads","s3Key":"k"}] ` + leakText,
			`["` + offload.PointerClass + `",{"s3BucketName":"payloads","s3Key":"k"}]`,
		} {
			_, err := store.Resolve(ctx, body)
			_, _, parseErr := offload.ParsePointer(body)
			out = append(out, err, parseErr)
		}
		return out
	}},
}

// signedDeliveries subscribes a loopback HTTP endpoint to the fake's topic
// "t", confirms it and publishes leakText, and returns the bodies the fake
// delivered: the SubscriptionConfirmation and the Notification, signed.
func signedDeliveries(t *testing.T, c *Client, fake FakeSNS) (confirmation, note []byte) {
	t.Helper()
	ctx, r, topic := t.Context(), region.USEast1, leakPublish.Topic
	bodies := make(chan []byte, 4)
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		bodies <- b
	}))
	t.Cleanup(hook.Close)
	next := func() []byte {
		select {
		case b := <-bodies:
			return b
		case <-time.After(10 * time.Second):
			t.Fatal("the fake delivered nothing")
			return nil
		}
	}
	ep, err := model.HTTPEndpoint(hook.URL + "/hook")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Subscribe(ctx, r, model.SubscribeRequest{Topic: topic, Endpoint: ep}); err != nil {
		t.Fatal(err)
	}
	confirmation = next()
	if _, err := c.ConfirmSubscription(ctx, r, topic, field(t, confirmation, "Token"), true); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Publish(ctx, r, model.PublishRequest{Topic: topic, Message: model.Message{Body: leakText, Subject: "results"}}); err != nil {
		t.Fatal(err)
	}
	note = next()
	if err := fake.WaitHTTPDeliveries(ctx); err != nil {
		t.Fatal(err)
	}
	return confirmation, note
}

// field returns a string field of a JSON envelope.
func field(t *testing.T, body []byte, name string) string {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	s, ok := m[name].(string)
	if !ok || s == "" {
		t.Fatalf("no %s in %.100s", name, body)
	}
	return s
}

// with returns the envelope with one field set to v (nil: removed).
func with(t *testing.T, body []byte, name string, v any) []byte {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	if v == nil {
		delete(m, name)
	} else {
		m[name] = v
	}
	b, err := json.Marshal(m)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// fakeS3 is an S3 bucket in memory whose operations can fail.
type fakeS3 struct {
	mu                        sync.Mutex
	objects                   map[string]string
	putErr, getErr, deleteErr error
}

func (f *fakeS3) PutObject(_ context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.putErr != nil {
		return nil, f.putErr
	}
	b, err := io.ReadAll(in.Body)
	if err != nil {
		return nil, err
	}
	f.objects[aws.ToString(in.Key)] = string(b)
	return &s3.PutObjectOutput{}, nil
}

func (f *fakeS3) GetObject(_ context.Context, in *s3.GetObjectInput, _ ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.getErr != nil {
		return nil, f.getErr
	}
	v, ok := f.objects[aws.ToString(in.Key)]
	if !ok {
		return nil, &s3types.NoSuchKey{}
	}
	return &s3.GetObjectOutput{Body: io.NopCloser(strings.NewReader(v)), ContentLength: aws.Int64(int64(len(v)))}, nil
}

func (f *fakeS3) DeleteObject(_ context.Context, in *s3.DeleteObjectInput, _ ...func(*s3.Options)) (*s3.DeleteObjectOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.deleteErr != nil {
		return nil, f.deleteErr
	}
	delete(f.objects, aws.ToString(in.Key))
	return &s3.DeleteObjectOutput{}, nil
}
