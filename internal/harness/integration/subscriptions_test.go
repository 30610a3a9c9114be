package integration

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// Integration tests of subscriptions against fauxqs. What fauxqs 2.4.1 does
// differently from SNS, and these tests therefore cannot show:
//   - it delivers to SQS only: no HTTP/S, email, SMS, Lambda, Firehose or
//     platform endpoints, and Publish without TopicArn (PhoneNumber,
//     TargetArn) is refused;
//   - it lists a pending subscription with its real ARN, where SNS lists
//     "PendingConfirmation";
//   - it sends no confirmation message: its ConfirmSubscription token is
//     the subscription's ARN;
//   - it ignores MessageStructure=json and never redrives to a dead-letter
//     queue;
//   - its ListTopics lists the topics of every region, so these tests
//     delete the topics they create: TestIntegrationListTopicsFollowsPages
//     counts what it lists.

// subTestTopic creates a topic through the client, named for the test,
// and deletes it when the test ends.
func subTestTopic(t *testing.T, c *snsconnector.Client, r region.Region, fifo bool) model.Topic {
	t.Helper()
	req := model.CreateTopicRequest{Name: fauxqs.UniqueName("subs")}
	if fifo {
		req.Name += ".fifo"
		req.Attributes.ContentBasedDeduplication = true
	}
	topic, err := c.CreateTopic(context.Background(), r, req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := c.DeleteTopic(context.Background(), r, topic); err != nil {
			t.Error(err)
		}
	})
	return topic
}

