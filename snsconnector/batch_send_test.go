package snsconnector

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// recordingBackoff waits d before every retry and records for which
// attempt and error it was asked.
type recordingBackoff struct {
	d        time.Duration
	mu       sync.Mutex
	attempts []int
	codes    []string
}

func (b *recordingBackoff) BackoffDelay(attempt int, err error) (time.Duration, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.attempts = append(b.attempts, attempt)
	b.codes = append(b.codes, ErrorCode(err))
	return b.d, nil
}

func withStandardRetryer(fn func(*retry.StandardOptions)) Option {
	r := retry.NewStandard(fn)
	return WithRetryer(func() aws.Retryer { return r })
}

// refuseTimes refuses body's entry with code the first n times it is sent.
func refuseTimes(body, code string, n int) *batchFake {
	return &batchFake{entry: func(e types.PublishBatchRequestEntry, sent int) *types.BatchResultErrorEntry {
		if aws.ToString(e.Message) == body && sent <= n {
			return refuse(code, false)
		}
		return nil
	}}
}

func TestEntryRetriesWaitTheRetryersDelay(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		b := &recordingBackoff{d: 750 * time.Millisecond}
		f := refuseTimes("m-1", "InternalError", 2)
		start := time.Now()
		resp, err := publishBatch(t, f, topicARN, messages("m", 3), withStandardRetryer(func(o *retry.StandardOptions) {
			o.Backoff = b
			o.MaxAttempts = 4
		}))
		if err != nil || !resp.Results[1].OK() || f.timesSent("m-1") != 3 {
			t.Fatalf("result %+v, %v, sent %d times", resp.Results[1], err, f.timesSent("m-1"))
		}
		if elapsed := time.Since(start); elapsed != 1500*time.Millisecond {
			t.Errorf("took %v; want the retryer's 750ms twice", elapsed)
		}
		if len(b.attempts) != 2 || b.attempts[0] != 1 || b.attempts[1] != 2 || b.codes[0] != "InternalError" {
			t.Errorf("RetryDelay asked for attempts %v, errors %v; want 1 and 2 after InternalError", b.attempts, b.codes)
		}
	})
}

func TestEntryRetriesSpendTheRetryersTokens(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Room for one retry: the second is refused by the quota, the
		// SDK's own defence against retry storms.
		tokens := ratelimit.NewTokenRateLimit(5)
		opt := withStandardRetryer(func(o *retry.StandardOptions) {
			o.RateLimiter, o.RetryCost = tokens, 5
			o.MaxAttempts = 5
		})
		f := refuseTimes("m-0", "InternalError", 100)
		resp, _ := publishBatch(t, f, topicARN, messages("m", 1), opt)
		var ee *EntryError
		var quota ratelimit.QuotaExceededError
		if err := resp.Results[0].Err; !errors.As(err, &ee) || ee.Attempts != 2 || !errors.As(err, &quota) {
			t.Fatalf("result %+v; want the refusal after 2 attempts, not retried for the quota", resp.Results[0])
		}
		if n := f.timesSent("m-0"); n != 2 || tokens.Remaining() != 0 {
			t.Errorf("sent %d times, %d tokens left; want 2 and 0", n, tokens.Remaining())
		}

		// A retry that succeeds gives its token back.
		tokens.AddTokens(5)
		f = refuseTimes("m-0", "InternalError", 1)
		if _, err := publishBatch(t, f, topicARN, messages("m", 1), opt); err != nil || tokens.Remaining() != 5 {
			t.Errorf("%v, %d tokens left; want the retry's 5 refunded", err, tokens.Remaining())
		}
	})
}

