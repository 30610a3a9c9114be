package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// CreateTopic creates a topic and returns it. Like SNS's, it is idempotent:
// asking again for an existing name with the same attributes and tags
// returns the existing topic; different ones are an InvalidParameter error.
// A ".fifo" name makes a FIFO topic (FifoTopic is set for it).
func (c *Client) CreateTopic(ctx context.Context, r region.Region, req model.CreateTopicRequest) (model.Topic, error) {
	const op = "CreateTopic"
	ctx, cancel, api, err := c.call(ctx, op, r, "")
	defer cancel()
	if err != nil {
		return model.Topic{}, err
	}
	if err := req.Validate(); err != nil {
		return model.Topic{}, &Error{Op: op, Region: r, Err: err}
	}
	in := &sns.CreateTopicInput{
		Name:       aws.String(req.Name),
		Attributes: req.Attributes.Map(req.Name),
		Tags:       wire.Tags(req.Tags),
	}
	if req.DataProtectionPolicy != "" {
		in.DataProtectionPolicy = aws.String(req.DataProtectionPolicy)
	}
	start := time.Now()
	out, err := api.CreateTopic(ctx, in)
	if err == nil && aws.ToString(out.TopicArn) == "" {
		err = errNoTopicARN
	}
	if err = c.done(ctx, op, r, "", start, err); err != nil {
		return model.Topic{}, err
	}
	return wire.Topic(aws.ToString(out.TopicArn)), nil
}
