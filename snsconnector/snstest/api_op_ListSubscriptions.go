package snstest

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
)

// ListSubscriptions returns the subscriptions of every topic of the
// region, a page of up to 100 at a time, in ARN order, listed as
// ListSubscriptionsByTopic lists them. Subscriptions of other regions are
// not listed.
func (s *Server) ListSubscriptions(ctx context.Context, in *sns.ListSubscriptionsInput, optFns ...func(*sns.Options)) (*sns.ListSubscriptionsOutput, error) {
	const op = "ListSubscriptions"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.ListSubscriptionsInput{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var arns []string
	for arn := range s.subs {
		if _, ok := s.subscriptionLocked(r, arn); ok {
			arns = append(arns, arn)
		}
	}
	slices.Sort(arns)
	keys, next, err := page(arns, in.NextToken)
	if err != nil {
		return nil, opError(op, err)
	}
	out := &sns.ListSubscriptionsOutput{Subscriptions: make([]types.Subscription, len(keys))}
	for i, arn := range keys {
		out.Subscriptions[i] = s.listed(s.subs[arn])
	}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}
