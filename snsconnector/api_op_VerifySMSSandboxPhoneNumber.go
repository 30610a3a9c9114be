package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// VerifySMSSandboxPhoneNumber verifies a sandbox number with the one-time
// password (5 to 8 digits) SNS texted it; from then on the account can
// send it SMS while in the sandbox. A wrong password fails with
// *types.VerificationException. Neither the number nor the password ever
// appears in errors or logs.
func (c *Client) VerifySMSSandboxPhoneNumber(ctx context.Context, r region.Region, phoneNumber, oneTimePassword string) error {
	const op = "VerifySMSSandboxPhoneNumber"
	ctx, cancel, api, err := c.phoneCall(ctx, op, r, phoneNumber)
	defer cancel()
	if err != nil {
		return err
	}
	if err := model.ValidateOneTimePassword(oneTimePassword); err != nil {
		return &Error{Op: op, Region: r, Err: err}
	}
	start := time.Now()
	_, err = api.VerifySMSSandboxPhoneNumber(ctx, &sns.VerifySMSSandboxPhoneNumberInput{
		PhoneNumber: aws.String(phoneNumber), OneTimePassword: aws.String(oneTimePassword),
	})
	return c.done(ctx, op, r, "", start, redactAll(err, append(phoneForms(phoneNumber), oneTimePassword)...))
}
