package snsconnector

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// subsAPI fakes the subscription operations. It records every input, so a
// test can assert what went on the wire, and nothing when nothing was sent.
type subsAPI struct {
	API
	mu sync.Mutex

	subscribes []*sns.SubscribeInput
	subscribe  func(*sns.SubscribeInput) (*sns.SubscribeOutput, error)

	confirms []*sns.ConfirmSubscriptionInput
	confirm  func(*sns.ConfirmSubscriptionInput) (*sns.ConfirmSubscriptionOutput, error)

	unsubscribes []*sns.UnsubscribeInput
	unsubscribe  error

	lists  []*sns.ListSubscriptionsByTopicInput
	subs   []types.Subscription // what ListSubscriptionsByTopic pages through
	repeat bool                 // answer every page with the same token
	list   func(call int) error // fails a given call

	gets []*sns.GetSubscriptionAttributesInput
	get  func(*sns.GetSubscriptionAttributesInput) (*sns.GetSubscriptionAttributesOutput, error)

	sets []*sns.SetSubscriptionAttributesInput
	set  func(*sns.SetSubscriptionAttributesInput) error

	publishes []*sns.PublishInput
	publish   func(*sns.PublishInput) (*sns.PublishOutput, error)
}

func (f *subsAPI) Subscribe(_ context.Context, in *sns.SubscribeInput, _ ...func(*sns.Options)) (*sns.SubscribeOutput, error) {
	f.mu.Lock()
	f.subscribes = append(f.subscribes, in)
	f.mu.Unlock()
	if f.subscribe != nil {
		return f.subscribe(in)
	}
	return &sns.SubscribeOutput{SubscriptionArn: aws.String(aws.ToString(in.TopicArn) + ":11111111-2222-3333-4444-555555555555")}, nil
}

func (f *subsAPI) ConfirmSubscription(_ context.Context, in *sns.ConfirmSubscriptionInput, _ ...func(*sns.Options)) (*sns.ConfirmSubscriptionOutput, error) {
	f.mu.Lock()
	f.confirms = append(f.confirms, in)
	f.mu.Unlock()
	if f.confirm != nil {
		return f.confirm(in)
	}
	return &sns.ConfirmSubscriptionOutput{SubscriptionArn: aws.String(aws.ToString(in.TopicArn) + ":confirmed-1")}, nil
}

func (f *subsAPI) Unsubscribe(_ context.Context, in *sns.UnsubscribeInput, _ ...func(*sns.Options)) (*sns.UnsubscribeOutput, error) {
	f.mu.Lock()
	f.unsubscribes = append(f.unsubscribes, in)
	f.mu.Unlock()
	if f.unsubscribe != nil {
		return nil, f.unsubscribe
	}
	return &sns.UnsubscribeOutput{}, nil
}

func (f *subsAPI) ListSubscriptionsByTopic(_ context.Context, in *sns.ListSubscriptionsByTopicInput, _ ...func(*sns.Options)) (*sns.ListSubscriptionsByTopicOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	copied := *in // the client reuses its input for the next page
	f.lists = append(f.lists, &copied)
	if f.list != nil {
		if err := f.list(len(f.lists)); err != nil {
			return nil, err
		}
	}
	start := 0
	if tok := aws.ToString(in.NextToken); tok != "" {
		fmt.Sscanf(tok, "page-%d", &start)
	}
	end := min(start+100, len(f.subs))
	out := &sns.ListSubscriptionsByTopicOutput{Subscriptions: f.subs[start:end]}
	if f.repeat {
		out.NextToken = aws.String("page-0")
	} else if end < len(f.subs) {
		out.NextToken = aws.String(fmt.Sprintf("page-%d", end))
	}
	return out, nil
}

func (f *subsAPI) GetSubscriptionAttributes(_ context.Context, in *sns.GetSubscriptionAttributesInput, _ ...func(*sns.Options)) (*sns.GetSubscriptionAttributesOutput, error) {
	f.mu.Lock()
	f.gets = append(f.gets, in)
	f.mu.Unlock()
	return f.get(in)
}

