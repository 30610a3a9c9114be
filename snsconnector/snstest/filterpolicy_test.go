package snstest_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// TestFilterPolicyVerdictsAgree holds the policies on which model and fake
// once disagreed: now both give the verdict of the guide where it states
// one, and the documented choice where it is silent.
func TestFilterPolicyVerdictsAgree(t *testing.T) {
	tests := []struct {
		name   string
		scope  string
		policy string
		accept bool
	}{
		{"{} is no policy (SetSubscriptionAttributes clears with it)", "", `{}`, true},
		{"a number beyond 10^9 (Filter policy constraints)", "", `{"price": [{"numeric": [">", 1e10]}]}`, false},
		{"an exact number beyond 10^9", "", `{"price": [10000000000]}`, false},
		{"six decimal places: SNS keeps five (choice: refuse, not round)", "", `{"price": [{"numeric": ["=", 0.000001]}]}`, false},
		{"an empty prefix matches every string (choice: refuse)", "", `{"k": [{"prefix": ""}]}`, false},
		{"an empty suffix (choice: refuse)", "", `{"k": [{"suffix": ""}]}`, false},
		{"an empty anything-but prefix", "", `{"k": [{"anything-but": {"prefix": ""}}]}`, false},
		{"anything-but with a suffix (String value matching)", "", `{"k": [{"anything-but": {"suffix": "-cancelled"}}]}`, true},
		{"anything-but with a wildcard", "", `{"k": [{"anything-but": {"wildcard": "*-test"}}]}`, true},
		{"a one-alternative $or is a key named $or (AND/OR logic), not an attribute name", "", `{"$or": [{"a": ["x"]}]}`, false},
		{"a one-alternative $or in a body policy holds no match expression", "MessageBody", `{"$or": [{"a": ["x"]}]}`, false},
		{"$or holding values is a body property named $or (AND/OR logic)", "MessageBody", `{"$or": ["x", "y"]}`, true},
		{"a duplicate key (choice: refuse; a decoder would keep one)", "", `{"a": ["x"], "a": ["y"]}`, false},
		{"a mixed anything-but list (choice: refuse, as SNS's engine does)", "", `{"k": [{"anything-but": ["a", 1]}]}`, false},
		{"invalid UTF-8 in a value (Filter policy constraints)", "", "{\"k\": [\"\xff\"]}", false},
		{"invalid UTF-8 in a key", "", "{\"\xff\": [\"x\"]}", false},
		{"a wildcard with four '*'", "", `{"k": [{"wildcard": "*a*b*c*"}]}`, false},
		{"a wildcard with three", "", `{"k": [{"wildcard": "*a*b*c"}]}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := model.ParseFilterPolicy(model.FilterScope(tt.scope), tt.policy)
			if (err == nil) != tt.accept {
				t.Errorf("model: ParseFilterPolicy = %v; want accepted %v", err, tt.accept)
			}
			fake := snstest.New()
			arn := mustCreate(t, fake, "t", nil)
			attrs := map[string]string{"FilterPolicy": tt.policy}
			if tt.scope != "" {
				attrs["FilterPolicyScope"] = tt.scope
			}
			_, err = fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(arn), Protocol: aws.String("sqs"),
				Endpoint: aws.String(queueARN), Attributes: attrs})
			if (err == nil) != tt.accept {
				t.Errorf("snstest: Subscribe = %v; want accepted %v", err, tt.accept)
			}
			if !tt.accept {
				wantErr[*types.InvalidParameterException](t, err, "Subscribe")
			}
		})
	}
}

// TestFilterPolicyDeliveries publishes through the fake what the guide says
// a policy lets through or not, on the rules the issue found broken.
func TestFilterPolicyDeliveries(t *testing.T) {
	type attrs = map[string]types.MessageAttributeValue
	s := func(dt, v string) types.MessageAttributeValue {
		return types.MessageAttributeValue{DataType: aws.String(dt), StringValue: aws.String(v)}
	}
	tests := []struct {
		name   string
		scope  string
		policy string
		body   string
		attrs  attrs
		want   bool
	}{
		// Numeric value matching: "[100, 50]" matches anything-but [100, 500]
		// "because it contains a value that isn't 100 or 500".
		{"anything-but, an array with a value not excluded", "", `{"price": [{"anything-but": [100, 500]}]}`, "m", attrs{"price": s("String.Array", "[100, 50]")}, true},
		{"anything-but, a body array with a value not excluded", "MessageBody", `{"price": [{"anything-but": [100, 500]}]}`, `{"price": [100, 50]}`, nil, true},
		{"anything-but, an array of excluded values only", "", `{"price": [{"anything-but": [100, 500]}]}`, "m", attrs{"price": s("String.Array", "[100, 500]")}, false},
		{"anything-but strings, String.Array", "", `{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}`, "m", attrs{"customer_interests": s("String.Array", `["rugby", "baseball"]`)}, true},
		// Key matching: "The key must have a non-null and non-empty value."
		{"exists, an empty string", "MessageBody", `{"store": [{"exists": true}]}`, `{"store": ""}`, nil, false},
		{"exists, null", "MessageBody", `{"store": [{"exists": true}]}`, `{"store": null}`, nil, false},
		{"exists, an empty array", "", `{"store": [{"exists": true}]}`, "m", attrs{"store": s("String.Array", "[]")}, false},
		{"exists, a value", "MessageBody", `{"store": [{"exists": true}]}`, `{"store": "fans"}`, nil, true},
		// Filter policy constraints: Binary attributes are ignored.
		{"a Binary attribute does not exist for a policy", "", `{"blob": [{"exists": true}]}`, "m", attrs{"blob": {DataType: aws.String("Binary"), BinaryValue: []byte{1}}}, false},
		// A custom label SNS accepts, and filters as its base type.
		{"String.. is a String", "", `{"k": [{"prefix": "v"}]}`, "m", attrs{"k": s("String..", "value")}, true},
		{"Number.µs is a Number", "", `{"k": [{"numeric": [">", 1]}]}`, "m", attrs{"k": s("Number.µs", "2")}, true},
		{"wildcard", "", `{"file": [{"wildcard": "*.png"}]}`, "m", attrs{"file": s("String", "a/b.png")}, true},
		{"anything-but suffix", "", `{"event": [{"anything-but": {"suffix": "-cancelled"}}]}`, "m", attrs{"event": s("String", "order-cancelled")}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := snstest.New()
			arn := mustCreate(t, fake, "t", nil)
			sub := map[string]string{"FilterPolicy": tt.policy}
			if tt.scope != "" {
				sub["FilterPolicyScope"] = tt.scope
			}
			subARN := subscribe(t, fake, arn, "sqs", queueARN, sub)
			if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String(tt.body), MessageAttributes: tt.attrs}); err != nil {
				t.Fatal(err)
			}
			if got := len(fake.Deliveries(subARN)) == 1; got != tt.want {
				t.Errorf("delivered %v; want %v", got, tt.want)
			}
		})
	}
}

// TestFilterPolicyReadsTheProtocolsBody: with MessageStructure json, a body
// policy reads the text the subscription's protocol receives.
func TestFilterPolicyReadsTheProtocolsBody(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t", nil)
	policy := map[string]string{"FilterPolicyScope": "MessageBody", "FilterPolicy": `{"kind": ["order"]}`}
	sqsSub := subscribe(t, fake, arn, "sqs", queueARN, policy)
	lambdaSub := subscribe(t, fake, arn, "lambda", "arn:aws:lambda:us-east-1:123456789012:function:f", policy)
	body := `{"default": "{\"kind\": \"refund\"}", "sqs": "{\"kind\": \"order\"}"}`
	if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String(body), MessageStructure: aws.String("json")}); err != nil {
		t.Fatal(err)
	}
	if n := len(fake.Deliveries(sqsSub)); n != 1 {
		t.Errorf("sqs got %d deliveries; want its own body to pass", n)
	}
	if n := len(fake.Deliveries(lambdaSub)); n != 0 {
		t.Errorf("lambda got %d deliveries; want the default body to be filtered out", n)
	}
}

// TestPublishedAttributesFollowTheModel: the fake refuses exactly the
// attributes the model refuses, with SNS's wording for the common cases.
func TestPublishedAttributesFollowTheModel(t *testing.T) {
	fake := snstest.New()
	arn := aws.String(mustCreate(t, fake, "t", nil))
	for _, tt := range []struct {
		attr types.MessageAttributeValue
		want string // "" when accepted
	}{
		{types.MessageAttributeValue{DataType: aws.String("String.."), StringValue: aws.String("v")}, ""},
		{types.MessageAttributeValue{DataType: aws.String("Number.a b"), StringValue: aws.String("1")}, ""},
		{types.MessageAttributeValue{DataType: aws.String("String."), StringValue: aws.String("v")}, "invalid message attribute type"},
		{types.MessageAttributeValue{DataType: aws.String("Stringy"), StringValue: aws.String("v")}, "invalid message attribute type"},
		{types.MessageAttributeValue{DataType: aws.String("Binary"), StringValue: aws.String("v")}, "must use field 'Binary'"},
		{types.MessageAttributeValue{DataType: aws.String("String"), BinaryValue: []byte{1}}, "must use field 'String'"},
		{types.MessageAttributeValue{DataType: aws.String("String")}, "must contain non-empty message attribute value"},
		{types.MessageAttributeValue{DataType: aws.String("Number"), StringValue: aws.String("1e200")}, "invalid value"},
	} {
		_, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String("m"),
			MessageAttributes: map[string]types.MessageAttributeValue{"k": tt.attr}})
		_, modelErr := model.NewAttribute(aws.ToString(tt.attr.DataType), aws.ToString(tt.attr.StringValue), tt.attr.BinaryValue)
		if (err == nil) != (modelErr == nil) {
			t.Errorf("%s: fake %v, model %v", aws.ToString(tt.attr.DataType), err, modelErr)
		}
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s refused: %v", aws.ToString(tt.attr.DataType), err)
			}
			continue
		}
		if e := wantErr[*types.InvalidParameterValueException](t, err, aws.ToString(tt.attr.DataType)); e != nil && !strings.Contains(e.ErrorMessage(), tt.want) {
			t.Errorf("%s: %q; want it to say %q", aws.ToString(tt.attr.DataType), e.ErrorMessage(), tt.want)
		}
	}
}
