package snstest_test

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/snsconnector/snstest"
)

func TestConfirmationRequestCarriesTheToken(t *testing.T) {
	c := &clock{now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	fake := snstest.New(snstest.WithClock(c.Now))
	arn := mustCreate(t, fake, "t", nil)
	sub := subscribe(t, fake, arn, "https", "https://hooks.example.com/sns", nil)

	ds := fake.Deliveries(sub)
	if len(ds) != 1 || ds[0].Type != snstest.TypeSubscriptionConfirmation {
		t.Fatalf("deliveries %+v; want one SubscriptionConfirmation", ds)
	}
	var e snstest.Envelope
	if err := json.Unmarshal([]byte(ds[0].Body), &e); err != nil {
		t.Fatal(err)
	}
	token, ok := fake.ConfirmationToken(sub)
	if !ok || e.Token != token || ds[0].Token != token || e.Type != "SubscriptionConfirmation" || e.TopicARN != arn {
		t.Errorf("confirmation %+v; token %q", e, token)
	}
	u, err := url.Parse(e.SubscribeURL)
	if err != nil || u.Query().Get("Action") != "ConfirmSubscription" || u.Query().Get("TopicArn") != arn || u.Query().Get("Token") != token {
		t.Errorf("SubscribeURL %q does not confirm this subscription", e.SubscribeURL)
	}

	// A pending subscription receives nothing.
	if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("early")}); err != nil {
		t.Fatal(err)
	}
	if n := len(fake.Deliveries(sub)); n != 1 {
		t.Errorf("%d deliveries to a pending subscription; want only the confirmation request", n)
	}

	c.Advance(48*time.Hour - time.Second)
	out, err := fake.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: aws.String(arn), Token: aws.String(token)})
	if err != nil || aws.ToString(out.SubscriptionArn) != sub {
		t.Fatalf("ConfirmSubscription = %v, %v", out, err)
	}
	if _, ok := fake.ConfirmationToken(sub); ok {
		t.Error("a confirmed subscription still reports a token")
	}
	if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("later")}); err != nil {
		t.Fatal(err)
	}
	if ds := fake.Deliveries(sub); len(ds) != 2 || ds[1].Message != "later" {
		t.Errorf("deliveries after confirming %+v", ds)
	}
}

func TestConfirmationTokensExpireAfterTwoDays(t *testing.T) {
	c := &clock{now: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
	fake := snstest.New(snstest.WithClock(c.Now))
	arn := mustCreate(t, fake, "t", nil)
	other := mustCreate(t, fake, "other", nil)
	sub := subscribe(t, fake, arn, "email", "ops@example.com", nil)
	token, _ := fake.ConfirmationToken(sub)
	if d := fake.Deliveries(sub)[0]; !strings.Contains(d.Body, token) || strings.HasPrefix(d.Body, "{") {
		t.Errorf("an email confirmation is text with the link; got %q", d.Body)
	}
	_, err := fake.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: aws.String(other), Token: aws.String(token)})
	wantErr[*types.InvalidParameterException](t, err, "the token with another topic")
	c.Advance(48 * time.Hour)
	_, err = fake.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: aws.String(arn), Token: aws.String(token)})
	wantErr[*types.InvalidParameterException](t, err, "a token two days old")
}

