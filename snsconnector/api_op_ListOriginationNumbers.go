package snsconnector

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// ListOriginationNumbers returns the account's numbers that SMS can be
// sent from in region r (toll-free, 10DLC, long and short codes) with
// their capabilities, following SNS's pages to the end. Pass one as
// [model.SMSOptions].OriginationNumber.
func (c *Client) ListOriginationNumbers(ctx context.Context, r region.Region) (*model.ListOriginationNumbersResponse, error) {
	numbers, err := collect(c.ListOriginationNumbersIter(ctx, r))
	if err != nil {
		return nil, err
	}
	return &model.ListOriginationNumbersResponse{PhoneNumbers: numbers}, nil
}

// ListOriginationNumbersIter yields the origination numbers one at a time,
// fetching a page when the previous one is used up. On failure it yields a
// zero OriginationNumber and the error, then stops. Breaking out of the
// loop stops fetching.
func (c *Client) ListOriginationNumbersIter(ctx context.Context, r region.Region) iter.Seq2[model.OriginationNumber, error] {
	const op = "ListOriginationNumbers"
	return listing(ctx, c, op, r, "",
		func(ctx context.Context) (context.Context, context.CancelFunc, API, error) {
			return c.call(ctx, op, r, "")
		},
		func(ctx context.Context, api API, token *string) ([]model.OriginationNumber, *string, error) {
			out, err := api.ListOriginationNumbers(ctx, &sns.ListOriginationNumbersInput{NextToken: token})
			if err != nil {
				return nil, nil, err
			}
			return wire.OriginationNumbers(out.PhoneNumbers), out.NextToken, nil
		})
}
