package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/region"
)

// CheckIfPhoneNumberIsOptedOut reports whether a phone number (E.164) opted
// out of the account's SMS, by replying STOP for instance: SNS sends it
// nothing until it is opted in again ([Client.OptInPhoneNumber]). The
// number never appears in errors or logs.
func (c *Client) CheckIfPhoneNumberIsOptedOut(ctx context.Context, r region.Region, phoneNumber string) (bool, error) {
	const op = "CheckIfPhoneNumberIsOptedOut"
	ctx, cancel, api, err := c.phoneCall(ctx, op, r, phoneNumber)
	defer cancel()
	if err != nil {
		return false, err
	}
	start := time.Now()
	out, err := api.CheckIfPhoneNumberIsOptedOut(ctx, &sns.CheckIfPhoneNumberIsOptedOutInput{PhoneNumber: aws.String(phoneNumber)})
	if err = c.done(ctx, op, r, "", start, redactAll(err, phoneForms(phoneNumber)...)); err != nil {
		return false, err
	}
	return out.IsOptedOut, nil
}
