package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// RemovePermission takes the statement with this label, added by
// [Client.AddPermission], out of a topic's access policy.
func (c *Client) RemovePermission(ctx context.Context, r region.Region, topic model.Topic, label string) error {
	const op = "RemovePermission"
	ctx, cancel, api, err := c.topicCall(ctx, op, r, topic)
	defer cancel()
	if err != nil {
		return err
	}
	if err := model.ValidatePermissionLabel(label); err != nil {
		return &Error{Op: op, Region: r, Topic: topic.ARN, Err: err}
	}
	start := time.Now()
	_, err = api.RemovePermission(ctx, &sns.RemovePermissionInput{TopicArn: aws.String(topic.ARN), Label: aws.String(label)})
	return c.done(ctx, op, r, topic.ARN, start, err)
}
