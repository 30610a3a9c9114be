package conformance

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
)

// ListSubscriptions lists every subscription of the region, of every
// topic, in pages of up to 100 ("Each call returns a limited list of
// subscriptions, up to 100", ListSubscriptions API reference).
func testListSubscriptions(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(subsRegion)
	want := map[string]bool{}
	for i := range 2 {
		arn := createTopic(t, h, subsRegion, uniqueName("allsubs"), nil)
		for j := range 55 {
			endpoint := fmt.Sprintf("arn:aws:sqs:%s:%s:%s-%d-%02d", subsRegion, h.AccountID(), uniqueName("q"), i, j)
			out, err := api.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(arn), Protocol: aws.String("sqs"), Endpoint: aws.String(endpoint)})
			must(t, err, "Subscribe")
			want[aws.ToString(out.SubscriptionArn)] = true
		}
	}
	elsewhere := createTopic(t, h, otherRegion, uniqueName("allsubs-other"), nil)
	out, err := h.API(otherRegion).Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(elsewhere), Protocol: aws.String("sqs"),
		Endpoint: aws.String(fmt.Sprintf("arn:aws:sqs:%s:%s:%s", otherRegion, h.AccountID(), uniqueName("q")))})
	must(t, err, "Subscribe in another region")
	otherSub := aws.ToString(out.SubscriptionArn)

	var listed []types.Subscription
	in := &sns.ListSubscriptionsInput{}
	pages := 0
	for {
		out, err := api.ListSubscriptions(ctx, in)
		must(t, err, "ListSubscriptions")
		pages++
		if len(out.Subscriptions) > 100 {
			t.Errorf("page %d has %d subscriptions; SNS pages hold at most 100", pages, len(out.Subscriptions))
		}
		listed = append(listed, out.Subscriptions...)
		if aws.ToString(out.NextToken) == "" {
			break
		}
		if pages > 1000 {
			t.Fatal("ListSubscriptions keeps returning a NextToken")
		}
		in.NextToken = out.NextToken
	}
	prefix := topicARNOf(h, subsRegion, "")
	seen := map[string]bool{}
	for _, s := range listed {
		arn := aws.ToString(s.SubscriptionArn)
		if arn == otherSub && !h.Quirks().ListSubscriptionsAllRegions {
			t.Errorf("a subscription of %s is listed in %s", otherRegion, subsRegion)
		}
		if !strings.HasPrefix(aws.ToString(s.TopicArn), prefix) {
			if !h.Quirks().ListSubscriptionsAllRegions {
				t.Errorf("subscription of topic %s listed in %s", aws.ToString(s.TopicArn), subsRegion)
			}
			continue
		}
		if seen[arn] {
			t.Errorf("%s listed twice", arn)
		}
		seen[arn] = true
		if !want[arn] {
			t.Errorf("%s listed in %s, which has only the test's subscriptions", arn, subsRegion)
		}
		if aws.ToString(s.Protocol) != "sqs" || aws.ToString(s.Owner) != h.AccountID() {
			t.Errorf("listed %+v", s)
		}
	}
	for a := range want {
		if !seen[a] {
			t.Errorf("%s not listed", a)
		}
	}
}

// A FIFO topic keeps an archive for 1 to 365 days ("Messages can be
// archived for a minimum of one day to a maximum of 365 days"), reports
// where replays can start from (BeginningArchiveTime), and turns it off
// with {}; a standard topic has none ("only available for
// application-to-application (A2A) FIFO topics"), and a subscription of a
// FIFO topic takes a ReplayPolicy.
func testArchiveAndReplay(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(mainRegion)
	fifo := createFIFOTopic(t, h, false)
	set := func(topic, doc string) error {
		_, err := api.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(topic), AttributeName: aws.String("ArchivePolicy"), AttributeValue: aws.String(doc)})
		return err
	}
	err := set(fifo, `{"MessageRetentionPeriod":"30"}`)
	if h.Quirks().NoArchiveReplay {
		wantErr[*types.InvalidParameterException](t, err, "quirk NoArchiveReplay: SetTopicAttributes ArchivePolicy")
		return
	}
	must(t, err, "SetTopicAttributes ArchivePolicy 30 days")
	attrs, err := api.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(fifo)})
	must(t, err, "GetTopicAttributes")
	if !strings.Contains(attrs.Attributes["ArchivePolicy"], `"30"`) || attrs.Attributes["BeginningArchiveTime"] == "" {
		t.Errorf("archive attributes %q, %q", attrs.Attributes["ArchivePolicy"], attrs.Attributes["BeginningArchiveTime"])
	}
	wantErr[*types.InvalidParameterException](t, set(fifo, `{"MessageRetentionPeriod":"366"}`), "ArchivePolicy of 366 days")
	std := createTopic(t, h, mainRegion, uniqueName("noarchive"), nil)
	wantErr[*types.InvalidParameterException](t, set(std, `{"MessageRetentionPeriod":"30"}`), "ArchivePolicy on a standard topic")

	q := h.NewQueue(t, mainRegion, true)
	sub, err := api.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(fifo), Protocol: aws.String("sqs"), Endpoint: aws.String(q.ARN())})
	must(t, err, "Subscribe")
	_, err = api.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: sub.SubscriptionArn,
		AttributeName: aws.String("ReplayPolicy"), AttributeValue: aws.String(`{"PointType":"Timestamp","StartingPoint":"` + attrs.Attributes["BeginningArchiveTime"] + `"}`)})
	must(t, err, "SetSubscriptionAttributes ReplayPolicy")
	sa, err := api.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: sub.SubscriptionArn})
	must(t, err, "GetSubscriptionAttributes")
	if !strings.Contains(sa.Attributes["ReplayPolicy"], "Timestamp") || sa.Attributes["ReplayStatus"] == "" {
		t.Errorf("replay attributes %q, %q", sa.Attributes["ReplayPolicy"], sa.Attributes["ReplayStatus"])
	}

	must(t, set(fifo, `{}`), "SetTopicAttributes ArchivePolicy {}")
	attrs, err = api.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(fifo)})
	must(t, err, "GetTopicAttributes")
	if _, ok := attrs.Attributes["BeginningArchiveTime"]; ok {
		t.Errorf("BeginningArchiveTime after the archive was turned off: %v", attrs.Attributes)
	}
}
