package snsconnector

import (
	"context"

	"github.com/go-sns/connector/model"
)

// PublishResult is the outcome of one [Publisher.Publish], known later. It
// resolves exactly once: the message was accepted by SNS, or it failed and
// the error says why. Its methods are safe for concurrent use.
type PublishResult struct {
	ready <-chan struct{}
	it    *batchItem // the message's item; its resp and err are final once ready is closed
	err   error      // the failure of a message that never became an item
}

// closedChan is the ready channel of results that fail at once.
var closedChan = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

func failedResult(err error) *PublishResult {
	return &PublishResult{ready: closedChan, err: err}
}

// Ready is closed once the result is known; Get then returns at once.
func (r *PublishResult) Ready() <-chan struct{} { return r.ready }

// Get waits for the result and returns what SNS assigned to the message:
// its message ID and, on FIFO topics, its sequence number. On failure the
// error is an *Error whose cause says why (see [Publisher.Publish]). If ctx
// ends first, Get returns ctx's error and the message stays pending: it is
// neither dropped nor cancelled, and a later Get can still learn its fate.
func (r *PublishResult) Get(ctx context.Context) (model.PublishResponse, error) {
	select {
	case <-r.ready:
	default:
		select {
		case <-r.ready:
		case <-ctx.Done():
			return model.PublishResponse{}, ctx.Err()
		}
	}
	if r.err != nil {
		return model.PublishResponse{}, r.err
	}
	if r.it.err != nil {
		return model.PublishResponse{}, r.it.err
	}
	return r.it.resp, nil
}
