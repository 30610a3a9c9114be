package wire

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
)

// SubscribeInput returns the SDK input for a validated request and its
// attributes. It asks for the subscription ARN even when the subscription
// awaits confirmation, so the caller can always address it.
func SubscribeInput(req model.SubscribeRequest, attrs map[string]string) *sns.SubscribeInput {
	return &sns.SubscribeInput{
		TopicArn:              aws.String(req.Topic.ARN),
		Protocol:              aws.String(string(req.Endpoint.Protocol())),
		Endpoint:              aws.String(req.Endpoint.Address()),
		Attributes:            attrs,
		ReturnSubscriptionArn: true,
	}
}

// Subscribed returns the subscription Subscribe made for req, given the ARN
// SNS answered. SNS does not say whether it awaits confirmation; the
// protocols SNS always asks to confirm are marked pending.
func Subscribed(req model.SubscribeRequest, arn string) model.Subscription {
	p := req.Endpoint.Protocol()
	s := model.Subscription{
		TopicARN: req.Topic.ARN,
		Protocol: p,
		Endpoint: model.PersonalData(req.Endpoint.Address()),
		Pending:  p.RequiresConfirmation(),
	}
	setARN(&s, arn)
	return s
}

// Subscription returns the subscription SNS listed. Like Topic, it keeps
// what SNS says and rejects nothing.
func Subscription(in types.Subscription) model.Subscription {
	s := model.Subscription{
		TopicARN: aws.ToString(in.TopicArn),
		Protocol: model.Protocol(aws.ToString(in.Protocol)),
		Endpoint: model.PersonalData(aws.ToString(in.Endpoint)),
		Owner:    aws.ToString(in.Owner),
	}
	setARN(&s, aws.ToString(in.SubscriptionArn))
	return s
}

// Subscriptions converts a page of listed subscriptions.
func Subscriptions(in []types.Subscription) []model.Subscription {
	out := make([]model.Subscription, len(in))
	for i, s := range in {
		out[i] = Subscription(s)
	}
	return out
}

// setARN sets the subscription's ARN, or the state SNS's placeholder for
// an ARN stands for.
func setARN(s *model.Subscription, arn string) {
	switch {
	case model.IsPendingConfirmation(arn):
		s.Pending = true
	case arn == model.DeletedSubscriptionARN:
		s.Deleted = true
	default:
		s.ARN = arn
	}
}
