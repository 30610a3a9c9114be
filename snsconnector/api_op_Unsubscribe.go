package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/region"
)

// Unsubscribe deletes a subscription. The ARN is checked first: the
// placeholders SNS lists for pending and deleted subscriptions are refused
// with a *model.ValidationError, before anything is sent.
//
// SNS answers Unsubscribe with an empty result, so success says little:
// [Client.ListSubscriptionsByTopic] shows what is left. A subscription
// confirmed with authenticateOnUnsubscribe can be deleted only by its
// owner or the topic's owner.
func (c *Client) Unsubscribe(ctx context.Context, r region.Region, subscriptionARN string) error {
	const op = "Unsubscribe"
	ctx, cancel, api, sub, err := c.subscriptionCall(ctx, op, r, subscriptionARN)
	defer cancel()
	if err != nil {
		return err
	}
	start := time.Now()
	_, err = api.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(subscriptionARN)})
	return c.done(ctx, op, r, sub.Topic.String(), start, err)
}
