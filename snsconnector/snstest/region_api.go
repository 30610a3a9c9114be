package snstest

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/region"
)

// regionAPI is the fake seen through a client bound to one region: the
// region goes first in the options, so a call's own options still win, as
// with an *sns.Client made for that region.
type regionAPI struct {
	s      *Server
	region region.Region
}

func (a regionAPI) opts(optFns []func(*sns.Options)) []func(*sns.Options) {
	r := string(a.region)
	return append([]func(*sns.Options){func(o *sns.Options) { o.Region = r }}, optFns...)
}

func (a regionAPI) ListTopics(ctx context.Context, in *sns.ListTopicsInput, optFns ...func(*sns.Options)) (*sns.ListTopicsOutput, error) {
	return a.s.ListTopics(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) Publish(ctx context.Context, in *sns.PublishInput, optFns ...func(*sns.Options)) (*sns.PublishOutput, error) {
	return a.s.Publish(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) PublishBatch(ctx context.Context, in *sns.PublishBatchInput, optFns ...func(*sns.Options)) (*sns.PublishBatchOutput, error) {
	return a.s.PublishBatch(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) CreateTopic(ctx context.Context, in *sns.CreateTopicInput, optFns ...func(*sns.Options)) (*sns.CreateTopicOutput, error) {
	return a.s.CreateTopic(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) DeleteTopic(ctx context.Context, in *sns.DeleteTopicInput, optFns ...func(*sns.Options)) (*sns.DeleteTopicOutput, error) {
	return a.s.DeleteTopic(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) GetTopicAttributes(ctx context.Context, in *sns.GetTopicAttributesInput, optFns ...func(*sns.Options)) (*sns.GetTopicAttributesOutput, error) {
	return a.s.GetTopicAttributes(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) SetTopicAttributes(ctx context.Context, in *sns.SetTopicAttributesInput, optFns ...func(*sns.Options)) (*sns.SetTopicAttributesOutput, error) {
	return a.s.SetTopicAttributes(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) TagResource(ctx context.Context, in *sns.TagResourceInput, optFns ...func(*sns.Options)) (*sns.TagResourceOutput, error) {
	return a.s.TagResource(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) UntagResource(ctx context.Context, in *sns.UntagResourceInput, optFns ...func(*sns.Options)) (*sns.UntagResourceOutput, error) {
	return a.s.UntagResource(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) ListTagsForResource(ctx context.Context, in *sns.ListTagsForResourceInput, optFns ...func(*sns.Options)) (*sns.ListTagsForResourceOutput, error) {
	return a.s.ListTagsForResource(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) Subscribe(ctx context.Context, in *sns.SubscribeInput, optFns ...func(*sns.Options)) (*sns.SubscribeOutput, error) {
	return a.s.Subscribe(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) ConfirmSubscription(ctx context.Context, in *sns.ConfirmSubscriptionInput, optFns ...func(*sns.Options)) (*sns.ConfirmSubscriptionOutput, error) {
	return a.s.ConfirmSubscription(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) Unsubscribe(ctx context.Context, in *sns.UnsubscribeInput, optFns ...func(*sns.Options)) (*sns.UnsubscribeOutput, error) {
	return a.s.Unsubscribe(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) ListSubscriptionsByTopic(ctx context.Context, in *sns.ListSubscriptionsByTopicInput, optFns ...func(*sns.Options)) (*sns.ListSubscriptionsByTopicOutput, error) {
	return a.s.ListSubscriptionsByTopic(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) GetSubscriptionAttributes(ctx context.Context, in *sns.GetSubscriptionAttributesInput, optFns ...func(*sns.Options)) (*sns.GetSubscriptionAttributesOutput, error) {
	return a.s.GetSubscriptionAttributes(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) SetSubscriptionAttributes(ctx context.Context, in *sns.SetSubscriptionAttributesInput, optFns ...func(*sns.Options)) (*sns.SetSubscriptionAttributesOutput, error) {
	return a.s.SetSubscriptionAttributes(ctx, in, a.opts(optFns)...)
}
