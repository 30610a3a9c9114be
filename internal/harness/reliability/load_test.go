package reliability

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// heapSampler records the peak heap in use while a load runs.
type heapSampler struct {
	peak atomic.Uint64
	stop chan struct{}
	done chan struct{}
}

func sampleHeap() *heapSampler {
	h := &heapSampler{stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(h.done)
		var ms runtime.MemStats
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > h.peak.Load() {
				h.peak.Store(ms.HeapInuse)
			}
			select {
			case <-h.stop:
				return
			case <-tick.C:
			}
		}
	}()
	return h
}

func (h *heapSampler) Stop() uint64 {
	close(h.stop)
	<-h.done
	return h.peak.Load()
}

// maxPeakHeap is a generous ceiling: the load holds no message after it is
// published, so the heap must not grow with the message count.
const maxPeakHeap = 256 << 20

func TestIntegrationLoadManyGoroutinesOneClient(t *testing.T) {
	srv := emulator.Need(t)
	const goroutines = 64
	n := scale(20_000, 200_000)
	ctx := context.Background()
	r := region.EUWest1
	topic, q := topicWithQueue(t, srv, r, fauxqs.UniqueName("load"), false)
	c, transport := loadClient(t, srv, goroutines)

	// Goroutines of the emulator's helper clients exist from here on; only
	// what the load starts must be gone when it ends.
	leaks := goleak.IgnoreCurrent()
	heap := sampleHeap()
	l := newLedger()
	var next atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				body := fmt.Sprintf("load-%06d", i)
				_, err := c.Publish(ctx, r, model.PublishRequest{Topic: model.Topic{ARN: topic}, Message: model.Message{
					Body:       body,
					Attributes: map[string]model.MessageAttribute{"i": model.NumberAttribute(i)},
				}})
				l.report(body, err)
			}
		})
	}
	wg.Wait()
	endLoad(t, "one client", loadRun{start, heap, transport, leaks, q, l, n, goroutines})
}

// loadClient is a client for the emulator with its own transport, so the
// test can close the load's idle connections before looking for leaks.
func loadClient(t *testing.T, srv *fauxqs.Server, idleConns int) (*snsconnector.Client, *http.Transport) {
	t.Helper()
	transport := &http.Transport{MaxIdleConnsPerHost: idleConns}
	t.Cleanup(transport.CloseIdleConnections)
	c, err := snsconnector.New(context.Background(), snsconnector.WithEndpoint(srv.URL),
		snsconnector.WithCredentialsProvider(fauxqs.Credentials),
		snsconnector.WithHTTPClient(&http.Client{Transport: transport}))
	if err != nil {
		t.Fatal(err)
	}
	return c, transport
}

// loadRun is what a load test hands endLoad once its goroutines are done.
type loadRun struct {
	start      time.Time
	heap       *heapSampler
	transport  *http.Transport
	leaks      goleak.Option
	q          *fauxqs.Queue
	l          *ledger
	n          int
	goroutines int
}

// endLoad checks what every load test promises: nothing the load started
// is left running, every message confirmed is delivered, none failed, and
// the heap stayed bounded.
func endLoad(t *testing.T, through string, run loadRun) {
	t.Helper()
	elapsed := time.Since(run.start)
	peak := run.heap.Stop()
	run.transport.CloseIdleConnections()
	goleak.VerifyNone(t, run.leaks)
	drain(context.Background(), t, run.q, run.l, run.n)
	run.l.check(t, false)
	if len(run.l.failed) > 0 {
		t.Errorf("%d publishes failed under load with no faults injected", len(run.l.failed))
	}
	t.Logf("%d messages from %d goroutines through %s in %v (%.0f msg/s, race detector %v), peak heap %.1f MiB",
		run.n, run.goroutines, through, elapsed.Round(time.Millisecond), float64(run.n)/elapsed.Seconds(), raceEnabled, float64(peak)/(1<<20))
	if peak > maxPeakHeap {
		t.Errorf("peak heap %d MiB exceeds %d MiB", peak>>20, maxPeakHeap>>20)
	}
}

func TestIntegrationLoadManyGoroutinesOnePublisher(t *testing.T) {
	srv := emulator.Need(t)
	const goroutines = 64
	n := scale(20_000, 500_000)
	ctx := context.Background()
	r := region.EUWest1
	topic, q := topicWithQueue(t, srv, r, fauxqs.UniqueName("loadpub"), false)
	c, transport := loadClient(t, srv, 32)

	leaks := goleak.IgnoreCurrent()
	heap := sampleHeap()
	p, err := c.NewPublisher(r, model.Topic{ARN: topic}, snsconnector.PublishSettings{})
	if err != nil {
		t.Fatal(err)
	}
	l := newLedger()
	var next atomic.Int64
	start := time.Now()
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			// Each goroutine waits for its results in chunks, as a service
			// that acknowledges work would; the flow control bounds memory.
			type pending struct {
				body string
				res  *snsconnector.PublishResult
			}
			var batch []pending
			settle := func() {
				for _, p := range batch {
					_, err := p.res.Get(ctx)
					l.report(p.body, err)
				}
				batch = batch[:0]
			}
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					break
				}
				body := fmt.Sprintf("pub-%06d", i)
				batch = append(batch, pending{body, p.Publish(ctx, model.Message{
					Body:       body,
					Attributes: map[string]model.MessageAttribute{"i": model.NumberAttribute(i)},
				})})
				if len(batch) == 100 {
					settle()
				}
			}
			settle()
		})
	}
	wg.Wait()
	if err := p.Close(ctx); err != nil {
		t.Errorf("Close: %v", err)
	}
	endLoad(t, "one Publisher", loadRun{start, heap, transport, leaks, q, l, n, goroutines})
}
