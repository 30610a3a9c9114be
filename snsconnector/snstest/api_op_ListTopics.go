package snstest

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
)

// ListTopics returns the region's topics a page of up to 100 at a time,
// with a NextToken while more remain. Topics of other regions are not
// listed. Topics come in ARN order.
func (s *Server) ListTopics(ctx context.Context, in *sns.ListTopicsInput, optFns ...func(*sns.Options)) (*sns.ListTopicsOutput, error) {
	const op = "ListTopics"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.ListTopicsInput{}
	}
	s.mu.Lock()
	var arns []string
	for arn, t := range s.topics {
		if t.region == r {
			arns = append(arns, arn)
		}
	}
	s.mu.Unlock()
	slices.Sort(arns)
	keys, next, err := page(arns, in.NextToken)
	if err != nil {
		return nil, opError(op, err)
	}
	out := &sns.ListTopicsOutput{Topics: make([]types.Topic, len(keys))}
	for i, arn := range keys {
		out.Topics[i] = types.Topic{TopicArn: aws.String(arn)}
	}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}