func (f *subsAPI) SetSubscriptionAttributes(_ context.Context, in *sns.SetSubscriptionAttributesInput, _ ...func(*sns.Options)) (*sns.SetSubscriptionAttributesOutput, error) {
	f.mu.Lock()
	f.sets = append(f.sets, in)
	f.mu.Unlock()
	if f.set != nil {
		if err := f.set(in); err != nil {
			return nil, err
		}
	}
	return &sns.SetSubscriptionAttributesOutput{}, nil
}

func (f *subsAPI) Publish(_ context.Context, in *sns.PublishInput, _ ...func(*sns.Options)) (*sns.PublishOutput, error) {
	f.mu.Lock()
	f.publishes = append(f.publishes, in)
	f.mu.Unlock()
	if f.publish != nil {
		return f.publish(in)
	}
	return &sns.PublishOutput{MessageId: aws.String("msg-9")}, nil
}

// calls counts every call that reached the fake.
func (f *subsAPI) calls() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.subscribes) + len(f.confirms) + len(f.unsubscribes) + len(f.lists) + len(f.gets) + len(f.sets) + len(f.publishes)
}

const (
	fifoTopicARN = "arn:aws:sns:eu-west-1:123456789012:orders.fifo"
	subARN       = topicARN + ":8a21d249-4329-4871-acc6-7be709c6ea7f"
	queueARN     = "arn:aws:sqs:eu-west-1:123456789012:orders"
	dlqARN       = "arn:aws:sqs:eu-west-1:123456789012:orders-dlq"
	deviceARN    = "arn:aws:sns:eu-west-1:123456789012:endpoint/GCM/shop/5e3e9847-3183-3f18-a7e8-671c3a57d4b3"
)

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// wantValidation fails unless err is the *Error of op wrapping a
// *model.ValidationError on field.
func wantValidation(t *testing.T, err error, op, field string) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Op != op {
		t.Fatalf("want the *Error of %s, got %v", op, err)
	}
	if !errors.Is(err, &model.ValidationError{Field: field}) {
		t.Fatalf("want a validation error on %s, got %v", field, err)
	}
}

func TestSubscribeSendsEndpointAndOptions(t *testing.T) {
	f := &subsAPI{}
	c := newTestClient(t, f)
	req := model.SubscribeRequest{
		Topic:    model.Topic{ARN: topicARN},
		Endpoint: must[model.Endpoint](t)(model.SQSEndpoint(queueARN)),
		Options: model.SubscriptionOptions{
			RawMessageDelivery: true,
			DeadLetterQueueARN: dlqARN,
			FilterPolicy:       model.NewFilterPolicy(model.FilterScopeMessageAttributes).Where("event", model.StringPrefix("order_")),
		},
	}
	sub, err := c.Subscribe(context.Background(), region.EUWest1, req)
	if err != nil {
		t.Fatal(err)
	}
	want := model.Subscription{ARN: topicARN + ":11111111-2222-3333-4444-555555555555", TopicARN: topicARN, Protocol: model.ProtocolSQS, Endpoint: queueARN}
	if sub != want {
		t.Errorf("subscription %+v\nwant         %+v", sub, want)
	}
	in := f.subscribes[0]
	if aws.ToString(in.TopicArn) != topicARN || aws.ToString(in.Protocol) != "sqs" || aws.ToString(in.Endpoint) != queueARN || !in.ReturnSubscriptionArn {
		t.Errorf("input %+v", in)
	}
	wantAttrs := map[string]string{
		"RawMessageDelivery": "true",
		"RedrivePolicy":      `{"deadLetterTargetArn":"` + dlqARN + `"}`,
		"FilterPolicy":       `{"event":[{"prefix":"order_"}]}`,
		"FilterPolicyScope":  "MessageAttributes",
	}
	if !maps.Equal(in.Attributes, wantAttrs) {
		t.Errorf("attributes %v", in.Attributes)
	}
}

