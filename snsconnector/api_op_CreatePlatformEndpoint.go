package snsconnector

import (
	"context"
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

var errNoEndpointARN = errors.New("the service accepted the call but returned no endpoint ARN")

// CreatePlatformEndpoint registers a device with a platform application and
// returns its endpoint, the target of [Client.PublishToEndpoint] and of
// application subscriptions:
//
//	ep, err := client.CreatePlatformEndpoint(ctx, r, model.CreatePlatformEndpointRequest{
//		Application: app.ARN,
//		Token:       model.PersonalData(deviceToken),
//	})
//	device, err := ep.Endpoint()
//	resp, err := client.PublishToEndpoint(ctx, r, device, model.Message{Body: "Hello"})
//
// The application must be in region r, the token present and the user data
// UTF-8 under 2 KB; invalid input fails with a *model.ValidationError
// inside the *Error before anything is sent. The token and the user data
// are personal data: they never appear in errors or logs.
//
// Like SNS, it is idempotent: the same token with the same attributes
// returns the existing endpoint, and the same token with different user
// data is an InvalidParameter error.
func (c *Client) CreatePlatformEndpoint(ctx context.Context, r region.Region, req model.CreatePlatformEndpointRequest) (model.PlatformEndpoint, error) {
	const op = "CreatePlatformEndpoint"
	ctx, cancel, api, _, err := c.applicationCall(ctx, op, r, req.Application)
	defer cancel()
	if err != nil {
		return model.PlatformEndpoint{}, err
	}
	if err := req.Validate(); err != nil {
		return model.PlatformEndpoint{}, &Error{Op: op, Region: r, Err: err}
	}
	in := &sns.CreatePlatformEndpointInput{
		PlatformApplicationArn: aws.String(req.Application),
		Token:                  aws.String(req.Token.Reveal()),
		Attributes:             req.Attributes(),
	}
	if req.CustomUserData != "" {
		in.CustomUserData = aws.String(req.CustomUserData.Reveal())
	}
	start := time.Now()
	out, err := api.CreatePlatformEndpoint(ctx, in)
	if err == nil && aws.ToString(out.EndpointArn) == "" {
		err = errNoEndpointARN
	}
	if err = c.done(ctx, op, r, "", start, redactAll(err, req.Token.Reveal(), req.CustomUserData.Reveal())); err != nil {
		return model.PlatformEndpoint{}, err
	}
	return model.PlatformEndpoint{
		ARN:            aws.ToString(out.EndpointArn),
		Enabled:        true,
		Token:          req.Token,
		CustomUserData: req.CustomUserData,
		Raw:            map[string]string{},
	}, nil
}
