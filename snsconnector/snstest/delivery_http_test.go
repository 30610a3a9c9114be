package snstest_test

import (
	"context"
	"crypto/x509"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/notification"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// inbox collects what a notification.Handler hands its callback.
type inbox struct {
	mu   sync.Mutex
	msgs []*notification.Message
}

func (b *inbox) add(_ context.Context, m *notification.Message) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.msgs = append(b.msgs, m)
	return nil
}

func (b *inbox) all() []*notification.Message {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]*notification.Message(nil), b.msgs...)
}

// End to end: a notification.Handler subscribed over HTTP receives the
// SubscriptionConfirmation, confirms it through an snsconnector.Client
// backed by the fake, then receives a published message, verified, with
// typed attributes; for both signature versions.
func TestHTTPSubscriptionEndToEnd(t *testing.T) {
	noLeaks(t)
	for _, version := range []int{1, 2} {
		t.Run(map[int]string{1: "SignatureVersion 1", 2: "SignatureVersion 2"}[version], func(t *testing.T) {
			ctx := context.Background()
			fake := snstest.New(snstest.WithRegion(region.EUWest1))
			defer fake.Close()
			client, err := snsconnector.New(ctx, snsconnector.WithAPIFactory(fake.APIFactory))
			if err != nil {
				t.Fatal(err)
			}
			topic, err := client.CreateTopic(ctx, region.EUWest1, model.CreateTopicRequest{Name: "orders", Attributes: model.TopicAttributes{SignatureVersion: version}})
			if err != nil {
				t.Fatal(err)
			}
			v, err := notification.NewVerifier(append(fake.VerifierOptions(), notification.WithTopics(topic.ARN))...)
			if err != nil {
				t.Fatal(err)
			}
			got := &inbox{}
			srv := httptest.NewServer(notification.NewHandler(v, got.add, notification.WithConfirmer(client)))
			defer srv.Close()

			endpoint, _ := model.HTTPEndpoint(srv.URL + "/sns")
			sub, err := client.Subscribe(ctx, region.EUWest1, model.SubscribeRequest{Topic: topic, Endpoint: endpoint})
			if err != nil || !sub.Pending {
				t.Fatalf("Subscribe: %+v, %v", sub, err)
			}
			waitHTTP(t, fake)
			attempts := fake.HTTPAttempts(sub.ARN)
			if len(attempts) != 1 || attempts[0].Type != snstest.TypeSubscriptionConfirmation || attempts[0].Status != http.StatusOK {
				t.Fatalf("confirmation attempts: %+v", attempts)
			}
			if _, pending := fake.ConfirmationToken(sub.ARN); pending {
				t.Fatal("the handler did not confirm the subscription")
			}

			_, err = client.PublishWithResponse(ctx, region.EUWest1, model.PublishRequest{Topic: topic, Message: model.Message{
				Subject: "Order shipped", Body: "order 42 shipped",
				Attributes: map[string]model.MessageAttribute{
					"total": model.NumberAttribute(129.95).WithCustomType("float"),
					"sum":   model.BinaryAttribute([]byte{0xca, 0xfe}),
				},
			}})
			if err != nil {
				t.Fatal(err)
			}
			waitHTTP(t, fake)
			msgs := got.all()
			if len(msgs) != 1 {
				t.Fatalf("the callback got %d messages", len(msgs))
			}
			m := msgs[0]
			if m.Type != notification.TypeNotification || m.Message != "order 42 shipped" || m.Subject != "Order shipped" || m.TopicARN != topic.ARN {
				t.Errorf("message %+v", *m)
			}
			if a := m.Attributes["total"]; a.DataType() != "Number.float" || a.StringValue() != "129.95" {
				t.Errorf("total: %s %s", a.DataType(), a.StringValue())
			}
			if a := m.Attributes["sum"]; a.Type() != model.TypeBinary || string(a.BinaryValue()) != "\xca\xfe" {
				t.Errorf("sum: %s %x", a.DataType(), a.BinaryValue())
			}
			if m.SignatureVersion != map[int]string{1: "1", 2: "2"}[version] {
				t.Errorf("SignatureVersion %q", m.SignatureVersion)
			}
		})
	}
}

func waitHTTP(t *testing.T, fake *snstest.Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := fake.WaitHTTPDeliveries(ctx); err != nil {
		t.Fatal(err)
	}
}

