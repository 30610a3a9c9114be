package reliability

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/go-sns/connector/internal/harness/faults"
	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// ledger records what the library reported for each message and what the
// queue delivered, and checks the property the library promises: every
// message reported as published is delivered, every message not delivered
// was reported as failed, and (for FIFO with deduplication IDs) nothing is
// delivered twice.
type ledger struct {
	mu        sync.Mutex
	sent      int
	confirmed map[string]bool
	failed    map[string]error
	delivered map[string]int
	order     []string        // bodies in order of first delivery
	seen      map[string]bool // SQS message IDs: a redelivered receive is not a duplicate publish
}

func newLedger() *ledger {
	return &ledger{confirmed: map[string]bool{}, failed: map[string]error{}, delivered: map[string]int{}, seen: map[string]bool{}}
}

func (l *ledger) report(body string, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sent++
	if err != nil {
		l.failed[body] = err
	} else {
		l.confirmed[body] = true
	}
}

func (l *ledger) deliver(msgs []sqstypes.Message) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, m := range msgs {
		if id := aws.ToString(m.MessageId); id != "" {
			if l.seen[id] {
				continue
			}
			l.seen[id] = true
		}
		b := aws.ToString(m.Body)
		if l.delivered[b] == 0 {
			l.order = append(l.order, b)
		}
		l.delivered[b]++
	}
}

// check applies the property, logs the counts, and fails t on a breach.
func (l *ledger) check(t *testing.T, noDuplicates bool) {
	t.Helper()
	summary, breaches := l.verify(noDuplicates)
	t.Log(summary)
	for _, b := range breaches {
		t.Error(b)
	}
}

// verify returns the counts and every breach of the property.
func (l *ledger) verify(noDuplicates bool) (summary string, breaches []string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	lost, dups, unknown, failedDelivered := 0, 0, 0, 0
	var examples []string
	for body := range l.confirmed {
		if l.delivered[body] == 0 {
			lost++
			if len(examples) < 5 {
				examples = append(examples, body)
			}
		}
	}
	for body, n := range l.delivered {
		if !l.confirmed[body] && l.failed[body] == nil {
			unknown++ // delivered but never sent: a bug in the test or the library
		}
		if n > 1 {
			dups += n - 1
		}
	}
	for body := range l.failed {
		if l.delivered[body] > 0 {
			failedDelivered++ // allowed: the ambiguous case, reported failed yet applied
		}
	}
	summary = fmt.Sprintf("sent %d, confirmed %d, delivered %d distinct (+%d duplicates), reported failed %d (of which delivered anyway %d), lost %d",
		l.sent, len(l.confirmed), len(l.delivered), dups, len(l.failed), failedDelivered, lost)
	if lost > 0 {
		breaches = append(breaches, fmt.Sprintf("%d messages reported published were never delivered, e.g. %v", lost, examples))
	}
	if unknown > 0 {
		breaches = append(breaches, fmt.Sprintf("%d delivered messages were never sent", unknown))
	}
	if l.sent != len(l.confirmed)+len(l.failed) {
		breaches = append(breaches, fmt.Sprintf("%d sent but %d outcomes reported", l.sent, len(l.confirmed)+len(l.failed)))
	}
	if noDuplicates && dups > 0 {
		breaches = append(breaches, fmt.Sprintf("%d duplicates delivered despite deduplication IDs", dups))
	}
	return summary, breaches
}

// drain reads the queue until want messages arrived or it stays quiet.
func drain(ctx context.Context, t *testing.T, q *fauxqs.Queue, l *ledger, want int) {
	t.Helper()
	msgs, err := q.Receive(ctx, want, 10*time.Second)
	if err != nil {
		t.Fatalf("draining: %v", err)
	}
	l.deliver(msgs)
	// Read once more briefly to catch duplicates that arrive late.
	more, _ := q.Receive(ctx, 1<<30, 500*time.Millisecond)
	l.deliver(more)
}

type faultCase struct {
	name  string
	setup func(t *testing.T, upstream string) (endpoint string, proxy *faults.Proxy)
}

