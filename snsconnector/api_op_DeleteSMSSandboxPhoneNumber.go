package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/region"
)

// DeleteSMSSandboxPhoneNumber removes a number from the account's SMS
// sandbox. A number not in the sandbox fails with
// *types.ResourceNotFoundException. The number never appears in errors or
// logs.
func (c *Client) DeleteSMSSandboxPhoneNumber(ctx context.Context, r region.Region, phoneNumber string) error {
	const op = "DeleteSMSSandboxPhoneNumber"
	ctx, cancel, api, err := c.phoneCall(ctx, op, r, phoneNumber)
	defer cancel()
	if err != nil {
		return err
	}
	start := time.Now()
	_, err = api.DeleteSMSSandboxPhoneNumber(ctx, &sns.DeleteSMSSandboxPhoneNumberInput{PhoneNumber: aws.String(phoneNumber)})
	return c.done(ctx, op, r, "", start, redactAll(err, phoneForms(phoneNumber)...))
}
