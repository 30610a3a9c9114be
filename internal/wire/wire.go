// Package wire converts between this module's model types and
// aws-sdk-go-v2's SNS types. It trusts its input: callers validate first.
package wire

import (
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
)

// PublishInput returns the SDK input for a validated request.
func PublishInput(r model.PublishRequest) *sns.PublishInput {
	in := MessageInput(r.Message)
	in.TopicArn = aws.String(r.Topic.ARN)
	return in
}

// MessageInput returns the SDK input for a validated message with no
// destination: the caller sets TopicArn, TargetArn or PhoneNumber. Every
// kind of Publish converts its message here.
func MessageInput(m model.Message) *sns.PublishInput {
	in := &sns.PublishInput{
		Message:           aws.String(m.Body),
		MessageAttributes: MessageAttributes(m.Attributes),
	}
	if m.Subject != "" {
		in.Subject = aws.String(m.Subject)
	}
	if m.GroupID != "" {
		in.MessageGroupId = aws.String(m.GroupID)
	}
	if m.DeduplicationID != "" {
		in.MessageDeduplicationId = aws.String(m.DeduplicationID)
	}
	if m.Structure != "" {
		in.MessageStructure = aws.String(string(m.Structure))
	}
	return in
}

// MessageAttributes converts typed attributes to the SDK's; nil for none.
func MessageAttributes(attrs map[string]model.MessageAttribute) map[string]types.MessageAttributeValue {
	if len(attrs) == 0 {
		return nil
	}
	out := make(map[string]types.MessageAttributeValue, len(attrs))
	for name, a := range attrs {
		v := types.MessageAttributeValue{DataType: aws.String(a.DataType())}
		if a.Type() == model.TypeBinary {
			v.BinaryValue = a.BinaryValue()
		} else {
			v.StringValue = aws.String(a.StringValue())
		}
		out[name] = v
	}
	return out
}

// Topic returns the topic an ARN from SNS names. It does not reject ARNs
// model.ParseTopicARN would (an emulator's, say): what SNS lists is listed.
func Topic(arn string) model.Topic {
	name := arn
	if i := strings.LastIndexByte(arn, ':'); i >= 0 {
		name = arn[i+1:]
	}
	return model.Topic{ARN: arn, Name: name}
}

// Tags converts tags to the SDK's list, sorted by key so requests are
// reproducible; nil for none.
func Tags(tags model.Tags) []types.Tag {
	if len(tags) == 0 {
		return nil
	}
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]types.Tag, len(keys))
	for i, k := range keys {
		out[i] = types.Tag{Key: aws.String(k), Value: aws.String(tags[k])}
	}
	return out
}