func TestWhoNeedsToConfirm(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t", nil)
	cases := []struct {
		protocol, endpoint string
		attrs              map[string]string
		pending            bool
	}{
		{"sqs", "arn:aws:sqs:us-east-1:123456789012:q", nil, false},
		{"sqs", "arn:aws:sqs:us-east-1:999999999999:q", nil, true}, // another account
		{"lambda", "arn:aws:lambda:us-east-1:123456789012:function:f", nil, false},
		{"firehose", "arn:aws:firehose:us-east-1:123456789012:deliverystream/s", map[string]string{"SubscriptionRoleArn": "arn:aws:iam::123456789012:role/r"}, false},
		{"application", "arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/1", nil, false},
		{"sms", "+15555550100", nil, false},
		{"http", "http://example.com/", nil, true},
		{"https", "https://example.com/", nil, true},
		{"email", "a@example.com", nil, true},
		{"email-json", "b@example.com", nil, true},
	}
	for _, c := range cases {
		out, err := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(arn), Protocol: aws.String(c.protocol), Endpoint: aws.String(c.endpoint), Attributes: c.attrs})
		if err != nil {
			t.Errorf("%s %s: %v", c.protocol, c.endpoint, err)
			continue
		}
		if got := aws.ToString(out.SubscriptionArn) == "pending confirmation"; got != c.pending {
			t.Errorf("%s %s: pending %v; want %v", c.protocol, c.endpoint, got, c.pending)
		}
	}
	attrs, _ := fake.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
	if attrs.Attributes["SubscriptionsConfirmed"] != "5" || attrs.Attributes["SubscriptionsPending"] != "5" {
		t.Errorf("confirmed %s, pending %s; want 5 and 5", attrs.Attributes["SubscriptionsConfirmed"], attrs.Attributes["SubscriptionsPending"])
	}
}

func TestSubscribeRules(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t", nil)
	fifo := mustCreate(t, fake, "f.fifo", map[string]string{"FifoTopic": "true"})
	bad := []struct {
		topic, protocol, endpoint string
		attrs                     map[string]string
	}{
		{arn, "http", "https://example.com", nil},
		{arn, "https", "ftp://example.com", nil},
		{arn, "email", "not-an-address", nil},
		{arn, "sms", "555-0100", nil},
		{arn, "sqs", "https://sqs.us-east-1.amazonaws.com/123456789012/q", nil}, // a URL, not the ARN
		{arn, "lambda", "arn:aws:sqs:us-east-1:123456789012:q", nil},
		{arn, "sqs", "arn:aws:sqs:us-east-1:123456789012:q.fifo", nil}, // FIFO queue, standard topic
		{fifo, "https", "https://example.com", nil},                    // FIFO topics deliver to SQS only
		{arn, "sqs", "", nil},
		{arn, "firehose", "arn:aws:firehose:us-east-1:123456789012:deliverystream/s", nil}, // no role
		{arn, "lambda", "arn:aws:lambda:us-east-1:123456789012:function:f", map[string]string{"RawMessageDelivery": "true"}},
		{arn, "sqs", queueARN, map[string]string{"RawMessageDelivery": "yes"}},
		{arn, "sqs", queueARN, map[string]string{"FilterPolicyScope": "Everything"}},
		{arn, "sqs", queueARN, map[string]string{"FilterPolicy": `{"a": "not an array"}`}},
		{arn, "sqs", queueARN, map[string]string{"RedrivePolicy": `{"deadLetterTargetArn": "nope"}`}},
		{arn, "https", "https://example.com/", map[string]string{"DeliveryPolicy": "[]"}},
		{arn, "sqs", queueARN, map[string]string{"DeliveryPolicy": `{"healthyRetryPolicy": {"numRetries": 3}}`}},                             // HTTP/S only
		{arn, "sqs", queueARN, map[string]string{"RedrivePolicy": `{"deadLetterTargetArn": "arn:aws:sqs:eu-west-1:123456789012:dlq"}`}},      // another region
		{arn, "sqs", queueARN, map[string]string{"RedrivePolicy": `{"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq.fifo"}`}}, // a FIFO queue for a standard topic
		{arn, "sqs", queueARN, map[string]string{"ReplayPolicy": "{}"}},                                                                      // FIFO topics only
	}
	for _, b := range bad {
		_, err := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(b.topic), Protocol: aws.String(b.protocol), Endpoint: aws.String(b.endpoint), Attributes: b.attrs})
		wantErr[*types.InvalidParameterException](t, err, b.protocol+" "+b.endpoint+" "+strings.Join(keys(b.attrs), ","))
	}
	good := map[string]string{
		"RawMessageDelivery": "TRUE", "FilterPolicyScope": "MessageBody", "FilterPolicy": `{"a": {"b": ["c"]}}`,
		"RedrivePolicy": `{"deadLetterTargetArn": "arn:aws:sqs:us-east-1:123456789012:dlq"}`,
	}
	sub := subscribe(t, fake, arn, "sqs", queueARN, good)
	subscribe(t, fake, arn, "https", "https://example.com/hook", map[string]string{"DeliveryPolicy": `{"healthyRetryPolicy": {"numRetries": 3}}`})
	attrs, err := fake.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub)})
	if err != nil {
		t.Fatal(err)
	}
	if attrs.Attributes["RawMessageDelivery"] != "true" || attrs.Attributes["FilterPolicyScope"] != "MessageBody" || attrs.Attributes["FilterPolicy"] != good["FilterPolicy"] {
		t.Errorf("subscription attributes %v", attrs.Attributes)
	}
	// The body policy does not fit the attribute scope.
	_, err = fake.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub), AttributeName: aws.String("FilterPolicyScope"), AttributeValue: aws.String("MessageAttributes")})
	wantErr[*types.InvalidParameterException](t, err, "a scope the policy does not fit")
	_, err = fake.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub + "0"), AttributeName: aws.String("RawMessageDelivery"), AttributeValue: aws.String("true")})
	wantErr[*types.NotFoundException](t, err, "a missing subscription")

	// A policy set alone defaults to the attribute scope.
	sub2 := subscribe(t, fake, arn, "sqs", queueARN+"2", map[string]string{"FilterPolicy": `{"a": ["b"]}`})
	attrs, _ = fake.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub2)})
	if attrs.Attributes["FilterPolicyScope"] != "MessageAttributes" {
		t.Errorf("FilterPolicyScope %q; want the default MessageAttributes", attrs.Attributes["FilterPolicyScope"])
	}
}

