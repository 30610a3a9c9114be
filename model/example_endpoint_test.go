package model_test

import (
	"errors"
	"fmt"

	"github.com/go-sns/connector/model"
)

func ExampleSQSEndpoint() {
	e, err := model.SQSEndpoint("arn:aws:sqs:us-east-1:123456789012:orders")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(e.Protocol(), e.Address())

	_, err = model.SQSEndpoint("https://sqs.us-east-1.amazonaws.com/123456789012/orders")
	var ve *model.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Field, ve.Rule)
	}
	// Output:
	// sqs arn:aws:sqs:us-east-1:123456789012:orders
	// Endpoint.Address format
}

func ExampleSubscriptionOptions_Attributes() {
	e, _ := model.SQSEndpoint("arn:aws:sqs:us-east-1:123456789012:orders")
	opts := model.SubscriptionOptions{
		RawMessageDelivery: true,
		DeadLetterQueueARN: "arn:aws:sqs:us-east-1:123456789012:orders-dlq",
		FilterPolicy: model.NewFilterPolicy(model.FilterScopeMessageAttributes).
			Where("event", model.StringPrefix("order_")),
	}
	attrs, err := opts.Attributes(e)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, name := range []string{"FilterPolicy", "FilterPolicyScope", "RawMessageDelivery", "RedrivePolicy"} {
		fmt.Printf("%s: %s\n", name, attrs[name])
	}
	// Output:
	// FilterPolicy: {"event":[{"prefix":"order_"}]}
	// FilterPolicyScope: MessageAttributes
	// RawMessageDelivery: true
	// RedrivePolicy: {"deadLetterTargetArn":"arn:aws:sqs:us-east-1:123456789012:orders-dlq"}
}

func ExampleFirehoseEndpoint() {
	e, err := model.FirehoseEndpoint(
		"arn:aws:firehose:us-east-1:123456789012:deliverystream/archive",
		"arn:aws:iam::123456789012:role/sns-to-firehose")
	if err != nil {
		fmt.Println(err)
		return
	}
	attrs, _ := model.SubscriptionOptions{}.Attributes(e)
	fmt.Println(e.Protocol(), attrs["SubscriptionRoleArn"])
	// Output:
	// firehose arn:aws:iam::123456789012:role/sns-to-firehose
}