// faultCases are the failures between client and server the library must
// survive. The shares are high enough that some messages exhaust their
// retries and must be reported failed.
func faultCases() []faultCase {
	toxic := func(tx faults.Toxic) func(*testing.T, string) (string, *faults.Proxy) {
		return func(t *testing.T, upstream string) (string, *faults.Proxy) {
			p := faults.NewProxy(t, upstream)
			p.Add(t, tx)
			return p.URL, p
		}
	}
	httpFault := func(before bool, share float64, answers ...faults.Answer) func(*testing.T, string) (string, *faults.Proxy) {
		return func(t *testing.T, upstream string) (string, *faults.Proxy) {
			f := faults.NewHTTPFaults(t, upstream, share, 42, answers...)
			f.Before = before
			return f.URL, nil
		}
	}
	return []faultCase{
		{"latency", toxic(faults.Latency(40, 30, 0.5))},
		{"connection reset mid-request", toxic(faults.ResetPeer(0.25))},
		{"response cut off", toxic(faults.CutResponse(60, 0.25))},
		{"server stops answering", toxic(faults.StopAnswering(0, 0.05))},
		{"500 and 503 after the request took effect", httpFault(false, 0.3, faults.InternalError, faults.ServiceUnavailable)},
		{"503 before the request", httpFault(true, 0.4, faults.ServiceUnavailable)},
		{"throttling", httpFault(true, 0.4, faults.Throttling)},
	}
}

var emulator fauxqs.Shared

func newFaultyClient(t *testing.T, endpoint string) *snsconnector.Client {
	t.Helper()
	c, err := snsconnector.New(context.Background(),
		snsconnector.WithEndpoint(endpoint),
		snsconnector.WithCredentialsProvider(fauxqs.Credentials),
		// A fresh connection per request, so Toxiproxy's per-connection
		// toxicity is a per-request fault rate.
		snsconnector.WithHTTPClient(&http.Client{Transport: &http.Transport{DisableKeepAlives: true}}),
		// A server that stops answering costs at most this per message.
		snsconnector.WithTimeout(time.Second),
		// The SDK's standard retryer with its backoff capped, so the short
		// run does not spend its time asleep; which errors are retried, and
		// how often, stays the default.
		snsconnector.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) { o.MaxBackoff = 50 * time.Millisecond })
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestIntegrationPublishUnderFaults(t *testing.T) {
	srv := emulator.Need(t)
	n := scale(120, 3000)
	for _, fc := range faultCases() {
		t.Run(fc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			r := region.EUWest1
			topic, q := topicWithQueue(t, srv, r, fauxqs.UniqueName("faults"), false)
			endpoint, _ := fc.setup(t, srv.URL)
			c := newFaultyClient(t, endpoint)
			l := newLedger()
			var wg sync.WaitGroup
			sem := make(chan struct{}, 8)
			for i := range n {
				wg.Go(func() {
					sem <- struct{}{}
					defer func() { <-sem }()
					body := fmt.Sprintf("%s-%05d", strings.ReplaceAll(fc.name, " ", "_"), i)
					_, err := c.Publish(ctx, r, model.PublishRequest{Topic: model.Topic{ARN: topic}, Message: model.Message{Body: body}})
					l.report(body, err)
				})
			}
			wg.Wait()
			drain(ctx, t, q, l, len(l.confirmed))
			l.check(t, false)
		})
	}
}

func TestIntegrationFIFOPublishUnderFaultsHasNoDuplicates(t *testing.T) {
	srv := emulator.Need(t)
	n := scale(100, 2000)
	for _, fc := range faultCases() {
		if fc.name == "latency" {
			continue // no retries, nothing to deduplicate
		}
		t.Run(fc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			r := region.EUWest1
			topic, q := topicWithQueue(t, srv, r, fauxqs.UniqueName("ffaults")+".fifo", true)
			endpoint, _ := fc.setup(t, srv.URL)
			c := newFaultyClient(t, endpoint)
			l := newLedger()
			for i := range n {
				body := fmt.Sprintf("fifo-%05d", i)
				_, err := c.Publish(ctx, r, model.PublishRequest{Topic: model.Topic{ARN: topic}, Message: model.Message{
					Body: body, GroupID: "g", DeduplicationID: body,
				}})
				l.report(body, err)
			}
			drain(ctx, t, q, l, len(l.confirmed))
			l.check(t, true)
			// Published one after another into one group, they must arrive in
			// the order sent, whatever was retried.
			if !sort.StringsAreSorted(l.order) {
				t.Errorf("FIFO order broken: %v", l.order)
			}
		})
	}
}

