package model

import (
	"maps"
	"strings"
	"testing"
)

const (
	subTopic   = "arn:aws:sns:us-east-1:123456789012:orders"
	subFIFO    = "arn:aws:sns:us-east-1:123456789012:orders.fifo"
	subARN     = subTopic + ":8a21d249-4329-4871-acc6-7be709c6ea7f"
	subFIFOARN = subFIFO + ":0a2bd1b4-4a2e-4e8b-8a0a-2a1b9c0d1e2f"
	fifoQueue  = "arn:aws:sqs:us-east-1:123456789012:orders.fifo"
	dlqARN     = "arn:aws:sqs:us-east-1:123456789012:orders-dlq"
	fifoDLQ    = "arn:aws:sqs:us-east-1:123456789012:orders-dlq.fifo"
)

func TestParseSubscriptionARN(t *testing.T) {
	for _, s := range []string{
		subARN,
		subFIFOARN,
		"arn:aws-cn:sns:cn-north-1:123456789012:t:1",
		"arn:aws-us-gov:sns:us-gov-west-1:123456789012:my_topic-2:abc-DEF-123",
	} {
		a, err := ParseSubscriptionARN(s)
		if err != nil {
			t.Errorf("%s: %v", s, err)
			continue
		}
		if a.String() != s {
			t.Errorf("String() = %s; want %s", a, s)
		}
		if topic := a.Topic.String(); topic+":"+a.ID != s || strings.Contains(a.ID, ":") {
			t.Errorf("%s split into topic %s and ID %s", s, topic, a.ID)
		}
	}
	a, _ := ParseSubscriptionARN(subFIFOARN)
	if !a.Topic.FIFO() || a.Topic.Name != "orders.fifo" || a.Topic.Region != "us-east-1" || a.Topic.AccountID != "123456789012" {
		t.Errorf("parsed %+v", a)
	}

	tests := []struct {
		name, arn string
		rule      Rule
	}{
		{"empty", "", RuleRequired},
		{"pending", "PendingConfirmation", RuleFormat},
		{"pending as Subscribe says it", "pending confirmation", RuleFormat},
		{"deleted", "Deleted", RuleFormat},
		{"topic ARN", subTopic, RuleFormat},
		{"empty ID", subTopic + ":", RuleFormat},
		{"ID with a colon", subTopic + ":a:b", RuleFormat},
		{"ID with a space", subTopic + ":a b", RuleFormat},
		{"ID too long", subTopic + ":" + strings.Repeat("a", 129), RuleFormat},
		{"bad topic name", "arn:aws:sns:us-east-1:123456789012:or ders:1", RuleFormat},
		{"other service", "arn:aws:sqs:us-east-1:123456789012:orders:1", RuleFormat},
		{"region of another partition", "arn:aws:sns:cn-north-1:123456789012:t:1", RuleConflict},
		{"short account", "arn:aws:sns:us-east-1:1234:t:1", RuleFormat},
	}
	for _, tt := range tests {
		_, err := ParseSubscriptionARN(tt.arn)
		wantInvalid(t, err, "SubscriptionARN", tt.rule)
	}
}

func TestIsPendingConfirmation(t *testing.T) {
	for s, want := range map[string]bool{
		"PendingConfirmation":  true,
		"pending confirmation": true,
		"PENDING CONFIRMATION": true,
		"Deleted":              false,
		"":                     false,
		subARN:                 false,
	} {
		if IsPendingConfirmation(s) != want {
			t.Errorf("IsPendingConfirmation(%q) = %v", s, !want)
		}
	}
}

func TestRequiresConfirmation(t *testing.T) {
	want := map[Protocol]bool{
		ProtocolEmail: true, ProtocolEmailJSON: true, ProtocolHTTP: true, ProtocolHTTPS: true,
		ProtocolSQS: false, ProtocolLambda: false, ProtocolFirehose: false, ProtocolApplication: false, ProtocolSMS: false,
	}
	for p, w := range want {
		if p.RequiresConfirmation() != w {
			t.Errorf("%s: RequiresConfirmation() = %v", p, !w)
		}
	}
}

