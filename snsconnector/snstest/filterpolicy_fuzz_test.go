package snstest_test

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// FuzzFilterPolicyAgreement keeps the fake and the model together, whatever
// either becomes: Subscribe accepts a filter policy exactly when
// model.ParseFilterPolicy does, and the fake then delivers a message
// exactly when the policy's Match says so.
func FuzzFilterPolicyAgreement(f *testing.F) {
	f.Add(`{"a": ["x", 1, {"prefix": "p"}]}`, false, "String", "px", "m")
	f.Add(`{"a": [{"anything-but": [100, 500]}]}`, false, "String.Array", "[100, 50]", "m")
	f.Add(`{"a": [{"exists": true}]}`, true, "", "", `{"a": ""}`)
	f.Add(`{"$or": [{"a": ["x"]}, {"b": [{"exists": false}]}]}`, false, "String..", "x", "m")
	f.Add(`{"a": {"b": [{"numeric": [">", 0, "<=", 5]}]}}`, true, "Number", "3", `{"a": {"b": [1, 9]}}`)
	f.Add(`{"a": [{"wildcard": "*x*"}, {"anything-but": {"suffix": "z"}}]}`, false, "Number.float", "1.5", "m")
	f.Fuzz(func(t *testing.T, policy string, body bool, dataType, value, message string) {
		fake := snstest.New()
		arn := "arn:aws:sns:us-east-1:123456789012:t"
		if _, err := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("t")}); err != nil {
			t.Fatal(err)
		}
		scope := model.FilterScopeMessageAttributes
		if body {
			scope = model.FilterScopeMessageBody
		}
		p, parseErr := model.ParseFilterPolicy(scope, policy)
		if policy == "" {
			// An empty FilterPolicy attribute removes the policy: it is no
			// policy text, and ParseFilterPolicy has nothing to read.
			p, parseErr = model.FilterPolicy{}, nil
		}
		sub, err := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(arn), Protocol: aws.String("sqs"),
			Endpoint: aws.String("arn:aws:sqs:us-east-1:123456789012:q"), ReturnSubscriptionArn: true,
			Attributes: map[string]string{"FilterPolicy": policy, "FilterPolicyScope": string(scope)}})
		if (err == nil) != (parseErr == nil) {
			t.Fatalf("policy %q (%s): Subscribe says %v, ParseFilterPolicy says %v", policy, scope, err, parseErr)
		}
		if err != nil {
			return
		}
		in := &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String(message)}
		m := model.Message{Body: message}
		if dataType != "" {
			in.MessageAttributes = map[string]types.MessageAttributeValue{"a": {DataType: aws.String(dataType), StringValue: aws.String(value)}}
			if a, err := model.NewAttribute(dataType, value, nil); err == nil {
				m.Attributes = map[string]model.MessageAttribute{"a": a}
			}
		}
		if _, err := fake.Publish(ctx, in); err != nil {
			return // a message SNS refuses reaches no subscription
		}
		delivered := len(fake.Deliveries(aws.ToString(sub.SubscriptionArn))) == 1
		if want := p.Match(m); delivered != want {
			t.Fatalf("policy %q (%s), attribute %s %q, body %q: fake delivered %v, Match says %v", policy, scope, dataType, value, message, delivered, want)
		}
	})
}
