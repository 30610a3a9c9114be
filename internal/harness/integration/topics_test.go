package integration

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

func TestIntegrationTopicLifecycle(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUCentral1
	c, _ := emulatorClient(t, srv)
	name := fauxqs.UniqueName("life") + ".fifo"
	req := model.CreateTopicRequest{
		Name:       name,
		Attributes: model.TopicAttributes{DisplayName: "Orders", ContentBasedDeduplication: true},
		Tags:       model.Tags{"team": "checkout"},
	}
	topic, err := c.CreateTopic(ctx, r, req)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.CreateTopic(ctx, r, req)
	if err != nil || again != topic {
		t.Fatalf("CreateTopic is not idempotent: %+v %v", again, err)
	}

	d, err := c.GetTopicAttributes(ctx, r, topic)
	if err != nil {
		t.Fatal(err)
	}
	if !d.Attributes.FIFO || !d.Attributes.ContentBasedDeduplication || d.Attributes.DisplayName != "Orders" || d.Topic != topic {
		t.Errorf("attributes read back %+v", d)
	}
	if err := c.SetTopicAttributes(ctx, r, topic, model.SetDisplayName("Orders v2"), model.SetContentBasedDeduplication(false)); err != nil {
		t.Fatal(err)
	}
	if d, _ = c.GetTopicAttributes(ctx, r, topic); d.Attributes.DisplayName != "Orders v2" || d.Attributes.ContentBasedDeduplication {
		t.Errorf("after set: %+v", d.Attributes)
	}

	if err := c.TagResource(ctx, r, topic, model.Tags{"env": "test", "team": "payments"}); err != nil {
		t.Fatal(err)
	}
	if err := c.UntagResource(ctx, r, topic, "env"); err != nil {
		t.Fatal(err)
	}
	tags, err := c.ListTagsForResource(ctx, r, topic)
	if err != nil || len(tags) != 1 || tags["team"] != "payments" {
		t.Errorf("tags %v, %v", tags, err)
	}

	// ResolveTopic finds it by name; the account comes from the emulator's STS.
	t.Setenv("AWS_ENDPOINT_URL_STS", srv.URL)
	rc, _ := emulatorClient(t, srv)
	resolved, err := rc.ResolveTopic(ctx, r, name)
	if err != nil || resolved != topic {
		t.Fatalf("ResolveTopic = %+v, %v; want %+v", resolved, err, topic)
	}

	// Delete, then prove the topic is gone by reading it back: a peer that
	// ignored DeleteTopic would also answer 200.
	if err := c.DeleteTopic(ctx, r, topic); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetTopicAttributes(ctx, r, topic)
	var nf *types.NotFoundException
	if !errors.As(err, &nf) {
		t.Fatalf("after delete: %v", err)
	}
	for tp, err := range c.ListTopicsIter(ctx, r) {
		if err != nil {
			t.Fatal(err)
		}
		if tp.ARN == topic.ARN {
			t.Fatal("deleted topic still listed")
		}
	}
	if _, err := rc.ResolveTopic(ctx, r, fauxqs.UniqueName("never")); !errors.As(err, &nf) {
		t.Fatalf("resolving a missing topic: %v", err)
	}
}

func TestIntegrationCreateTopicConflictingAttributes(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	c, _ := emulatorClient(t, srv)
	name := fauxqs.UniqueName("conflict")
	if _, err := c.CreateTopic(ctx, region.EUCentral1, model.CreateTopicRequest{Name: name, Attributes: model.TopicAttributes{DisplayName: "a"}}); err != nil {
		t.Fatal(err)
	}
	_, err := c.CreateTopic(ctx, region.EUCentral1, model.CreateTopicRequest{Name: name, Attributes: model.TopicAttributes{DisplayName: "b"}})
	var ip *types.InvalidParameterException
	if !errors.As(err, &ip) {
		t.Fatalf("re-creating with other attributes: %v", err)
	}
}
