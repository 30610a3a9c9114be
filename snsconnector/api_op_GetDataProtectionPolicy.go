package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// GetDataProtectionPolicy returns a topic's data protection policy (JSON),
// "" when it has none.
//
// AWS closed SNS message data protection to new customers in 2026
// ("Amazon SNS message data protection availability change", SNS developer
// guide): accounts that used it keep it, and these calls stay for them.
func (c *Client) GetDataProtectionPolicy(ctx context.Context, r region.Region, topic model.Topic) (string, error) {
	const op = "GetDataProtectionPolicy"
	ctx, cancel, api, err := c.topicCall(ctx, op, r, topic)
	defer cancel()
	if err != nil {
		return "", err
	}
	start := time.Now()
	out, err := api.GetDataProtectionPolicy(ctx, &sns.GetDataProtectionPolicyInput{ResourceArn: aws.String(topic.ARN)})
	if err = c.done(ctx, op, r, topic.ARN, start, err); err != nil {
		return "", err
	}
	return aws.ToString(out.DataProtectionPolicy), nil
}
