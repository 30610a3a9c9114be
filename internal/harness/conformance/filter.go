package conformance

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
)

// filterCase is a subscription's filter policy and the messages of a shared
// stream that it must receive.
type filterCase struct {
	name   string
	policy string
	want   []string // bodies, sorted
	// quirk, when the peer declares it, replaces want.
	quirk     func(Quirks) bool
	quirkWant []string
}

func testFilterPolicyAttributes(t *testing.T, h Harness) {
	type attrs = map[string]types.MessageAttributeValue
	messages := []struct {
		body  string
		attrs attrs
	}{
		{"m1-match", attrs{"store": stringAttr("String", "example_corp"), "price_usd": stringAttr("Number", "210.75"), "event": stringAttr("String", "order_placed")}},
		{"m2-other-store", attrs{"store": stringAttr("String", "other_corp"), "price_usd": stringAttr("Number", "210.75"), "event": stringAttr("String", "order_placed")}},
		{"m3-cheap", attrs{"store": stringAttr("String", "example_corp"), "price_usd": stringAttr("Number", "99.99"), "event": stringAttr("String", "order_placed")}},
		{"m4-cancelled", attrs{"store": stringAttr("String", "example_corp"), "price_usd": stringAttr("Number", "500"), "event": stringAttr("String", "order_cancelled")}},
		{"m5-no-attributes", nil},
		{"m6-boundary", attrs{"store": stringAttr("String", "example_corp"), "price_usd": stringAttr("Number", "100"), "event": stringAttr("String", "order_shipped"), "tracking": stringAttr("String", "t-1")}},
		{"m7-interests", attrs{"interests": stringAttr("String.Array", `["soccer","rugby"]`), "event": stringAttr("String", "signup")}},
	}
	cases := []filterCase{
		{
			name:   "exact, numeric and anything-but",
			policy: `{"store": ["example_corp"], "price_usd": [{"numeric": [">=", 100]}], "event": [{"anything-but": "order_cancelled"}]}`,
			want:   []string{"m1-match", "m6-boundary"},
		},
		{
			name:   "prefix and exists false",
			policy: `{"event": [{"prefix": "order_"}], "tracking": [{"exists": false}]}`,
			want:   []string{"m1-match", "m2-other-store", "m3-cheap", "m4-cancelled"},
		},
		{
			name:   "numeric range or the other store",
			policy: `{"$or": [{"price_usd": [{"numeric": [">", 0, "<", 100]}]}, {"store": ["other_corp"]}]}`,
			want:   []string{"m2-other-store", "m3-cheap"},
		},
		{
			name:      "an element of a String.Array",
			policy:    `{"interests": ["rugby", "tennis"]}`,
			want:      []string{"m7-interests"},
			quirk:     func(q Quirks) bool { return q.NoArrayFilter },
			quirkWant: nil,
		},
	}
	publishTo := func(topicARN string) {
		for _, m := range messages {
			publish(t, h, &sns.PublishInput{TopicArn: aws.String(topicARN), Message: aws.String(m.body), MessageAttributes: m.attrs})
		}
	}
	runFilterCases(t, h, cases, "", publishTo)
}

func testFilterPolicyBody(t *testing.T, h Harness) {
	messages := []string{
		`{"order": {"status": "shipped", "total": 20}, "id": "b1"}`,
		`{"order": {"status": "paid", "total": 20}, "id": "b2"}`,
		`{"order": {"status": "shipped", "total": 5}, "id": "b3"}`,
		`not json, id b4`,
		`{"tags": ["gift", "express"], "id": "b5"}`,
	}
	cases := []filterCase{
		{
			name:   "nested keys, numeric",
			policy: `{"order": {"status": ["shipped"], "total": [{"numeric": [">", 10]}]}}`,
			want:   []string{messages[0]},
		},
		{
			name:   "anything-but on a nested key",
			policy: `{"order": {"status": [{"anything-but": ["shipped"]}]}}`,
			want:   []string{messages[1]},
		},
		{
			name:      "an element of an array",
			policy:    `{"tags": ["express"]}`,
			want:      []string{messages[4]},
			quirk:     func(q Quirks) bool { return q.NoArrayFilter },
			quirkWant: nil,
		},
	}
	publishTo := func(topicARN string) {
		for _, m := range messages {
			publish(t, h, &sns.PublishInput{TopicArn: aws.String(topicARN), Message: aws.String(m)})
		}
	}
	runFilterCases(t, h, cases, "MessageBody", publishTo)

	// A policy for the body cannot be set on an attributes-scoped
	// subscription: attribute policies do not nest.
	arn := createTopic(t, h, mainRegion, uniqueName("nested"), nil)
	q := h.NewQueue(t, mainRegion, false)
	_, err := h.API(mainRegion).Subscribe(context.Background(), &sns.SubscribeInput{TopicArn: aws.String(arn), Protocol: aws.String("sqs"),
		Endpoint: aws.String(q.ARN()), Attributes: map[string]string{"FilterPolicy": cases[0].policy}})
	if h.Quirks().LaxFilterPolicyValidation {
		must(t, err, "a nested policy for message attributes (quirk: accepted)")
		return
	}
	wantErr[*types.InvalidParameterException](t, err, "a nested policy for message attributes")
}

// runFilterCases subscribes one queue per case to a new topic, publishes
// the stream once, and checks each queue got exactly its messages. Then it
// changes the first case's policy to pass everything and publishes again.
func runFilterCases(t *testing.T, h Harness, cases []filterCase, scope string, publishTo func(topicARN string)) {
	t.Helper()
	arn := createTopic(t, h, mainRegion, uniqueName("filter"), nil)
	queues := make([]Queue, len(cases))
	subs := make([]string, len(cases))
	for i, c := range cases {
		attrs := map[string]string{"FilterPolicy": c.policy}
		if scope != "" {
			attrs["FilterPolicyScope"] = scope
		}
		queues[i], subs[i] = subscribeQueue(t, h, arn, withRaw(attrs))
	}
	publishTo(arn)
	for i, c := range cases {
		want := c.want
		if c.quirk != nil && c.quirk(h.Quirks()) {
			want = c.quirkWant
		}
		got := receive(t, queues[i], len(want))
		if g, w := strings.Join(sortedBodies(got), " | "), strings.Join(want, " | "); g != w {
			t.Errorf("%s: received %s; want %s", c.name, g, w)
		}
		quiet(t, queues[i])
	}

	// Removing the policy lets every message through.
	_, err := h.API(mainRegion).SetSubscriptionAttributes(context.Background(), &sns.SetSubscriptionAttributesInput{
		SubscriptionArn: aws.String(subs[0]), AttributeName: aws.String("FilterPolicy"), AttributeValue: aws.String("{}")})
	must(t, err, "SetSubscriptionAttributes FilterPolicy {}")
	if !h.Quirks().LaxFilterPolicyValidation {
		_, err = h.API(mainRegion).SetSubscriptionAttributes(context.Background(), &sns.SetSubscriptionAttributesInput{
			SubscriptionArn: aws.String(subs[0]), AttributeName: aws.String("FilterPolicy"), AttributeValue: aws.String(`{"store": []}`)})
		wantErr[*types.InvalidParameterException](t, err, "a policy with an empty array")
	}
	publish(t, h, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String(`{"unfiltered": true}`)})
	if got := receive(t, queues[0], 1); got[0].Body != `{"unfiltered": true}` {
		t.Errorf("after removing the policy received %q", got[0].Body)
	}
}
