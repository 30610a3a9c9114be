package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/region"
)

// OptInPhoneNumber opts a phone number (E.164) back in to the account's
// SMS after it opted out. SNS allows this once every 30 days for a number
// ("You can opt in a phone number only once every 30 days",
// OptInPhoneNumber API reference). The number never appears in errors or
// logs.
func (c *Client) OptInPhoneNumber(ctx context.Context, r region.Region, phoneNumber string) error {
	const op = "OptInPhoneNumber"
	ctx, cancel, api, err := c.phoneCall(ctx, op, r, phoneNumber)
	defer cancel()
	if err != nil {
		return err
	}
	start := time.Now()
	_, err = api.OptInPhoneNumber(ctx, &sns.OptInPhoneNumberInput{PhoneNumber: aws.String(phoneNumber)})
	return c.done(ctx, op, r, "", start, redactAll(err, phoneForms(phoneNumber)...))
}