func TestUnsubscribeRules(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t", nil)
	for _, bad := range []string{"nonsense", arn} {
		_, err := fake.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(bad)})
		wantErr[*types.InvalidParameterException](t, err, "Unsubscribe "+bad)
	}
	if _, err := fake.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(arn + ":00000000-0000-4000-8000-000000000000")}); err != nil {
		t.Errorf("Unsubscribe of an unknown subscription: %v; SNS succeeds", err)
	}
	// A pending subscription can be deleted by its ARN, and its token dies.
	sub := subscribe(t, fake, arn, "https", "https://example.com/", nil)
	token, _ := fake.ConfirmationToken(sub)
	if _, err := fake.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(sub)}); err != nil {
		t.Fatal(err)
	}
	_, err := fake.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: aws.String(arn), Token: aws.String(token)})
	wantErr[*types.InvalidParameterException](t, err, "the token of a deleted subscription")
}

func TestFilterPolicyOnTheDelivery(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t", nil)
	attrSub := subscribe(t, fake, arn, "sqs", queueARN, map[string]string{"FilterPolicy": `{"kind": ["order"], "total": [{"numeric": [">", 100]}]}`})
	bodySub := subscribe(t, fake, arn, "sqs", queueARN+"2", map[string]string{"FilterPolicyScope": "MessageBody", "FilterPolicy": `{"kind": ["order"]}`})
	num := func(v string) types.MessageAttributeValue {
		return types.MessageAttributeValue{DataType: aws.String("Number"), StringValue: aws.String(v)}
	}
	str := func(v string) types.MessageAttributeValue {
		return types.MessageAttributeValue{DataType: aws.String("String"), StringValue: aws.String(v)}
	}
	for _, m := range []struct {
		body  string
		attrs map[string]types.MessageAttributeValue
	}{
		{`{"kind": "order"}`, map[string]types.MessageAttributeValue{"kind": str("order"), "total": num("150")}},
		{`{"kind": "refund"}`, map[string]types.MessageAttributeValue{"kind": str("order"), "total": num("50")}},
		{`{"kind": "order"}`, nil},
	} {
		if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String(m.body), MessageAttributes: m.attrs}); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(fake.Deliveries(attrSub)); n != 1 {
		t.Errorf("attribute policy passed %d messages; want 1", n)
	}
	if n := len(fake.Deliveries(bodySub)); n != 2 {
		t.Errorf("body policy passed %d messages; want 2", n)
	}
	if n := len(fake.Published(arn)); n != 3 {
		t.Errorf("Published has %d messages; want all 3, filtered or not", n)
	}
}
