package snsconnector_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// fakeSNS is how a user's test puts a fake behind the client: embed the
// interface and implement what the code under test calls.
type fakeSNS struct {
	snsconnector.API
	published []string
}

func (f *fakeSNS) Publish(_ context.Context, in *sns.PublishInput, _ ...func(*sns.Options)) (*sns.PublishOutput, error) {
	if aws.ToString(in.TopicArn) == "arn:aws:sns:eu-west-1:123456789012:gone" {
		return nil, &types.NotFoundException{Message: aws.String("Topic does not exist")}
	}
	f.published = append(f.published, aws.ToString(in.Message))
	return &sns.PublishOutput{MessageId: aws.String(fmt.Sprintf("msg-%d", len(f.published)))}, nil
}

func (f *fakeSNS) ListTopics(context.Context, *sns.ListTopicsInput, ...func(*sns.Options)) (*sns.ListTopicsOutput, error) {
	return &sns.ListTopicsOutput{Topics: []types.Topic{
		{TopicArn: aws.String("arn:aws:sns:eu-west-1:123456789012:orders")},
		{TopicArn: aws.String("arn:aws:sns:eu-west-1:123456789012:payments.fifo")},
	}}, nil
}

func ExampleClient_Publish() {
	ctx := context.Background()
	fake := &fakeSNS{}
	client, err := snsconnector.New(ctx, snsconnector.WithAPI(fake))
	if err != nil {
		panic(err)
	}
	ok, err := client.Publish(ctx, region.EUWest1, model.PublishRequest{
		Topic: model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:orders"},
		Message: model.Message{
			Body: "order 42 shipped",
			Attributes: map[string]model.MessageAttribute{
				"store": model.StringAttribute("example_corp"),
				"total": model.NumberAttribute(129.95),
			},
		},
	})
	fmt.Println(ok, err, fake.published)
	// Output: true <nil> [order 42 shipped]
}

func ExampleClient_Publish_errors() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(&fakeSNS{}))

	// Invalid input is refused before anything is sent.
	_, err := client.Publish(ctx, region.EUWest1, model.PublishRequest{
		Topic:   model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:orders.fifo"},
		Message: model.Message{Body: "no group id"},
	})
	var invalid *model.ValidationError
	if errors.As(err, &invalid) {
		fmt.Println(invalid.Field, invalid.Rule)
	}

	// Service errors keep their SDK type.
	_, err = client.Publish(ctx, region.EUWest1, model.PublishRequest{
		Topic:   model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:gone"},
		Message: model.Message{Body: "hello"},
	})
	var notFound *types.NotFoundException
	fmt.Println(errors.As(err, &notFound), snsconnector.ErrorCode(err))
	// Output:
	// Message.GroupID required
	// true NotFound
}

func ExampleClient_PublishWithResponse() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(&fakeSNS{}))
	resp, err := client.PublishWithResponse(ctx, region.EUWest1, model.PublishRequest{
		Topic:   model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:orders"},
		Message: model.Message{Body: "hello"},
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(resp.MessageID)
	// Output: msg-1
}

func ExampleClient_ListTopics() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(&fakeSNS{}))
	resp, err := client.ListTopics(ctx, region.MustParse("eu_west_1"))
	if err != nil {
		panic(err)
	}
	for _, t := range resp.Topics {
		fmt.Println(t.Name, t.FIFO())
	}
	// Output:
	// orders false
	// payments.fifo true
}

func ExampleClient_ListTopicsIter() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(&fakeSNS{}))
	for topic, err := range client.ListTopicsIter(ctx, region.EUWest1) {
		if err != nil {
			panic(err)
		}
		fmt.Println(topic.ARN)
	}
	// Output:
	// arn:aws:sns:eu-west-1:123456789012:orders
	// arn:aws:sns:eu-west-1:123456789012:payments.fifo
}

func ExampleNew() {
	ctx := context.Background()
	// Against a local emulator; without options New uses the default
	// credential chain and the endpoint the AWS configuration sets
	// (AWS_ENDPOINT_URL_SNS, AWS_ENDPOINT_URL, the shared config file).
	client, err := snsconnector.New(ctx,
		snsconnector.WithEndpoint("http://127.0.0.1:4566"),
		snsconnector.WithStaticCredentials("test", "test", ""),
		snsconnector.WithRetryMaxAttempts(5),
	)
	fmt.Println(client != nil, err)

	// Plain http off loopback is refused, wherever the endpoint comes from:
	// it would send signed requests in clear.
	_, err = snsconnector.New(ctx, snsconnector.WithEndpoint("http://sns.internal:4566"))
	fmt.Println(err)
	fmt.Println(errors.Is(err, snsconnector.ErrInsecureEndpoint))
	// Output:
	// true <nil>
	// snsconnector: SNS endpoint from WithEndpoint: endpoint "http://sns.internal:4566" uses plain http to a host that is not loopback; use https
	// true
}
