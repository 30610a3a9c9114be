package snsconnector

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// ListPhoneNumbersOptedOut returns every phone number that opted out of
// the account's SMS in region r, following SNS's pages of up to 100 to the
// end. The numbers are [model.PersonalData]: they print as a placeholder.
func (c *Client) ListPhoneNumbersOptedOut(ctx context.Context, r region.Region) (*model.ListPhoneNumbersOptedOutResponse, error) {
	numbers, err := collect(c.ListPhoneNumbersOptedOutIter(ctx, r))
	if err != nil {
		return nil, err
	}
	return &model.ListPhoneNumbersOptedOutResponse{PhoneNumbers: numbers}, nil
}

// ListPhoneNumbersOptedOutIter yields the opted-out numbers one at a time,
// fetching a page when the previous one is used up. On failure it yields
// "" and the error, then stops. Breaking out of the loop stops fetching.
func (c *Client) ListPhoneNumbersOptedOutIter(ctx context.Context, r region.Region) iter.Seq2[model.PersonalData, error] {
	const op = "ListPhoneNumbersOptedOut"
	return listing(ctx, c, op, r, "",
		func(ctx context.Context) (context.Context, context.CancelFunc, API, error) {
			return c.call(ctx, op, r, "")
		},
		func(ctx context.Context, api API, token *string) ([]model.PersonalData, *string, error) {
			out, err := api.ListPhoneNumbersOptedOut(ctx, &sns.ListPhoneNumbersOptedOutInput{NextToken: token})
			if err != nil {
				return nil, nil, err
			}
			return wire.PhoneNumbers(out.PhoneNumbers), out.NextToken, nil
		})
}