func newQueue(t *testing.T, srv *fauxqs.Server, r region.Region, fifo bool) *fauxqs.Queue {
	t.Helper()
	q, err := srv.NewQueue(context.Background(), string(r), fifo)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

func sqsEndpoint(t *testing.T, q *fauxqs.Queue) model.Endpoint {
	t.Helper()
	return must[model.Endpoint](t)(model.SQSEndpoint(q.ARN))
}

func findSubscription(t *testing.T, c *snsconnector.Client, r region.Region, topic model.Topic, arn string) (model.Subscription, bool) {
	t.Helper()
	resp, err := c.ListSubscriptionsByTopic(context.Background(), r, topic)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range resp.Subscriptions {
		if s.ARN == arn {
			return s, true
		}
	}
	return model.Subscription{}, false
}

func TestIntegrationSubscriptionLifecycle(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUWest2
	c, _ := emulatorClient(t, srv)
	topic := subTestTopic(t, c, r, false)
	q, dlq := newQueue(t, srv, r, false), newQueue(t, srv, r, false)
	attrPolicy := model.NewFilterPolicy(model.FilterScopeMessageAttributes).
		Where("event", model.StringPrefix("order_")).
		Where("price", model.NumberBetween(0, 100))
	req := model.SubscribeRequest{
		Topic:    topic,
		Endpoint: sqsEndpoint(t, q),
		Options:  model.SubscriptionOptions{RawMessageDelivery: true, DeadLetterQueueARN: dlq.ARN, FilterPolicy: attrPolicy},
	}
	sub, err := c.Subscribe(ctx, r, req)
	if err != nil {
		t.Fatal(err)
	}
	a, err := model.ParseSubscriptionARN(sub.ARN)
	if err != nil || a.Topic.String() != topic.ARN || sub.TopicARN != topic.ARN || sub.Pending || sub.Endpoint.Reveal() != q.ARN || sub.Protocol != model.ProtocolSQS {
		t.Fatalf("subscription %+v (%v)", sub, err)
	}

	// Subscribe is idempotent; other options for the same endpoint are refused.
	if again, err := c.Subscribe(ctx, r, req); err != nil || again.ARN != sub.ARN {
		t.Fatalf("subscribing again: %+v, %v", again, err)
	}
	other := req
	other.Options.RawMessageDelivery = false
	var ip *types.InvalidParameterException
	if _, err := c.Subscribe(ctx, r, other); !errors.As(err, &ip) {
		t.Fatalf("subscribing again with other options: %v", err)
	}

	listed, ok := findSubscription(t, c, r, topic, sub.ARN)
	if !ok || listed.Endpoint.Reveal() != q.ARN || listed.Protocol != model.ProtocolSQS || listed.Pending || listed.TopicARN != topic.ARN {
		t.Fatalf("listed %+v (found %v)", listed, ok)
	}

	d, err := c.GetSubscriptionAttributes(ctx, r, sub.ARN)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ := attrPolicy.JSON()
	if got, err := d.FilterPolicy.JSON(); err != nil || got != wantJSON || d.FilterPolicy.Scope() != model.FilterScopeMessageAttributes {
		t.Errorf("filter policy read back %s (%v), scope %s", got, err, d.FilterPolicy.Scope())
	}
	if !d.RawMessageDelivery || d.DeadLetterQueueARN != dlq.ARN || d.Subscription.Pending || d.Subscription.Endpoint.Reveal() != q.ARN || d.Subscription.ARN != sub.ARN {
		t.Errorf("details %+v", d)
	}

	// Change to a nested MessageBody policy: scope and policy, in the order
	// SNS accepts; then read back.
	bodyPolicy := model.NewFilterPolicy(model.FilterScopeMessageBody).
		WhereNested("order", model.FilterPolicy{}.Where("kind", model.StringEquals("book")))
	if err := c.SetSubscriptionAttributes(ctx, r, sub.ARN, model.SetRawMessageDelivery(false), model.SetFilterPolicy(bodyPolicy)); err != nil {
		t.Fatal(err)
	}
	d, err = c.GetSubscriptionAttributes(ctx, r, sub.ARN)
	if err != nil {
		t.Fatal(err)
	}
	wantJSON, _ = bodyPolicy.JSON()
	if got, _ := d.FilterPolicy.JSON(); got != wantJSON || d.FilterPolicy.Scope() != model.FilterScopeMessageBody || d.RawMessageDelivery {
		t.Errorf("after set: policy %s scope %s raw %v", got, d.FilterPolicy.Scope(), d.RawMessageDelivery)
	}
	if err := c.SetSubscriptionAttributes(ctx, r, sub.ARN, model.ClearFilterPolicy()); err != nil {
		t.Fatal(err)
	}
	if d, err = c.GetSubscriptionAttributes(ctx, r, sub.ARN); err != nil || d.HasFilterPolicy() || !d.FilterPolicy.IsEmpty() {
		t.Errorf("after clearing: has %v, %v", d.HasFilterPolicy(), err)
	}

	// Unsubscribe, then prove it by reading back: an empty result proves
	// nothing by itself.
	if err := c.Unsubscribe(ctx, r, sub.ARN); err != nil {
		t.Fatal(err)
	}
	if _, ok := findSubscription(t, c, r, topic, sub.ARN); ok {
		t.Fatal("still listed after Unsubscribe")
	}
	_, err = c.GetSubscriptionAttributes(ctx, r, sub.ARN)
	var nf *types.NotFoundException
	var e *snsconnector.Error
	if !errors.As(err, &nf) || !errors.As(err, &e) || e.Topic != topic.ARN {
		t.Fatalf("reading an unsubscribed subscription: %v", err)
	}
}

func TestIntegrationListSubscriptionsByTopicFollowsPages(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUNorth1
	topic := createTopic(t, srv, r, fauxqs.UniqueName("many"), nil)
	raw := srv.SNS(string(r))
	t.Cleanup(func() {
		if _, err := raw.DeleteTopic(context.Background(), &sns.DeleteTopicInput{TopicArn: aws.String(topic)}); err != nil {
			t.Error(err)
		}
	})
	want := map[string]bool{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := range 250 {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			// fauxqs does not check that the queue exists.
			out, err := raw.Subscribe(ctx, &sns.SubscribeInput{
				TopicArn: aws.String(topic), Protocol: aws.String("sqs"),
				Endpoint: aws.String(fmt.Sprintf("arn:aws:sqs:%s:000000000000:q%03d", r, i)),
			})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			want[aws.ToString(out.SubscriptionArn)] = true
			mu.Unlock()
		})
	}
	wg.Wait()

	var calls atomic.Int32
	c, _ := emulatorClient(t, srv, snsconnector.WithAPIFactory(func(r region.Region) (snsconnector.API, error) {
		return &listCounter{API: srv.SNS(string(r)), calls: &calls}, nil
	}))
	resp, err := c.ListSubscriptionsByTopic(ctx, r, model.Topic{ARN: topic})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Subscriptions) != 250 {
		t.Fatalf("%d subscriptions; want 250", len(resp.Subscriptions))
	}
	for _, s := range resp.Subscriptions {
		if !want[s.ARN] || s.TopicARN != topic || s.Protocol != model.ProtocolSQS || !strings.HasPrefix(s.Endpoint.Reveal(), "arn:aws:sqs:") {
			t.Errorf("unexpected %+v", s)
		}
		delete(want, s.ARN)
	}
	if len(want) != 0 {
		t.Errorf("%d subscriptions missing", len(want))
	}
	if calls.Load() != 3 {
		t.Errorf("%d calls; want 3 pages of up to 100", calls.Load())
	}
}

