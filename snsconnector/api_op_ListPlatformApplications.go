package snsconnector

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// ListPlatformApplications returns every platform application of the
// account in region r, following SNS's pages to the end.
// [Client.ListPlatformApplicationsIter] yields them one at a time.
func (c *Client) ListPlatformApplications(ctx context.Context, r region.Region) (*model.ListPlatformApplicationsResponse, error) {
	apps, err := collect(c.ListPlatformApplicationsIter(ctx, r))
	if err != nil {
		return nil, err
	}
	return &model.ListPlatformApplicationsResponse{Applications: apps}, nil
}

// ListPlatformApplicationsIter yields the platform applications of the
// account in region r, fetching a page when the previous one is used up.
// On failure it yields a zero PlatformApplication and the error, then
// stops. Breaking out of the loop stops fetching.
func (c *Client) ListPlatformApplicationsIter(ctx context.Context, r region.Region) iter.Seq2[model.PlatformApplication, error] {
	const op = "ListPlatformApplications"
	return listing(ctx, c, op, r, "",
		func(ctx context.Context) (context.Context, context.CancelFunc, API, error) {
			return c.call(ctx, op, r, "")
		},
		func(ctx context.Context, api API, token *string) ([]model.PlatformApplication, *string, error) {
			out, err := api.ListPlatformApplications(ctx, &sns.ListPlatformApplicationsInput{NextToken: token})
			if err != nil {
				return nil, nil, err
			}
			return wire.PlatformApplications(out.PlatformApplications), out.NextToken, nil
		})
}