// The POST carries SNS's headers, and a Verifier that does not trust the
// fake's root refuses the body.
func TestHTTPDeliveryHeadersAndTrust(t *testing.T) {
	ctx := context.Background()
	fake := snstest.New()
	defer fake.Close()
	var mu sync.Mutex
	var headers http.Header
	var body []byte
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		headers, body = r.Header.Clone(), must(io.ReadAll(r.Body))
	}))
	defer srv.Close()
	topic, _ := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
	sub, _ := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("http"), Endpoint: aws.String(srv.URL), ReturnSubscriptionArn: true})
	waitHTTP(t, fake)
	mu.Lock()
	defer mu.Unlock()
	for k, want := range map[string]string{
		"x-amz-sns-message-type": "SubscriptionConfirmation", "x-amz-sns-topic-arn": *topic.TopicArn,
		"x-amz-sns-subscription-arn": *sub.SubscriptionArn, "Content-Type": "text/plain; charset=UTF-8",
		"User-Agent": "Amazon Simple Notification Service Agent",
	} {
		if got := headers.Get(k); got != want {
			t.Errorf("%s: %q, want %q", k, got, want)
		}
	}
	if headers.Get("x-amz-sns-message-id") == "" {
		t.Error("no x-amz-sns-message-id")
	}
	trusting, _ := notification.NewVerifier(append(fake.VerifierOptions(), notification.WithTopics(*topic.TopicArn))...)
	if m, err := trusting.Verify(ctx, body); err != nil || m.Type != notification.TypeSubscriptionConfirmation || m.Token == "" {
		t.Fatalf("the fake's confirmation does not verify: %v", err)
	}
	// A Verifier trusting the system roots (a later option wins) refuses
	// the fake's certificate.
	system, err := x509.SystemCertPool()
	if err != nil {
		t.Skip("no system roots:", err)
	}
	plain, _ := notification.NewVerifier(append(fake.VerifierOptions(), notification.WithTopics(*topic.TopicArn), notification.WithRootCAs(system))...)
	if _, err := plain.Verify(ctx, body); !errors.Is(err, &notification.VerificationError{Rule: notification.RuleCertificate}) {
		t.Errorf("a Verifier without the fake's root: %v", err)
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// A hanging endpoint does not block Publish, and Close ends the delivery
// in flight and drops the queue, leaving no goroutine behind.
func TestHTTPDeliveryNeverBlocksPublishAndStopsOnClose(t *testing.T) {
	noLeaks(t)
	ctx := context.Background()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-release:
		case <-r.Context().Done():
		}
	}))
	defer srv.Close()
	defer close(release)
	fake := snstest.New()
	topic, _ := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
	sub, _ := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("http"), Endpoint: aws.String(srv.URL), ReturnSubscriptionArn: true})
	token, _ := fake.ConfirmationToken(*sub.SubscriptionArn)
	if _, err := fake.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: topic.TopicArn, Token: &token}); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	for range 20 {
		if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String("hi")}); err != nil {
			t.Fatal(err)
		}
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("20 publishes took %s with a hanging endpoint", d)
	}
	start = time.Now()
	fake.Close()
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Close took %s", d)
	}
	attempts := fake.HTTPAttempts(*sub.SubscriptionArn)
	if len(attempts) != 21 { // the confirmation (in flight when closed) and 20 notifications dropped
		t.Errorf("%d attempts recorded, want 21", len(attempts))
	}
	for _, a := range attempts {
		if a.Delivered() || a.Err == nil {
			t.Errorf("attempt %+v delivered after Close", a)
		}
	}
	// After Close, deliveries are recorded, not sent.
	fake.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String("late")})
	if n := len(fake.HTTPAttempts(*sub.SubscriptionArn)); n != 22 {
		t.Errorf("%d attempts after a publish past Close", n)
	}
}

// 5xx answers are retried; 4xx count as delivered, as with SNS.
func TestHTTPDeliveryRetries(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	answers := []int{500, 503, 200}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		w.WriteHeader(answers[0])
		answers = answers[1:]
	}))
	defer srv.Close()
	fake := snstest.New()
	defer fake.Close()
	topic, _ := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
	sub, _ := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("http"), Endpoint: aws.String(srv.URL), ReturnSubscriptionArn: true})
	waitHTTP(t, fake)
	var got []int
	for _, a := range fake.HTTPAttempts(*sub.SubscriptionArn) {
		got = append(got, a.Status)
	}
	if len(got) != 3 || got[0] != 500 || got[1] != 503 || got[2] != 200 {
		t.Errorf("attempts %v, want [500 503 200]", got)
	}
}

// https endpoints are reached with WithDeliveryClient; raw delivery POSTs
// the message itself; endpoints off loopback are never contacted.
func TestHTTPDeliveryHTTPSRawAndNotLoopback(t *testing.T) {
	ctx := context.Background()
	bodies := make(chan string, 4)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		if r.Header.Get("x-amz-sns-rawdelivery") == "true" {
			bodies <- "raw:" + string(b)
		}
	}))
	defer srv.Close()
	fake := snstest.New(snstest.WithDeliveryClient(srv.Client()))
	defer fake.Close()
	topic, _ := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
	sub, _ := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("https"), Endpoint: aws.String(srv.URL),
		Attributes: map[string]string{"RawMessageDelivery": "true"}, ReturnSubscriptionArn: true})
	token, _ := fake.ConfirmationToken(*sub.SubscriptionArn)
	fake.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: topic.TopicArn, Token: &token})
	remote, _ := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("https"), Endpoint: aws.String("https://example.com/hook"), ReturnSubscriptionArn: true})
	fake.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String("order 42")})
	waitHTTP(t, fake)
	select {
	case b := <-bodies:
		if b != "raw:order 42" {
			t.Errorf("raw body %q", b)
		}
	default:
		t.Error("no raw delivery over https")
	}
	a := fake.HTTPAttempts(*remote.SubscriptionArn)
	if len(a) != 1 || !errors.Is(a[0].Err, snstest.ErrNotLoopback) {
		t.Errorf("attempts to a remote endpoint: %+v", a)
	}
}

// What the fake puts in an SQS queue without raw delivery verifies as is.
func TestSQSEnvelopeVerifies(t *testing.T) {
	ctx := context.Background()
	fake := snstest.New()
	defer fake.Close()
	topic, _ := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
	sub, _ := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("sqs"), Endpoint: aws.String("arn:aws:sqs:us-east-1:123456789012:q")})
	fake.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String("<order> & \"42\""), Subject: aws.String("s")})
	v, _ := notification.NewVerifier(append(fake.VerifierOptions(), notification.WithTopics(*topic.TopicArn))...)
	d := fake.Deliveries(*sub.SubscriptionArn)
	m, err := v.Verify(ctx, []byte(d[0].Body))
	if err != nil || m.Message != "<order> & \"42\"" || m.Subject != "s" {
		t.Fatalf("Verify: %v", err)
	}
}
