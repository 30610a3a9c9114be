// Command receive reads SNS notifications from an Amazon SQS queue, verifies
// each one (the queue's subscription must not use raw delivery, so each SQS
// message body is SNS's signed envelope), prints its typed message
// attributes, and deletes the messages that verified. Messages that do not
// verify are left in the queue (for its dead-letter queue) and reported
// with the rule they broke.
//
//	go run ./examples/receive -queue-url https://sqs.eu-west-1.amazonaws.com/123456789012/orders \
//		-topic arn:aws:sns:eu-west-1:123456789012:orders
//
// With -demo it needs no AWS: an in-memory SNS (snstest) signs a few
// messages as SNS would, and they are verified the same way.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/notification"
	"github.com/go-sns/connector/snsconnector/snstest"
)

func main() {
	flag.Usage = func() {
		fmt.Fprint(flag.CommandLine.Output(), `receive reads SNS notifications from an SQS queue, verifies each (signature,
certificate, topic, age), prints its typed attributes and deletes what verified.

Needs: a queue subscribed to the topic WITHOUT raw message delivery, AWS
credentials that may receive and delete from it (the default chain:
environment, ~/.aws, ...), and the topic's ARN. Or -demo, which needs nothing.

Example:
  go run ./examples/receive -queue-url https://sqs.eu-west-1.amazonaws.com/123456789012/orders \
    -topic arn:aws:sns:eu-west-1:123456789012:orders
  go run ./examples/receive -demo

Flags:
`)
		flag.PrintDefaults()
	}
	queueURL := flag.String("queue-url", "", "URL of the SQS queue to read")
	topic := flag.String("topic", "", "ARN of the SNS topic whose messages to accept")
	maxAge := flag.Duration("max-age", 4*24*time.Hour, "refuse messages older than this (cover the queue's retention)")
	batches := flag.Int("batches", 1, "how many receive calls of up to 10 messages to make")
	demo := flag.Bool("demo", false, "verify messages signed by an in-memory SNS instead of reading a queue")
	flag.Parse()
	log.SetFlags(0)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var err error
	if *demo {
		err = runDemo(ctx, os.Stdout)
	} else {
		if *queueURL == "" || *topic == "" {
			flag.Usage()
			os.Exit(2)
		}
		err = runSQS(ctx, os.Stdout, *queueURL, *topic, *maxAge, *batches)
	}
	if err != nil {
		log.Fatal(err)
	}
}

// runSQS receives from the queue, verifies each body and deletes what
// verified.
func runSQS(ctx context.Context, out io.Writer, queueURL, topic string, maxAge time.Duration, batches int) error {
	v, err := notification.NewVerifier(notification.WithTopics(topic), notification.WithMaxAge(maxAge))
	if err != nil {
		return err
	}
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return err
	}
	q := sqs.NewFromConfig(cfg)
	for range batches {
		resp, err := q.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &queueURL, MaxNumberOfMessages: 10, WaitTimeSeconds: 10})
		if err != nil {
			return err
		}
		for _, msg := range resp.Messages {
			if !handle(ctx, out, v, []byte(aws.ToString(msg.Body))) {
				continue // leave it for the dead-letter queue
			}
			if _, err := q.DeleteMessage(ctx, &sqs.DeleteMessageInput{QueueUrl: &queueURL, ReceiptHandle: msg.ReceiptHandle}); err != nil {
				return err
			}
		}
	}
	return nil
}

// handle verifies one SQS body and prints the message; it reports whether
// the body verified.
func handle(ctx context.Context, out io.Writer, v *notification.Verifier, body []byte) bool {
	m, err := v.Verify(ctx, body)
	var ve *notification.VerificationError
	switch {
	case errors.Is(err, notification.ErrUnsigned):
		fmt.Fprintln(out, "refused: unsigned (a FIFO topic's envelope: trust it through the queue policy, read it with notification.Parse)")
		return false
	case errors.As(err, &ve):
		fmt.Fprintf(out, "refused: rule %s: %s\n", ve.Rule, ve.Reason)
		return false
	case err != nil:
		fmt.Fprintln(out, "refused:", err)
		return false
	}
	fmt.Fprintf(out, "verified %s %s: %q\n", m.Type, m.MessageID, m.Message)
	names := make([]string, 0, len(m.Attributes))
	for name := range m.Attributes {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		a := m.Attributes[name]
		// Attributes are typed but NOT signed by SNS: decide nothing
		// security-relevant on them.
		switch a.Type() {
		case model.TypeBinary:
			fmt.Fprintf(out, "  %s (%s): % x\n", name, a.DataType(), a.BinaryValue())
		default:
			fmt.Fprintf(out, "  %s (%s): %s\n", name, a.DataType(), a.StringValue())
		}
	}
	return true
}

// runDemo has an in-memory SNS deliver two signed messages to a queue
// subscription, plus one tampered copy, and verifies them as runSQS would.
func runDemo(ctx context.Context, out io.Writer) error {
	fake := snstest.New()
	defer fake.Close()
	topic, err := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
	if err != nil {
		return err
	}
	sub, err := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("sqs"),
		Endpoint: aws.String("arn:aws:sqs:us-east-1:123456789012:orders")})
	if err != nil {
		return err
	}
	for _, total := range []string{"129.95", "15"} {
		_, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String("order shipped, total " + total),
			MessageAttributes: map[string]types.MessageAttributeValue{
				"total": {DataType: aws.String("Number.float"), StringValue: aws.String(total)},
				"tags":  {DataType: aws.String("String.Array"), StringValue: aws.String(`["express","gift"]`)},
				"sum":   {DataType: aws.String("Binary"), BinaryValue: []byte{0xca, 0xfe}},
			}})
		if err != nil {
			return err
		}
	}
	v, err := notification.NewVerifier(append(fake.VerifierOptions(), notification.WithTopics(*topic.TopicArn))...)
	if err != nil {
		return err
	}
	deliveries := fake.Deliveries(*sub.SubscriptionArn)
	for _, d := range deliveries {
		handle(ctx, out, v, []byte(d.Body))
	}
	tampered := strings.Replace(deliveries[0].Body, "129.95", "1.95", 1)
	handle(ctx, out, v, []byte(tampered))
	return nil
}
