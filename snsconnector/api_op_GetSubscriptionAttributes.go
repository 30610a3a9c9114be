package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// GetSubscriptionAttributes returns a subscription's settings, typed: raw
// delivery, the filter policy with its scope, the dead-letter queue,
// whether it awaits confirmation and whether the confirmation was
// authenticated, the delivery policies and the Firehose role. Raw keeps
// every attribute as returned.
func (c *Client) GetSubscriptionAttributes(ctx context.Context, r region.Region, subscriptionARN string) (*model.SubscriptionDetails, error) {
	const op = "GetSubscriptionAttributes"
	ctx, cancel, api, sub, err := c.subscriptionCall(ctx, op, r, subscriptionARN)
	defer cancel()
	if err != nil {
		return nil, err
	}
	topic := sub.Topic.String()
	start := time.Now()
	out, err := api.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(subscriptionARN)})
	if err = c.done(ctx, op, r, topic, start, err); err != nil {
		return nil, err
	}
	d := model.ParseSubscriptionDetails(out.Attributes)
	// A peer that omits them still answered for this subscription.
	if d.Subscription.ARN == "" {
		d.Subscription.ARN = subscriptionARN
	}
	if d.Subscription.TopicARN == "" {
		d.Subscription.TopicARN = topic
	}
	return &d, nil
}
