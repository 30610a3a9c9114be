package model_test

import (
	"errors"
	"fmt"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

func ExampleParseSubscriptionARN() {
	a, err := model.ParseSubscriptionARN("arn:aws:sns:eu-west-1:123456789012:orders.fifo:8a21d249-4329-4871-acc6-7be709c6ea7f")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(a.Topic.Name, a.Topic.FIFO(), a.ID)

	// SNS lists a subscription awaiting confirmation without an ARN.
	_, err = model.ParseSubscriptionARN("PendingConfirmation")
	var ve *model.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Field, ve.Rule)
	}
	// Output:
	// orders.fifo true 8a21d249-4329-4871-acc6-7be709c6ea7f
	// SubscriptionARN format
}

func ExampleSubscribeRequest_Attributes() {
	queue, _ := model.SQSEndpoint("arn:aws:sqs:eu-west-1:123456789012:orders")
	req := model.SubscribeRequest{
		Topic:    model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:orders"},
		Endpoint: queue,
		// A dead-letter queue must be in the topic's region and account.
		Options: model.SubscriptionOptions{DeadLetterQueueARN: "arn:aws:sqs:us-east-1:123456789012:orders-dlq"},
	}
	_, err := req.Attributes()
	fmt.Println(err)
	// Output:
	// invalid SubscriptionOptions.DeadLetterQueueARN (conflict): the dead-letter queue must be in the topic's region, eu-west-1
}

func ExampleSetFilterPolicy() {
	// A policy and its scope are two attributes, written in the order SNS
	// accepts: the MessageBody scope before a policy that nests.
	ch := model.SetFilterPolicy(model.NewFilterPolicy(model.FilterScopeMessageBody).
		WhereNested("order", model.FilterPolicy{}.Where("kind", model.StringEquals("book"))))
	for _, w := range ch.Writes() {
		fmt.Println(w.Name, w.Value)
	}
	// Output:
	// FilterPolicyScope MessageBody
	// FilterPolicy {"order":{"kind":["book"]}}
}

func ExamplePerProtocol_Message() {
	msg, err := model.PerProtocol{Default: "Your order has shipped", SMS: "Order shipped"}.Message()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(msg.Structure, msg.Body)

	device, _ := model.ApplicationEndpoint("arn:aws:sns:eu-west-1:123456789012:endpoint/APNS/shop/5e3e9847-3183-3f18-a7e8-671c3a57d4b3")
	fmt.Println(model.ValidatePush(region.EUWest1, device, msg, model.DefaultLimits))
	// Output:
	// json {"default":"Your order has shipped","sms":"Order shipped"}
	// <nil>
}
