package snsconnector

import (
	"context"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// ConfirmSubscription confirms a subscription awaiting confirmation, with
// the token SNS sent to its endpoint (the Token of the
// SubscriptionConfirmation message an HTTP/S endpoint receives, or of the
// link in the confirmation email), and returns the subscription's ARN.
// Tokens are valid for two days.
//
// With authenticateOnUnsubscribe, only the topic's owner and the
// subscription's owner can unsubscribe, and only with signed requests; the
// unauthenticated link in every message then no longer works.
//
// The token is checked before anything is sent ([model.ValidateConfirmationToken])
// and never appears in errors or logs.
func (c *Client) ConfirmSubscription(ctx context.Context, r region.Region, topic model.Topic, token string, authenticateOnUnsubscribe bool) (string, error) {
	const op = "ConfirmSubscription"
	ctx, cancel, api, err := c.topicCall(ctx, op, r, topic)
	defer cancel()
	if err != nil {
		return "", err
	}
	if err := model.ValidateConfirmationToken(token); err != nil {
		return "", &Error{Op: op, Region: r, Topic: topic.ARN, Err: err}
	}
	in := &sns.ConfirmSubscriptionInput{TopicArn: aws.String(topic.ARN), Token: aws.String(token)}
	if authenticateOnUnsubscribe {
		in.AuthenticateOnUnsubscribe = aws.String("true")
	}
	start := time.Now()
	out, err := api.ConfirmSubscription(ctx, in)
	if err == nil && aws.ToString(out.SubscriptionArn) == "" {
		err = errNoSubscriptionARN
	}
	if err = c.done(ctx, op, r, topic.ARN, start, redact(err, token)); err != nil {
		return "", err
	}
	return aws.ToString(out.SubscriptionArn), nil
}
