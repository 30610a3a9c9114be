package snsconnector_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

func TestListSubscriptionsCoversEveryTopicOfTheRegion(t *testing.T) {
	fake, c, _ := fakeClient(t)
	ctx := context.Background()
	r := region.EUWest1
	want := map[string]bool{}
	for i := range 3 {
		topic := must[model.Topic](t)(c.CreateTopic(ctx, r, model.CreateTopicRequest{Name: fmt.Sprintf("t%d", i)}))
		for j := range 40 {
			q := must[model.Endpoint](t)(model.SQSEndpoint(fmt.Sprintf("arn:aws:sqs:eu-west-1:123456789012:q-%d-%d", i, j)))
			sub := must[model.Subscription](t)(c.Subscribe(ctx, r, model.SubscribeRequest{Topic: topic, Endpoint: q}))
			want[sub.ARN] = true
		}
	}
	pending := must[model.Endpoint](t)(model.EmailEndpoint("ops@example.com"))
	must[model.Subscription](t)(c.Subscribe(ctx, r, model.SubscribeRequest{Topic: model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:t0"}, Endpoint: pending}))
	other := must[model.Topic](t)(c.CreateTopic(ctx, region.USEast1, model.CreateTopicRequest{Name: "elsewhere"}))
	q := must[model.Endpoint](t)(model.SQSEndpoint("arn:aws:sqs:us-east-1:123456789012:q"))
	must[model.Subscription](t)(c.Subscribe(ctx, region.USEast1, model.SubscribeRequest{Topic: other, Endpoint: q}))

	list := must[*model.ListSubscriptionsResponse](t)(c.ListSubscriptions(ctx, r))
	if got := fake.Calls("ListSubscriptions"); got != 2 {
		t.Errorf("%d calls for 121 subscriptions; want pages of 100", got)
	}
	seen, pendingSeen := 0, 0
	for _, s := range list.Subscriptions {
		switch {
		case s.Pending:
			pendingSeen++
			if s.ARN != "" || s.Endpoint != "ops@example.com" {
				t.Errorf("pending %+v", s)
			}
		case want[s.ARN]:
			seen++
		default:
			t.Errorf("unexpected subscription %s", s.ARN)
		}
	}
	if seen != len(want) || pendingSeen != 1 {
		t.Errorf("listed %d of %d confirmed and %d pending", seen, len(want), pendingSeen)
	}
	n := 0
	for _, err := range c.ListSubscriptionsIter(ctx, r) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 10 {
			break
		}
	}
	if got := fake.Calls("ListSubscriptions"); got != 3 {
		t.Errorf("breaking out after 10 made %d calls in all; want one more page", got)
	}
}

func TestPermissionsEditTheTopicPolicy(t *testing.T) {
	fake, c, _ := fakeClient(t)
	ctx := context.Background()
	r := region.EUWest1
	topic := must[model.Topic](t)(c.CreateTopic(ctx, r, model.CreateTopicRequest{Name: "shared"}))
	p := model.Permission{Label: "PartnerPublish", AccountIDs: []string{"111122223333"}, Actions: []string{"Publish", "Subscribe"}}
	if err := c.AddPermission(ctx, r, topic, p); err != nil {
		t.Fatal(err)
	}
	policy := must[*model.TopicDetails](t)(c.GetTopicAttributes(ctx, r, topic)).Attributes.Policy
	for _, s := range []string{`"Sid":"PartnerPublish"`, `arn:aws:iam::111122223333:root`, `"SNS:Publish"`, `"SNS:Subscribe"`, `__default_statement_ID`} {
		if !strings.Contains(policy, s) {
			t.Errorf("policy lacks %s: %s", s, policy)
		}
	}
	var invalid *types.InvalidParameterException
	if err := c.AddPermission(ctx, r, topic, p); !errors.As(err, &invalid) {
		t.Errorf("the same label twice: %v", err)
	}
	if err := c.RemovePermission(ctx, r, topic, "PartnerPublish"); err != nil {
		t.Fatal(err)
	}
	if policy := must[*model.TopicDetails](t)(c.GetTopicAttributes(ctx, r, topic)).Attributes.Policy; strings.Contains(policy, "PartnerPublish") || !strings.Contains(policy, "__default_statement_ID") {
		t.Errorf("after remove: %s", policy)
	}
	p.AccountIDs = []string{"1111"}
	wantValidation(t, c.AddPermission(ctx, r, topic, p), "AddPermission", r, "Permission.AccountIDs[0]", model.RuleFormat)
	wantValidation(t, c.RemovePermission(ctx, r, topic, ""), "RemovePermission", r, "Permission.Label", model.RuleRequired)
	if fake.Calls("AddPermission") != 2 || fake.Calls("RemovePermission") != 1 {
		t.Error("invalid input reached the fake")
	}
}

func TestDataProtectionPolicy(t *testing.T) {
	fake, c, _ := fakeClient(t)
	ctx := context.Background()
	r := region.EUWest1
	const doc = `{"Name":"block-ssn","Version":"2021-06-01","Statement":[]}`
	topic := must[model.Topic](t)(c.CreateTopic(ctx, r, model.CreateTopicRequest{Name: "guarded", DataProtectionPolicy: doc}))
	if got := must[string](t)(c.GetDataProtectionPolicy(ctx, r, topic)); got != doc {
		t.Errorf("policy from CreateTopic: %q", got)
	}
	plain := must[model.Topic](t)(c.CreateTopic(ctx, r, model.CreateTopicRequest{Name: "plain"}))
	if got := must[string](t)(c.GetDataProtectionPolicy(ctx, r, plain)); got != "" {
		t.Errorf("no policy: %q", got)
	}
	const doc2 = `{"Name":"audit","Version":"2021-06-01","Statement":[{"Sid":"a"}]}`
	if err := c.PutDataProtectionPolicy(ctx, r, plain, doc2); err != nil {
		t.Fatal(err)
	}
	if got := must[string](t)(c.GetDataProtectionPolicy(ctx, r, plain)); got != doc2 {
		t.Errorf("after put: %q", got)
	}
	wantValidation(t, c.PutDataProtectionPolicy(ctx, r, plain, "not json"), "PutDataProtectionPolicy", r, "DataProtectionPolicy", model.RuleFormat)
	if fake.Calls("PutDataProtectionPolicy") != 1 {
		t.Error("an invalid policy reached the fake")
	}
	var notFound *types.NotFoundException
	if _, err := c.GetDataProtectionPolicy(ctx, r, model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:gone"}); !errors.As(err, &notFound) {
		t.Errorf("missing topic: %v", err)
	}
}

func TestArchiveAndReplay(t *testing.T) {
	fake, c, _ := fakeClient(t)
	ctx := context.Background()
	r := region.EUWest1
	topic := must[model.Topic](t)(c.CreateTopic(ctx, r, model.CreateTopicRequest{
		Name:       "orders.fifo",
		Attributes: model.TopicAttributes{ArchivePolicy: model.ArchivePolicy{RetentionDays: 30}, ThroughputScope: model.ThroughputScopeMessageGroup},
	}))
	d := must[*model.TopicDetails](t)(c.GetTopicAttributes(ctx, r, topic))
	if d.Attributes.ArchivePolicy.RetentionDays != 30 || d.BeginningArchiveTime.IsZero() || d.Attributes.ThroughputScope != model.ThroughputScopeMessageGroup {
		t.Fatalf("archive %+v from %v", d.Attributes.ArchivePolicy, d.BeginningArchiveTime)
	}
	if err := c.SetTopicAttributes(ctx, r, topic, model.SetArchivePolicy(model.ArchivePolicy{RetentionDays: 365})); err != nil {
		t.Fatal(err)
	}
	if d := must[*model.TopicDetails](t)(c.GetTopicAttributes(ctx, r, topic)); d.Attributes.ArchivePolicy.RetentionDays != 365 {
		t.Errorf("after set: %+v", d.Attributes.ArchivePolicy)
	}

	q := must[model.Endpoint](t)(model.SQSEndpoint("arn:aws:sqs:eu-west-1:123456789012:q.fifo"))
	start := time.Now().Add(-time.Hour).UTC().Truncate(time.Millisecond)
	sub := must[model.Subscription](t)(c.Subscribe(ctx, r, model.SubscribeRequest{Topic: topic, Endpoint: q, Options: model.SubscriptionOptions{ReplayPolicy: model.ReplayPolicy{Start: start}}}))
	sd := must[*model.SubscriptionDetails](t)(c.GetSubscriptionAttributes(ctx, r, sub.ARN))
	if !sd.ReplayPolicy.Start.Equal(start) || sd.ReplayStatus != model.ReplayCompleted {
		t.Errorf("replay %+v %q", sd.ReplayPolicy, sd.ReplayStatus)
	}
	end := start.Add(30 * time.Minute)
	if err := c.SetSubscriptionAttributes(ctx, r, sub.ARN, model.SetReplayPolicy(model.ReplayPolicy{Start: start, End: end})); err != nil {
		t.Fatal(err)
	}
	if sd := must[*model.SubscriptionDetails](t)(c.GetSubscriptionAttributes(ctx, r, sub.ARN)); !sd.ReplayPolicy.End.Equal(end) {
		t.Errorf("after set: %+v", sd.ReplayPolicy)
	}

	if err := c.SetTopicAttributes(ctx, r, topic, model.ClearArchivePolicy()); err != nil {
		t.Fatal(err)
	}
	if d := must[*model.TopicDetails](t)(c.GetTopicAttributes(ctx, r, topic)); !d.Attributes.ArchivePolicy.IsZero() || !d.BeginningArchiveTime.IsZero() {
		t.Errorf("after clear: %+v from %v", d.Attributes.ArchivePolicy, d.BeginningArchiveTime)
	}

	std := must[model.Topic](t)(c.CreateTopic(ctx, r, model.CreateTopicRequest{Name: "std"}))
	calls := fake.Calls("SetTopicAttributes")
	err := c.SetTopicAttributes(ctx, r, std, model.SetArchivePolicy(model.ArchivePolicy{RetentionDays: 7}))
	wantValidation(t, err, "SetTopicAttributes", r, "TopicAttributes.ArchivePolicy", model.RuleForbidden)
	err = c.SetTopicAttributes(ctx, r, topic, model.SetArchivePolicy(model.ArchivePolicy{RetentionDays: 366}))
	wantValidation(t, err, "SetTopicAttributes", r, "TopicAttributes.ArchivePolicy.RetentionDays", model.RuleRange)
	if fake.Calls("SetTopicAttributes") != calls {
		t.Error("an invalid archive policy reached the fake")
	}
}
