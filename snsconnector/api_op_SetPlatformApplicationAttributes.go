package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// SetPlatformApplicationAttributes applies changes to a platform
// application, built with model.Set...:
//
//	err := client.SetPlatformApplicationAttributes(ctx, r, app.ARN,
//		model.SetPlatformCredentials(model.FCMServiceAccount(serviceJSON)),
//		model.SetEndpointEventTopic(model.EventDeliveryFailure, failuresTopic.ARN))
//
// Every change is validated against the application's platform (its ARN
// names it) before any is sent; SNS takes them all in one call, so they
// apply together or not at all. New credentials never appear in errors or
// logs.
func (c *Client) SetPlatformApplicationAttributes(ctx context.Context, r region.Region, applicationARN string, changes ...model.PlatformApplicationChange) error {
	const op = "SetPlatformApplicationAttributes"
	ctx, cancel, api, app, err := c.applicationCall(ctx, op, r, applicationARN)
	defer cancel()
	if err != nil {
		return err
	}
	attrs := map[string]string{}
	var hide []string
	for _, ch := range changes {
		if err := ch.Validate(app.Platform); err != nil {
			return &Error{Op: op, Region: r, Err: err}
		}
		for k, v := range ch.RevealAttributes() {
			attrs[k] = v
		}
		hide = append(hide, revealedValues(ch.Credentials().RevealAttributes())...)
	}
	if len(attrs) == 0 {
		return nil
	}
	start := time.Now()
	_, err = api.SetPlatformApplicationAttributes(ctx, &sns.SetPlatformApplicationAttributesInput{
		PlatformApplicationArn: aws.String(applicationARN),
		Attributes:             attrs,
	})
	return c.done(ctx, op, r, "", start, redactAll(err, hide...))
}
