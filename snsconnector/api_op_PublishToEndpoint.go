package snsconnector

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// PublishToEndpoint sends a message straight to one mobile platform
// endpoint, the EndpointArn of a device (SNS's Publish with TargetArn), and
// returns its message ID. The message is a plain body, or one text per
// platform built with [model.PerProtocol], so nobody writes the nested
// JSON by hand:
//
//	device, _ := model.ApplicationEndpoint(endpointARN)
//	msg, err := model.PerProtocol{
//		Default: "Your order has shipped",
//		APNS:    model.APNSPayload{Title: "Order 42", Body: "Shipped"},
//		GCM:     model.FCMPayload{Title: "Order 42", Body: "Shipped"},
//	}.Message()
//	resp, err := client.PublishToEndpoint(ctx, r, device, msg)
//
// The endpoint must be in region r, and the message is validated as for a
// topic, without a subject or FIFO fields ([model.ValidatePush]); invalid
// input fails with a *model.ValidationError inside the *Error before
// anything is sent. A disabled endpoint (the platform rejected its token)
// fails with *types.EndpointDisabledException.
func (c *Client) PublishToEndpoint(ctx context.Context, r region.Region, endpoint model.Endpoint, msg model.Message) (*model.PublishResponse, error) {
	return c.publish(ctx, r, "", nil, func(context.Context) (*sns.PublishInput, error) {
		if err := model.ValidatePush(r, endpoint, msg, c.limits); err != nil {
			return nil, err
		}
		in := wire.MessageInput(msg)
		in.TargetArn = aws.String(endpoint.Address())
		return in, nil
	})
}
