package snstest_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/snsconnector/snstest"
)

// FuzzPublish sends arbitrary input through Publish, PublishBatch and
// Subscribe: the fake must never panic, and a call either succeeds or fails
// with a modeled error, never both.
func FuzzPublish(f *testing.F) {
	f.Add("orders", "hello", "s", "", "k", "String", "v", "", "", "sqs", `{"k": ["v"]}`)
	f.Add("orders.fifo", `{"default": "x"}`, "", "json", "n", "Number", "1e5", "g", "d", "https", `{"k": [{"numeric": [">", 1]}]}`)
	f.Add("", "", "\n", "xml", "AWS.x", "String.Array", `[1, {}]`, strings.Repeat("g", 200), "d d", "lambda", `{"$or": []}`)
	f.Fuzz(func(t *testing.T, topic, message, subject, structure, attrName, dataType, attrValue, group, dedup, protocol, policy string) {
		fake := snstest.New()
		attrs := map[string]string{}
		if strings.HasSuffix(topic, ".fifo") {
			attrs["FifoTopic"] = "true"
		}
		created, err := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(topic), Attributes: attrs})
		arn := "arn:aws:sns:us-east-1:123456789012:" + topic
		if err == nil {
			arn = aws.ToString(created.TopicArn)
		}
		check := func(hasOutput bool, err error) {
			if (err == nil) != hasOutput {
				t.Fatalf("output %v and error %v", hasOutput, err)
			}
		}
		sub, err := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(arn), Protocol: aws.String(protocol),
			Endpoint: aws.String("arn:aws:sqs:us-east-1:123456789012:q"), Attributes: map[string]string{"FilterPolicy": policy}})
		check(sub != nil, err)
		in := &sns.PublishInput{
			TopicArn:          aws.String(arn),
			Message:           aws.String(message),
			MessageAttributes: map[string]types.MessageAttributeValue{attrName: {DataType: aws.String(dataType), StringValue: aws.String(attrValue), BinaryValue: []byte(attrValue)}},
		}
		if subject != "" {
			in.Subject = aws.String(subject)
		}
		if structure != "" {
			in.MessageStructure = aws.String(structure)
		}
		if group != "" {
			in.MessageGroupId = aws.String(group)
		}
		if dedup != "" {
			in.MessageDeduplicationId = aws.String(dedup)
		}
		out, err := fake.Publish(ctx, in)
		check(out != nil, err)
		batch, err := fake.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(arn), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{{
			Id: aws.String(group), Message: in.Message, Subject: in.Subject, MessageStructure: in.MessageStructure,
			MessageAttributes: in.MessageAttributes, MessageGroupId: in.MessageGroupId, MessageDeduplicationId: in.MessageDeduplicationId,
		}}})
		check(batch != nil, err)
		if sub != nil {
			fake.Deliveries(aws.ToString(sub.SubscriptionArn))
		}
	})
}
