package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// CreateSMSSandboxPhoneNumber adds a destination number (E.164) to the
// account's SMS sandbox, and SNS texts it a one-time password in lang (""
// for SNS's default, en-US) to pass to [Client.VerifySMSSandboxPhoneNumber].
// A number that opted out fails with *types.OptedOutException. The number
// never appears in errors or logs.
func (c *Client) CreateSMSSandboxPhoneNumber(ctx context.Context, r region.Region, phoneNumber string, lang model.LanguageCode) error {
	const op = "CreateSMSSandboxPhoneNumber"
	ctx, cancel, api, err := c.phoneCall(ctx, op, r, phoneNumber)
	defer cancel()
	if err != nil {
		return err
	}
	if err := lang.Validate(); err != nil {
		return &Error{Op: op, Region: r, Err: err}
	}
	start := time.Now()
	_, err = api.CreateSMSSandboxPhoneNumber(ctx, &sns.CreateSMSSandboxPhoneNumberInput{
		PhoneNumber: aws.String(phoneNumber), LanguageCode: types.LanguageCodeString(lang),
	})
	return c.done(ctx, op, r, "", start, redactAll(err, phoneForms(phoneNumber)...))
}