func TestSubscribeRequestAttributes(t *testing.T) {
	must := mustEndpoint(t)
	tests := []struct {
		name string
		req  SubscribeRequest
		want map[string]string
	}{
		{"sqs without options", SubscribeRequest{Topic: Topic{ARN: subTopic}, Endpoint: must(SQSEndpoint(queueARN))}, nil},
		{"sqs with every option", SubscribeRequest{
			Topic:    Topic{ARN: subTopic},
			Endpoint: must(SQSEndpoint(queueARN)),
			Options: SubscriptionOptions{
				RawMessageDelivery: true,
				DeadLetterQueueARN: dlqARN,
				FilterPolicy:       NewFilterPolicy(FilterScopeMessageBody).Where("kind", StringPrefix("order_")),
			},
		}, map[string]string{
			"RawMessageDelivery": "true",
			"RedrivePolicy":      `{"deadLetterTargetArn":"` + dlqARN + `"}`,
			"FilterPolicy":       `{"kind":[{"prefix":"order_"}]}`,
			"FilterPolicyScope":  "MessageBody",
		}},
		{"FIFO topic, FIFO queue, FIFO DLQ", SubscribeRequest{
			Topic: Topic{ARN: subFIFO}, Endpoint: must(SQSEndpoint(fifoQueue)),
			Options: SubscriptionOptions{DeadLetterQueueARN: fifoDLQ},
		}, map[string]string{"RedrivePolicy": `{"deadLetterTargetArn":"` + fifoDLQ + `"}`}},
		{"FIFO topic, standard queue", SubscribeRequest{Topic: Topic{ARN: subFIFO}, Endpoint: must(SQSEndpoint(queueARN))}, nil},
		{"https with delivery policy", SubscribeRequest{
			Topic: Topic{ARN: subTopic}, Endpoint: must(HTTPSEndpoint("https://example.com/hook")),
			Options: SubscriptionOptions{DeliveryPolicy: `{"healthyRetryPolicy":{"numRetries":5}}`},
		}, map[string]string{"DeliveryPolicy": `{"healthyRetryPolicy":{"numRetries":5}}`}},
		{"firehose carries its role", SubscribeRequest{Topic: Topic{ARN: subTopic}, Endpoint: must(FirehoseEndpoint(streamARN, roleARN))},
			map[string]string{"SubscriptionRoleArn": roleARN}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.req.Attributes()
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("got %v\nwant %v", got, tt.want)
			}
			if tt.req.Validate() != nil {
				t.Error("Validate disagrees with Attributes")
			}
		})
	}
}

func TestSubscribeRequestRejects(t *testing.T) {
	must := mustEndpoint(t)
	sqs := must(SQSEndpoint(queueARN))
	tests := []struct {
		name  string
		req   SubscribeRequest
		field string
		rule  Rule
	}{
		{"no topic", SubscribeRequest{Endpoint: sqs}, "Topic.ARN", RuleRequired},
		{"subscription ARN as topic", SubscribeRequest{Topic: Topic{ARN: subARN}, Endpoint: sqs}, "Topic.ARN", RuleFormat},
		{"no endpoint", SubscribeRequest{Topic: Topic{ARN: subTopic}}, "Endpoint.Protocol", RuleRequired},
		{"https on a FIFO topic", SubscribeRequest{Topic: Topic{ARN: subFIFO}, Endpoint: must(HTTPSEndpoint("https://example.com"))}, "Endpoint.Protocol", RuleForbidden},
		{"lambda on a FIFO topic", SubscribeRequest{Topic: Topic{ARN: subFIFO}, Endpoint: must(LambdaEndpoint(functionARN))}, "Endpoint.Protocol", RuleForbidden},
		{"FIFO queue on a standard topic", SubscribeRequest{Topic: Topic{ARN: subTopic}, Endpoint: must(SQSEndpoint(fifoQueue))}, "Endpoint.Address", RuleConflict},
		{"raw delivery to email", SubscribeRequest{Topic: Topic{ARN: subTopic}, Endpoint: must(EmailEndpoint("ops@example.com")), Options: SubscriptionOptions{RawMessageDelivery: true}}, "SubscriptionOptions.RawMessageDelivery", RuleForbidden},
		{"bad filter policy", SubscribeRequest{Topic: Topic{ARN: subTopic}, Endpoint: sqs, Options: SubscriptionOptions{FilterPolicy: NewFilterPolicy("").Where("p", NumberBetween(5, 1))}}, `FilterPolicy["p"][0]["numeric"]`, RuleConflict},
		{"DLQ in another region", SubscribeRequest{Topic: Topic{ARN: subTopic}, Endpoint: sqs, Options: SubscriptionOptions{DeadLetterQueueARN: "arn:aws:sqs:eu-west-1:123456789012:dlq"}}, "SubscriptionOptions.DeadLetterQueueARN", RuleConflict},
		{"DLQ in another partition", SubscribeRequest{Topic: Topic{ARN: subTopic}, Endpoint: sqs, Options: SubscriptionOptions{DeadLetterQueueARN: "arn:aws-cn:sqs:cn-north-1:123456789012:dlq"}}, "SubscriptionOptions.DeadLetterQueueARN", RuleConflict},
		{"DLQ in another account", SubscribeRequest{Topic: Topic{ARN: subTopic}, Endpoint: sqs, Options: SubscriptionOptions{DeadLetterQueueARN: "arn:aws:sqs:us-east-1:210987654321:dlq"}}, "SubscriptionOptions.DeadLetterQueueARN", RuleConflict},
		{"standard DLQ on a FIFO topic", SubscribeRequest{Topic: Topic{ARN: subFIFO}, Endpoint: must(SQSEndpoint(fifoQueue)), Options: SubscriptionOptions{DeadLetterQueueARN: dlqARN}}, "SubscriptionOptions.DeadLetterQueueARN", RuleConflict},
		{"FIFO DLQ on a standard topic", SubscribeRequest{Topic: Topic{ARN: subTopic}, Endpoint: sqs, Options: SubscriptionOptions{DeadLetterQueueARN: fifoDLQ}}, "SubscriptionOptions.DeadLetterQueueARN", RuleConflict},
		{"DLQ not an SQS ARN", SubscribeRequest{Topic: Topic{ARN: subTopic}, Endpoint: sqs, Options: SubscriptionOptions{DeadLetterQueueARN: "https://sqs.us-east-1.amazonaws.com/123456789012/dlq"}}, "SubscriptionOptions.DeadLetterQueueARN", RuleFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			attrs, err := tt.req.Attributes()
			if attrs != nil {
				t.Errorf("attributes %v returned with an error", attrs)
			}
			expectProblem(t, err, tt.field, tt.rule)
		})
	}
}

