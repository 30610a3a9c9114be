// Command batch publishes many messages at once against a local emulator:
// first with Client.PublishBatch, printing the outcome of each message,
// then with a Publisher fed by several goroutines, as a busy service would.
// It subscribes an SQS queue to the topic and counts what arrives.
//
//	make example NAME=batch
//
// It creates topics and queues, so it refuses to run without an endpoint
// override (AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_SNS).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// usage is what -h prints before the flags: what the program does, what it
// needs and how to run it.
const usage = `batch publishes many messages at once against a local emulator: first with
Client.PublishBatch, printing the outcome of each message, then with a
Publisher fed by several goroutines, and counts what arrives in an SQS queue.

Needs: the fauxqs emulator (make example NAME=batch starts it). It refuses to
run without an endpoint override (AWS_ENDPOINT_URL or AWS_ENDPOINT_URL_SNS).

Example:
  make example NAME=batch ARGS="-n 40"

Flags:
`

func main() {
	flag.Usage = func() {
		fmt.Fprint(flag.CommandLine.Output(), usage)
		flag.PrintDefaults()
	}
	regionName := flag.String("region", "us-east-1", "AWS region (us-east-1 or us_east_1)")
	n := flag.Int("n", 25, "messages for PublishBatch")
	flag.Parse()
	log.SetFlags(0)
	if os.Getenv("AWS_ENDPOINT_URL") == "" && os.Getenv("AWS_ENDPOINT_URL_SNS") == "" {
		log.Fatal("batch creates topics and queues: run it against an emulator, not real AWS")
	}
	r, err := region.Parse(*regionName)
	if err != nil {
		log.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := run(ctx, r, *n); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, r region.Region, n int) error {
	client, err := snsconnector.New(ctx)
	if err != nil {
		return err
	}
	topic, queue, err := setUp(ctx, client, r)
	if err != nil {
		return err
	}

	// 1. PublishBatch: any number of messages; one result per message, in
	// input order. One message is invalid: it is reported and not sent,
	// and the others still go.
	msgs := make([]model.Message, n)
	for i := range msgs {
		msgs[i] = model.Message{
			Body: fmt.Sprintf("order %d shipped", i),
			Attributes: map[string]model.MessageAttribute{
				"order": model.NumberAttribute(i),
				"store": model.StringAttribute("example_corp"),
			},
		}
	}
	msgs[3].Attributes["AWS.internal"] = model.StringAttribute("reserved name")
	resp, err := client.PublishBatch(ctx, r, topic, msgs)
	fmt.Printf("1. PublishBatch of %d messages:\n", n)
	for i, res := range resp.Results {
		if res.OK() {
			fmt.Printf("   %2d published  %s\n", i, res.MessageID)
		} else {
			fmt.Printf("   %2d FAILED     %v\n", i, res.Err)
		}
	}
	var batchErr *snsconnector.BatchError
	if errors.As(err, &batchErr) {
		fmt.Printf("   => the error: %d of %d failed; errors.Is(err, model.ErrInvalid) = %v\n", len(batchErr.Errs), batchErr.Total, errors.Is(err, model.ErrInvalid))
	} else if err != nil {
		return err
	}

	// 2. A Publisher: Publish returns at once; messages are batched by
	// count, bytes and a short delay and sent concurrently. Close delivers
	// what is pending.
	p, err := client.NewPublisher(r, topic, snsconnector.PublishSettings{})
	if err != nil {
		return err
	}
	const workers, each = 8, 50
	var wg sync.WaitGroup
	results := make(chan *snsconnector.PublishResult, workers*each)
	start := time.Now()
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				results <- p.Publish(ctx, model.Message{Body: fmt.Sprintf("event %d from worker %d", i, w)})
			}
		})
	}
	wg.Wait()
	if err := p.Close(ctx); err != nil {
		return err
	}
	close(results)
	published := 0
	for res := range results {
		if _, err := res.Get(ctx); err != nil {
			fmt.Println("   FAILED", err)
			continue
		}
		published++
	}
	fmt.Printf("2. Publisher: %d goroutines published %d messages in %v\n", workers, published, time.Since(start).Round(time.Millisecond))

	// 3. Count what reached the queue.
	want := n - resp.Failed() + published
	got, err := drain(ctx, queue, want)
	if err != nil {
		return err
	}
	fmt.Printf("3. the queue received %d messages (want %d)\n", got, want)
	return nil
}

// setUp creates a topic and an SQS queue subscribed to it with raw delivery.
func setUp(ctx context.Context, client *snsconnector.Client, r region.Region) (model.Topic, *queue, error) {
	api, err := client.API(r)
	if err != nil {
		return model.Topic{}, nil, err
	}
	created, err := api.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("example-batch")})
	if err != nil {
		return model.Topic{}, nil, fmt.Errorf("creating topic: %w", err)
	}
	topic, err := model.TopicFromARN(aws.ToString(created.TopicArn))
	if err != nil {
		return model.Topic{}, nil, err
	}
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(string(r)))
	if err != nil {
		return model.Topic{}, nil, err
	}
	q := &queue{sqs: sqs.NewFromConfig(cfg)}
	name := fmt.Sprintf("example-batch-%d", time.Now().UnixNano())
	out, err := q.sqs.CreateQueue(ctx, &sqs.CreateQueueInput{QueueName: aws.String(name)})
	if err != nil {
		return model.Topic{}, nil, fmt.Errorf("creating queue: %w", err)
	}
	q.url = aws.ToString(out.QueueUrl)
	attrs, err := q.sqs.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
		QueueUrl: out.QueueUrl, AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn},
	})
	if err != nil {
		return model.Topic{}, nil, err
	}
	_, err = api.Subscribe(ctx, &sns.SubscribeInput{
		TopicArn: aws.String(topic.ARN), Protocol: aws.String("sqs"), Endpoint: aws.String(attrs.Attributes["QueueArn"]),
		Attributes: map[string]string{"RawMessageDelivery": "true"},
	})
	if err != nil {
		return model.Topic{}, nil, fmt.Errorf("subscribing: %w", err)
	}
	return topic, q, nil
}

type queue struct {
	sqs *sqs.Client
	url string
}

// drain receives and deletes messages until want have arrived or none has
// for two seconds, and returns how many arrived.
func drain(ctx context.Context, q *queue, want int) (int, error) {
	got := 0
	idle := time.Now()
	for got < want && time.Since(idle) < 2*time.Second {
		out, err := q.sqs.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(q.url), MaxNumberOfMessages: 10, WaitTimeSeconds: 1})
		if err != nil {
			return got, err
		}
		if len(out.Messages) == 0 {
			continue
		}
		idle = time.Now()
		got += len(out.Messages)
		entries := make([]sqstypes.DeleteMessageBatchRequestEntry, len(out.Messages))
		for i, m := range out.Messages {
			entries[i] = sqstypes.DeleteMessageBatchRequestEntry{Id: aws.String(fmt.Sprint(i)), ReceiptHandle: m.ReceiptHandle}
		}
		if _, err := q.sqs.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(q.url), Entries: entries}); err != nil {
			return got, err
		}
	}
	return got, nil
}