func TestSplitRequestKeepsTheAttemptCount(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// Every entry is refused, retryably; resent together, the four are
		// too long for SNS and split in two. The halves go on from the
		// attempts already made: 3 sends in all, not 3 more.
		var calls atomic.Int32
		f := &batchFake{
			entry: func(types.PublishBatchRequestEntry, int) *types.BatchResultErrorEntry {
				return refuse("InternalError", false)
			},
			request: func(_ context.Context, in *sns.PublishBatchInput) error {
				if calls.Add(1) > 1 && len(in.PublishBatchRequestEntries) > 2 {
					return &smithy.OperationError{ServiceID: "SNS", OperationName: "PublishBatch",
						Err: &types.BatchRequestTooLongException{Message: aws.String("too long")}}
				}
				return nil
			},
		}
		resp, _ := publishBatch(t, f, topicARN, messages("m", 4), WithRetryMaxAttempts(3))
		for i, res := range resp.Results {
			var ee *EntryError
			if !errors.As(res.Err, &ee) || ee.Attempts != 3 {
				t.Errorf("result %d: %v; want refused after 3 attempts", i, res.Err)
			}
			if n := f.timesSent(messages("m", 4)[i].Body); n != 3 {
				t.Errorf("m-%d sent %d times; want 3", i, n)
			}
		}
	})
}

func TestEntryRetriesCountTheSDKsAttempts(t *testing.T) {
	// The first request fails as a whole and the SDK retries it; SNS then
	// refuses the entry. Of the 3 attempts the message has, 2 are spent:
	// one request more, not two.
	stub := newStub(t, "orders")
	stub.Fake.FailNext(opPublishBatch, &types.InternalErrorException{Message: aws.String("boom")})
	stub.Fake.SetEntryFault(func(string, types.PublishBatchRequestEntry) *types.BatchResultErrorEntry {
		return refuse("InternalError", false)
	})
	c, err := New(context.Background(), WithConfig(aws.Config{Region: "us-east-1"}), WithEndpoint(stub.URL),
		WithStaticCredentials("AKID", "SECRET", ""),
		withStandardRetryer(func(o *retry.StandardOptions) { o.Backoff = &recordingBackoff{}; o.MaxAttempts = 3 }))
	if err != nil {
		t.Fatal(err)
	}
	resp, _ := c.PublishBatch(context.Background(), region.USEast1, model.Topic{ARN: "arn:aws:sns:us-east-1:123456789012:orders"}, messages("m", 1))
	var ee *EntryError
	if !errors.As(resp.Results[0].Err, &ee) || ee.Attempts != 3 {
		t.Fatalf("result %+v; want refused after 3 attempts", resp.Results[0])
	}
	if n := stub.Fake.Calls(opPublishBatch); n != 3 {
		t.Errorf("%d requests; want 3, the client's attempts", n)
	}
}

func TestEntryRetriesShareTheSNSClientsRetryer(t *testing.T) {
	c, err := New(context.Background(), WithConfig(aws.Config{Region: "us-east-1"}), WithStaticCredentials("AKID", "SECRET", ""), WithRetryMaxAttempts(7))
	if err != nil {
		t.Fatal(err)
	}
	api, err := c.API(region.EUWest1)
	if err != nil {
		t.Fatal(err)
	}
	r := c.retryer(api)
	if r != api.(*sns.Client).Options().Retryer || r.MaxAttempts() != 7 {
		t.Errorf("entry retries use %T with %d attempts; want the SNS client's retryer", r, r.MaxAttempts())
	}
}

func TestCallOptionsBoundTheSDKsAttempts(t *testing.T) {
	for _, tc := range []struct{ left, want int }{{1, 1}, {2, 2}, {3, 3}, {5, 3}} {
		o := sns.Options{Retryer: retry.NewStandard()}
		callOptions(tc.left)(&o)
		if got := o.Retryer.MaxAttempts(); got != tc.want {
			t.Errorf("with %d attempts left the SDK may make %d; want %d", tc.left, got, tc.want)
		}
		if !o.Retryer.IsErrorRetryable(&smithy.GenericAPIError{Code: "Throttled"}) {
			t.Error("SNS's throttling codes are not taught")
		}
	}
}
