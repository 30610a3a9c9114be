package integration

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// peakTransport records the most requests it had in flight at once.
type peakTransport struct {
	now, peak atomic.Int64
}

func (p *peakTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	n := p.now.Add(1)
	defer p.now.Add(-1)
	for old := p.peak.Load(); n > old && !p.peak.CompareAndSwap(old, n); old = p.peak.Load() {
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestIntegrationPublisherFIFOManyGroupsInParallelAndInOrder(t *testing.T) {
	// Issue 12: 16 groups, one goroutine each, through one Publisher.
	// Groups go in parallel (requests in flight at once, not one chain),
	// and each group arrives whole and in order.
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUWest1
	topic := createTopic(t, srv, r, fauxqs.UniqueName("groups")+".fifo", map[string]string{"FifoTopic": "true", "FifoThroughputScope": "MessageGroup"})
	q, err := srv.SubscribeQueue(ctx, string(r), topic, nil)
	if err != nil {
		t.Fatal(err)
	}
	tr := &peakTransport{}
	c, _ := emulatorClient(t, srv, snsconnector.WithHTTPClient(&http.Client{Transport: tr}))
	// Requests of 9: fauxqs takes a request's 10th entry second (see
	// underTenPerRequest).
	p, err := c.NewPublisher(r, model.Topic{ARN: topic}, snsconnector.PublishSettings{CountThreshold: 9})
	if err != nil {
		t.Fatal(err)
	}
	const groups, each = 16, 45
	var mu sync.Mutex
	var results []*snsconnector.PublishResult
	var wg sync.WaitGroup
	for g := range groups {
		wg.Go(func() {
			for i := range each {
				body := fmt.Sprintf("g%02d-%03d", g, i)
				res := p.Publish(ctx, model.Message{Body: body, GroupID: fmt.Sprintf("g%02d", g), DeduplicationID: body})
				mu.Lock()
				results = append(results, res)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	for _, res := range results {
		if _, err := res.Get(ctx); err != nil {
			t.Fatal(err)
		}
	}
	got := map[string][]string{}
	for _, m := range receiveAll(t, q, groups*each) {
		g := m.Attributes["MessageGroupId"]
		got[g] = append(got[g], aws.ToString(m.Body))
	}
	for g := range groups {
		name := fmt.Sprintf("g%02d", g)
		var want []string
		for i := range each {
			want = append(want, fmt.Sprintf("%s-%03d", name, i))
		}
		if !slices.Equal(got[name], want) {
			t.Errorf("group %s arrived as %v", name, got[name])
		}
	}
	t.Logf("at most %d requests in flight", tr.peak.Load())
	if peak := tr.peak.Load(); peak < 4 {
		t.Errorf("at most %d requests in flight; the groups did not go in parallel", peak)
	}
}
