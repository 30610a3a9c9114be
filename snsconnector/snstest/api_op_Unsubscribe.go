package snstest

import (
	"context"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/sns"
)

// Unsubscribe deletes a subscription. Deleting one that does not exist
// succeeds, as with SNS; an ARN that is not a subscription ARN is
// InvalidParameter.
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
	a, err := parseARN("SubscriptionArn", arn, "sns")
	if err != nil {
		return nil, opError(op, err)
	}
	if !strings.Contains(a.Resource, ":") { // a topic ARN: no subscription ID
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
