package snstest_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector/snstest"
)

func TestFailNextFailsCallsInOrderThenStops(t *testing.T) {
	fake := snstest.New()
	arn := aws.String(mustCreate(t, fake, "t", nil))
	throttled := &types.ThrottledException{Message: aws.String("Rate exceeded")}
	internal := &types.InternalErrorException{Message: aws.String("try again")}
	fake.FailNext("Publish", nil) // does nothing: it takes no turn
	fake.FailNext("Publish", throttled)
	fake.FailNext("Publish", internal)

	in := &sns.PublishInput{TopicArn: arn, Message: aws.String("m")}
	_, err1 := fake.Publish(ctx, in)
	_, err2 := fake.Publish(ctx, in)
	_, err3 := fake.Publish(ctx, in)
	if !errors.Is(err1, throttled) || !errors.Is(err2, internal) || err3 != nil {
		t.Errorf("errors %v, %v, %v; want throttled, internal, nil", err1, err2, err3)
	}
	if n := len(fake.Published(*arn)); n != 1 {
		t.Errorf("%d messages published; failed calls must publish nothing", n)
	}
	if fake.Calls("Publish") != 3 || fake.Calls("CreateTopic") != 1 || fake.Calls("DeleteTopic") != 0 {
		t.Errorf("Calls: Publish %d, CreateTopic %d, DeleteTopic %d", fake.Calls("Publish"), fake.Calls("CreateTopic"), fake.Calls("DeleteTopic"))
	}
}

func TestInterceptorSeesEveryCallAndCanFailOrDelay(t *testing.T) {
	fake := snstest.New()
	var mu sync.Mutex
	var seen []string
	fake.SetInterceptor(func(ctx context.Context, c snstest.Call) error {
		mu.Lock()
		seen = append(seen, fmt.Sprintf("%s@%s", c.Op, c.Region))
		mu.Unlock()
		if in, ok := c.Input.(*sns.PublishInput); ok && aws.ToString(in.Message) == "slow" {
			select {
			case <-time.After(time.Minute):
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		if c.Op == "DeleteTopic" {
			return &types.AuthorizationErrorException{Message: aws.String("no")}
		}
		return nil
	})
	arn := mustCreate(t, fake.API(region.EUWest1), "t", nil)
	_, err := fake.API(region.EUWest1).DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(arn)})
	wantErr[*types.AuthorizationErrorException](t, err, "an intercepted DeleteTopic")

	cctx, cancel := context.WithTimeout(ctx, 20*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err = fake.API(region.EUWest1).Publish(cctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("slow")})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 10*time.Second {
		t.Errorf("a delayed call: %v after %v; want the deadline honoured", err, time.Since(start))
	}
	mu.Lock()
	want := "[CreateTopic@eu-west-1 DeleteTopic@eu-west-1 Publish@eu-west-1]"
	if got := fmt.Sprint(seen); got != want {
		t.Errorf("intercepted %s; want %s", got, want)
	}
	mu.Unlock()
	fake.SetInterceptor(nil)
	if _, err := fake.API(region.EUWest1).DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(arn)}); err != nil {
		t.Errorf("after removing the interceptor: %v", err)
	}
}

func TestEntryFaultGivesAPartialBatchFailure(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t", nil)
	sub := subscribe(t, fake, arn, "sqs", queueARN, nil)
	fake.SetEntryFault(func(topicARN string, e types.PublishBatchRequestEntry) *types.BatchResultErrorEntry {
		if aws.ToString(e.Id) != "b" {
			return nil
		}
		return &types.BatchResultErrorEntry{Code: aws.String("InternalError"), Message: aws.String("try again"), SenderFault: false}
	})
	out, err := fake.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(arn), PublishBatchRequestEntries: []types.PublishBatchRequestEntry{
		{Id: aws.String("a"), Message: aws.String("1")}, {Id: aws.String("b"), Message: aws.String("2")}, {Id: aws.String("c"), Message: aws.String("3")},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Successful) != 2 || len(out.Failed) != 1 || aws.ToString(out.Failed[0].Id) != "b" || aws.ToString(out.Failed[0].Code) != "InternalError" {
		t.Errorf("Successful %+v, Failed %+v; want a and c, then b failed", out.Successful, out.Failed)
	}
	var got []string
	for _, d := range fake.Deliveries(sub) {
		got = append(got, d.Message)
	}
	if fmt.Sprint(got) != "[1 3]" {
		t.Errorf("delivered %v; the failed entry must not be delivered", got)
	}
}

func TestConcurrentPublishersGetDistinctIncreasingSequenceNumbers(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t.fifo", map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": "true"})
	sub := subscribe(t, fake, arn, "sqs", queueARN+".fifo", nil)
	const workers, each = 8, 50
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String(fmt.Sprintf("w%d-%d", w, i)),
					MessageGroupId: aws.String(fmt.Sprint("g", w))}); err != nil {
					t.Error(err)
				}
				fake.Deliveries(sub) // readers race with writers
			}
		})
	}
	wg.Wait()
	ds := fake.Deliveries(sub)
	if len(ds) != workers*each {
		t.Fatalf("%d deliveries; want %d", len(ds), workers*each)
	}
	perGroup := map[string]int{}
	for i, d := range ds {
		if i > 0 && d.SequenceNumber <= ds[i-1].SequenceNumber {
			t.Fatalf("sequence numbers not increasing: %s after %s", d.SequenceNumber, ds[i-1].SequenceNumber)
		}
		// Within a group, messages keep their publisher's order.
		var w, n int
		fmt.Sscanf(d.Message, "w%d-%d", &w, &n)
		if n != perGroup[d.GroupID] {
			t.Fatalf("group %s: message %d arrived at position %d", d.GroupID, n, perGroup[d.GroupID])
		}
		perGroup[d.GroupID]++
	}
}
