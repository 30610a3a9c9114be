package snsconnector

import (
	"context"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// applicationCall is call for operations on one platform application: it
// parses the application's ARN, and checks that it is of region r, before
// anything is sent.
func (c *Client) applicationCall(ctx context.Context, op string, r region.Region, arn string) (context.Context, context.CancelFunc, API, model.PlatformApplicationARN, error) {
	ctx, cancel, api, err := c.call(ctx, op, r, "")
	if err != nil {
		return ctx, cancel, nil, model.PlatformApplicationARN{}, err
	}
	app, err := model.ParsePlatformApplicationARN(arn)
	if err == nil {
		err = app.ValidateRegion(r)
	}
	if err != nil {
		return ctx, cancel, nil, app, &Error{Op: op, Region: r, Err: err}
	}
	return ctx, cancel, api, app, nil
}

// endpointCall is call for operations on one platform endpoint, checked as
// applicationCall checks an application.
func (c *Client) endpointCall(ctx context.Context, op string, r region.Region, arn string) (context.Context, context.CancelFunc, API, error) {
	ctx, cancel, api, err := c.call(ctx, op, r, "")
	if err != nil {
		return ctx, cancel, nil, err
	}
	ep, err := model.ParsePlatformEndpointARN(arn)
	if err == nil {
		err = ep.ValidateRegion(r)
	}
	if err != nil {
		return ctx, cancel, nil, &Error{Op: op, Region: r, Err: err}
	}
	return ctx, cancel, api, nil
}
