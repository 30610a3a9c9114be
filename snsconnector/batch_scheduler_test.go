package snsconnector

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/go-sns/connector/model"
)

func TestPublisherFIFOManyGroupsKeepEveryRequestSlotBusy(t *testing.T) {
	// Issue 12: with batches chained on every group they carried, 20
	// groups at 20 ms a request had one request in flight and took 2 s
	// for 1,000 messages. With a queue per group, the 16 slots fill with
	// full requests: 10 round trips where 7 would do, as Flush makes every
	// message due and the oldest go first, so the 4 groups published last
	// wait behind the others' older messages.
	synctest.Test(t, func(t *testing.T) {
		f := &batchFake{hold: 20 * time.Millisecond}
		p := newPublisher(t, f, fifoARN, PublishSettings{})
		const groups, each = 20, 50
		var msgs []model.Message
		var wg sync.WaitGroup
		var mu sync.Mutex
		start := time.Now()
		for g := range groups {
			wg.Go(func() {
				for i := range each {
					body := fmt.Sprintf("g%02d-%d", g, i)
					m := model.Message{Body: body, GroupID: fmt.Sprintf("g%02d", g), DeduplicationID: body}
					mu.Lock()
					msgs = append(msgs, m)
					mu.Unlock()
					p.Publish(context.Background(), m)
				}
			})
		}
		wg.Wait()
		if err := p.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		elapsed := time.Since(start)
		f.check(t)
		wantGroupOrder(t, f, msgs)
		reqs := f.snapshot()
		t.Logf("%d requests, %d in flight at most, %v", len(reqs), f.maxInflight, elapsed)
		if f.maxInflight != DefaultPublishSettings.MaxConcurrentRequests {
			t.Errorf("at most %d requests in flight; want %d", f.maxInflight, DefaultPublishSettings.MaxConcurrentRequests)
		}
		if len(reqs) > groups*each/10+groups {
			t.Errorf("%d requests for %d messages: batches are not kept full", len(reqs), groups*each)
		}
		if elapsed > 300*time.Millisecond {
			t.Errorf("took %v on the fake clock; 1,000 messages at 16 requests of 10 take 7 round trips", elapsed)
		}
	})
}

func TestPublisherFIFOFillsRequestsFromIdleGroupsOldestFirst(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &batchFake{hold: time.Millisecond}
		p := newPublisher(t, f, fifoARN, hourDelay)
		var msgs []model.Message
		for _, g := range []string{"a", "b", "c", "d"} {
			for i := range 3 {
				body := fmt.Sprintf("%s-%d", g, i)
				msgs = append(msgs, model.Message{Body: body, GroupID: g, DeduplicationID: body})
			}
		}
		for _, m := range msgs {
			p.Publish(context.Background(), m)
		}
		if err := p.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
		// Ten messages fill the first request from the groups' heads in
		// order; d is then busy, so its rest waits for d-0's answer.
		var got []string
		for _, r := range f.snapshot() {
			got = append(got, fmt.Sprint(r.bodies))
		}
		want := []string{"[a-0 a-1 a-2 b-0 b-1 b-2 c-0 c-1 c-2 d-0]", "[d-1 d-2]"}
		if !slices.Equal(got, want) {
			t.Errorf("requests %v; want %v", got, want)
		}
		p.s.mu.Lock()
		defer p.s.mu.Unlock()
		if len(p.s.queues) != 0 || len(p.s.ready) != 0 || len(p.s.pending) != 0 {
			t.Errorf("%d queues, %d ready, %d requests kept after every message resolved", len(p.s.queues), len(p.s.ready), len(p.s.pending))
		}
	})
}

func TestPublishBatchFIFOManyGroupsUseEveryRequestSlot(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &batchFake{hold: 20 * time.Millisecond}
		var counts = map[string]int{}
		for g := range 20 {
			counts[fmt.Sprintf("g%02d", g)] = 25
		}
		msgs := fifoMessages(counts)
		resp, err := publishBatch(t, f, fifoARN, msgs)
		if err != nil {
			t.Fatal(err)
		}
		wantAccepted(t, msgs, resp)
		wantGroupOrder(t, f, msgs)
		if f.maxInflight != DefaultBatchConcurrency {
			t.Errorf("at most %d requests in flight; want %d", f.maxInflight, DefaultBatchConcurrency)
		}
	})
}

func TestPublisherFIFOMessagesOfABusyGroupDoNotCountTowardsAFullRequest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := &batchFake{hold: 10 * time.Millisecond}
		p := newPublisher(t, f, fifoARN, PublishSettings{CountThreshold: 4, MaxConcurrentRequests: 2, DelayThreshold: time.Hour})
		publish := func(group string, n int) {
			for i := range n {
				body := fmt.Sprintf("%s-%d", group, i)
				p.Publish(context.Background(), model.Message{Body: body, GroupID: group, DeduplicationID: body})
			}
		}
		publish("x", 4)
		publish("y", 4) // two full requests: both slots busy
		publish("a", 6) // waits for a slot
		time.Sleep(15 * time.Millisecond)
		// x and y were answered; a's first four are in flight, its other
		// two wait behind them. Two messages of c do not make a full
		// request with those two.
		publish("c", 2)
		synctest.Wait()
		for _, r := range f.snapshot() {
			if len(r.bodies) != 4 {
				t.Errorf("request %v sent before it was full or due", r.bodies)
			}
		}
		if err := p.Flush(context.Background()); err != nil {
			t.Fatal(err)
		}
	})
}
