package snsconnector

import (
	"context"
	"errors"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

var errNoSubscriptionARN = errors.New("the service accepted the call but returned no subscription ARN")

// subscriptionCall is call for operations on one subscription: it parses
// the subscription's ARN, and checks that it is of region r, before
// anything is sent, and names the subscription's topic in errors and logs.
func (c *Client) subscriptionCall(ctx context.Context, op string, r region.Region, arn string) (context.Context, context.CancelFunc, API, model.SubscriptionARN, error) {
	sub, perr := model.ParseSubscriptionARN(arn)
	topic := ""
	if perr == nil {
		topic = sub.Topic.String()
	}
	ctx, cancel, api, err := c.call(ctx, op, r, topic)
	if err != nil {
		return ctx, cancel, nil, sub, err
	}
	if perr != nil {
		return ctx, cancel, nil, sub, &Error{Op: op, Region: r, Err: perr}
	}
	if err := sub.ValidateRegion(r); err != nil {
		return ctx, cancel, nil, sub, &Error{Op: op, Region: r, Topic: topic, Err: err}
	}
	return ctx, cancel, api, sub, nil
}

// personalAddress returns the forms in which SNS may echo the endpoint's
// address when it may be personal data or hold a secret (an email
// address, a phone number, a URL that can carry a password), for
// redactAll; none for ARNs, which may be named.
func personalAddress(e model.Endpoint) []string {
	switch e.Protocol() {
	case model.ProtocolSMS:
		return phoneForms(e.Address())
	case model.ProtocolEmail, model.ProtocolEmailJSON, model.ProtocolHTTP, model.ProtocolHTTPS:
		return []string{e.Address()}
	}
	return nil
}
