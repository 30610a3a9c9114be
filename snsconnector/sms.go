package snsconnector

import (
	"context"
	"strings"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// phoneCall is call for operations on one phone number: it checks the
// number (E.164) before anything is sent. The number is personal data: it
// is never named in errors or logs.
func (c *Client) phoneCall(ctx context.Context, op string, r region.Region, phoneNumber string) (context.Context, context.CancelFunc, API, error) {
	ctx, cancel, api, err := c.call(ctx, op, r, "")
	if err != nil {
		return ctx, cancel, nil, err
	}
	if err := model.ValidatePhoneNumber(phoneNumber); err != nil {
		return ctx, cancel, nil, &Error{Op: op, Region: r, Err: err}
	}
	return ctx, cancel, api, nil
}

// phoneForms are the ways a service may echo a number in its error text:
// as given, and without the '+'.
func phoneForms(phoneNumber string) []string {
	return []string{phoneNumber, strings.TrimPrefix(phoneNumber, "+")}
}
