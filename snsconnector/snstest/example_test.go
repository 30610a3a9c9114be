package snstest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// notifyShipped stands for the code under test: it publishes through an
// *snsconnector.Client it is given.
func notifyShipped(ctx context.Context, c *snsconnector.Client, topicARN string, order int) error {
	_, err := c.Publish(ctx, region.EUWest1, model.PublishRequest{
		Topic: model.Topic{ARN: topicARN},
		Message: model.Message{
			Body:       fmt.Sprintf("order %d shipped", order),
			Attributes: map[string]model.MessageAttribute{"order": model.NumberAttribute(order)},
		},
	})
	return err
}

// A test sets up a topic and a subscriber on the fake, hands the code
// under test a Client backed by the fake, and reads back what the
// subscriber received.
func Example() {
	ctx := context.Background()
	fake := snstest.New(snstest.WithRegion(region.EUWest1))
	topic, _ := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
	sub, _ := fake.Subscribe(ctx, &sns.SubscribeInput{
		TopicArn:   topic.TopicArn,
		Protocol:   aws.String("sqs"),
		Endpoint:   aws.String("arn:aws:sqs:eu-west-1:123456789012:shipping"),
		Attributes: map[string]string{"RawMessageDelivery": "true"},
	})

	client, err := snsconnector.New(ctx, snsconnector.WithAPIFactory(fake.APIFactory))
	if err != nil {
		panic(err)
	}
	if err := notifyShipped(ctx, client, *topic.TopicArn, 42); err != nil {
		panic(err)
	}

	for _, d := range fake.Deliveries(*sub.SubscriptionArn) {
		fmt.Println(d.Body, "| order =", aws.ToString(d.Attributes["order"].StringValue))
	}
	// Output: order 42 shipped | order = 42
}

// The fake is also SNS's query API over HTTP: a raw *sns.Client pointed at
// it runs its own serializer, signer, retryer and error decoding, as
// against AWS.
func Example_overHTTP() {
	ctx := context.Background()
	fake := snstest.New()
	srv := httptest.NewServer(fake) // SNS's query API on a loopback port
	defer srv.Close()

	cfg := aws.Config{
		Region:      "eu-west-1", // requests go to the region they are signed for
		Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
	}
	client := sns.NewFromConfig(cfg, func(o *sns.Options) { o.BaseEndpoint = aws.String(srv.URL) })

	topic, _ := client.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
	client.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String("order 42 shipped")})
	fmt.Println(*topic.TopicArn, len(fake.Published(*topic.TopicArn)))

	_, err := client.Publish(ctx, &sns.PublishInput{TopicArn: aws.String("arn:aws:sns:eu-west-1:123456789012:gone"), Message: aws.String("x")})
	var notFound *types.NotFoundException
	fmt.Println(errors.As(err, &notFound), notFound.ErrorMessage())
	// Output:
	// arn:aws:sns:eu-west-1:123456789012:orders 1
	// true Topic does not exist
}

// FailNext makes the code under test meet a service error, here
// throttling, to check how it copes.
func ExampleServer_FailNext() {
	ctx := context.Background()
	fake := snstest.New(snstest.WithRegion(region.EUWest1))
	topic, _ := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(fake))

	fake.FailNext("Publish", &types.ThrottledException{Message: aws.String("Rate exceeded")})
	err := notifyShipped(ctx, client, *topic.TopicArn, 1)
	var throttled *types.ThrottledException
	fmt.Println(errors.As(err, &throttled), snsconnector.ErrorCode(err))

	err = notifyShipped(ctx, client, *topic.TopicArn, 2) // the next call goes through
	fmt.Println(err, len(fake.Published(*topic.TopicArn)))
	// Output:
	// true Throttled
	// <nil> 1
}

// APIFactory gives a Client one view of the fake per region, so topics of
// different regions stay apart as they do in SNS.
func ExampleServer_APIFactory() {
	ctx := context.Background()
	fake := snstest.New()
	for _, r := range []region.Region{region.EUWest1, region.USEast2} {
		fake.API(r).CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders-" + string(r))})
	}
	client, _ := snsconnector.New(ctx, snsconnector.WithAPIFactory(fake.APIFactory))
	topics, _ := client.ListTopics(ctx, region.USEast2)
	for _, t := range topics.Topics {
		fmt.Println(t.ARN)
	}
	// Output: arn:aws:sns:us-east-2:123456789012:orders-us-east-2
}

// Without raw message delivery an SQS or HTTP subscriber receives SNS's JSON
// envelope, which Envelope decodes.
func ExampleEnvelope() {
	ctx := context.Background()
	fake := snstest.New()
	topic, _ := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
	sub, _ := fake.Subscribe(ctx, &sns.SubscribeInput{
		TopicArn: topic.TopicArn, Protocol: aws.String("sqs"), Endpoint: aws.String("arn:aws:sqs:us-east-1:123456789012:audit"),
	})
	fake.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Subject: aws.String("Shipped"), Message: aws.String("order 7 shipped")})

	var e snstest.Envelope
	json.Unmarshal([]byte(fake.Deliveries(*sub.SubscriptionArn)[0].Body), &e)
	fmt.Println(e.Type, e.Subject, e.Message)
	// Output: Notification Shipped order 7 shipped
}

// A subscription of an HTTPS endpoint waits for the endpoint to confirm with
// the token SNS sent it; the test plays the endpoint.
func ExampleServer_ConfirmationToken() {
	ctx := context.Background()
	fake := snstest.New()
	topic, _ := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
	sub, _ := fake.Subscribe(ctx, &sns.SubscribeInput{
		TopicArn: topic.TopicArn, Protocol: aws.String("https"), Endpoint: aws.String("https://hooks.example.com/sns"),
		ReturnSubscriptionArn: true,
	})
	token, _ := fake.ConfirmationToken(*sub.SubscriptionArn)
	confirmed, _ := fake.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: topic.TopicArn, Token: aws.String(token)})
	fmt.Println(*confirmed.SubscriptionArn == *sub.SubscriptionArn)
	// Output: true
}

// A text message published with snsconnector's PublishSMS carries its SMS
// settings in reserved attributes; the fake accepts them as SNS does and
// records them.
func ExampleServer_Published_sms() {
	ctx := context.Background()
	fake := snstest.New()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPIFactory(fake.APIFactory))
	_, err := client.PublishSMS(ctx, region.USEast1, "+14155550100", "Your code is 123456",
		model.SMSOptions{Type: model.SMSTransactional, SenderID: "MyShop", MaxPrice: "0.50"})
	fmt.Println(err)

	sms := fake.Published("+14155550100")[0]
	fmt.Println(sms.Message, "|", sms.SMS.Type, sms.SMS.SenderID, sms.SMS.MaxPrice)
	// Output:
	// <nil>
	// Your code is 123456 | Transactional MyShop 0.50
}
