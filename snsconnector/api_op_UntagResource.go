package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// UntagResource removes the tags with the given keys from a topic; keys it
// does not have are ignored, as by SNS.
func (c *Client) UntagResource(ctx context.Context, r region.Region, topic model.Topic, keys ...string) error {
	const op = "UntagResource"
	ctx, cancel, api, err := c.topicCall(ctx, op, r, topic)
	defer cancel()
	if err != nil {
		return err
	}
	for _, k := range keys {
		if err := model.ValidateTagKey(k); err != nil {
			return &Error{Op: op, Region: r, Topic: topic.ARN, Err: err}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	start := time.Now()
	_, err = api.UntagResource(ctx, &sns.UntagResourceInput{ResourceArn: aws.String(topic.ARN), TagKeys: keys})
	return c.done(ctx, op, r, topic.ARN, start, err)
}
