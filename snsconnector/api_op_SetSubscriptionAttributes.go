package snsconnector

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// SetSubscriptionAttributes applies changes to a subscription, built with
// the model's Set... functions:
//
//	err := client.SetSubscriptionAttributes(ctx, r, sub.ARN,
//		model.SetRawMessageDelivery(true),
//		model.SetFilterPolicy(model.NewFilterPolicy(model.FilterScopeMessageBody).
//			Where("kind", model.StringEquals("order_placed"))))
//
// Every change is validated against the subscription (a dead-letter queue
// of its topic's region, account and kind, say) before any is sent. SNS
// sets one attribute a call, so the changes are sent in order (a filter
// policy and its scope as two calls, in the order SNS accepts); on a
// failure the error names the attribute, and the ones before it are
// applied. Changes of a filter policy take up to 15 minutes to apply fully
// in SNS.
func (c *Client) SetSubscriptionAttributes(ctx context.Context, r region.Region, subscriptionARN string, changes ...model.SubscriptionAttributeChange) error {
	const op = "SetSubscriptionAttributes"
	ctx, cancel, api, sub, err := c.subscriptionCall(ctx, op, r, subscriptionARN)
	defer cancel()
	if err != nil {
		return err
	}
	topic := sub.Topic.String()
	for _, ch := range changes {
		if err := ch.Validate(sub); err != nil {
			return &Error{Op: op, Region: r, Topic: topic, Err: err}
		}
	}
	for _, ch := range changes {
		for _, w := range ch.Writes() {
			start := time.Now()
			_, err := api.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{
				SubscriptionArn: aws.String(subscriptionARN),
				AttributeName:   aws.String(w.Name),
				AttributeValue:  aws.String(w.Value),
			})
			if err != nil {
				err = fmt.Errorf("setting %s: %w", w.Name, err)
			}
			if err = c.done(ctx, op, r, topic, start, err); err != nil {
				return err
			}
		}
	}
	return nil
}
