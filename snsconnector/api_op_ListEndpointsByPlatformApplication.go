package snsconnector

import (
	"context"
	"iter"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// ListEndpointsByPlatformApplication returns every endpoint of a platform
// application, following SNS's pages to the end. An application can have
// millions of devices: [Client.ListEndpointsByPlatformApplicationIter]
// yields them without holding all of them.
func (c *Client) ListEndpointsByPlatformApplication(ctx context.Context, r region.Region, applicationARN string) (*model.ListEndpointsResponse, error) {
	eps, err := collect(c.ListEndpointsByPlatformApplicationIter(ctx, r, applicationARN))
	if err != nil {
		return nil, err
	}
	return &model.ListEndpointsResponse{Endpoints: eps}, nil
}

// ListEndpointsByPlatformApplicationIter yields a platform application's
// endpoints, fetching a page when the previous one is used up. On failure
// it yields a zero PlatformEndpoint and the error, then stops. Breaking out
// of the loop stops fetching.
func (c *Client) ListEndpointsByPlatformApplicationIter(ctx context.Context, r region.Region, applicationARN string) iter.Seq2[model.PlatformEndpoint, error] {
	const op = "ListEndpointsByPlatformApplication"
	return listing(ctx, c, op, r, "",
		func(ctx context.Context) (context.Context, context.CancelFunc, API, error) {
			ctx, cancel, api, _, err := c.applicationCall(ctx, op, r, applicationARN)
			return ctx, cancel, api, err
		},
		func(ctx context.Context, api API, token *string) ([]model.PlatformEndpoint, *string, error) {
			out, err := api.ListEndpointsByPlatformApplication(ctx, &sns.ListEndpointsByPlatformApplicationInput{
				PlatformApplicationArn: aws.String(applicationARN), NextToken: token,
			})
			if err != nil {
				return nil, nil, err
			}
			return wire.PlatformEndpoints(out.Endpoints), out.NextToken, nil
		})
}
