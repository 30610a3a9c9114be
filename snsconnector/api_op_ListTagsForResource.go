package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// ListTagsForResource returns a topic's tags.
func (c *Client) ListTagsForResource(ctx context.Context, r region.Region, topic model.Topic) (model.Tags, error) {
	const op = "ListTagsForResource"
	ctx, cancel, api, err := c.topicCall(ctx, op, r, topic)
	defer cancel()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	out, err := api.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: aws.String(topic.ARN)})
	if err = c.done(ctx, op, r, topic.ARN, start, err); err != nil {
		return nil, err
	}
	tags := make(model.Tags, len(out.Tags))
	for _, t := range out.Tags {
		tags[aws.ToString(t.Key)] = aws.ToString(t.Value)
	}
	return tags, nil
}
