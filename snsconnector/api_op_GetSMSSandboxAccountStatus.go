package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/region"
)

// GetSMSSandboxAccountStatus reports whether the account is in the SMS
// sandbox in region r. A new account is: SNS then sends SMS only to the
// sandbox's verified numbers ([Client.CreateSMSSandboxPhoneNumber]) until
// AWS moves the account out on request ("SMS sandbox", SNS developer
// guide).
func (c *Client) GetSMSSandboxAccountStatus(ctx context.Context, r region.Region) (bool, error) {
	const op = "GetSMSSandboxAccountStatus"
	ctx, cancel, api, err := c.call(ctx, op, r, "")
	defer cancel()
	if err != nil {
		return false, err
	}
	start := time.Now()
	out, err := api.GetSMSSandboxAccountStatus(ctx, &sns.GetSMSSandboxAccountStatusInput{})
	if err = c.done(ctx, op, r, "", start, err); err != nil {
		return false, err
	}
	return out.IsInSandbox, nil
}