func TestIntegrationConfirmSubscription(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUWest3
	c, _ := emulatorClient(t, srv)
	topic := subTestTopic(t, c, r, false)
	hook := must[model.Endpoint](t)(model.HTTPSEndpoint("https://hooks.example.com/sns"))
	sub, err := c.Subscribe(ctx, r, model.SubscribeRequest{Topic: topic, Endpoint: hook})
	if err != nil {
		t.Fatal(err)
	}
	if !sub.Pending || sub.ARN == "" {
		t.Fatalf("an https subscription: %+v", sub)
	}
	if d, err := c.GetSubscriptionAttributes(ctx, r, sub.ARN); err != nil || !d.Subscription.Pending {
		t.Fatalf("before confirming: %+v, %v", d, err)
	}

	// A token SNS did not send is refused, and not repeated in the error.
	const wrong = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
	_, err = c.ConfirmSubscription(ctx, r, topic, wrong, false)
	var ip *types.InvalidParameterException
	if !errors.As(err, &ip) || strings.Contains(err.Error(), wrong) {
		t.Fatalf("wrong token: %v", err)
	}

	// fauxqs's token is the subscription ARN; SNS's comes in the
	// SubscriptionConfirmation message.
	arn, err := c.ConfirmSubscription(ctx, r, topic, sub.ARN, true)
	if err != nil || arn != sub.ARN {
		t.Fatalf("confirming: %q, %v", arn, err)
	}
	d, err := c.GetSubscriptionAttributes(ctx, r, sub.ARN)
	if err != nil || d.Subscription.Pending || !d.ConfirmationWasAuthenticated {
		t.Fatalf("after confirming: %+v, %v", d, err)
	}
	if err := c.Unsubscribe(ctx, r, sub.ARN); err != nil {
		t.Fatal(err)
	}
}

// filterCase is a message published to a topic with two filtered
// subscriptions, and whether each must receive it.
type filterCase struct {
	id     string
	attrs  map[string]model.MessageAttribute
	body   string
	byAttr bool // the MessageAttributes policy lets it through
	byBody bool // the MessageBody policy lets it through
}

// matchingAttrs returns attributes the MessageAttributes policy accepts,
// changed by edit.
func matchingAttrs(edit func(map[string]model.MessageAttribute)) map[string]model.MessageAttribute {
	a := map[string]model.MessageAttribute{
		"store":    model.StringAttribute("example_corp"),
		"event":    model.StringAttribute("order_placed"),
		"status":   model.StringAttribute("new"),
		"price":    model.NumberAttribute(250),
		"customer": model.StringAttribute("c-17"),
	}
	if edit != nil {
		edit(a)
	}
	return a
}

