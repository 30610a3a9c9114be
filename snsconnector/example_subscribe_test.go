package snsconnector_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// fakeSubscriptions answers the subscription calls of the examples and
// prints what reached it, the way a user's test fake would record it.
type fakeSubscriptions struct {
	snsconnector.API
}

func (fakeSubscriptions) Subscribe(_ context.Context, in *sns.SubscribeInput, _ ...func(*sns.Options)) (*sns.SubscribeOutput, error) {
	for _, k := range slices.Sorted(maps.Keys(in.Attributes)) {
		fmt.Printf("sent %s = %s\n", k, in.Attributes[k])
	}
	return &sns.SubscribeOutput{SubscriptionArn: aws.String(aws.ToString(in.TopicArn) + ":1f0e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")}, nil
}

func (fakeSubscriptions) ListSubscriptionsByTopic(_ context.Context, in *sns.ListSubscriptionsByTopicInput, _ ...func(*sns.Options)) (*sns.ListSubscriptionsByTopicOutput, error) {
	topic := aws.ToString(in.TopicArn)
	return &sns.ListSubscriptionsByTopicOutput{Subscriptions: []types.Subscription{
		{SubscriptionArn: aws.String(topic + ":1f0e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), TopicArn: in.TopicArn, Protocol: aws.String("sqs"), Endpoint: aws.String("arn:aws:sqs:eu-west-1:123456789012:orders")},
		{SubscriptionArn: aws.String("PendingConfirmation"), TopicArn: in.TopicArn, Protocol: aws.String("email"), Endpoint: aws.String("ops@example.com")},
	}}, nil
}

func (fakeSubscriptions) GetSubscriptionAttributes(_ context.Context, in *sns.GetSubscriptionAttributesInput, _ ...func(*sns.Options)) (*sns.GetSubscriptionAttributesOutput, error) {
	return &sns.GetSubscriptionAttributesOutput{Attributes: map[string]string{
		"SubscriptionArn":     aws.ToString(in.SubscriptionArn),
		"Protocol":            "sqs",
		"PendingConfirmation": "false",
		"RawMessageDelivery":  "true",
		"FilterPolicy":        `{"order":{"kind":["book","toy"]}}`,
		"FilterPolicyScope":   "MessageBody",
		"RedrivePolicy":       `{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:123456789012:orders-dlq"}`,
	}}, nil
}

func (fakeSubscriptions) SetSubscriptionAttributes(_ context.Context, in *sns.SetSubscriptionAttributesInput, _ ...func(*sns.Options)) (*sns.SetSubscriptionAttributesOutput, error) {
	fmt.Printf("set %s = %s\n", aws.ToString(in.AttributeName), aws.ToString(in.AttributeValue))
	return &sns.SetSubscriptionAttributesOutput{}, nil
}

func (fakeSubscriptions) Unsubscribe(context.Context, *sns.UnsubscribeInput, ...func(*sns.Options)) (*sns.UnsubscribeOutput, error) {
	return &sns.UnsubscribeOutput{}, nil
}

func (fakeSubscriptions) ConfirmSubscription(_ context.Context, in *sns.ConfirmSubscriptionInput, _ ...func(*sns.Options)) (*sns.ConfirmSubscriptionOutput, error) {
	return &sns.ConfirmSubscriptionOutput{SubscriptionArn: aws.String(aws.ToString(in.TopicArn) + ":1f0e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")}, nil
}

func (fakeSubscriptions) Publish(_ context.Context, in *sns.PublishInput, _ ...func(*sns.Options)) (*sns.PublishOutput, error) {
	switch {
	case in.PhoneNumber != nil:
		fmt.Println("to a phone:", aws.ToString(in.Message))
		for _, k := range []string{"AWS.SNS.SMS.SMSType", "AWS.SNS.SMS.SenderID"} {
			fmt.Printf("  %s = %s\n", k, aws.ToString(in.MessageAttributes[k].StringValue))
		}
	case in.TargetArn != nil:
		fmt.Println("to a device, structure", aws.ToString(in.MessageStructure))
		fmt.Println(aws.ToString(in.Message))
	}
	return &sns.PublishOutput{MessageId: aws.String("msg-1")}, nil
}

var ordersTopic = model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:orders"}

func ExampleClient_Subscribe() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(fakeSubscriptions{}))
	queue, err := model.SQSEndpoint("arn:aws:sqs:eu-west-1:123456789012:orders")
	if err != nil {
		panic(err)
	}
	sub, err := client.Subscribe(ctx, region.EUWest1, model.SubscribeRequest{
		Topic:    ordersTopic,
		Endpoint: queue,
		Options: model.SubscriptionOptions{
			RawMessageDelivery: true,
			DeadLetterQueueARN: "arn:aws:sqs:eu-west-1:123456789012:orders-dlq",
			FilterPolicy: model.NewFilterPolicy(model.FilterScopeMessageAttributes).
				Where("event", model.StringPrefix("order_")).
				Where("total", model.NumberCompare(model.GreaterThanOrEqual, 100)),
		},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(sub.ARN, sub.Pending)
	// Output:
	// sent FilterPolicy = {"event":[{"prefix":"order_"}],"total":[{"numeric":[">=",100]}]}
	// sent FilterPolicyScope = MessageAttributes
	// sent RawMessageDelivery = true
	// sent RedrivePolicy = {"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:123456789012:orders-dlq"}
	// arn:aws:sns:eu-west-1:123456789012:orders:1f0e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 false
}

func ExampleClient_Subscribe_errors() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(fakeSubscriptions{}))
	hook, _ := model.HTTPSEndpoint("https://hooks.example.com/sns")

	// A FIFO topic delivers only to SQS queues: refused before sending.
	_, err := client.Subscribe(ctx, region.EUWest1, model.SubscribeRequest{
		Topic:    model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:orders.fifo"},
		Endpoint: hook,
	})
	var invalid *model.ValidationError
	if errors.As(err, &invalid) {
		fmt.Println(invalid.Field, invalid.Rule)
	}
	// Output:
	// Endpoint.Protocol forbidden
}

