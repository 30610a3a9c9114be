package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// GetSMSAttributes returns the account's default SMS settings in region
// r, typed: the default type and sender ID, the monthly spend limit, the
// delivery-status role and sampling rate, the usage report bucket.
func (c *Client) GetSMSAttributes(ctx context.Context, r region.Region) (*model.SMSAttributes, error) {
	const op = "GetSMSAttributes"
	ctx, cancel, api, err := c.call(ctx, op, r, "")
	defer cancel()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	out, err := api.GetSMSAttributes(ctx, &sns.GetSMSAttributesInput{})
	if err = c.done(ctx, op, r, "", start, err); err != nil {
		return nil, err
	}
	a := model.ParseSMSAttributes(out.Attributes)
	return &a, nil
}
