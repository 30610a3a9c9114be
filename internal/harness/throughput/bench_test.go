package throughput_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"gocloud.dev/pubsub"
	"gocloud.dev/pubsub/awssnssqs"

	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/internal/harness/throughput"
)

// CDKGoroutines feed Go CDK's topic, as many as feed the Publisher.
const CDKGoroutines = throughput.PublisherGoroutines

// BenchmarkThroughput measures the connector's ways of publishing, the raw
// SDK ceiling and Go CDK's awssnssqs (at its defaults, from many
// goroutines) against one emulator, in one run; see package throughput.
func BenchmarkThroughput(b *testing.B) {
	if _, _, err := fauxqs.Paths(); err != nil {
		b.Skip(err)
	}
	srv, err := fauxqs.Start(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Stop()
	cases := append(throughput.Cases(), throughput.Case{Name: "impl=gocdk-64g", Publish: goCDK})
	if err := throughput.WarmUp(srv, cases, 5000); err != nil {
		b.Fatal(err)
	}
	for _, c := range throughput.Rotate(cases) {
		b.Run(c.Name, func(b *testing.B) { throughput.Run(b, srv, c) })
	}
}

// goCDK sends through a Go CDK topic, which batches concurrent Sends into
// PublishBatch requests; bodies are sent as they are (no base64), so they
// can be counted back.
func goCDK(ctx context.Context, env *throughput.Env, n int) error {
	topic := awssnssqs.OpenSNSTopic(ctx, env.SNS, env.Topic.ARN, &awssnssqs.TopicOptions{BodyBase64Encoding: awssnssqs.Never})
	var next atomic.Int64
	var wg sync.WaitGroup
	var mu sync.Mutex
	var first error
	for range CDKGoroutines {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				err := topic.Send(ctx, &pubsub.Message{
					Body:     []byte(throughput.Body(i)),
					Metadata: map[string]string{"store": "example_corp", "price": "12.5"},
				})
				if err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		})
	}
	wg.Wait()
	if err := topic.Shutdown(ctx); err != nil && first == nil {
		first = err
	}
	return first
}