func TestSubscribePendingSubscriptions(t *testing.T) {
	// An https subscription awaits confirmation: it has its ARN and Pending.
	f := &subsAPI{}
	c := newTestClient(t, f)
	hook := must[model.Endpoint](t)(model.HTTPSEndpoint("https://example.com/hook"))
	sub, err := c.Subscribe(context.Background(), region.EUWest1, model.SubscribeRequest{Topic: model.Topic{ARN: topicARN}, Endpoint: hook})
	if err != nil || !sub.Pending || sub.ARN == "" || sub.Protocol != model.ProtocolHTTPS || sub.Endpoint != "https://example.com/hook" {
		t.Fatalf("%+v, %v", sub, err)
	}
	// A peer that ignores ReturnSubscriptionArn answers the placeholder:
	// Pending, no ARN, even for a protocol that needs no confirmation.
	f.subscribe = func(*sns.SubscribeInput) (*sns.SubscribeOutput, error) {
		return &sns.SubscribeOutput{SubscriptionArn: aws.String("pending confirmation")}, nil
	}
	sub, err = c.Subscribe(context.Background(), region.EUWest1, model.SubscribeRequest{
		Topic: model.Topic{ARN: topicARN}, Endpoint: must[model.Endpoint](t)(model.SQSEndpoint("arn:aws:sqs:eu-west-1:210987654321:theirs")),
	})
	if err != nil || !sub.Pending || sub.ARN != "" {
		t.Fatalf("%+v, %v", sub, err)
	}
}

