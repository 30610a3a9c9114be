package snsconnector

import (
	"context"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// acceptAll answers every PublishBatch at once, accepting every entry, so
// a benchmark over it measures the connector's own cost.
type acceptAll struct{ API }

var acceptedID = aws.String("id")

func (acceptAll) PublishBatch(_ context.Context, in *sns.PublishBatchInput, _ ...func(*sns.Options)) (*sns.PublishBatchOutput, error) {
	out := &sns.PublishBatchOutput{Successful: make([]types.PublishBatchResultEntry, len(in.PublishBatchRequestEntries))}
	for i, e := range in.PublishBatchRequestEntries {
		out.Successful[i] = types.PublishBatchResultEntry{Id: e.Id, MessageId: acceptedID}
	}
	return out, nil
}

func benchMessage(i int) model.Message {
	return model.Message{
		Body: "msg " + strconv.Itoa(i) + ": order shipped to the customer, tracking code 1Z999AA10123456784",
		Attributes: map[string]model.MessageAttribute{
			"store": model.StringAttribute("example_corp"),
			"price": model.NumberAttribute(12.5),
		},
	}
}

// BenchmarkPublisherOverhead is the Publisher's cost per message with SNS
// out of the picture (an API that answers at once): validation, batching,
// flow control, conversion to SDK entries, results. Compare it with
// BenchmarkThroughput's cpu-µs/msg to see the share the connector adds.
func BenchmarkPublisherOverhead(b *testing.B) {
	c, err := New(context.Background(), WithAPI(acceptAll{}))
	if err != nil {
		b.Fatal(err)
	}
	p, err := c.NewPublisher(region.EUWest1, model.Topic{ARN: topicARN}, PublishSettings{})
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close(context.Background())
	var next atomic.Int64
	results := make([]*PublishResult, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	var wg sync.WaitGroup
	for range 64 {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= b.N {
					return
				}
				results[i] = p.Publish(context.Background(), benchMessage(i))
			}
		})
	}
	wg.Wait()
	if err := p.Flush(context.Background()); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkPublishBatchOverhead is PublishBatch's cost per message, calls
// of 1,000 messages, with SNS out of the picture.
func BenchmarkPublishBatchOverhead(b *testing.B) {
	c, err := New(context.Background(), WithAPI(acceptAll{}))
	if err != nil {
		b.Fatal(err)
	}
	msgs := make([]model.Message, 1000)
	for i := range msgs {
		msgs[i] = benchMessage(i)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := c.PublishBatch(context.Background(), region.EUWest1, model.Topic{ARN: topicARN}, msgs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(msgs)), "ns/msg")
}
