// Command subscribe shows subscription filter policies at work against a
// local emulator: it creates a topic and two SQS queues, subscribes each
// queue with its own filter policy (one on message attributes, one on the
// JSON message body), publishes a few orders, and prints which queue got
// which. It removes what it created before it exits.
//
//	make example NAME=subscribe
//
// Against real AWS it would create real resources, so it refuses to run
// without an endpoint override.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"
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
const usage = `subscribe shows filter policies at work against a local emulator: two SQS
queues subscribe to one topic, one filtering on message attributes, one on the
JSON body; a few orders are published and it prints which queue got which.
It removes what it created before it exits.

Needs: the fauxqs emulator (make example NAME=subscribe starts it). It refuses
to run without an endpoint override (AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_SNS).

Example:
  make example NAME=subscribe

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
		log.Fatal("subscribe creates topics and queues: run it against an emulator (see the package comment), not real AWS")
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

// order is the JSON body of each published message.
type order struct {
	ID     string  `json:"id"`
	Kind   string  `json:"kind"`
	Region string  `json:"region"`
	Total  float64 `json:"total"`
}

// queue is an SQS queue subscribed to the topic.
type queue struct {
	name, url, arn string
	policy         model.FilterPolicy
	sub            model.Subscription
}

func run(ctx context.Context, r region.Region) (err error) {
	client, err := snsconnector.New(ctx)
	if err != nil {
		return err
	}
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(string(r)))
	if err != nil {
		return err
	}
	sqsClient := sqs.NewFromConfig(cfg)

	topic, err := client.CreateTopic(ctx, r, model.CreateTopicRequest{Name: "subscribe-demo-orders"})
	if err != nil {
		return err
	}
	fmt.Printf("topic %s\n\n", topic.ARN)
	defer func() { err = errors.Join(err, client.DeleteTopic(context.WithoutCancel(ctx), r, topic)) }()

	queues := []*queue{
		{
			// Message attributes: placed orders of 100 or more.
			name: "subscribe-demo-big-orders",
			policy: model.NewFilterPolicy(model.FilterScopeMessageAttributes).
				Where("event", model.StringEquals("order_placed")).
				Where("total", model.NumberCompare(model.GreaterThanOrEqual, 100)),
		},
		{
			// Message body: European orders that are not tests.
			name: "subscribe-demo-eu-orders",
			policy: model.NewFilterPolicy(model.FilterScopeMessageBody).
				Where("region", model.StringPrefix("eu-")).
				Where("kind", model.StringAnythingBut("test")),
		},
	}
	for _, q := range queues {
		if err := createQueue(ctx, sqsClient, q, topic); err != nil {
			return err
		}
		defer func() {
			_, derr := sqsClient.DeleteQueue(context.WithoutCancel(ctx), &sqs.DeleteQueueInput{QueueUrl: aws.String(q.url)})
			err = errors.Join(err, derr)
		}()
		endpoint, err := model.SQSEndpoint(q.arn)
		if err != nil {
			return err
		}
		q.sub, err = client.Subscribe(ctx, r, model.SubscribeRequest{
			Topic:    topic,
			Endpoint: endpoint,
			Options:  model.SubscriptionOptions{RawMessageDelivery: true, FilterPolicy: q.policy},
		})
		if err != nil {
			return err
		}
		defer func() { err = errors.Join(err, client.Unsubscribe(context.WithoutCancel(ctx), r, q.sub.ARN)) }()
		// Read the policy back, as SNS holds it.
		d, err := client.GetSubscriptionAttributes(ctx, r, q.sub.ARN)
		if err != nil {
			return err
		}
		js, _ := d.FilterPolicy.JSON()
		fmt.Printf("queue %-26s filters on %-17s %s\n", q.name, d.FilterPolicy.Scope(), js)
	}
	fmt.Println()

	orders := []struct {
		event string
		order order
	}{
		{"order_placed", order{ID: "o-1", Kind: "book", Region: "eu-west-1", Total: 250}},
		{"order_placed", order{ID: "o-2", Kind: "book", Region: "us-east-1", Total: 120}},
		{"order_placed", order{ID: "o-3", Kind: "toy", Region: "eu-central-1", Total: 15}},
		{"order_cancelled", order{ID: "o-4", Kind: "toy", Region: "eu-north-1", Total: 300}},
		{"order_placed", order{ID: "o-5", Kind: "test", Region: "eu-west-1", Total: 999}},
		{"order_placed", order{ID: "o-6", Kind: "game", Region: "ap-south-1", Total: 20}},
	}
	for _, o := range orders {
		body, _ := json.Marshal(o.order)
		if _, err := client.PublishWithResponse(ctx, r, model.PublishRequest{Topic: topic, Message: model.Message{
			Body: string(body),
			Attributes: map[string]model.MessageAttribute{
				"event": model.StringAttribute(o.event),
				"total": model.NumberAttribute(o.order.Total),
			},
		}}); err != nil {
			return err
		}
		fmt.Printf("published %s  event=%-15s total=%-4g %s\n", o.order.ID, o.event, o.order.Total, body)
	}
	fmt.Println()

	for _, q := range queues {
		ids, err := drain(ctx, sqsClient, q.url)
		if err != nil {
			return err
		}
		fmt.Printf("queue %-26s got %s\n", q.name, strings.Join(ids, ", "))
	}
	return nil
}

// createQueue creates q and lets the topic send to it: in AWS the queue
// policy is what allows SNS to deliver (the emulator does not check it).
func createQueue(ctx context.Context, c *sqs.Client, q *queue, topic model.Topic) error {
	out, err := c.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(q.name)})
	if err != nil {
		return fmt.Errorf("creating queue %s: %w", q.name, err)
	}
	q.url = aws.ToString(out.QueueUrl)
	attrs, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
		QueueUrl: out.QueueUrl, AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn},
	})
	if err != nil {
		return err
	}
	q.arn = attrs.Attributes["QueueArn"]
	policy, _ := json.Marshal(map[string]any{
		"Version": "2012-10-17",
		"Statement": []map[string]any{{
			"Effect":    "Allow",
			"Principal": map[string]string{"Service": "sns.amazonaws.com"},
			"Action":    "sqs:SendMessage",
			"Resource":  q.arn,
			"Condition": map[string]any{"ArnEquals": map[string]string{"aws:SourceArn": topic.ARN}},
		}},
	})
	_, err = c.SetQueueAttributes(ctx, &sqs.SetQueueAttributesInput{
		QueueUrl: out.QueueUrl, Attributes: map[string]string{"Policy": string(policy)},
	})
	return err
}

// drain receives and deletes messages until the queue stays empty for a
// second, and returns the order IDs it got, sorted.
func drain(ctx context.Context, c *sqs.Client, url string) ([]string, error) {
	var ids []string
	for {
		out, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10, WaitTimeSeconds: 1})
		if err != nil {
			return nil, err
		}
		if len(out.Messages) == 0 {
			slices.Sort(ids)
			return ids, nil
		}
		for _, m := range out.Messages {
			var o order
			if err := json.Unmarshal([]byte(aws.ToString(m.Body)), &o); err != nil {
				return nil, fmt.Errorf("unexpected message %q", aws.ToString(m.Body))
			}
			ids = append(ids, o.ID)
			if _, err := c.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: aws.String(url), ReceiptHandle: m.ReceiptHandle}); err != nil {
				return nil, err
			}
		}
	}
}
