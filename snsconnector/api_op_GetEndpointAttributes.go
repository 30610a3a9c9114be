package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// GetEndpointAttributes returns a platform endpoint's state: whether
// delivery is enabled (SNS disables an endpoint whose token the platform
// rejects), its device token and its user data, the last two as
// [model.PersonalData].
func (c *Client) GetEndpointAttributes(ctx context.Context, r region.Region, endpointARN string) (*model.PlatformEndpoint, error) {
	const op = "GetEndpointAttributes"
	ctx, cancel, api, err := c.endpointCall(ctx, op, r, endpointARN)
	defer cancel()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	out, err := api.GetEndpointAttributes(ctx, &sns.GetEndpointAttributesInput{EndpointArn: aws.String(endpointARN)})
	if err = c.done(ctx, op, r, "", start, err); err != nil {
		return nil, err
	}
	ep := model.ParsePlatformEndpoint(endpointARN, out.Attributes)
	return &ep, nil
}