func ExampleClient_ListSubscriptionsByTopic() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(fakeSubscriptions{}))
	resp, err := client.ListSubscriptionsByTopic(ctx, region.EUWest1, ordersTopic)
	if err != nil {
		panic(err)
	}
	for _, s := range resp.Subscriptions {
		fmt.Printf("%-5s pending=%v arn=%q\n", s.Protocol, s.Pending, s.ARN)
	}
	// Output:
	// sqs   pending=false arn="arn:aws:sns:eu-west-1:123456789012:orders:1f0e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
	// email pending=true arn=""
}

func ExampleClient_GetSubscriptionAttributes() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(fakeSubscriptions{}))
	d, err := client.GetSubscriptionAttributes(ctx, region.EUWest1, ordersTopic.ARN+":1f0e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")
	if err != nil {
		panic(err)
	}
	policy, _ := d.FilterPolicy.JSON()
	fmt.Println(d.RawMessageDelivery, d.DeadLetterQueueARN)
	fmt.Println(d.FilterPolicy.Scope(), policy)
	// Output:
	// true arn:aws:sqs:eu-west-1:123456789012:orders-dlq
	// MessageBody {"order":{"kind":["book","toy"]}}
}

func ExampleClient_SetSubscriptionAttributes() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(fakeSubscriptions{}))
	sub := ordersTopic.ARN + ":1f0e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
	// Moving to a nested MessageBody policy: the scope is set first, as SNS
	// checks a policy against the scope in force.
	err := client.SetSubscriptionAttributes(ctx, region.EUWest1, sub,
		model.SetRawMessageDelivery(false),
		model.SetFilterPolicy(model.NewFilterPolicy(model.FilterScopeMessageBody).
			WhereNested("order", model.FilterPolicy{}.Where("kind", model.StringEquals("book")))))
	if err != nil {
		panic(err)
	}
	// Stop filtering.
	if err := client.SetSubscriptionAttributes(ctx, region.EUWest1, sub, model.ClearFilterPolicy()); err != nil {
		panic(err)
	}
	// Output:
	// set RawMessageDelivery = false
	// set FilterPolicyScope = MessageBody
	// set FilterPolicy = {"order":{"kind":["book"]}}
	// set FilterPolicy = {}
}

func ExampleClient_ConfirmSubscription() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(fakeSubscriptions{}))
	// The token comes in the SubscriptionConfirmation message SNS posts to
	// the endpoint.
	arn, err := client.ConfirmSubscription(ctx, region.EUWest1, ordersTopic, "2336412f37fb687f5d51e6e241d09c805a5a57b30d712f79", true)
	fmt.Println(arn, err)

	// SNS lists a pending subscription without an ARN; that placeholder
	// cannot be unsubscribed.
	err = client.Unsubscribe(ctx, region.EUWest1, "PendingConfirmation")
	fmt.Println(errors.Is(err, model.ErrInvalid))
	// Output:
	// arn:aws:sns:eu-west-1:123456789012:orders:1f0e2d3c-4b5a-6978-8796-a5b4c3d2e1f0 <nil>
	// true
}

func ExampleClient_PublishSMS() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(fakeSubscriptions{}))
	resp, err := client.PublishSMS(ctx, region.EUWest1, "+447700900123", "Your code is 123456",
		model.SMSOptions{Type: model.SMSTransactional, SenderID: "MyShop"})
	if err != nil {
		panic(err)
	}
	fmt.Println(resp.MessageID)

	// The number must be E.164; the error does not repeat it.
	_, err = client.PublishSMS(ctx, region.EUWest1, "07700 900123", "hi", model.SMSOptions{})
	fmt.Println(strings.Contains(err.Error(), "07700"), errors.Is(err, &model.ValidationError{Field: "PhoneNumber"}))
	// Output:
	// to a phone: Your code is 123456
	//   AWS.SNS.SMS.SMSType = Transactional
	//   AWS.SNS.SMS.SenderID = MyShop
	// msg-1
	// false true
}

func ExampleClient_PublishToEndpoint() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(fakeSubscriptions{}))
	device, err := model.ApplicationEndpoint("arn:aws:sns:eu-west-1:123456789012:endpoint/GCM/shop/5e3e9847-3183-3f18-a7e8-671c3a57d4b3")
	if err != nil {
		panic(err)
	}
	msg, err := model.PerProtocol{
		Default: "Your order has shipped",
		APNS:    model.APNSPayload{Title: "Order 42", Body: "Shipped"},
		GCM:     model.FCMPayload{Title: "Order 42", Body: "Shipped"},
	}.Message()
	if err != nil {
		panic(err)
	}
	if _, err := client.PublishToEndpoint(ctx, region.EUWest1, device, msg); err != nil {
		panic(err)
	}
	// Output:
	// to a device, structure json
	// {"APNS":"{\"aps\":{\"alert\":{\"title\":\"Order 42\",\"body\":\"Shipped\"}}}","GCM":"{\"fcmV1Message\":{\"message\":{\"notification\":{\"body\":\"Shipped\",\"title\":\"Order 42\"}}}}","default":"Your order has shipped"}
}
