package snsconnector

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// ListSubscriptions returns every subscription of the account in region r,
// of every topic, following SNS's pages of 100 to the end. Subscriptions
// awaiting confirmation come without an ARN, with Pending set, as for
// [Client.ListSubscriptionsByTopic]. For accounts with many subscriptions,
// [Client.ListSubscriptionsIter] yields them without holding all of them.
// Endpoint may be an email address or a phone number: personal data that
// this package never logs.
func (c *Client) ListSubscriptions(ctx context.Context, r region.Region) (*model.ListSubscriptionsResponse, error) {
	subs, err := collect(c.ListSubscriptionsIter(ctx, r))
	if err != nil {
		return nil, err
	}
	return &model.ListSubscriptionsResponse{Subscriptions: subs}, nil
}

// ListSubscriptionsIter yields the account's subscriptions in region r one
// at a time, fetching a page of up to 100 when the previous one is used
// up. On failure it yields a zero Subscription and the error, then stops.
// Breaking out of the loop stops fetching.
func (c *Client) ListSubscriptionsIter(ctx context.Context, r region.Region) iter.Seq2[model.Subscription, error] {
	const op = "ListSubscriptions"
	return listing(ctx, c, op, r, "",
		func(ctx context.Context) (context.Context, context.CancelFunc, API, error) {
			return c.call(ctx, op, r, "")
		},
		func(ctx context.Context, api API, token *string) ([]model.Subscription, *string, error) {
			out, err := api.ListSubscriptions(ctx, &sns.ListSubscriptionsInput{NextToken: token})
			if err != nil {
				return nil, nil, err
			}
			return wire.Subscriptions(out.Subscriptions), out.NextToken, nil
		})
}
