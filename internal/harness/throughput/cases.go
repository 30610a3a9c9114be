package throughput

import (
	"context"
	"fmt"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/snsconnector"
)

// Concurrency of the parallel cases: many application goroutines for the
// Publisher, and for the raw ceiling as many requests in flight as the
// Publisher's default allows. The FIFO cases publish to Groups message
// groups, one goroutine each.
const (
	PublisherGoroutines = 64
	RawGoroutines       = 16
	Groups              = 16
	batchCallSize       = 1000 // messages per PublishBatch call
	// fifoBatch is the most entries of a FIFO request: fauxqs 2.4.1 takes
	// a request's entries in the order of their form keys, where member.10
	// sorts before member.2, which breaks the order of a group of 10 (real
	// SNS keeps it). Both FIFO cases use requests of 9.
	fifoBatch = 9
)

// Cases are the connector's ways of publishing, and the raw SDK ceiling, on
// a standard topic, then on a FIFO topic with Groups message groups.
func Cases() []Case {
	return []Case{
		{Name: "impl=publish-sequential", Publish: publishSequential},
		{Name: "impl=publishbatch", Publish: publishBatch},
		{Name: fmt.Sprintf("impl=publisher-%dg", PublisherGoroutines), Publish: publisher},
		{Name: fmt.Sprintf("impl=sdk-batch-%dg", RawGoroutines), Publish: rawBatches},
		{Name: fmt.Sprintf("impl=fifo-publisher-%dgroups", Groups), Publish: fifoPublisher, FIFO: true},
		{Name: fmt.Sprintf("impl=fifo-sdk-batch-%dgroups", Groups), Publish: fifoRawBatches, FIFO: true},
	}
}

// publishSequential is Client.Publish, one message after another.
func publishSequential(ctx context.Context, env *Env, n int) error {
	for i := range n {
		if _, err := env.Client.Publish(ctx, Region, model.PublishRequest{Topic: env.Topic, Message: Message(i)}); err != nil {
			return err
		}
	}
	return nil
}

// publishBatch is Client.PublishBatch on calls of 1,000 messages, one call
// after another, at the client's default concurrency.
func publishBatch(ctx context.Context, env *Env, n int) error {
	for start := 0; start < n; start += batchCallSize {
		msgs := make([]model.Message, min(batchCallSize, n-start))
		for i := range msgs {
			msgs[i] = Message(start + i)
		}
		if _, err := env.Client.PublishBatch(ctx, Region, env.Topic, msgs); err != nil {
			return err
		}
	}
	return nil
}

// publisher is a Publisher at its default settings, fed by many
// goroutines; it is done when Close has every message accepted.
func publisher(ctx context.Context, env *Env, n int) error {
	p, err := env.Client.NewPublisher(Region, env.Topic, snsconnector.PublishSettings{})
	if err != nil {
		return err
	}
	var next atomic.Int64
	results := make([]*snsconnector.PublishResult, n)
	var wg sync.WaitGroup
	for range PublisherGoroutines {
		wg.Go(func() {
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				results[i] = p.Publish(ctx, Message(i))
			}
		})
	}
	wg.Wait()
	if err := p.Close(ctx); err != nil {
		return err
	}
	for _, r := range results {
		if _, err := r.Get(ctx); err != nil {
			return err
		}
	}
	return nil
}

// rawBatches is what a hand-rolled caller of aws-sdk-go-v2 does at best:
// PublishBatch requests of 10 entries from several goroutines, no
// validation, no retries of refused entries.
func rawBatches(ctx context.Context, env *Env, n int) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, RawGoroutines)
	for range RawGoroutines {
		wg.Go(func() {
			for {
				first := int(next.Add(10) - 10)
				if first >= n {
					return
				}
				entries := make([]types.PublishBatchRequestEntry, 0, 10)
				for i := first; i < min(first+10, n); i++ {
					entries = append(entries, types.PublishBatchRequestEntry{
						Id:      aws.String(fmt.Sprint(i - first)),
						Message: aws.String(Body(i)),
						MessageAttributes: map[string]types.MessageAttributeValue{
							"store": {DataType: aws.String("String"), StringValue: aws.String("example_corp")},
							"price": {DataType: aws.String("Number"), StringValue: aws.String("12.5")},
						},
					})
				}
				if err := rawSend(ctx, env, entries); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

// fifoPublisher is a Publisher to a FIFO topic, one goroutine publishing
// each group's messages in order (message i is of group i % Groups).
func fifoPublisher(ctx context.Context, env *Env, n int) error {
	p, err := env.Client.NewPublisher(Region, env.Topic, snsconnector.PublishSettings{CountThreshold: fifoBatch})
	if err != nil {
		return err
	}
	results := make([]*snsconnector.PublishResult, n)
	var wg sync.WaitGroup
	for g := range Groups {
		wg.Go(func() {
			for i := g; i < n; i += Groups {
				results[i] = p.Publish(ctx, FIFOMessage(i))
			}
		})
	}
	wg.Wait()
	if err := p.Close(ctx); err != nil {
		return err
	}
	for _, r := range results {
		if _, err := r.Get(ctx); err != nil {
			return err
		}
	}
	return nil
}

// fifoRawBatches is the raw SDK's per-group ceiling: one goroutine per
// message group sending that group's messages in PublishBatch requests, one
// after another.
func fifoRawBatches(ctx context.Context, env *Env, n int) error {
	var wg sync.WaitGroup
	errs := make(chan error, Groups)
	for g := range Groups {
		wg.Go(func() {
			for first := g; first < n; first += Groups * fifoBatch {
				entries := make([]types.PublishBatchRequestEntry, 0, fifoBatch)
				for i := first; i < n && len(entries) < fifoBatch; i += Groups {
					m := FIFOMessage(i)
					entries = append(entries, types.PublishBatchRequestEntry{
						Id:                     aws.String(strconv.Itoa(len(entries))),
						Message:                aws.String(m.Body),
						MessageGroupId:         aws.String(m.GroupID),
						MessageDeduplicationId: aws.String(m.DeduplicationID),
						MessageAttributes: map[string]types.MessageAttributeValue{
							"store": {DataType: aws.String("String"), StringValue: aws.String("example_corp")},
							"price": {DataType: aws.String("Number"), StringValue: aws.String("12.5")},
						},
					})
				}
				if err := rawSend(ctx, env, entries); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	return <-errs
}

func rawSend(ctx context.Context, env *Env, entries []types.PublishBatchRequestEntry) error {
	out, err := env.SNS.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(env.Topic.ARN), PublishBatchRequestEntries: entries})
	if err == nil && len(out.Failed) > 0 {
		err = fmt.Errorf("%d entries failed: %s", len(out.Failed), aws.ToString(out.Failed[0].Code))
	}
	return err
}
