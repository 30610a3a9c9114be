package snstest

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
)

// Unsubscribe deletes a subscription. Deleting one that does not exist
// succeeds, as with SNS; an ARN that is not a subscription ARN (by the
// model's rules, model.ParseSubscriptionARN) is InvalidParameter.
func (s *Server) Unsubscribe(ctx context.Context, in *sns.UnsubscribeInput, optFns ...func(*sns.Options)) (*sns.UnsubscribeOutput, error) {
	const op = "Unsubscribe"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.UnsubscribeInput{}
	}
	if err := newRequired("UnsubscribeInput").check("SubscriptionArn", in.SubscriptionArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	arn := *in.SubscriptionArn
	if _, err := model.ParseSubscriptionARN(arn); err != nil {
		if _, err := parseARN("SubscriptionArn", arn, "sns"); err != nil {
			return nil, opError(op, err)
		}
		return nil, opError(op, invalidParameter("Invalid parameter: SubscriptionId"))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, ok := s.subscriptionLocked(r, arn)
	if !ok {
		return &sns.UnsubscribeOutput{}, nil
	}
	if t, ok := s.topics[sub.topicARN]; ok {
		t.subs = slices.DeleteFunc(t.subs, func(a string) bool { return a == arn })
	}
	s.removeSubscriptionLocked(arn)
	return &sns.UnsubscribeOutput{}, nil
}
