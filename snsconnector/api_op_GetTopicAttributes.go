package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// GetTopicAttributes returns a topic's attributes, typed, with the counts
// and settings SNS maintains; Raw keeps every attribute as returned.
func (c *Client) GetTopicAttributes(ctx context.Context, r region.Region, topic model.Topic) (*model.TopicDetails, error) {
	const op = "GetTopicAttributes"
	ctx, cancel, api, err := c.topicCall(ctx, op, r, topic)
	defer cancel()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	out, err := api.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(topic.ARN)})
	if err = c.done(ctx, op, r, topic.ARN, start, err); err != nil {
		return nil, err
	}
	d := model.ParseTopicDetails(out.Attributes)
	if d.Topic.ARN == "" { // a peer that omits TopicArn still answered for this topic
		d.Topic = model.Topic{ARN: topic.ARN, Name: topicName(topic.ARN)}
	}
	c.rememberTopic(r, d)
	return &d, nil
}
