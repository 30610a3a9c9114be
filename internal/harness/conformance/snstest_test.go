package conformance_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-sns/connector/internal/harness/conformance"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// TestConformance runs the behaviour suite that fauxqs also runs: the fake
// must do what Amazon SNS does, with no quirks declared.
func TestConformance(t *testing.T) {
	conformance.Run(t, fakeHarness{snstest.New()})
}

type fakeHarness struct{ fake *snstest.Server }

func (h fakeHarness) API(r region.Region) snsconnector.API { return h.fake.API(r) }
func (h fakeHarness) AccountID() string                    { return h.fake.AccountID() }
func (h fakeHarness) Quirks() conformance.Quirks           { return conformance.Quirks{} }

func (h fakeHarness) ConfirmationToken(t *testing.T, subscriptionARN string) string {
	token, ok := h.fake.ConfirmationToken(subscriptionARN)
	if !ok {
		t.Fatalf("no confirmation token for %s", subscriptionARN)
	}
	return token
}

var queues atomic.Int64

// NewQueue names a queue that need not exist: the fake records what SNS
// would deliver to it, and the queue reads that back as SQS would return it.
func (h fakeHarness) NewQueue(t *testing.T, r region.Region, fifo bool) conformance.Queue {
	arn := fmt.Sprintf("arn:aws:sqs:%s:%s:q-%d", r, h.fake.AccountID(), queues.Add(1))
	if fifo {
		arn += ".fifo"
	}
	return &fakeQueue{fake: h.fake, arn: arn}
}

type fakeQueue struct {
	fake *snstest.Server
	arn  string
	mu   sync.Mutex
	read int // deliveries already received
}

func (q *fakeQueue) ARN() string { return q.arn }

// Receive returns at once: the fake delivers before Publish returns.
func (q *fakeQueue) Receive(_ context.Context, n int, _ time.Duration) ([]conformance.Received, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	var out []conformance.Received
	for _, d := range q.fake.DeliveriesTo(q.arn)[q.read:] {
		if len(out) == n {
			break
		}
		q.read++
		r := conformance.Received{Body: d.Body, GroupID: d.GroupID, DeduplicationID: d.DeduplicationID}
		if d.Raw {
			r.Attributes = d.Attributes // SQS carries them only with raw delivery
		}
		out = append(out, r)
	}
	return out, nil
}
