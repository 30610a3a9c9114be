package snsconnector

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// ListSMSSandboxPhoneNumbers returns the account's sandbox numbers in
// region r, pending and verified, following SNS's pages to the end. The
// numbers are [model.PersonalData].
func (c *Client) ListSMSSandboxPhoneNumbers(ctx context.Context, r region.Region) (*model.ListSMSSandboxPhoneNumbersResponse, error) {
	numbers, err := collect(c.ListSMSSandboxPhoneNumbersIter(ctx, r))
	if err != nil {
		return nil, err
	}
	return &model.ListSMSSandboxPhoneNumbersResponse{PhoneNumbers: numbers}, nil
}

// ListSMSSandboxPhoneNumbersIter yields the sandbox numbers one at a time,
// fetching a page when the previous one is used up. On failure it yields a
// zero SandboxPhoneNumber and the error, then stops. Breaking out of the
// loop stops fetching.
func (c *Client) ListSMSSandboxPhoneNumbersIter(ctx context.Context, r region.Region) iter.Seq2[model.SandboxPhoneNumber, error] {
	const op = "ListSMSSandboxPhoneNumbers"
	return listing(ctx, c, op, r, "",
		func(ctx context.Context) (context.Context, context.CancelFunc, API, error) {
			return c.call(ctx, op, r, "")
		},
		func(ctx context.Context, api API, token *string) ([]model.SandboxPhoneNumber, *string, error) {
			out, err := api.ListSMSSandboxPhoneNumbers(ctx, &sns.ListSMSSandboxPhoneNumbersInput{NextToken: token})
			if err != nil {
				return nil, nil, err
			}
			return wire.SandboxPhoneNumbers(out.PhoneNumbers), out.NextToken, nil
		})
}
