package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// SetSMSAttributes changes the account's default SMS settings in region r,
// built with model.Set...:
//
//	err := client.SetSMSAttributes(ctx, r,
//		model.SetDefaultSMSType(model.SMSTransactional), model.SetMonthlySpendLimit(100))
//
// Every change is validated before any is sent; SNS takes them all in one
// call. Publish overrides the type and sender ID per message with
// [model.SMSOptions]. To deliver usage reports, the bucket's policy must let
// the SNS service principal write to it.
func (c *Client) SetSMSAttributes(ctx context.Context, r region.Region, changes ...model.SMSAttributeChange) error {
	const op = "SetSMSAttributes"
	ctx, cancel, api, err := c.call(ctx, op, r, "")
	defer cancel()
	if err != nil {
		return err
	}
	attrs := map[string]string{}
	for _, ch := range changes {
		if err := ch.Validate(); err != nil {
			return &Error{Op: op, Region: r, Err: err}
		}
		attrs[ch.Name] = ch.Value
	}
	if len(attrs) == 0 {
		return nil
	}
	start := time.Now()
	_, err = api.SetSMSAttributes(ctx, &sns.SetSMSAttributesInput{Attributes: attrs})
	return c.done(ctx, op, r, "", start, err)
}
