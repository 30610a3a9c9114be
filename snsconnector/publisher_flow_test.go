package snsconnector

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestFlowControllerServesWaitersInArrivalOrder(t *testing.T) {
	noLeaks(t)
	f := newFlowController(FlowControlSettings{MaxOutstandingMessages: 10, MaxOutstandingBytes: 100})
	ctx := context.Background()
	if err := f.acquire(ctx, 90, nil); err != nil {
		t.Fatal(err)
	}
	// A large message waits for room; a small one that would fit must not
	// overtake it.
	large := acquireAsync(f, 50)
	waitForWaiters(t, f, 1)
	small := acquireAsync(f, 5)
	waitForWaiters(t, f, 2)
	f.release(1, 90)
	if err := <-large; err != nil {
		t.Fatal(err)
	}
	if err := <-small; err != nil {
		t.Fatal(err)
	}
	if f.msgs != 2 || f.bytes != 55 {
		t.Errorf("outstanding %d messages, %d bytes; want 2, 55", f.msgs, f.bytes)
	}
}

func TestFlowControllerCancelledHeadLetsTheNextIn(t *testing.T) {
	noLeaks(t)
	f := newFlowController(FlowControlSettings{MaxOutstandingMessages: 10, MaxOutstandingBytes: 100})
	f.acquire(context.Background(), 60, nil)
	ctx, cancel := context.WithCancel(context.Background())
	head := make(chan error, 1)
	go func() { head <- f.acquire(ctx, 50, nil) }()
	waitForWaiters(t, f, 1)
	next := acquireAsync(f, 30)
	waitForWaiters(t, f, 2)
	cancel()
	if err := <-head; !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled waiter: %v", err)
	}
	if err := <-next; err != nil { // 60 + 30 fits once the head is gone
		t.Fatal(err)
	}
	if len(f.waiters) != 0 || f.bytes != 90 {
		t.Errorf("%d waiters, %d bytes", len(f.waiters), f.bytes)
	}
}

func TestFlowControllerCountsMessages(t *testing.T) {
	f := newFlowController(FlowControlSettings{MaxOutstandingMessages: 2, MaxOutstandingBytes: 1 << 20, LimitExceededBehavior: FlowControlError})
	for range 2 {
		if err := f.acquire(context.Background(), 1, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.acquire(context.Background(), 1, nil); !errors.Is(err, ErrFlowControlLimit) {
		t.Fatalf("third message: %v", err)
	}
	f.release(1, 1)
	if err := f.acquire(context.Background(), 1, nil); err != nil {
		t.Fatalf("after a release: %v", err)
	}
}

func acquireAsync(f *flowController, size int) <-chan error {
	ch := make(chan error, 1)
	go func() { ch <- f.acquire(context.Background(), size, nil) }()
	return ch
}

// waitForWaiters waits until n acquirers are queued: the order of arrival
// is then known.
func waitForWaiters(t *testing.T, f *flowController, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		f.mu.Lock()
		got := len(f.waiters)
		f.mu.Unlock()
		if got == n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d waiters; want %d", got, n)
		}
		time.Sleep(time.Millisecond)
	}
}
