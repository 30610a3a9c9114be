package conformance

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
)

// uuidSuffix is the end of a subscription ARN: ":" and a UUID.
var uuidSuffix = regexp.MustCompile(`^:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func listSubscriptions(t *testing.T, h Harness, topicARN string) []types.Subscription {
	t.Helper()
	var all []types.Subscription
	in := &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topicARN)}
	for pages := 1; ; pages++ {
		out, err := h.API(mainRegion).ListSubscriptionsByTopic(context.Background(), in)
		must(t, err, "ListSubscriptionsByTopic")
		if len(out.Subscriptions) > 100 {
			t.Errorf("a page of %d subscriptions; SNS pages hold at most 100", len(out.Subscriptions))
		}
		all = append(all, out.Subscriptions...)
		if aws.ToString(out.NextToken) == "" || pages > 100 {
			return all
		}
		in.NextToken = out.NextToken
	}
}

func testSubscriptions(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(mainRegion)
	arn := createTopic(t, h, mainRegion, uniqueName("subs"), nil)
	q := h.NewQueue(t, mainRegion, false)
	subscribe := func(attrs map[string]string) (string, error) {
		out, err := api.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(arn), Protocol: aws.String("sqs"), Endpoint: aws.String(q.ARN()), Attributes: attrs})
		if err != nil {
			return "", err
		}
		return aws.ToString(out.SubscriptionArn), nil
	}
	subARN, err := subscribe(raw)
	must(t, err, "Subscribe")
	if rest, ok := strings.CutPrefix(subARN, arn); !ok || !uuidSuffix.MatchString(rest) {
		t.Errorf("subscription ARN %q; want the topic ARN, ':' and a UUID", subARN)
	}
	again, err := subscribe(raw)
	must(t, err, "Subscribe again")
	if again != subARN {
		t.Errorf("Subscribe again returned %q; want the same subscription %q", again, subARN)
	}
	_, err = subscribe(map[string]string{"RawMessageDelivery": "false"})
	wantErr[*types.InvalidParameterException](t, err, "Subscribe again with other attributes")

	attrs, err := api.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(subARN)})
	must(t, err, "GetSubscriptionAttributes")
	for k, want := range map[string]string{
		"SubscriptionArn": subARN, "TopicArn": arn, "Protocol": "sqs", "Endpoint": q.ARN(),
		"Owner": h.AccountID(), "PendingConfirmation": "false", "RawMessageDelivery": "true",
	} {
		if got := attrs.Attributes[k]; got != want {
			t.Errorf("subscription attribute %s = %q; want %q", k, got, want)
		}
	}
	_, err = api.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(subARN), AttributeName: aws.String("RawMessageDelivery"), AttributeValue: aws.String("false")})
	must(t, err, "SetSubscriptionAttributes RawMessageDelivery")
	attrs, err = api.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(subARN)})
	must(t, err, "GetSubscriptionAttributes")
	if attrs.Attributes["RawMessageDelivery"] != "false" {
		t.Errorf("RawMessageDelivery = %q after setting false", attrs.Attributes["RawMessageDelivery"])
	}
	_, err = api.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: aws.String(subARN), AttributeName: aws.String("NoSuchAttribute"), AttributeValue: aws.String("x")})
	wantErr[*types.InvalidParameterException](t, err, "SetSubscriptionAttributes of an unknown attribute")

	listed := listSubscriptions(t, h, arn)
	if len(listed) != 1 || aws.ToString(listed[0].SubscriptionArn) != subARN || aws.ToString(listed[0].Endpoint) != q.ARN() ||
		aws.ToString(listed[0].Protocol) != "sqs" || aws.ToString(listed[0].TopicArn) != arn || aws.ToString(listed[0].Owner) != h.AccountID() {
		t.Errorf("ListSubscriptionsByTopic = %+v; want the one subscription", listed)
	}

	_, err = api.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(subARN)})
	must(t, err, "Unsubscribe")
	if listed := listSubscriptions(t, h, arn); len(listed) != 0 {
		t.Errorf("after Unsubscribe the topic lists %+v", listed)
	}
	_, err = api.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(subARN)})
	wantErr[*types.NotFoundException](t, err, "GetSubscriptionAttributes after Unsubscribe")
	_, err = api.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(subARN)})
	must(t, err, "Unsubscribe again")
	publish(t, h, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("after unsubscribe")})
	quiet(t, q)

	missing := topicARNOf(h, mainRegion, uniqueName("missing"))
	_, err = api.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(missing), Protocol: aws.String("sqs"), Endpoint: aws.String(q.ARN())})
	wantErr[*types.NotFoundException](t, err, "Subscribe to a missing topic")
	_, err = api.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(arn), Protocol: aws.String("carrier-pigeon"), Endpoint: aws.String("coop")})
	wantErr[*types.InvalidParameterException](t, err, "Subscribe with an unknown protocol")
	out, err := api.ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(missing)})
	if h.Quirks().ListSubscriptionsMissingTopic {
		if err != nil || len(out.Subscriptions) != 0 {
			t.Errorf("quirk ListSubscriptionsMissingTopic: got %v, %v; drop the quirk", out, err)
		}
		return
	}
	wantErr[*types.NotFoundException](t, err, "ListSubscriptionsByTopic of a missing topic")
}

func testListSubscriptionsPages(t *testing.T, h Harness) {
	ctx := context.Background()
	arn := createTopic(t, h, mainRegion, uniqueName("subpages"), nil)
	const n = 105
	want := map[string]bool{}
	for i := range n {
		// Queues need not exist to be subscribed.
		endpoint := fmt.Sprintf("arn:aws:sqs:%s:%s:%s-%03d", mainRegion, h.AccountID(), uniqueName("q"), i)
		out, err := h.API(mainRegion).Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(arn), Protocol: aws.String("sqs"), Endpoint: aws.String(endpoint)})
		must(t, err, "Subscribe")
		want[aws.ToString(out.SubscriptionArn)] = true
	}
	first, err := h.API(mainRegion).ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(arn)})
	must(t, err, "ListSubscriptionsByTopic")
	if len(first.Subscriptions) != 100 || aws.ToString(first.NextToken) == "" {
		t.Errorf("first page: %d subscriptions, NextToken %q; want 100 and a token", len(first.Subscriptions), aws.ToString(first.NextToken))
	}
	all := listSubscriptions(t, h, arn)
	got := map[string]bool{}
	for _, s := range all {
		got[aws.ToString(s.SubscriptionArn)] = true
	}
	if len(all) != n || len(got) != n {
		t.Errorf("listed %d subscriptions (%d distinct); want %d", len(all), len(got), n)
	}
	for a := range want {
		if !got[a] {
			t.Errorf("%s not listed", a)
		}
	}
}

func testPendingConfirmation(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(mainRegion)
	arn := createTopic(t, h, mainRegion, uniqueName("pending"), nil)
	subscribe := func(endpoint string, returnARN bool) string {
		t.Helper()
		out, err := api.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(arn), Protocol: aws.String("https"),
			Endpoint: aws.String(endpoint), ReturnSubscriptionArn: returnARN})
		must(t, err, "Subscribe https")
		return aws.ToString(out.SubscriptionArn)
	}
	answer := subscribe("https://example.com/"+uniqueName("hook"), false)
	subARN := subscribe("https://example.com/"+uniqueName("hook"), true)
	if !strings.HasPrefix(subARN, arn+":") {
		t.Fatalf("with ReturnSubscriptionArn, Subscribe returned %q; want the subscription ARN", subARN)
	}
	quirk := h.Quirks().PendingSubscriptionARN
	if wantAnswer := "pending confirmation"; !quirk && answer != wantAnswer {
		t.Errorf("Subscribe of an https endpoint returned %q; want %q", answer, wantAnswer)
	} else if quirk && !strings.HasPrefix(answer, arn+":") {
		t.Errorf("quirk PendingSubscriptionARN: Subscribe returned %q; drop the quirk", answer)
	}

	attr := func(name string) string {
		t.Helper()
		out, err := api.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(subARN)})
		must(t, err, "GetSubscriptionAttributes")
		return out.Attributes[name]
	}
	if got := attr("PendingConfirmation"); got != "true" {
		t.Errorf("PendingConfirmation = %q before confirming; want true", got)
	}
	pendingListed := 0
	for _, s := range listSubscriptions(t, h, arn) {
		if aws.ToString(s.SubscriptionArn) == "PendingConfirmation" {
			pendingListed++
		}
	}
	if want := 2; quirk {
		if pendingListed != 0 {
			t.Errorf("quirk PendingSubscriptionARN: %d listed as PendingConfirmation; drop the quirk", pendingListed)
		}
	} else if pendingListed != want {
		t.Errorf("%d subscriptions listed as PendingConfirmation; want %d", pendingListed, want)
	}

	_, err := api.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: aws.String(arn), Token: aws.String("not-a-token")})
	wantErr[*types.InvalidParameterException](t, err, "ConfirmSubscription with a wrong token")
	token := h.ConfirmationToken(t, subARN)
	for range 2 { // confirming twice is harmless
		out, err := api.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: aws.String(arn), Token: aws.String(token)})
		must(t, err, "ConfirmSubscription")
		if got := aws.ToString(out.SubscriptionArn); got != subARN {
			t.Errorf("ConfirmSubscription returned %q; want %q", got, subARN)
		}
	}
	if got := attr("PendingConfirmation"); got != "false" {
		t.Errorf("PendingConfirmation = %q after confirming; want false", got)
	}
}
