package snstest

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
)

// ConfirmSubscription confirms a pending subscription with the token SNS
// sent its endpoint. A token is good for two days (by the fake's clock); an
// unknown or expired token, or one for another topic, is InvalidParameter.
// Confirming again returns the same ARN.
func (s *Server) ConfirmSubscription(ctx context.Context, in *sns.ConfirmSubscriptionInput, optFns ...func(*sns.Options)) (*sns.ConfirmSubscriptionOutput, error) {
	const op = "ConfirmSubscription"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.ConfirmSubscriptionInput{}
	}
	if err := newRequired("ConfirmSubscriptionInput").check("TopicArn", in.TopicArn != nil).check("Token", in.Token != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.topicLocked("TopicArn", op, r, *in.TopicArn); err != nil {
		return nil, opError(op, err)
	}
	sub, ok := s.subs[s.tokens[*in.Token]]
	if !ok || sub.topicARN != *in.TopicArn {
		return nil, opError(op, invalidParameter("Invalid parameter: Token"))
	}
	if !sub.confirmed {
		if s.clock().Sub(sub.tokenAt) >= tokenValidity {
			return nil, opError(op, invalidParameter("Invalid token"))
		}
		sub.confirmed = true
	}
	return &sns.ConfirmSubscriptionOutput{SubscriptionArn: aws.String(sub.arn)}, nil
}
