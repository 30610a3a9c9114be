package model

import (
	"maps"
	"testing"
)

func mustEndpoint(t *testing.T) func(Endpoint, error) Endpoint {
	return func(e Endpoint, err error) Endpoint {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
}

func TestSubscriptionOptionsAttributes(t *testing.T) {
	must := mustEndpoint(t)
	sqs := must(SQSEndpoint(queueARN))
	https := must(HTTPSEndpoint("https://example.com/hook"))
	firehose := must(FirehoseEndpoint(streamARN, roleARN))
	filter := NewFilterPolicy(FilterScopeMessageBody).Where("store", StringEquals("example_corp"))
	tests := []struct {
		name string
		e    Endpoint
		o    SubscriptionOptions
		want map[string]string
	}{
		{"nothing set", sqs, SubscriptionOptions{}, nil},
		{"raw delivery to SQS", sqs, SubscriptionOptions{RawMessageDelivery: true}, map[string]string{"RawMessageDelivery": "true"}},
		{"everything for HTTPS", https, SubscriptionOptions{
			RawMessageDelivery: true,
			DeadLetterQueueARN: queueARN,
			DeliveryPolicy:     `{"healthyRetryPolicy": {"numRetries": 5}}`,
			FilterPolicy:       filter,
		}, map[string]string{
			"RawMessageDelivery": "true",
			"RedrivePolicy":      `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:orders"}`,
			"DeliveryPolicy":     `{"healthyRetryPolicy": {"numRetries": 5}}`,
			"FilterPolicy":       `{"store":["example_corp"]}`,
			"FilterPolicyScope":  "MessageBody",
		}},
		{"firehose role", firehose, SubscriptionOptions{RawMessageDelivery: true}, map[string]string{
			"RawMessageDelivery":  "true",
			"SubscriptionRoleArn": roleARN,
		}},
		{"default scope is explicit", must(EmailEndpoint("ops@example.com")), SubscriptionOptions{
			FilterPolicy: FilterPolicy{}.Where("a", Exists()),
		}, map[string]string{"FilterPolicy": `{"a":[{"exists":true}]}`, "FilterPolicyScope": "MessageAttributes"}},
		{"dead-letter queue for SMS", must(SMSEndpoint("+14155550100")), SubscriptionOptions{DeadLetterQueueARN: queueARN},
			map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:orders"}`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.o.Attributes(tt.e)
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, tt.want) || (got == nil) != (tt.want == nil) {
				t.Errorf("got  %v\nwant %v", got, tt.want)
			}
			if err := tt.o.Validate(tt.e); err != nil {
				t.Errorf("Validate: %v", err)
			}
		})
	}
}

func TestSubscriptionOptionsRejects(t *testing.T) {
	must := mustEndpoint(t)
	email := must(EmailEndpoint("ops@example.com"))
	lambda := must(LambdaEndpoint(functionARN))
	sqs := must(SQSEndpoint(queueARN))
	tests := []struct {
		name  string
		e     Endpoint
		o     SubscriptionOptions
		field string
		rule  Rule
	}{
		{"zero endpoint", Endpoint{}, SubscriptionOptions{}, "Endpoint.Protocol", RuleRequired},
		{"raw delivery to email", email, SubscriptionOptions{RawMessageDelivery: true}, "SubscriptionOptions.RawMessageDelivery", RuleForbidden},
		{"raw delivery to Lambda", lambda, SubscriptionOptions{RawMessageDelivery: true}, "SubscriptionOptions.RawMessageDelivery", RuleForbidden},
		{"dead-letter queue not SQS", sqs, SubscriptionOptions{DeadLetterQueueARN: functionARN}, "SubscriptionOptions.DeadLetterQueueARN", RuleFormat},
		{"delivery policy for SQS", sqs, SubscriptionOptions{DeliveryPolicy: `{}`}, "SubscriptionOptions.DeliveryPolicy", RuleForbidden},
		{"delivery policy not JSON", must(HTTPEndpoint("http://example.com")), SubscriptionOptions{DeliveryPolicy: `{"a":`}, "SubscriptionOptions.DeliveryPolicy", RuleFormat},
		{"delivery policy an array", must(HTTPEndpoint("http://example.com")), SubscriptionOptions{DeliveryPolicy: `[]`}, "SubscriptionOptions.DeliveryPolicy", RuleFormat},
		{"bad filter policy", sqs, SubscriptionOptions{FilterPolicy: FilterPolicy{}.Where("a", StringEquals())}, `FilterPolicy["a"][0]`, RuleRequired},
		{"nested filter for attributes", sqs, SubscriptionOptions{FilterPolicy: FilterPolicy{}.WhereNested("a", FilterPolicy{}.Where("b", Exists()))}, `FilterPolicy["a"]`, RuleForbidden},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			attrs, err := tt.o.Attributes(tt.e)
			expectProblem(t, err, tt.field, tt.rule)
			if attrs != nil {
				t.Errorf("attributes returned with an error: %v", attrs)
			}
		})
	}
	// Every problem at once.
	err := SubscriptionOptions{RawMessageDelivery: true, DeliveryPolicy: "x"}.Validate(email)
	expectProblem(t, err, "SubscriptionOptions.RawMessageDelivery", RuleForbidden)
	expectProblem(t, err, "SubscriptionOptions.DeliveryPolicy", RuleForbidden)
	expectProblem(t, err, "SubscriptionOptions.DeliveryPolicy", RuleFormat)
}
