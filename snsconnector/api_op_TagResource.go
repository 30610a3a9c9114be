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

// TagResource adds tags to a topic, replacing the values of keys it has
// already. A topic holds at most 50 tags.
func (c *Client) TagResource(ctx context.Context, r region.Region, topic model.Topic, tags model.Tags) error {
	const op = "TagResource"
	ctx, cancel, api, err := c.topicCall(ctx, op, r, topic)
	defer cancel()
	if err != nil {
		return err
	}
	if err := tags.Validate(); err != nil {
		return &Error{Op: op, Region: r, Topic: topic.ARN, Err: err}
	}
	if len(tags) == 0 {
		return nil
	}
	start := time.Now()
	_, err = api.TagResource(ctx, &sns.TagResourceInput{ResourceArn: aws.String(topic.ARN), Tags: wire.Tags(tags)})
	return c.done(ctx, op, r, topic.ARN, start, err)
}