func TestIntegrationFilterPoliciesDeliverExactlyTheMatches(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUCentral2
	c, _ := emulatorClient(t, srv)
	topic := subTestTopic(t, c, r, false)

	// One policy per scope, each using equals, prefix, anything-but, a
	// numeric range and exists.
	attrPolicy := model.NewFilterPolicy(model.FilterScopeMessageAttributes).
		Where("store", model.StringEquals("example_corp")).
		Where("event", model.StringPrefix("order_")).
		Where("status", model.StringAnythingBut("cancelled")).
		Where("price", model.NumberBetween(100, 500)).
		Where("customer", model.Exists())
	bodyPolicy := model.NewFilterPolicy(model.FilterScopeMessageBody).
		WhereNested("order", model.FilterPolicy{}.
			Where("kind", model.StringEquals("book", "toy")).
			Where("sku", model.StringPrefix("SKU-")).
			Where("total", model.NumberRange(model.GreaterThan, 0, model.LessThan, 100)).
			Where("channel", model.StringAnythingBut("test"))).
		Where("gift", model.Exists())
	byAttr, byBody := newQueue(t, srv, r, false), newQueue(t, srv, r, false)
	for q, p := range map[*fauxqs.Queue]model.FilterPolicy{byAttr: attrPolicy, byBody: bodyPolicy} {
		if _, err := c.Subscribe(ctx, r, model.SubscribeRequest{
			Topic: topic, Endpoint: sqsEndpoint(t, q),
			Options: model.SubscriptionOptions{RawMessageDelivery: true, FilterPolicy: p},
		}); err != nil {
			t.Fatal(err)
		}
	}

	body := func(id, kind, sku string, total float64, channel string, gift bool) string {
		m := map[string]any{"id": id, "order": map[string]any{"kind": kind, "sku": sku, "total": total, "channel": channel}}
		if gift {
			m["gift"] = true
		}
		b, _ := json.Marshal(m)
		return string(b)
	}
	cases := []filterCase{
		{"all-match", matchingAttrs(nil), body("all-match", "book", "SKU-1", 20, "web", true), true, true},
		{"other-store", matchingAttrs(func(a map[string]model.MessageAttribute) { a["store"] = model.StringAttribute("other_corp") }),
			body("other-store", "toy", "SKU-2", 99.99, "app", true), false, true},
		{"no-prefix", matchingAttrs(func(a map[string]model.MessageAttribute) { a["event"] = model.StringAttribute("refund_issued") }),
			body("no-prefix", "book", "sku-3", 20, "web", true), false, false},
		{"cancelled", matchingAttrs(func(a map[string]model.MessageAttribute) { a["status"] = model.StringAttribute("cancelled") }),
			body("cancelled", "game", "SKU-4", 20, "web", true), false, false},
		{"price-above", matchingAttrs(func(a map[string]model.MessageAttribute) { a["price"] = model.NumberAttribute(500.5) }),
			body("price-above", "book", "SKU-5", 100, "web", true), false, false},
		{"price-below", matchingAttrs(func(a map[string]model.MessageAttribute) { a["price"] = model.NumberAttribute(99.5) }),
			body("price-below", "book", "SKU-6", 0, "web", true), false, false},
		{"no-customer", matchingAttrs(func(a map[string]model.MessageAttribute) { delete(a, "customer") }),
			body("no-customer", "book", "SKU-7", 1, "test", true), false, false},
		{"low-bound", matchingAttrs(func(a map[string]model.MessageAttribute) { a["price"] = model.NumberAttribute(100) }),
			body("low-bound", "toy", "SKU-8", 50, "store", false), true, false},
		{"high-bound", matchingAttrs(func(a map[string]model.MessageAttribute) { a["price"] = model.NumberAttribute(500) }),
			body("high-bound", "toy", "SKU-9", 0.5, "store", true), true, true},
	}
	var wantAttr, wantBody []string
	for _, m := range cases {
		if _, err := c.PublishWithResponse(ctx, r, model.PublishRequest{
			Topic: topic, Message: model.Message{Body: m.body, Attributes: m.attrs},
		}); err != nil {
			t.Fatal(err)
		}
		if m.byAttr {
			wantAttr = append(wantAttr, m.id)
		}
		if m.byBody {
			wantBody = append(wantBody, m.id)
		}
	}
	for _, check := range []struct {
		name string
		q    *fauxqs.Queue
		want []string
	}{{"MessageAttributes", byAttr, wantAttr}, {"MessageBody", byBody, wantBody}} {
		// Ask for one more than expected, so a message that should have been
		// stopped has time to show up.
		msgs, err := check.q.Receive(ctx, len(check.want)+1, 1500*time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range msgs {
			var b struct{ ID string }
			if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &b); err != nil {
				t.Fatalf("%s: body %q", check.name, aws.ToString(m.Body))
			}
			got = append(got, b.ID)
		}
		slices.Sort(got)
		slices.Sort(check.want)
		if !slices.Equal(got, check.want) {
			t.Errorf("%s policy delivered %v; want %v", check.name, got, check.want)
		}
	}
}

