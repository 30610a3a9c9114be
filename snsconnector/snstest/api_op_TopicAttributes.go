package snstest

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/region"
)

// GetTopicAttributes returns a topic's attributes: those set, SNS's
// defaults (Policy, DisplayName, EffectiveDeliveryPolicy; FifoTopic and
// ContentBasedDeduplication on FIFO topics) and the read-only TopicArn,
// Owner and SubscriptionsConfirmed, SubscriptionsPending and
// SubscriptionsDeleted.
func (s *Server) GetTopicAttributes(ctx context.Context, in *sns.GetTopicAttributesInput, optFns ...func(*sns.Options)) (*sns.GetTopicAttributesOutput, error) {
	const op = "GetTopicAttributes"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.GetTopicAttributesInput{}
	}
	if err := newRequired("GetTopicAttributesInput").check("TopicArn", in.TopicArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("TopicArn", op, r, *in.TopicArn)
	if err != nil {
		return nil, opError(op, err)
	}
	return &sns.GetTopicAttributesOutput{Attributes: s.attributes(t)}, nil
}

// SetTopicAttributes sets one attribute. FifoTopic cannot change, and the
// read-only attributes cannot be set: both fail with InvalidParameter, as
// does a value outside the attribute's rule. An empty value removes an
// optional attribute.
func (s *Server) SetTopicAttributes(ctx context.Context, in *sns.SetTopicAttributesInput, optFns ...func(*sns.Options)) (*sns.SetTopicAttributesOutput, error) {
	const op = "SetTopicAttributes"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.SetTopicAttributesInput{}
	}
	if err := newRequired("SetTopicAttributesInput").check("TopicArn", in.TopicArn != nil).check("AttributeName", in.AttributeName != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("TopicArn", op, r, *in.TopicArn)
	if err != nil {
		return nil, opError(op, err)
	}
	name := *in.AttributeName
	value, err := topicAttribute(t.name, name, aws.ToString(in.AttributeValue), "Invalid parameter: ", invalidParameter("Invalid parameter: AttributeName"))
	if err != nil {
		return nil, opError(op, err)
	}
	switch {
	case name == "ArchivePolicy":
		s.setArchive(t, value)
	case value == "":
		delete(t.attrs, name) // an optional attribute back to its default
	default:
		t.attrs[name] = value
	}
	return &sns.SetTopicAttributesOutput{}, nil
}

// topicLocked returns the topic an ARN in a call to region r names, or the
// error SNS gives. The caller holds s.mu.
func (s *Server) topicLocked(field, op string, r region.Region, arn string) (*topic, error) {
	if err := s.checkTopicARN(field, op, r, arn); err != nil {
		return nil, err
	}
	t, ok := s.topics[arn]
	if !ok {
		return nil, topicNotFound()
	}
	return t, nil
}
