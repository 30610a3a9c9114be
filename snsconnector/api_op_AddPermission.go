package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// AddPermission adds a statement to a topic's access policy that lets
// other AWS accounts call SNS actions on the topic:
//
//	err := client.AddPermission(ctx, r, topic, model.Permission{
//		Label:      "PartnerPublish",
//		AccountIDs: []string{"111122223333"},
//		Actions:    []string{"Publish"},
//	})
//
// The permission is validated first (label, 12-digit accounts, action
// names); invalid input fails with a *model.ValidationError inside the
// *Error before anything is sent. A label the policy already has fails with
// InvalidParameter. [Client.RemovePermission] takes the statement out by
// its label. To shape the policy freely, set it whole with
// [model.SetPolicy].
func (c *Client) AddPermission(ctx context.Context, r region.Region, topic model.Topic, p model.Permission) error {
	const op = "AddPermission"
	ctx, cancel, api, err := c.topicCall(ctx, op, r, topic)
	defer cancel()
	if err != nil {
		return err
	}
	if err := p.Validate(); err != nil {
		return &Error{Op: op, Region: r, Topic: topic.ARN, Err: err}
	}
	start := time.Now()
	_, err = api.AddPermission(ctx, &sns.AddPermissionInput{
		TopicArn:     aws.String(topic.ARN),
		Label:        aws.String(p.Label),
		AWSAccountId: p.AccountIDs,
		ActionName:   p.Actions,
	})
	return c.done(ctx, op, r, topic.ARN, start, err)
}
