package snstest

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sns"
)

// DeleteTopic deletes a topic and its subscriptions. "This action is
// idempotent, so deleting a topic that does not exist does not result in an
// error." Deliveries already recorded stay readable.
func (s *Server) DeleteTopic(ctx context.Context, in *sns.DeleteTopicInput, optFns ...func(*sns.Options)) (*sns.DeleteTopicOutput, error) {
	const op = "DeleteTopic"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.DeleteTopicInput{}
	}
	if err := newRequired("DeleteTopicInput").check("TopicArn", in.TopicArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	if err := s.checkTopicARN("TopicArn", op, r, *in.TopicArn); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.topics[*in.TopicArn]
	if !ok {
		return &sns.DeleteTopicOutput{}, nil
	}
	for _, arn := range t.subs {
		s.removeSubscriptionLocked(arn)
	}
	delete(s.topics, t.arn)
	return &sns.DeleteTopicOutput{}, nil
}