func TestIntegrationRawAndEnvelopeDelivery(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUSouth1
	c, _ := emulatorClient(t, srv)
	topic := subTestTopic(t, c, r, false)
	raw, envelope := newQueue(t, srv, r, false), newQueue(t, srv, r, false)
	for q, rawDelivery := range map[*fauxqs.Queue]bool{raw: true, envelope: false} {
		if _, err := c.Subscribe(ctx, r, model.SubscribeRequest{
			Topic: topic, Endpoint: sqsEndpoint(t, q), Options: model.SubscriptionOptions{RawMessageDelivery: rawDelivery},
		}); err != nil {
			t.Fatal(err)
		}
	}
	resp, err := c.PublishWithResponse(ctx, r, model.PublishRequest{Topic: topic, Message: model.Message{
		Subject: "Order shipped", Body: "order 42 shipped",
		Attributes: map[string]model.MessageAttribute{"store": model.StringAttribute("example_corp")},
	}})
	if err != nil {
		t.Fatal(err)
	}

	got := receiveOne(t, raw)
	if aws.ToString(got.Body) != "order 42 shipped" || aws.ToString(got.MessageAttributes["store"].StringValue) != "example_corp" {
		t.Errorf("raw delivery: body %q attributes %v", aws.ToString(got.Body), got.MessageAttributes)
	}

	got = receiveOne(t, envelope)
	var n struct {
		Type, MessageId, TopicArn, Subject, Message string
		MessageAttributes                           map[string]struct{ Type, Value string }
	}
	if err := json.Unmarshal([]byte(aws.ToString(got.Body)), &n); err != nil {
		t.Fatalf("envelope %q: %v", aws.ToString(got.Body), err)
	}
	if n.Type != "Notification" || n.MessageId != resp.MessageID || n.TopicArn != topic.ARN || n.Subject != "Order shipped" ||
		n.Message != "order 42 shipped" || n.MessageAttributes["store"] != (struct{ Type, Value string }{"String", "example_corp"}) {
		t.Errorf("envelope %+v", n)
	}
	if len(got.MessageAttributes) != 0 {
		t.Errorf("an enveloped message carries SQS attributes %v", got.MessageAttributes)
	}
}

func receiveOne(t *testing.T, q *fauxqs.Queue) sqstypes.Message {
	t.Helper()
	msgs, err := q.Receive(context.Background(), 2, time.Second)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("received %d messages, want 1: %v", len(msgs), err)
	}
	return msgs[0]
}

func TestIntegrationUnsubscribeStopsDelivery(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUSouth1
	c, _ := emulatorClient(t, srv)
	topic := subTestTopic(t, c, r, false)
	q := newQueue(t, srv, r, false)
	sub, err := c.Subscribe(ctx, r, model.SubscribeRequest{Topic: topic, Endpoint: sqsEndpoint(t, q), Options: model.SubscriptionOptions{RawMessageDelivery: true}})
	if err != nil {
		t.Fatal(err)
	}
	publish := func(body string) {
		if _, err := c.Publish(ctx, r, model.PublishRequest{Topic: topic, Message: model.Message{Body: body}}); err != nil {
			t.Fatal(err)
		}
	}
	publish("before")
	if got := receiveOne(t, q); aws.ToString(got.Body) != "before" {
		t.Fatalf("got %q", aws.ToString(got.Body))
	}
	if err := c.Unsubscribe(ctx, r, sub.ARN); err != nil {
		t.Fatal(err)
	}
	publish("after")
	if msgs, _ := q.Receive(ctx, 1, 1500*time.Millisecond); len(msgs) != 0 {
		t.Fatalf("delivered after Unsubscribe: %q", aws.ToString(msgs[0].Body))
	}
}

