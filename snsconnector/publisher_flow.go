package snsconnector

import (
	"context"
	"fmt"
	"sync"
)

// flowController bounds the messages and bytes a Publisher holds. Waiters
// are served first come, first served, so a large message is not starved
// by a stream of small ones.
type flowController struct {
	maxMsgs, maxBytes int
	behavior          LimitExceededBehavior

	mu      sync.Mutex
	msgs    int
	bytes   int
	waiters []*flowWaiter
}

type flowWaiter struct {
	bytes   int
	granted bool
	ready   chan struct{}
}

func newFlowController(s FlowControlSettings) *flowController {
	return &flowController{maxMsgs: s.MaxOutstandingMessages, maxBytes: s.MaxOutstandingBytes, behavior: s.LimitExceededBehavior}
}

// acquire reserves room for one message of size bytes, waiting (Block),
// failing (Error) or not counting (Ignore) as configured. Before it waits
// it calls beforeWait, if set: the messages holding the room may be
// waiting for company that will not come while publishers are blocked.
func (f *flowController) acquire(ctx context.Context, size int, beforeWait func()) error {
	if f.behavior == FlowControlIgnore {
		return nil
	}
	f.mu.Lock()
	if len(f.waiters) == 0 && f.fits(size) {
		f.msgs++
		f.bytes += size
		f.mu.Unlock()
		return nil
	}
	if f.behavior == FlowControlError {
		msgs, bytes := f.msgs, f.bytes
		f.mu.Unlock()
		return fmt.Errorf("%w (%d of %d messages, %d of %d bytes outstanding)", ErrFlowControlLimit, msgs, f.maxMsgs, bytes, f.maxBytes)
	}
	w := &flowWaiter{bytes: size, ready: make(chan struct{})}
	f.waiters = append(f.waiters, w)
	f.mu.Unlock()
	if beforeWait != nil {
		beforeWait()
	}

	select {
	case <-w.ready:
		return nil
	case <-ctx.Done():
		f.mu.Lock()
		defer f.mu.Unlock()
		if w.granted {
			return nil // granted as the context ended: take it
		}
		for i, x := range f.waiters {
			if x == w {
				f.waiters = append(f.waiters[:i], f.waiters[i+1:]...)
				break
			}
		}
		f.grant() // w may have been the head holding others back
		return ctx.Err()
	}
}

// release returns the room of n messages of bytes in all and wakes the
// waiters that now fit.
func (f *flowController) release(n, bytes int) {
	if f.behavior == FlowControlIgnore {
		return
	}
	f.mu.Lock()
	f.msgs -= n
	f.bytes -= bytes
	f.grant()
	f.mu.Unlock()
}

// waiting reports whether a Publish waits for room.
func (f *flowController) waiting() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.waiters) > 0
}

func (f *flowController) fits(size int) bool {
	return f.msgs+1 <= f.maxMsgs && f.bytes+size <= f.maxBytes
}

// grant hands room to waiters in arrival order while they fit.
func (f *flowController) grant() {
	for len(f.waiters) > 0 && f.fits(f.waiters[0].bytes) {
		w := f.waiters[0]
		f.waiters[0] = nil
		f.waiters = f.waiters[1:]
		f.msgs++
		f.bytes += w.bytes
		w.granted = true
		close(w.ready)
	}
}
