package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// SetEndpointAttributes applies changes to a platform endpoint, typically
// a new token and re-enabling after SNS disabled the endpoint:
//
//	err := client.SetEndpointAttributes(ctx, r, ep.ARN,
//		model.SetEndpointToken(model.PersonalData(newToken)), model.SetEndpointEnabled(true))
//
// Every change is validated before any is sent; SNS takes them all in one
// call. Tokens and user data never appear in errors or logs.
func (c *Client) SetEndpointAttributes(ctx context.Context, r region.Region, endpointARN string, changes ...model.EndpointAttributeChange) error {
	const op = "SetEndpointAttributes"
	ctx, cancel, api, err := c.endpointCall(ctx, op, r, endpointARN)
	defer cancel()
	if err != nil {
		return err
	}
	attrs := map[string]string{}
	var hide []string
	for _, ch := range changes {
		if err := ch.Validate(); err != nil {
			return &Error{Op: op, Region: r, Err: err}
		}
		attrs[ch.Name] = ch.Value.Reveal()
		if ch.Name != "Enabled" {
			hide = append(hide, ch.Value.Reveal())
		}
	}
	if len(attrs) == 0 {
		return nil
	}
	start := time.Now()
	_, err = api.SetEndpointAttributes(ctx, &sns.SetEndpointAttributesInput{EndpointArn: aws.String(endpointARN), Attributes: attrs})
	return c.done(ctx, op, r, "", start, redactAll(err, hide...))
}
