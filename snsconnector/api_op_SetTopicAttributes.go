package snsconnector

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// SetTopicAttributes applies changes to a topic, built with model.Set...:
//
//	err := client.SetTopicAttributes(ctx, r, topic,
//		model.SetDisplayName("Orders"), model.SetSignatureVersion(2))
//
// Every change is validated against the topic (FIFO-only settings on a
// standard topic are refused) before any is sent. SNS sets one attribute a
// call, so the changes are sent in order; on a failure the error names the
// attribute, and the ones before it are applied.
func (c *Client) SetTopicAttributes(ctx context.Context, r region.Region, topic model.Topic, changes ...model.TopicAttributeChange) error {
	const op = "SetTopicAttributes"
	ctx, cancel, api, err := c.topicCall(ctx, op, r, topic)
	defer cancel()
	if err != nil {
		return err
	}
	name := topicName(topic.ARN)
	for _, ch := range changes {
		if err := ch.Validate(name); err != nil {
			return &Error{Op: op, Region: r, Topic: topic.ARN, Err: err}
		}
	}
	defer c.forgetTopic(r, topic.ARN)
	for _, ch := range changes {
		start := time.Now()
		_, err := api.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{
			TopicArn:       aws.String(topic.ARN),
			AttributeName:  aws.String(ch.Name),
			AttributeValue: aws.String(ch.Value),
		})
		if err != nil {
			err = fmt.Errorf("setting %s: %w", ch.Name, err)
		}
		if err = c.done(ctx, op, r, topic.ARN, start, err); err != nil {
			return err
		}
	}
	return nil
}