func TestSubscribeRefusesInvalidRequestsBeforeTheWire(t *testing.T) {
	f := &subsAPI{}
	c := newTestClient(t, f)
	sqs := must[model.Endpoint](t)(model.SQSEndpoint(queueARN))
	email := must[model.Endpoint](t)(model.EmailEndpoint("ops@example.com"))
	tests := []struct {
		name  string
		req   model.SubscribeRequest
		field string
	}{
		{"no topic", model.SubscribeRequest{Endpoint: sqs}, "Topic.ARN"},
		{"no endpoint", model.SubscribeRequest{Topic: model.Topic{ARN: topicARN}}, "Endpoint.Protocol"},
		{"email on a FIFO topic", model.SubscribeRequest{Topic: model.Topic{ARN: fifoTopicARN}, Endpoint: email}, "Endpoint.Protocol"},
		{"raw delivery to email", model.SubscribeRequest{Topic: model.Topic{ARN: topicARN}, Endpoint: email, Options: model.SubscriptionOptions{RawMessageDelivery: true}}, "SubscriptionOptions.RawMessageDelivery"},
		{"DLQ in another region", model.SubscribeRequest{Topic: model.Topic{ARN: topicARN}, Endpoint: sqs, Options: model.SubscriptionOptions{DeadLetterQueueARN: "arn:aws:sqs:us-east-1:123456789012:dlq"}}, "SubscriptionOptions.DeadLetterQueueARN"},
		{"invalid filter policy", model.SubscribeRequest{Topic: model.Topic{ARN: topicARN}, Endpoint: sqs, Options: model.SubscriptionOptions{FilterPolicy: model.NewFilterPolicy("").Where("bad key", model.Exists())}}, `FilterPolicy["bad key"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Subscribe(context.Background(), region.EUWest1, tt.req)
			wantValidation(t, err, "Subscribe", tt.field)
			if strings.Contains(err.Error(), "ops@example.com") {
				t.Errorf("error quotes the address: %v", err)
			}
		})
	}
	if n := f.calls(); n != 0 {
		t.Fatalf("%d calls reached the API", n)
	}
}

// That the address SNS may echo shows neither in the error nor in the logs
// is TestSecretsNeverLeave's to check.
func TestSubscribeErrorsWrapTheSDKError(t *testing.T) {
	f := &subsAPI{subscribe: func(in *sns.SubscribeInput) (*sns.SubscribeOutput, error) {
		// SNS may echo the endpoint in its message.
		return nil, &types.InvalidParameterException{Message: aws.String("Invalid parameter: Email address " + aws.ToString(in.Endpoint))}
	}}
	c := newTestClient(t, f)
	_, err := c.Subscribe(context.Background(), region.EUWest1, model.SubscribeRequest{
		Topic: model.Topic{ARN: topicARN}, Endpoint: must[model.Endpoint](t)(model.EmailEndpoint("ceo@example.com")),
	})
	var ip *types.InvalidParameterException
	var e *Error
	if !errors.As(err, &ip) || !errors.As(err, &e) || ErrorCode(err) != "InvalidParameter" {
		t.Fatalf("err %v", err)
	}
	if e.Op != "Subscribe" || e.Region != region.EUWest1 || e.Topic != topicARN {
		t.Errorf("error context %+v", e)
	}
	if !strings.Contains(err.Error(), "Invalid parameter: Email address") {
		t.Errorf("the service's message is lost: %v", err)
	}

	f.subscribe = func(*sns.SubscribeInput) (*sns.SubscribeOutput, error) { return &sns.SubscribeOutput{}, nil }
	_, err = c.Subscribe(context.Background(), region.EUWest1, model.SubscribeRequest{
		Topic: model.Topic{ARN: topicARN}, Endpoint: must[model.Endpoint](t)(model.SQSEndpoint(queueARN)),
	})
	if !errors.Is(err, errNoSubscriptionARN) {
		t.Fatalf("an answer without ARN: %v", err)
	}
}

func TestConfirmSubscription(t *testing.T) {
	f := &subsAPI{}
	c := newTestClient(t, f)
	const token = "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f79"
	for _, auth := range []bool{false, true} {
		arn, err := c.ConfirmSubscription(context.Background(), region.EUWest1, model.Topic{ARN: topicARN}, token, auth)
		if err != nil || arn != topicARN+":confirmed-1" {
			t.Fatalf("auth %v: %q, %v", auth, arn, err)
		}
	}
	if in := f.confirms[0]; aws.ToString(in.TopicArn) != topicARN || aws.ToString(in.Token) != token || in.AuthenticateOnUnsubscribe != nil {
		t.Errorf("input %+v", in)
	}
	if in := f.confirms[1]; aws.ToString(in.AuthenticateOnUnsubscribe) != "true" {
		t.Errorf("AuthenticateOnUnsubscribe %v", in.AuthenticateOnUnsubscribe)
	}

	// Bad input: nothing sent.
	n := f.calls()
	for _, tt := range []struct {
		topic, token, field string
	}{{topicARN, "", "Token"}, {topicARN, "to ken", "Token"}, {"orders", token, "Topic.ARN"}} {
		_, err := c.ConfirmSubscription(context.Background(), region.EUWest1, model.Topic{ARN: tt.topic}, tt.token, false)
		wantValidation(t, err, "ConfirmSubscription", tt.field)
	}
	if f.calls() != n {
		t.Fatal("invalid input reached the API")
	}

	// A refused token: the SDK's error (without the token:
	// TestSecretsNeverLeave checks that).
	f.confirm = func(in *sns.ConfirmSubscriptionInput) (*sns.ConfirmSubscriptionOutput, error) {
		return nil, &types.InvalidParameterException{Message: aws.String("Invalid token " + aws.ToString(in.Token))}
	}
	_, err := c.ConfirmSubscription(context.Background(), region.EUWest1, model.Topic{ARN: topicARN}, token, false)
	var ip *types.InvalidParameterException
	if !errors.As(err, &ip) {
		t.Fatalf("err %v", err)
	}
}

func TestUnsubscribe(t *testing.T) {
	f := &subsAPI{}
	c := newTestClient(t, f)
	if err := c.Unsubscribe(context.Background(), region.EUWest1, subARN); err != nil {
		t.Fatal(err)
	}
	if len(f.unsubscribes) != 1 || aws.ToString(f.unsubscribes[0].SubscriptionArn) != subARN {
		t.Fatalf("inputs %v", f.unsubscribes)
	}
	for _, bad := range []string{"", "PendingConfirmation", "Deleted", topicARN, "8a21d249-4329-4871-acc6-7be709c6ea7f"} {
		wantValidation(t, c.Unsubscribe(context.Background(), region.EUWest1, bad), "Unsubscribe", "SubscriptionARN")
	}
	if len(f.unsubscribes) != 1 {
		t.Fatal("invalid ARNs reached the API")
	}
	f.unsubscribe = &types.NotFoundException{Message: aws.String("Subscription does not exist")}
	err := c.Unsubscribe(context.Background(), region.EUWest1, subARN)
	var nf *types.NotFoundException
	var e *Error
	if !errors.As(err, &nf) || !errors.As(err, &e) || e.Op != "Unsubscribe" || e.Topic != topicARN {
		t.Fatalf("err %v", err)
	}
}

// listedSubscriptions returns n subscriptions of the topic as SNS lists
// them; every tenth is pending, and the last one is being deleted.
func listedSubscriptions(n int) []types.Subscription {
	out := make([]types.Subscription, n)
	for i := range out {
		arn := fmt.Sprintf("%s:%08d-0000-0000-0000-000000000000", topicARN, i)
		switch {
		case i == n-1:
			arn = "Deleted"
		case i%10 == 9:
			arn = "PendingConfirmation"
		}
		out[i] = types.Subscription{
			SubscriptionArn: aws.String(arn), TopicArn: aws.String(topicARN),
			Protocol: aws.String("https"), Endpoint: aws.String(fmt.Sprintf("https://example.com/%d", i)),
			Owner: aws.String("123456789012"),
		}
	}
	return out
}

func TestListSubscriptionsByTopicFollowsEveryPage(t *testing.T) {
	f := &subsAPI{subs: listedSubscriptions(250)}
	c := newTestClient(t, f)
	resp, err := c.ListSubscriptionsByTopic(context.Background(), region.EUWest1, model.Topic{ARN: topicARN})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Subscriptions) != 250 {
		t.Fatalf("%d subscriptions; want 250", len(resp.Subscriptions))
	}
	var tokens []string
	for _, in := range f.lists {
		if aws.ToString(in.TopicArn) != topicARN {
			t.Errorf("TopicArn %q", aws.ToString(in.TopicArn))
		}
		tokens = append(tokens, aws.ToString(in.NextToken))
	}
	if got := strings.Join(tokens, ","); got != ",page-100,page-200" {
		t.Errorf("tokens sent: %q", got)
	}
	first := model.Subscription{ARN: topicARN + ":00000000-0000-0000-0000-000000000000", TopicARN: topicARN, Protocol: model.ProtocolHTTPS, Endpoint: "https://example.com/0", Owner: "123456789012"}
	if resp.Subscriptions[0] != first {
		t.Errorf("first %+v", resp.Subscriptions[0])
	}
	if s := resp.Subscriptions[9]; !s.Pending || s.ARN != "" || s.Endpoint != "https://example.com/9" {
		t.Errorf("pending %+v", s)
	}
	if s := resp.Subscriptions[249]; !s.Deleted || s.ARN != "" || s.Pending {
		t.Errorf("deleted %+v", s)
	}
	pending := 0
	for _, s := range resp.Subscriptions {
		if s.Pending {
			pending++
		}
	}
	if pending != 24 { // every tenth but the last, which is being deleted
		t.Errorf("%d pending; want 24", pending)
	}
}

func TestListSubscriptionsByTopicEdges(t *testing.T) {
	ctx := context.Background()
	t.Run("empty is empty, not nil", func(t *testing.T) {
		resp, err := newTestClient(t, &subsAPI{}).ListSubscriptionsByTopic(ctx, region.EUWest1, model.Topic{ARN: topicARN})
		if err != nil || resp.Subscriptions == nil || len(resp.Subscriptions) != 0 {
			t.Fatalf("%#v, %v", resp, err)
		}
	})
	t.Run("break stops fetching", func(t *testing.T) {
		f := &subsAPI{subs: listedSubscriptions(1000)}
		n := 0
		for _, err := range newTestClient(t, f).ListSubscriptionsByTopicIter(ctx, region.EUWest1, model.Topic{ARN: topicARN}) {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == 150 {
				break
			}
		}
		if len(f.lists) != 2 {
			t.Fatalf("%d pages fetched for 150 subscriptions; want 2", len(f.lists))
		}
	})
	t.Run("repeated token", func(t *testing.T) {
		f := &subsAPI{subs: listedSubscriptions(300), repeat: true}
		_, err := newTestClient(t, f).ListSubscriptionsByTopic(ctx, region.EUWest1, model.Topic{ARN: topicARN})
		var e *Error
		if !errors.Is(err, errRepeatedToken) || !errors.As(err, &e) || e.Topic != topicARN || len(f.lists) > 3 {
			t.Fatalf("err %v after %d calls", err, len(f.lists))
		}
	})
	t.Run("failure on a later page", func(t *testing.T) {
		f := &subsAPI{subs: listedSubscriptions(250), list: func(call int) error {
			if call == 2 {
				return &types.ThrottledException{Message: aws.String("Rate exceeded")}
			}
			return nil
		}}
		var got int
		var last error
		for _, err := range newTestClient(t, f).ListSubscriptionsByTopicIter(ctx, region.EUWest1, model.Topic{ARN: topicARN}) {
			if err != nil {
				last = err
				continue
			}
			got++
		}
		var th *types.ThrottledException
		if got != 100 || !errors.As(last, &th) || len(f.lists) != 2 {
			t.Fatalf("%d yielded, err %v, %d calls", got, last, len(f.lists))
		}
	})
	t.Run("cancelled between pages", func(t *testing.T) {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		f := &subsAPI{subs: listedSubscriptions(250)}
		var last error
		for _, err := range newTestClient(t, f).ListSubscriptionsByTopicIter(ctx, region.EUWest1, model.Topic{ARN: topicARN}) {
			cancel() // the fake ignores the context; the client must not
			last = err
		}
		if !errors.Is(last, context.Canceled) || len(f.lists) != 2 {
			t.Fatalf("err %v after %d calls", last, len(f.lists))
		}
	})
	t.Run("invalid topic", func(t *testing.T) {
		f := &subsAPI{}
		_, err := newTestClient(t, f).ListSubscriptionsByTopic(ctx, region.EUWest1, model.Topic{ARN: subARN})
		wantValidation(t, err, "ListSubscriptionsByTopic", "Topic.ARN")
		if f.calls() != 0 {
			t.Fatal("an invalid topic reached the API")
		}
	})
}

func TestGetSubscriptionAttributes(t *testing.T) {
	raw := map[string]string{
		"SubscriptionArn":              subARN,
		"TopicArn":                     topicARN,
		"Protocol":                     "sqs",
		"Endpoint":                     queueARN,
		"Owner":                        "123456789012",
		"PendingConfirmation":          "false",
		"ConfirmationWasAuthenticated": "true",
		"RawMessageDelivery":           "true",
		"FilterPolicy":                 `{"price":[{"numeric":[">=",100]}]}`,
		"RedrivePolicy":                `{"deadLetterTargetArn":"` + dlqARN + `"}`,
	}
	f := &subsAPI{get: func(*sns.GetSubscriptionAttributesInput) (*sns.GetSubscriptionAttributesOutput, error) {
		return &sns.GetSubscriptionAttributesOutput{Attributes: raw}, nil
	}}
	c := newTestClient(t, f)
	d, err := c.GetSubscriptionAttributes(context.Background(), region.EUWest1, subARN)
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(f.gets[0].SubscriptionArn) != subARN {
		t.Errorf("asked for %q", aws.ToString(f.gets[0].SubscriptionArn))
	}
	want := model.Subscription{ARN: subARN, TopicARN: topicARN, Protocol: model.ProtocolSQS, Endpoint: queueARN, Owner: "123456789012"}
	if d.Subscription != want || !d.RawMessageDelivery || !d.ConfirmationWasAuthenticated || d.DeadLetterQueueARN != dlqARN {
		t.Errorf("details %+v", d)
	}
	if js, err := d.FilterPolicy.JSON(); err != nil || js != raw["FilterPolicy"] || d.FilterPolicy.Scope() != model.FilterScopeMessageAttributes {
		t.Errorf("filter policy %s %v", js, err)
	}

	// A peer that leaves out the ARNs still answered for this subscription.
	f.get = func(*sns.GetSubscriptionAttributesInput) (*sns.GetSubscriptionAttributesOutput, error) {
		return &sns.GetSubscriptionAttributesOutput{Attributes: map[string]string{"PendingConfirmation": "true"}}, nil
	}
	d, err = c.GetSubscriptionAttributes(context.Background(), region.EUWest1, subARN)
	if err != nil || d.Subscription.ARN != subARN || d.Subscription.TopicARN != topicARN || !d.Subscription.Pending {
		t.Errorf("%+v, %v", d, err)
	}

	n := f.calls()
	_, err = c.GetSubscriptionAttributes(context.Background(), region.EUWest1, "PendingConfirmation")
	wantValidation(t, err, "GetSubscriptionAttributes", "SubscriptionARN")
	if f.calls() != n {
		t.Fatal("an invalid ARN reached the API")
	}
	f.get = func(*sns.GetSubscriptionAttributesInput) (*sns.GetSubscriptionAttributesOutput, error) {
		return nil, &types.NotFoundException{Message: aws.String("Subscription does not exist")}
	}
	_, err = c.GetSubscriptionAttributes(context.Background(), region.EUWest1, subARN)
	var nf *types.NotFoundException
	if !errors.As(err, &nf) || ErrorCode(err) != "NotFound" {
		t.Fatalf("err %v", err)
	}
}

func TestSetSubscriptionAttributesSendsEachWriteInOrder(t *testing.T) {
	f := &subsAPI{}
	c := newTestClient(t, f)
	policy := model.NewFilterPolicy(model.FilterScopeMessageBody).Where("kind", model.StringEquals("order_placed"))
	err := c.SetSubscriptionAttributes(context.Background(), region.EUWest1, subARN,
		model.SetRawMessageDelivery(true), model.SetFilterPolicy(policy), model.SetRedrivePolicy(dlqARN))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, in := range f.sets {
		if aws.ToString(in.SubscriptionArn) != subARN {
			t.Errorf("SubscriptionArn %q", aws.ToString(in.SubscriptionArn))
		}
		got = append(got, aws.ToString(in.AttributeName)+"="+aws.ToString(in.AttributeValue))
	}
	want := []string{
		"RawMessageDelivery=true",
		"FilterPolicyScope=MessageBody",
		`FilterPolicy={"kind":["order_placed"]}`,
		`RedrivePolicy={"deadLetterTargetArn":"` + dlqARN + `"}`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("sent %q\nwant %q", got, want)
	}
}

func TestSetSubscriptionAttributesValidatesEverythingFirst(t *testing.T) {
	f := &subsAPI{}
	c := newTestClient(t, f)
	err := c.SetSubscriptionAttributes(context.Background(), region.EUWest1, subARN,
		model.SetRawMessageDelivery(true), model.SetRedrivePolicy("arn:aws:sqs:eu-west-1:123456789012:dlq.fifo"))
	wantValidation(t, err, "SetSubscriptionAttributes", "SubscriptionOptions.DeadLetterQueueARN")
	err = c.SetSubscriptionAttributes(context.Background(), region.EUWest1, "Deleted", model.SetRawMessageDelivery(true))
	wantValidation(t, err, "SetSubscriptionAttributes", "SubscriptionARN")
	if f.calls() != 0 {
		t.Fatalf("%d calls for invalid changes", f.calls())
	}

	// A failure names the attribute; the writes before it were made.
	f.set = func(in *sns.SetSubscriptionAttributesInput) error {
		if aws.ToString(in.AttributeName) == "FilterPolicy" {
			return &types.InvalidParameterException{Message: aws.String("Invalid parameter: FilterPolicy")}
		}
		return nil
	}
	err = c.SetSubscriptionAttributes(context.Background(), region.EUWest1, subARN,
		model.SetRawMessageDelivery(false), model.ClearFilterPolicy(), model.SetRawMessageDelivery(true))
	var ip *types.InvalidParameterException
	var e *Error
	if !errors.As(err, &ip) || !errors.As(err, &e) || e.Topic != topicARN || !strings.Contains(err.Error(), "setting FilterPolicy") {
		t.Fatalf("err %v", err)
	}
	if len(f.sets) != 2 || aws.ToString(f.sets[1].AttributeValue) != "{}" {
		t.Fatalf("%d writes; want 2, the second clearing the policy", len(f.sets))
	}
}
