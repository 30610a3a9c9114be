package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// DeleteTopic deletes a topic and its subscriptions. SNS treats deleting a
// topic that does not exist as success, and so does this method.
func (c *Client) DeleteTopic(ctx context.Context, r region.Region, topic model.Topic) error {
	const op = "DeleteTopic"
	ctx, cancel, api, err := c.topicCall(ctx, op, r, topic)
	defer cancel()
	if err != nil {
		return err
	}
	start := time.Now()
	_, err = api.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(topic.ARN)})
	c.forgetTopic(r, topic.ARN)
	return c.done(ctx, op, r, topic.ARN, start, err)
}
