package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/region"
)

// DeletePlatformApplication deletes a platform application; its devices
// can no longer be reached through it. Subscriptions of its endpoints to
// topics stay until unsubscribed.
func (c *Client) DeletePlatformApplication(ctx context.Context, r region.Region, applicationARN string) error {
	const op = "DeletePlatformApplication"
	ctx, cancel, api, _, err := c.applicationCall(ctx, op, r, applicationARN)
	defer cancel()
	if err != nil {
		return err
	}
	start := time.Now()
	_, err = api.DeletePlatformApplication(ctx, &sns.DeletePlatformApplicationInput{PlatformApplicationArn: aws.String(applicationARN)})
	return c.done(ctx, op, r, "", start, err)
}
