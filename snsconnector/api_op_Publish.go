package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// Publish sends one message to a topic in region r and reports whether SNS
// accepted it: (true, nil) or (false, err), never (false, nil). The request
// is validated first; invalid input fails with a *model.ValidationError
// inside the *Error before anything is sent. Use [Client.PublishWithResponse]
// to learn the message ID.
func (c *Client) Publish(ctx context.Context, r region.Region, req model.PublishRequest) (bool, error) {
	if _, err := c.PublishWithResponse(ctx, r, req); err != nil {
		return false, err
	}
	return true, nil
}

// PublishWithResponse is [Client.Publish] returning what SNS assigned: the
// message ID and, on FIFO topics, the sequence number.
func (c *Client) PublishWithResponse(ctx context.Context, r region.Region, req model.PublishRequest) (*model.PublishResponse, error) {
	const op = "Publish"
	topic := req.Topic.ARN
	ctx, cancel, api, err := c.call(ctx, op, r, topic)
	defer cancel()
	if err != nil {
		return nil, err
	}
	if err := req.ValidateWith(c.limits); err != nil {
		return nil, &Error{Op: op, Region: r, Topic: topic, Err: err}
	}
	start := time.Now()
	out, err := api.Publish(ctx, wire.PublishInput(req))
	if err == nil && aws.ToString(out.MessageId) == "" {
		err = errNoMessageID
	}
	if err = c.done(ctx, op, r, topic, start, err); err != nil {
		return nil, err
	}
	return &model.PublishResponse{
		MessageID:      aws.ToString(out.MessageId),
		SequenceNumber: aws.ToString(out.SequenceNumber),
	}, nil
}