// Every problem of a request is reported at once, and none of them quotes
// the endpoint's address, which may be personal data or hold a password.
func TestSubscribeRequestReportsEverythingAndQuotesNoAddress(t *testing.T) {
	secret := "https://user:s3cret@example.com/hook"
	e, err := HTTPSEndpoint(secret)
	if err != nil {
		t.Fatal(err)
	}
	req := SubscribeRequest{
		Topic:    Topic{ARN: subFIFO},
		Endpoint: e,
		Options:  SubscriptionOptions{RawMessageDelivery: true, DeliveryPolicy: "[]", DeadLetterQueueARN: dlqARN},
	}
	err = req.Validate()
	for _, want := range []struct {
		field string
		rule  Rule
	}{
		{"Endpoint.Protocol", RuleForbidden},
		{"SubscriptionOptions.DeliveryPolicy", RuleFormat},
		{"SubscriptionOptions.DeadLetterQueueARN", RuleConflict},
	} {
		expectProblem(t, err, want.field, want.rule)
	}
	if strings.Contains(err.Error(), "s3cret") || strings.Contains(err.Error(), "example.com") {
		t.Errorf("error quotes the endpoint: %v", err)
	}
	for _, addr := range []string{"ops@example.com", "+14155550100"} {
		var e Endpoint
		if strings.HasPrefix(addr, "+") {
			e, _ = SMSEndpoint(addr)
		} else {
			e, _ = EmailEndpoint(addr)
		}
		err := SubscribeRequest{Topic: Topic{ARN: subFIFO}, Endpoint: e}.Validate()
		if err == nil || strings.Contains(err.Error(), addr) {
			t.Errorf("%s: %v", e.Protocol(), err)
		}
	}
}

func TestValidateConfirmationToken(t *testing.T) {
	if err := ValidateConfirmationToken("2336412f37fb687f5d51e6e241d09c805a5a57b30d712f794cc5f6a988666d92768dd60a747ba6f3beb71854e285d6ad02428b09ceece29417f1f02d609c582afbacc99c583a916b9981dd2728f4ae6fdb82efd087cc3b7849e05798d2d2785c03b0879594eeac82c01f235d0e717736"); err != nil {
		t.Error(err)
	}
	wantInvalid(t, ValidateConfirmationToken(""), "Token", RuleRequired)
	for _, bad := range []string{" abc", "abc\n", "ab c", "abc\x00", "tökén"} {
		err := ValidateConfirmationToken(bad)
		wantInvalid(t, err, "Token", RuleCharset)
		if strings.Contains(err.Error(), strings.TrimSpace(bad)) {
			t.Errorf("error quotes the token: %v", err)
		}
	}
}
