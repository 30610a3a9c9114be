package snstest

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/region"
)

// TagResource adds tags to a topic, replacing the values of keys it has.
// A topic that does not exist is ResourceNotFound; more than 50 tags in
// all, TagLimitExceeded.
func (s *Server) TagResource(ctx context.Context, in *sns.TagResourceInput, optFns ...func(*sns.Options)) (*sns.TagResourceOutput, error) {
	const op = "TagResource"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.TagResourceInput{}
	}
	req := newRequired("TagResourceInput").check("ResourceArn", in.ResourceArn != nil).check("Tags", in.Tags != nil)
	if err := req.nested("Tags", tagsRequired(in.Tags)).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.taggedLocked(op, r, *in.ResourceArn)
	if err != nil {
		return nil, opError(op, err)
	}
	tags, err := checkTags(in.Tags, t.tags)
	if err != nil {
		return nil, opError(op, err)
	}
	t.tags = tags
	return &sns.TagResourceOutput{}, nil
}

// UntagResource removes tags from a topic; keys it does not have are
// ignored.
func (s *Server) UntagResource(ctx context.Context, in *sns.UntagResourceInput, optFns ...func(*sns.Options)) (*sns.UntagResourceOutput, error) {
	const op = "UntagResource"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.UntagResourceInput{}
	}
	if err := newRequired("UntagResourceInput").check("ResourceArn", in.ResourceArn != nil).check("TagKeys", in.TagKeys != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.taggedLocked(op, r, *in.ResourceArn)
	if err != nil {
		return nil, opError(op, err)
	}
	for _, k := range in.TagKeys {
		delete(t.tags, k)
	}
	return &sns.UntagResourceOutput{}, nil
}

// ListTagsForResource returns a topic's tags, ordered by key.
func (s *Server) ListTagsForResource(ctx context.Context, in *sns.ListTagsForResourceInput, optFns ...func(*sns.Options)) (*sns.ListTagsForResourceOutput, error) {
	const op = "ListTagsForResource"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.ListTagsForResourceInput{}
	}
	if err := newRequired("ListTagsForResourceInput").check("ResourceArn", in.ResourceArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.taggedLocked(op, r, *in.ResourceArn)
	if err != nil {
		return nil, opError(op, err)
	}
	keys := make([]string, 0, len(t.tags))
	for k := range t.tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := &sns.ListTagsForResourceOutput{Tags: make([]types.Tag, len(keys))}
	for i, k := range keys {
		out.Tags[i] = types.Tag{Key: aws.String(k), Value: aws.String(t.tags[k])}
	}
	return out, nil
}

// taggedLocked returns the topic a tagging call names. Tagging answers a
// missing topic with ResourceNotFound, not NotFound.
func (s *Server) taggedLocked(op string, r region.Region, arn string) (*topic, error) {
	if err := s.checkTopicARN("ResourceArn", op, r, arn); err != nil {
		return nil, err
	}
	t, ok := s.topics[arn]
	if !ok {
		return nil, resourceNotFound()
	}
	return t, nil
}
