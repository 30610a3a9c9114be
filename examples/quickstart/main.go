// Command quickstart walks through the connector against a local emulator:
// it creates a topic, subscribes an SQS queue to it, publishes a message
// with attributes, receives the message back from the queue and prints it,
// then lists the topics.
//
// Run it with `make demo`, which starts the fauxqs emulator and points
// AWS_ENDPOINT_URL at it. Against real AWS it would create real resources,
// so it refuses to run without an endpoint override.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"sort"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// usage is what -h prints before the flags: what the program does, what it
// needs and how to run it.
const usage = `quickstart walks through the connector against a local emulator: it creates a
topic, subscribes an SQS queue, publishes a message with all four attribute
types, reads it back from the queue, prints it, and lists the topics.

Needs: the fauxqs emulator (make demo starts it, runs this and stops it). It
refuses to run without an endpoint override (AWS_ENDPOINT_URL), so it never
creates resources in a real account.

Example:
  make demo

Flags:
`

func main() {
	flag.Usage = func() {
		fmt.Fprint(flag.CommandLine.Output(), usage)
		flag.PrintDefaults()
	}
	regionName := flag.String("region", "us-east-1", "AWS region (us-east-1 or us_east_1)")
	flag.Parse()
	log.SetFlags(0)
	if os.Getenv("AWS_ENDPOINT_URL") == "" && os.Getenv("AWS_ENDPOINT_URL_SNS") == "" {
		log.Fatal("quickstart creates topics and queues: run it against an emulator (make demo), not real AWS")
	}
	r, err := region.Parse(*regionName)
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, r); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, r region.Region) error {
	// The connector: default credential chain, endpoint from AWS_ENDPOINT_URL.
	client, err := snsconnector.New(ctx)
	if err != nil {
		return err
	}

	// 1. Create a topic. CreateTopic is idempotent: the same name returns the
	// same topic.
	topic, err := client.CreateTopic(ctx, r, model.CreateTopicRequest{
		Name:       "quickstart-orders",
		Attributes: model.TopicAttributes{DisplayName: "Orders"},
		Tags:       model.Tags{"app": "quickstart"},
	})
	if err != nil {
		return err
	}
	fmt.Printf("1. created topic   %s\n", topic.ARN)

	// 2. Subscribe an SQS queue, with raw delivery so the queue receives the
	// message body and attributes as published. (The queue itself is made
	// with the SQS client: SQS is not this library's business.)
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(string(r)))
	if err != nil {
		return err
	}
	queues := sqs.NewFromConfig(cfg)
	q, err := queues.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String("quickstart-orders")})
	if err != nil {
		return fmt.Errorf("creating queue: %w", err)
	}
	qa, err := queues.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
		QueueUrl: q.QueueUrl, AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn},
	})
	if err != nil {
		return err
	}
	endpoint, err := model.SQSEndpoint(qa.Attributes["QueueArn"])
	if err != nil {
		return err
	}
	sub, err := client.Subscribe(ctx, r, model.SubscribeRequest{
		Topic:    topic,
		Endpoint: endpoint,
		Options:  model.SubscriptionOptions{RawMessageDelivery: true},
	})
	if err != nil {
		return err
	}
	fmt.Printf("2. subscribed      %s\n", sub.ARN)

	// 3. Publish a message with typed attributes; it is validated first.
	resp, err := client.PublishWithResponse(ctx, r, model.PublishRequest{
		Topic: topic,
		Message: model.Message{
			Subject: "Order shipped",
			Body:    "Order 42 has shipped.",
			Attributes: map[string]model.MessageAttribute{
				"store":    model.StringAttribute("example_corp"),
				"tags":     model.StringArrayAttribute("express", "gift"),
				"total":    model.NumberAttribute(129.95),
				"checksum": model.BinaryAttribute([]byte{0xca, 0xfe}),
			},
		},
	})
	if err != nil {
		return err
	}
	fmt.Printf("3. published       message %s\n", resp.MessageID)

	// 4. Receive it back from the queue.
	out, err := queues.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
		QueueUrl: q.QueueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 5, MessageAttributeNames: []string{"All"},
	})
	if err != nil {
		return fmt.Errorf("receiving: %w", err)
	}
	if len(out.Messages) == 0 {
		return fmt.Errorf("the message did not arrive within 5 seconds")
	}
	m := out.Messages[0]
	fmt.Printf("4. received        %q\n", aws.ToString(m.Body))
	names := make([]string, 0, len(m.MessageAttributes))
	for n := range m.MessageAttributes {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		a := m.MessageAttributes[n]
		v := aws.ToString(a.StringValue)
		if a.BinaryValue != nil {
			v = fmt.Sprintf("%x", a.BinaryValue)
		}
		fmt.Printf("                   %-8s %-12s %s\n", n, aws.ToString(a.DataType), v)
	}
	if _, err := queues.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: q.QueueUrl, ReceiptHandle: m.ReceiptHandle}); err != nil {
		return err
	}

	// 5. List every topic in the region (all pages).
	topics, err := client.ListTopics(ctx, r)
	if err != nil {
		return err
	}
	fmt.Printf("5. %d topic(s) in %s:\n", len(topics.Topics), r.Caption())
	for _, t := range topics.Topics {
		fmt.Printf("                   %s\n", t.Name)
	}
	return nil
}
