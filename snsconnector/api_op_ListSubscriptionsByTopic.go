package snsconnector

import (
	"context"
	"iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// ListSubscriptionsByTopic returns every subscription of a topic, following
// SNS's pages of 100 to the end. Subscriptions awaiting confirmation come
// without an ARN (SNS lists "PendingConfirmation"), with Pending set. For
// topics with many subscriptions, [Client.ListSubscriptionsByTopicIter]
// yields them without holding all of them.
func (c *Client) ListSubscriptionsByTopic(ctx context.Context, r region.Region, topic model.Topic) (*model.ListSubscriptionsByTopicResponse, error) {
	resp := &model.ListSubscriptionsByTopicResponse{Subscriptions: []model.Subscription{}}
	for s, err := range c.ListSubscriptionsByTopicIter(ctx, r, topic) {
		if err != nil {
			return nil, err
		}
		resp.Subscriptions = append(resp.Subscriptions, s)
	}
	return resp, nil
}

// ListSubscriptionsByTopicIter yields a topic's subscriptions one at a
// time, fetching a page of up to 100 when the previous one is used up. On
// failure it yields a zero Subscription and the error, then stops.
// Breaking out of the loop stops fetching.
func (c *Client) ListSubscriptionsByTopicIter(ctx context.Context, r region.Region, topic model.Topic) iter.Seq2[model.Subscription, error] {
	const op = "ListSubscriptionsByTopic"
	return func(yield func(model.Subscription, error) bool) {
		ctx, cancel, api, err := c.topicCall(ctx, op, r, topic)
		defer cancel()
		if err != nil {
			yield(model.Subscription{}, err)
			return
		}
		in := &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topic.ARN)}
		for {
			start := time.Now()
			out, err := api.ListSubscriptionsByTopic(ctx, in)
			if err == nil {
				err = ctx.Err() // a fake may not honour cancellation; we do
			}
			if err = c.done(ctx, op, r, topic.ARN, start, err); err != nil {
				yield(model.Subscription{}, err)
				return
			}
			for _, s := range out.Subscriptions {
				if !yield(wire.Subscription(s), nil) {
					return
				}
			}
			next := aws.ToString(out.NextToken)
			if next == "" {
				return
			}
			if next == aws.ToString(in.NextToken) {
				// A peer that repeats its token would loop forever.
				yield(model.Subscription{}, &Error{Op: op, Region: r, Topic: topic.ARN, Err: errRepeatedToken})
				return
			}
			in.NextToken = aws.String(next)
		}
	}
}
