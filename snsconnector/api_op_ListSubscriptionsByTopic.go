package snsconnector

import (
	"context"
	"iter"

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
	subs, err := collect(c.ListSubscriptionsByTopicIter(ctx, r, topic))
	if err != nil {
		return nil, err
	}
	return &model.ListSubscriptionsByTopicResponse{Subscriptions: subs}, nil
}

// ListSubscriptionsByTopicIter yields a topic's subscriptions one at a
// time, fetching a page of up to 100 when the previous one is used up. On
// failure it yields a zero Subscription and the error, then stops.
// Breaking out of the loop stops fetching.
func (c *Client) ListSubscriptionsByTopicIter(ctx context.Context, r region.Region, topic model.Topic) iter.Seq2[model.Subscription, error] {
	const op = "ListSubscriptionsByTopic"
	return listing(ctx, c, op, r, topic.ARN,
		func(ctx context.Context) (context.Context, context.CancelFunc, API, error) {
			return c.topicCall(ctx, op, r, topic)
		},
		func(ctx context.Context, api API, token *string) ([]model.Subscription, *string, error) {
			out, err := api.ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: aws.String(topic.ARN), NextToken: token})
			if err != nil {
				return nil, nil, err
			}
			return wire.Subscriptions(out.Subscriptions), out.NextToken, nil
		})
}
