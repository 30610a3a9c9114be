package snstest

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
)

// ListSubscriptionsByTopic returns a topic's subscriptions a page of up to
// 100 at a time, in ARN order. A subscription awaiting confirmation is listed with the
// SubscriptionArn "PendingConfirmation", as SNS lists it. A topic that does
// not exist is NotFound.
func (s *Server) ListSubscriptionsByTopic(ctx context.Context, in *sns.ListSubscriptionsByTopicInput, optFns ...func(*sns.Options)) (*sns.ListSubscriptionsByTopicOutput, error) {
	const op = "ListSubscriptionsByTopic"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.ListSubscriptionsByTopicInput{}
	}
	if err := newRequired("ListSubscriptionsByTopicInput").check("TopicArn", in.TopicArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("TopicArn", op, r, *in.TopicArn)
	if err != nil {
		return nil, opError(op, err)
	}
	arns := slices.Sorted(slices.Values(t.subs))
	keys, next, err := page(arns, in.NextToken)
	if err != nil {
		return nil, opError(op, err)
	}
	out := &sns.ListSubscriptionsByTopicOutput{Subscriptions: make([]types.Subscription, len(keys))}
	for i, arn := range keys {
		out.Subscriptions[i] = s.listed(s.subs[arn])
	}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}

// listed is a subscription as the listings show it: one awaiting
// confirmation has the SubscriptionArn "PendingConfirmation".
func (s *Server) listed(sub *subscription) types.Subscription {
	arn := sub.arn
	if !sub.confirmed {
		arn = "PendingConfirmation"
	}
	return types.Subscription{
		SubscriptionArn: aws.String(arn),
		TopicArn:        aws.String(sub.topicARN),
		Protocol:        aws.String(sub.protocol),
		Endpoint:        aws.String(sub.endpoint),
		Owner:           aws.String(s.account),
	}
}
