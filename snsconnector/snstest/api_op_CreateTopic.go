package snstest

import (
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
)

// CreateTopic creates a topic, or returns the ARN of the topic of that name
// in the region: "This action is idempotent, so if the requester already
// owns a topic with the specified name, that topic's ARN is returned without
// creating a new topic." Asking again with an attribute or tag the topic
// does not have fails with InvalidParameter, as SNS does.
func (s *Server) CreateTopic(ctx context.Context, in *sns.CreateTopicInput, optFns ...func(*sns.Options)) (*sns.CreateTopicOutput, error) {
	const op = "CreateTopic"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.CreateTopicInput{}
	}
	req := newRequired("CreateTopicInput").check("Name", in.Name != nil)
	if tags := tagsRequired(in.Tags); tags != nil {
		req.nested("Tags", tags)
	}
	if err := req.err(); err != nil {
		return nil, opError(op, err)
	}
	name := *in.Name
	fifo := strings.EqualFold(in.Attributes["FifoTopic"], "true")
	if err := topicNameError(name, fifo); err != nil {
		return nil, opError(op, err)
	}
	attrs := map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(in.Attributes)) {
		v := in.Attributes[k]
		if k == "FifoTopic" {
			if !strings.EqualFold(v, "true") && !strings.EqualFold(v, "false") {
				return nil, opError(op, invalidParameter("Invalid parameter: Attributes Reason: FifoTopic: value must be true or false"))
			}
			continue // SNS keeps FifoTopic only for FIFO topics
		}
		const prefix = "Invalid parameter: Attributes Reason: "
		kept, err := topicAttribute(name, k, v, prefix, invalidParameter(prefix+"Unknown attribute %s", clip(k)))
		if err != nil {
			return nil, opError(op, err)
		}
		if kept != "" {
			attrs[k] = kept
		}
	}
	if fifo {
		attrs["FifoTopic"] = "true"
		if attrs["ContentBasedDeduplication"] == "" {
			attrs["ContentBasedDeduplication"] = "false"
		}
	}
	tags, err := checkTags(in.Tags, nil)
	if err != nil {
		return nil, opError(op, err)
	}
	dataProtection := aws.ToString(in.DataProtectionPolicy)
	if dataProtection != "" {
		if err := checkDataProtectionPolicy(dataProtection); err != nil {
			return nil, opError(op, err)
		}
	}

	arn := s.topicARN(r, name)
	s.mu.Lock()
	defer s.mu.Unlock()
	if t, ok := s.topics[arn]; ok {
		effective := s.attributes(t)
		for k, v := range attrs {
			if effective[k] != v {
				return nil, opError(op, invalidParameter("Invalid parameter: Attributes Reason: Topic already exists with different attributes"))
			}
		}
		for k, v := range tags {
			if cur, ok := t.tags[k]; !ok || cur != v {
				return nil, opError(op, invalidParameter("Invalid parameter: Tags Reason: Topic already exists with different tags"))
			}
		}
		return &sns.CreateTopicOutput{TopicArn: aws.String(arn)}, nil
	}
	limit, count := maxStandardTopics, 0
	if fifo {
		limit = maxFIFOTopics
	}
	for _, t := range s.topics {
		if t.region == r && t.fifo == fifo {
			count++
		}
	}
	if count >= limit {
		return nil, opError(op, &types.TopicLimitExceededException{Message: aws.String("Topic limit exceeded")})
	}
	s.topics[arn] = &topic{arn: arn, name: name, region: r, fifo: fifo, attrs: attrs, tags: maps.Clone(tags), dataProtection: dataProtection}
	if s.topics[arn].tags == nil {
		s.topics[arn].tags = map[string]string{}
	}
	if p, ok := attrs["ArchivePolicy"]; ok {
		s.setArchive(s.topics[arn], p)
	}
	return &sns.CreateTopicOutput{TopicArn: aws.String(arn)}, nil
}
