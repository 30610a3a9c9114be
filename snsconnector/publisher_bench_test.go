package snsconnector

import (
	"context"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/internal/cputime"
	"github.com/go-sns/connector/internal/snsstub"
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

// heldResults publishes n messages of 4 KiB, each body its own allocation,
// keeps every result, and returns the live heap they add once resolved:
// the results' own cost, since the fake answers with one shared message ID.
func heldResults(tb testing.TB, n int) uint64 {
	c, err := New(context.Background(), WithAPI(acceptAll{}))
	if err != nil {
		tb.Fatal(err)
	}
	p, err := c.NewPublisher(region.EUWest1, model.Topic{ARN: topicARN}, PublishSettings{})
	if err != nil {
		tb.Fatal(err)
	}
	defer p.Close(context.Background())
	results := make([]*PublishResult, n)
	pad := strings.Repeat("x", 4096-8)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := range results {
		results[i] = p.Publish(context.Background(), model.Message{Body: fmt.Sprintf("%08d", i) + pad})
	}
	if err := p.Flush(context.Background()); err != nil {
		tb.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	for _, r := range results {
		if _, err := r.Get(context.Background()); err != nil {
			tb.Fatal(err)
		}
	}
	return after.HeapAlloc - min(after.HeapAlloc, before.HeapAlloc)
}

func TestPublisherResultsDoNotKeepTheirBodies(t *testing.T) {
	// 10,000 bodies of 4 KiB are 40 MiB; the results alone about 1 MiB.
	if live := heldResults(t, 10_000); live > 4<<20 {
		t.Errorf("10,000 resolved results keep %.1f MiB alive", float64(live)/(1<<20))
	}
}

// BenchmarkPublisherHeldResults holds 100,000 results of 4 KiB messages
// and reports the live heap they add once resolved (issue 12's target:
// under 10 MiB), and per result: make bench-memory.
func BenchmarkPublisherHeldResults(b *testing.B) {
	const n = 100_000
	var live uint64
	for b.Loop() {
		live = heldResults(b, n)
	}
	b.ReportMetric(float64(live)/(1<<20), "live-MiB")
	b.ReportMetric(float64(live)/n, "live-B/result")
}

// BenchmarkBatchClientCost is the client's CPU and allocations per
// message, publishing to an in-process HTTP stub of SNS (snsstub, as
// BenchmarkPublish: so the SDK's serialization, signing and HTTP run, and
// no emulator's cost hides them):
// the Publisher fed by 16 or 64 goroutines against the raw SDK's
// PublishBatch of 10 from 16 goroutines, on a standard topic and on a FIFO
// topic with 16 message groups (raw: one goroutine per group). ns/op and
// allocs/op are per message; cpu-ns/msg is the process's CPU time (user
// plus system, the stub's included) per message, the figure to compare on
// a shared machine, where wall time waits for other processes; msgs/req is
// how full the requests were. make bench-client runs each case in a fresh
// process, in alternating order, and puts them side by side (the order of
// cases within one process favours the later ones, which find the heap
// grown and connections open).
func BenchmarkBatchClientCost(b *testing.B) {
	stub := snsstub.New()
	defer stub.Close()
	ctx := context.Background()
	creds := credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")
	measure := func(b *testing.B, publish func()) {
		b.ReportAllocs()
		b.ResetTimer()
		cpu, reqs := cputime.Process(), stub.Requests.Load()
		publish()
		b.StopTimer()
		if cpu := cputime.Process() - cpu; cpu > 0 {
			b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/msg")
		}
		b.ReportMetric(float64(b.N)/float64(stub.Requests.Load()-reqs), "msgs/req")
	}
	for _, topic := range []struct {
		name   string
		arn    string
		groups int
	}{
		{"standard", "arn:aws:sns:us-east-1:123456789012:orders", 0},
		{"fifo-16g", "arn:aws:sns:us-east-1:123456789012:orders.fifo", 16},
	} {
		msg := func(i int) model.Message {
			m := benchMessage(i)
			if topic.groups > 0 {
				m.GroupID, m.DeduplicationID = "g"+strconv.Itoa(i%topic.groups), strconv.Itoa(i)
			}
			return m
		}
		for _, producers := range []int{16, 64} {
			b.Run("topic="+topic.name+"/impl=publisher-"+strconv.Itoa(producers)+"g", func(b *testing.B) {
				c, err := New(ctx, WithEndpoint(stub.URL), WithCredentialsProvider(creds))
				if err != nil {
					b.Fatal(err)
				}
				p, err := c.NewPublisher(region.USEast1, model.Topic{ARN: topic.arn}, PublishSettings{})
				if err != nil {
					b.Fatal(err)
				}
				measure(b, func() {
					var next atomic.Int64
					var wg sync.WaitGroup
					for range producers {
						wg.Go(func() {
							for i := int(next.Add(1) - 1); i < b.N; i = int(next.Add(1) - 1) {
								p.Publish(ctx, msg(i))
							}
						})
					}
					wg.Wait()
					if err := p.Close(ctx); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
		b.Run("topic="+topic.name+"/impl=sdk-batch-16g", func(b *testing.B) {
			api := sns.NewFromConfig(aws.Config{Region: "us-east-1", Credentials: creds, BaseEndpoint: aws.String(stub.URL)})
			measure(b, func() { rawBatches(b, api, topic.arn, topic.groups > 0) })
		})
	}
}

// rawBatches is what a hand-rolled caller of aws-sdk-go-v2 does at best:
// PublishBatch requests of 10 entries from 16 goroutines, on a FIFO topic
// each goroutine its own message group.
func rawBatches(b *testing.B, api *sns.Client, arn string, fifo bool) {
	ctx := context.Background()
	var wg sync.WaitGroup
	var next atomic.Int64
	for g := range 16 {
		wg.Go(func() {
			for {
				first := int(next.Add(10) - 10)
				if first >= b.N {
					return
				}
				entries := make([]types.PublishBatchRequestEntry, 0, 10)
				for i := first; i < min(first+10, b.N); i++ {
					e := types.PublishBatchRequestEntry{
						Id:      aws.String(strconv.Itoa(i - first)),
						Message: aws.String(benchMessage(i).Body),
						MessageAttributes: map[string]types.MessageAttributeValue{
							"store": {DataType: aws.String("String"), StringValue: aws.String("example_corp")},
							"price": {DataType: aws.String("Number"), StringValue: aws.String("12.5")},
						},
					}
					if fifo {
						e.MessageGroupId, e.MessageDeduplicationId = aws.String("g"+strconv.Itoa(g)), aws.String(strconv.Itoa(i))
					}
					entries = append(entries, e)
				}
				out, err := api.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(arn), PublishBatchRequestEntries: entries})
				if err == nil && len(out.Failed) > 0 {
					err = fmt.Errorf("%d entries failed", len(out.Failed))
				}
				if err != nil {
					b.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
}
