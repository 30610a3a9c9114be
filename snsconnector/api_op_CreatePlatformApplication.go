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

var errNoApplicationARN = errors.New("the service accepted the call but returned no platform application ARN")

// CreatePlatformApplication registers an app with a push platform, so that
// its devices can be added as endpoints ([Client.CreatePlatformEndpoint]):
//
//	app, err := client.CreatePlatformApplication(ctx, r, model.CreatePlatformApplicationRequest{
//		Name:        "my-app",
//		Platform:    model.PlatformAPNS,
//		Credentials: model.APNSToken(signingKeyPEM, "ABC123DEFG", "DEF123GHIJ", "com.example.app"),
//	})
//
// The request is validated first (name, platform, credentials that fit the
// platform, event topics and roles); invalid input fails with a
// *model.ValidationError inside the *Error before anything is sent. The
// credentials never appear in errors or logs, even when SNS echoes them.
// SNS checks them with the platform, so wrong ones fail with
// InvalidParameter.
func (c *Client) CreatePlatformApplication(ctx context.Context, r region.Region, req model.CreatePlatformApplicationRequest) (model.PlatformApplication, error) {
	const op = "CreatePlatformApplication"
	ctx, cancel, api, err := c.call(ctx, op, r, "")
	defer cancel()
	if err != nil {
		return model.PlatformApplication{}, err
	}
	attrs, err := req.RevealAttributes()
	if err != nil {
		return model.PlatformApplication{}, &Error{Op: op, Region: r, Err: err}
	}
	start := time.Now()
	out, err := api.CreatePlatformApplication(ctx, &sns.CreatePlatformApplicationInput{
		Name:       aws.String(req.Name),
		Platform:   aws.String(string(req.Platform)),
		Attributes: attrs,
	})
	if err == nil && aws.ToString(out.PlatformApplicationArn) == "" {
		err = errNoApplicationARN
	}
	if err = c.done(ctx, op, r, "", start, redactAll(err, revealedValues(req.Credentials.RevealAttributes())...)); err != nil {
		return model.PlatformApplication{}, err
	}
	return model.PlatformApplication{
		ARN:        aws.ToString(out.PlatformApplicationArn),
		Platform:   req.Platform,
		Name:       req.Name,
		Enabled:    true,
		Attributes: req.Attributes,
	}, nil
}
