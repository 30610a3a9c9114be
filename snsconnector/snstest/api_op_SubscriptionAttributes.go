package snstest

import (
	"context"
	"maps"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
)

// GetSubscriptionAttributes returns a subscription's attributes: those set
// and what SNS reports besides (SubscriptionArn, TopicArn, Protocol,
// Endpoint, Owner, PendingConfirmation, ConfirmationWasAuthenticated,
// RawMessageDelivery, and FilterPolicyScope when there is a FilterPolicy).
// It works for a pending subscription too, given its ARN.
func (s *Server) GetSubscriptionAttributes(ctx context.Context, in *sns.GetSubscriptionAttributesInput, optFns ...func(*sns.Options)) (*sns.GetSubscriptionAttributesOutput, error) {
	const op = "GetSubscriptionAttributes"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.GetSubscriptionAttributesInput{}
	}
	if err := newRequired("GetSubscriptionAttributesInput").check("SubscriptionArn", in.SubscriptionArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, ok := s.subscriptionLocked(r, *in.SubscriptionArn)
	if !ok {
		return nil, opError(op, subscriptionNotFound())
	}
	attrs := map[string]string{
		"SubscriptionArn":              sub.arn,
		"TopicArn":                     sub.topicARN,
		"Protocol":                     sub.protocol,
		"Endpoint":                     sub.endpoint,
		"Owner":                        s.account,
		"PendingConfirmation":          strconv.FormatBool(!sub.confirmed),
		"ConfirmationWasAuthenticated": strconv.FormatBool(sub.confirmed),
		"RawMessageDelivery":           "false",
		"SubscriptionPrincipal":        "arn:" + string(r.Partition()) + ":iam::" + s.account + ":user/snstest",
	}
	maps.Copy(attrs, sub.attrs)
	if attrs["FilterPolicy"] != "" && attrs["FilterPolicyScope"] == "" {
		attrs["FilterPolicyScope"] = "MessageAttributes"
	}
	if attrs["ReplayPolicy"] != "" {
		// The fake redelivers nothing: the replay is over as soon as asked.
		attrs["ReplayStatus"] = string(model.ReplayCompleted)
	}
	return &sns.GetSubscriptionAttributesOutput{Attributes: attrs}, nil
}

// SetSubscriptionAttributes sets one subscription attribute, checked as
// Subscribe checks it: a filter policy SNS would refuse, a scope its policy
// does not fit, or raw delivery on a protocol without it is
// InvalidParameter. An empty FilterPolicy removes the policy.
func (s *Server) SetSubscriptionAttributes(ctx context.Context, in *sns.SetSubscriptionAttributesInput, optFns ...func(*sns.Options)) (*sns.SetSubscriptionAttributesOutput, error) {
	const op = "SetSubscriptionAttributes"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.SetSubscriptionAttributesInput{}
	}
	if err := newRequired("SetSubscriptionAttributesInput").check("SubscriptionArn", in.SubscriptionArn != nil).check("AttributeName", in.AttributeName != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sub, ok := s.subscriptionLocked(r, *in.SubscriptionArn)
	if !ok {
		return nil, opError(op, subscriptionNotFound())
	}
	topicARN, _ := model.ParseTopicARN(sub.topicARN) // the fake's own ARN
	set := map[string]string{*in.AttributeName: aws.ToString(in.AttributeValue)}
	attrs, policy, err := applyAttributes(topicARN, sub.attrs, set, sub.protocol, sub.endpoint, "Invalid parameter: ")
	if err != nil {
		return nil, opError(op, err)
	}
	sub.attrs, sub.policy = attrs, policy
	return &sns.SetSubscriptionAttributesOutput{}, nil
}
