package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/region"
)

// DeleteEndpoint deletes a platform endpoint. Like SNS, deleting one that
// does not exist succeeds. Its subscriptions to topics stay until
// unsubscribed ("When you delete an endpoint that is also subscribed to a
// topic, then you must also unsubscribe the endpoint from the topic",
// DeleteEndpoint API reference).
func (c *Client) DeleteEndpoint(ctx context.Context, r region.Region, endpointARN string) error {
	const op = "DeleteEndpoint"
	ctx, cancel, api, err := c.endpointCall(ctx, op, r, endpointARN)
	defer cancel()
	if err != nil {
		return err
	}
	start := time.Now()
	_, err = api.DeleteEndpoint(ctx, &sns.DeleteEndpointInput{EndpointArn: aws.String(endpointARN)})
	return c.done(ctx, op, r, "", start, err)
}
