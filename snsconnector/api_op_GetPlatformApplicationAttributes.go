package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// GetPlatformApplicationAttributes returns a platform application's
// settings, typed: whether SNS has it enabled, the event topics and
// delivery-status roles, the APNs certificate's expiry or the token's team
// and bundle IDs. SNS never returns the credentials.
func (c *Client) GetPlatformApplicationAttributes(ctx context.Context, r region.Region, applicationARN string) (*model.PlatformApplication, error) {
	const op = "GetPlatformApplicationAttributes"
	ctx, cancel, api, _, err := c.applicationCall(ctx, op, r, applicationARN)
	defer cancel()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	out, err := api.GetPlatformApplicationAttributes(ctx, &sns.GetPlatformApplicationAttributesInput{PlatformApplicationArn: aws.String(applicationARN)})
	if err = c.done(ctx, op, r, "", start, err); err != nil {
		return nil, err
	}
	app := model.ParsePlatformApplication(applicationARN, out.Attributes)
	return &app, nil
}