func TestIntegrationPublisherUnderFaults(t *testing.T) {
	srv := emulator.Need(t)
	n := scale(300, 5000)
	for _, fc := range faultCases() {
		t.Run(fc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			r := region.EUWest1
			topic, q := topicWithQueue(t, srv, r, fauxqs.UniqueName("pfaults"), false)
			endpoint, _ := fc.setup(t, srv.URL)
			p, err := newFaultyClient(t, endpoint).NewPublisher(r, model.Topic{ARN: topic}, snsconnector.PublishSettings{})
			if err != nil {
				t.Fatal(err)
			}
			l := newLedger()
			results := make([]*snsconnector.PublishResult, n)
			var wg sync.WaitGroup
			for g := range 16 {
				wg.Go(func() {
					for i := g; i < n; i += 16 {
						results[i] = p.Publish(ctx, model.Message{Body: fmt.Sprintf("pub-%05d", i)})
					}
				})
			}
			wg.Wait()
			if err := p.Close(ctx); err != nil {
				t.Logf("Close reports the failures: %v", firstLine(err))
			}
			for i, res := range results {
				select {
				case <-res.Ready():
				default:
					t.Fatalf("result %d unresolved after Close", i)
				}
				_, err := res.Get(ctx)
				l.report(fmt.Sprintf("pub-%05d", i), err)
			}
			drain(ctx, t, q, l, len(l.confirmed))
			l.check(t, false)
		})
	}
}

func TestIntegrationFIFOPublisherUnderFaultsKeepsOrderWithoutDuplicates(t *testing.T) {
	srv := emulator.Need(t)
	const groups = 6
	perGroup := scale(25, 400)
	for _, fc := range faultCases() {
		if fc.name == "latency" {
			continue
		}
		t.Run(fc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			r := region.EUWest1
			topic, q := topicWithQueue(t, srv, r, fauxqs.UniqueName("fpfaults")+".fifo", true)
			endpoint, _ := fc.setup(t, srv.URL)
			// fauxqs 2.4.1 takes a request's 10th entry second (it sorts
			// member.10 before member.2), which would break FIFO order in
			// the emulator, not in SNS; requests of 9 keep the check honest.
			p, err := newFaultyClient(t, endpoint).NewPublisher(r, model.Topic{ARN: topic}, snsconnector.PublishSettings{CountThreshold: 9})
			if err != nil {
				t.Fatal(err)
			}
			l := newLedger()
			var wg sync.WaitGroup
			for g := range groups {
				wg.Go(func() {
					group := fmt.Sprintf("g%d", g)
					for i := range perGroup {
						body := fmt.Sprintf("%s-%05d", group, i)
						_, err := p.Publish(ctx, model.Message{Body: body, GroupID: group, DeduplicationID: body}).Get(ctx)
						l.report(body, err)
						if err != nil {
							// The failure paused the group; the caller has
							// noted it and carries on with the next message.
							p.ResumeGroup(group)
						}
					}
				})
			}
			wg.Wait()
			if err := p.Close(ctx); err != nil {
				t.Errorf("Close: %v", err)
			}
			drain(ctx, t, q, l, len(l.confirmed))
			l.check(t, true)
			// Within each group, delivery order is publication order.
			last := map[string]string{}
			for _, body := range l.order {
				group, _, _ := strings.Cut(body, "-")
				if prev, ok := last[group]; ok && body < prev {
					t.Errorf("group %s: %s delivered after %s", group, body, prev)
				}
				last[group] = body
			}
		})
	}
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}
