package snstest_test

import (
	"encoding/xml"
	"net/http"
	"net/http/httptest"
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

// FuzzServeHTTP sends arbitrary form bodies to the HTTP handler: it must
// never panic, and must answer every request with a status and a
// well-formed XML document, an error one unless the status is 200.
func FuzzServeHTTP(f *testing.F) {
	f.Add("Action=Publish&Version=2010-03-31&TopicArn=arn:aws:sns:us-east-1:123456789012:t&Message=m&MessageAttributes.entry.1.Name=n&MessageAttributes.entry.1.Value.DataType=Binary&MessageAttributes.entry.1.Value.BinaryValue=AA%3D%3D")
	f.Add("Action=PublishBatch&Version=2010-03-31&TopicArn=arn:aws:sns:us-east-1:123456789012:t&PublishBatchRequestEntries.member.1.Id=a&PublishBatchRequestEntries.member.1.Message=m&PublishBatchRequestEntries.member.2.Id=b")
	f.Add("Action=CreateTopic&Version=2010-03-31&Name=t&Attributes.entry.1.key=FifoTopic&Attributes.entry.2.value=x&Tags.member.1.Key=k&Tags=")
	f.Add("Action=Subscribe&Version=2010-03-31&TopicArn=arn:aws:sns:us-east-1:123456789012:t&Protocol=sqs&Endpoint=arn:aws:sqs:us-east-1:123456789012:q&ReturnSubscriptionArn=true")
	f.Add("Action=GetCallerIdentity&Version=2011-06-15")
	f.Add("Action=UntagResource&Version=2010-03-31&TagKeys.member.99=k&TagKeys.member.x=y")
	f.Fuzz(func(t *testing.T, body string) {
		fake := snstest.New()
		fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("t")})
		for range 2 { // the second time against what the first created
			rec := httptest.NewRecorder()
			fake.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body)))
			var doc struct {
				XMLName xml.Name
			}
			if err := xml.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
				t.Fatalf("status %d, not XML (%v): %s", rec.Code, err, rec.Body)
			}
			if (rec.Code == http.StatusOK) == (doc.XMLName.Local == "ErrorResponse") {
				t.Fatalf("status %d with a %s document", rec.Code, doc.XMLName.Local)
			}
		}
	})
}
