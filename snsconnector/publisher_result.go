package snsconnector

import (
	"context"
	"sync"

	"github.com/go-sns/connector/model"
)

// PublishResult is the outcome of one [Publisher.Publish], known later. It
// resolves exactly once: the message was accepted by SNS, or it failed and
// the error says why. Its methods are safe for concurrent use. It holds the
// outcome only, not the message: results kept by the caller cost little.
type PublishResult struct {
	mu   sync.Mutex
	done chan struct{} // made when asked for; closedChan once resolved
	resp model.PublishResponse
	err  error
}

// closedChan is the ready channel of resolved results.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

func failedResult(err error) *PublishResult {
	return &PublishResult{done: closedChan, err: err}
}

func (r *PublishResult) set(resp model.PublishResponse, err error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.resp, r.err = resp, err
	if r.done != nil {
		close(r.done)
	}
	r.done = closedChan
}

// Ready is closed once the result is known; Get then returns at once.
func (r *PublishResult) Ready() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.done == nil {
		r.done = make(chan struct{})
	}
	return r.done
}

// Get waits for the result and returns what SNS assigned to the message:
// its message ID and, on FIFO topics, its sequence number. On failure the
// error is an *Error whose cause says why (see [Publisher.Publish]). If ctx
// ends first, Get returns ctx's error and the message stays pending: it is
// neither dropped nor cancelled, and a later Get can still learn its fate.
func (r *PublishResult) Get(ctx context.Context) (model.PublishResponse, error) {
	ready := r.Ready()
	select {
	case <-ready:
	default:
		select {
		case <-ready:
		case <-ctx.Done():
			return model.PublishResponse{}, ctx.Err()
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.resp, r.err
}
