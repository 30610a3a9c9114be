package conformance

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/region"
)

var seq atomic.Int64

// uniqueName returns a topic name no other test of this process uses, so
// peers shared by many tests never see a collision.
func uniqueName(prefix string) string {
	return fmt.Sprintf("%s-%d-%d", prefix, time.Now().UnixNano()%1e9, seq.Add(1))
}

// wantErr fails the test unless err wraps an error of type T, the modeled
// SDK error a real client returns.
func wantErr[T error](t *testing.T, err error, what string) {
	t.Helper()
	var target T
	if !errors.As(err, &target) {
		t.Errorf("%s: got error %v; want %T", what, err, target)
	}
}

// must fails the test now on an unexpected error.
func must(t *testing.T, err error, what string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

func createTopic(t *testing.T, h Harness, r region.Region, name string, attrs map[string]string) string {
	t.Helper()
	out, err := h.API(r).CreateTopic(context.Background(), &sns.CreateTopicInput{Name: aws.String(name), Attributes: attrs})
	must(t, err, "CreateTopic "+name)
	return aws.ToString(out.TopicArn)
}

func createFIFOTopic(t *testing.T, h Harness, contentDedup bool) string {
	t.Helper()
	attrs := map[string]string{"FifoTopic": "true"}
	if contentDedup {
		attrs["ContentBasedDeduplication"] = "true"
	}
	return createTopic(t, h, mainRegion, uniqueName("fifo")+".fifo", attrs)
}

// subscribeQueue makes a queue of the topic's kind and subscribes it with
// the given attributes, through the API under test.
func subscribeQueue(t *testing.T, h Harness, topicARN string, attrs map[string]string) (Queue, string) {
	t.Helper()
	q := h.NewQueue(t, mainRegion, strings.HasSuffix(topicARN, ".fifo"))
	out, err := h.API(mainRegion).Subscribe(context.Background(), &sns.SubscribeInput{
		TopicArn:   aws.String(topicARN),
		Protocol:   aws.String("sqs"),
		Endpoint:   aws.String(q.ARN()),
		Attributes: attrs,
	})
	must(t, err, "Subscribe")
	return q, aws.ToString(out.SubscriptionArn)
}

var raw = map[string]string{"RawMessageDelivery": "true"}

func withRaw(attrs map[string]string) map[string]string {
	out := map[string]string{"RawMessageDelivery": "true"}
	for k, v := range attrs {
		out[k] = v
	}
	return out
}

// receive reads exactly n messages, failing the test if fewer arrive.
func receive(t *testing.T, q Queue, n int) []Received {
	t.Helper()
	got, err := q.Receive(context.Background(), n, deliveryWait)
	must(t, err, "Receive")
	if len(got) != n {
		t.Fatalf("received %d messages (%v); want %d", len(got), bodies(got), n)
	}
	return got
}

// quiet fails the test if anything more arrives on q.
func quiet(t *testing.T, q Queue) {
	t.Helper()
	got, err := q.Receive(context.Background(), 10, quietWait)
	must(t, err, "Receive")
	if len(got) > 0 {
		t.Errorf("received %d unexpected messages: %v", len(got), bodies(got))
	}
}

func bodies(msgs []Received) []string {
	out := make([]string, len(msgs))
	for i, m := range msgs {
		out[i] = m.Body
	}
	return out
}

func sortedBodies(msgs []Received) []string {
	out := bodies(msgs)
	slices.Sort(out)
	return out
}

// publish publishes body to topic and fails the test on error.
func publish(t *testing.T, h Harness, in *sns.PublishInput) *sns.PublishOutput {
	t.Helper()
	out, err := h.API(mainRegion).Publish(context.Background(), in)
	must(t, err, "Publish "+aws.ToString(in.Message))
	return out
}

// topicARNOf returns the ARN SNS gives a topic named name in r.
func topicARNOf(h Harness, r region.Region, name string) string {
	return "arn:" + string(r.Partition()) + ":sns:" + string(r) + ":" + h.AccountID() + ":" + name
}
