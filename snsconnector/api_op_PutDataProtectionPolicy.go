package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// PutDataProtectionPolicy adds or replaces a topic's data protection
// policy, a JSON object of at most 30,720 characters that audits, masks or
// blocks sensitive data in the messages published to the topic. The policy
// is validated before anything is sent.
//
// AWS closed SNS message data protection to new customers in 2026
// ("Amazon SNS message data protection availability change", SNS developer
// guide): accounts that used it keep it, and these calls stay for them; a
// new account gets an error from SNS.
func (c *Client) PutDataProtectionPolicy(ctx context.Context, r region.Region, topic model.Topic, policy string) error {
	const op = "PutDataProtectionPolicy"
	ctx, cancel, api, err := c.topicCall(ctx, op, r, topic)
	defer cancel()
	if err != nil {
		return err
	}
	if err := model.ValidateDataProtectionPolicy(policy); err != nil {
		return &Error{Op: op, Region: r, Topic: topic.ARN, Err: err}
	}
	start := time.Now()
	_, err = api.PutDataProtectionPolicy(ctx, &sns.PutDataProtectionPolicyInput{ResourceArn: aws.String(topic.ARN), DataProtectionPolicy: aws.String(policy)})
	return c.done(ctx, op, r, topic.ARN, start, err)
}
