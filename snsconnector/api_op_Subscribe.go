package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// Subscribe subscribes an endpoint to a topic and returns the subscription:
//
//	queue, _ := model.SQSEndpoint("arn:aws:sqs:eu-west-1:123456789012:orders")
//	sub, err := client.Subscribe(ctx, r, model.SubscribeRequest{
//		Topic:    topic,
//		Endpoint: queue,
//		Options: model.SubscriptionOptions{
//			RawMessageDelivery: true,
//			FilterPolicy: model.NewFilterPolicy(model.FilterScopeMessageAttributes).
//				Where("event", model.StringPrefix("order_")),
//		},
//	})
//
// The request is validated first (see [model.SubscribeRequest.Attributes]:
// endpoint, options, FIFO and dead-letter queue rules); invalid input fails
// with a *model.ValidationError inside the *Error before anything is sent.
//
// The subscription's ARN is returned even when it awaits confirmation.
// Pending is set for the protocols SNS always asks to confirm (email,
// email-json, http, https); their endpoint's owner confirms with the token
// SNS sends (see [Client.ConfirmSubscription]), and SNS delivers nothing
// until then. An endpoint of another account may need confirmation too;
// [Client.GetSubscriptionAttributes] tells for certain.
//
// Like SNS, Subscribe is idempotent: subscribing the same endpoint again
// with the same options returns the existing subscription; different
// options are an InvalidParameter error.
func (c *Client) Subscribe(ctx context.Context, r region.Region, req model.SubscribeRequest) (model.Subscription, error) {
	const op = "Subscribe"
	ctx, cancel, api, err := c.topicCall(ctx, op, r, req.Topic)
	defer cancel()
	if err != nil {
		return model.Subscription{}, err
	}
	attrs, err := req.Attributes()
	if err != nil {
		return model.Subscription{}, &Error{Op: op, Region: r, Topic: req.Topic.ARN, Err: err}
	}
	start := time.Now()
	out, err := api.Subscribe(ctx, wire.SubscribeInput(req, attrs))
	if err == nil && aws.ToString(out.SubscriptionArn) == "" {
		err = errNoSubscriptionARN
	}
	if err = c.done(ctx, op, r, req.Topic.ARN, start, redactAll(err, personalAddress(req.Endpoint)...)); err != nil {
		return model.Subscription{}, err
	}
	return wire.Subscribed(req, aws.ToString(out.SubscriptionArn)), nil
}