func TestIntegrationFIFOTopicTakesFIFOAndStandardQueues(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUSouth2
	c, tr := emulatorClient(t, srv)
	topic := subTestTopic(t, c, r, true)
	fifoQ, stdQ := newQueue(t, srv, r, true), newQueue(t, srv, r, false)
	for _, q := range []*fauxqs.Queue{fifoQ, stdQ} {
		if _, err := c.Subscribe(ctx, r, model.SubscribeRequest{Topic: topic, Endpoint: sqsEndpoint(t, q), Options: model.SubscriptionOptions{RawMessageDelivery: true}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := c.Publish(ctx, r, model.PublishRequest{Topic: topic, Message: model.Message{Body: "m1", GroupID: "g"}}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []*fauxqs.Queue{fifoQ, stdQ} {
		if got := receiveOne(t, q); aws.ToString(got.Body) != "m1" {
			t.Errorf("got %q", aws.ToString(got.Body))
		}
	}
	// An https endpoint is refused before anything is sent.
	before := tr.n.Load()
	_, err := c.Subscribe(ctx, r, model.SubscribeRequest{Topic: topic, Endpoint: must[model.Endpoint](t)(model.HTTPSEndpoint("https://example.com/hook"))})
	if !errors.Is(err, &model.ValidationError{Field: "Endpoint.Protocol", Rule: model.RuleForbidden}) || tr.n.Load() != before {
		t.Fatalf("https on a FIFO topic: %v", err)
	}
}

func TestIntegrationInvalidSubscriptionInputSendsNothing(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUWest2
	c, tr := emulatorClient(t, srv)
	topic := model.Topic{ARN: "arn:aws:sns:eu-west-2:000000000000:t"}
	queue := must[model.Endpoint](t)(model.SQSEndpoint("arn:aws:sqs:eu-west-2:000000000000:q"))
	device := must[model.Endpoint](t)(model.ApplicationEndpoint("arn:aws:sns:us-east-1:000000000000:endpoint/GCM/app/5e3e9847"))
	calls := map[string]error{}
	_, calls["Subscribe"] = c.Subscribe(ctx, r, model.SubscribeRequest{Topic: topic, Endpoint: queue, Options: model.SubscriptionOptions{DeadLetterQueueARN: "arn:aws:sqs:us-east-1:000000000000:dlq"}})
	_, calls["ConfirmSubscription"] = c.ConfirmSubscription(ctx, r, topic, "", false)
	calls["Unsubscribe"] = c.Unsubscribe(ctx, r, "PendingConfirmation")
	_, calls["ListSubscriptionsByTopic"] = c.ListSubscriptionsByTopic(ctx, r, model.Topic{ARN: "t"})
	_, calls["GetSubscriptionAttributes"] = c.GetSubscriptionAttributes(ctx, r, topic.ARN)
	calls["SetSubscriptionAttributes"] = c.SetSubscriptionAttributes(ctx, r, topic.ARN+":1", model.SetFilterPolicy(model.FilterPolicy{}))
	_, calls["PublishSMS"] = c.PublishSMS(ctx, r, "+0123", "hi", model.SMSOptions{})
	_, calls["PublishToEndpoint"] = c.PublishToEndpoint(ctx, r, device, model.Message{Body: "x"})
	for _, name := range slices.Sorted(maps.Keys(calls)) {
		if !errors.Is(calls[name], model.ErrInvalid) {
			t.Errorf("%s: %v", name, calls[name])
		}
	}
	if n := tr.n.Load(); n != 0 {
		t.Fatalf("%d HTTP requests sent for invalid input", n)
	}
}

// fauxqs has no SMS or mobile push: it refuses a Publish without
// TopicArn. The requests still go out well formed, and the refusal comes
// back as the SDK's typed error, with the phone number hidden.
func TestIntegrationSMSAndPushAreNotEmulated(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUWest2
	c, tr := emulatorClient(t, srv)
	var ip *types.InvalidParameterException
	_, err := c.PublishSMS(ctx, r, "+447700900123", "Your code is 123456", model.SMSOptions{Type: model.SMSTransactional})
	if !errors.As(err, &ip) || strings.Contains(err.Error(), "7700900123") {
		t.Errorf("PublishSMS: %v", err)
	}
	device := must[model.Endpoint](t)(model.ApplicationEndpoint("arn:aws:sns:eu-west-2:000000000000:endpoint/GCM/app/5e3e9847"))
	if _, err := c.PublishToEndpoint(ctx, r, device, model.Message{Body: "x"}); !errors.As(err, &ip) {
		t.Errorf("PublishToEndpoint: %v", err)
	}
	if tr.n.Load() != 2 {
		t.Errorf("%d requests; want 2", tr.n.Load())
	}
}
