package snsconnector

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// Publisher publishes messages to one topic for a high-throughput service:
// [Publisher.Publish] returns at once with a [PublishResult], and messages
// are gathered into PublishBatch requests by count, bytes and a short delay
// (see [PublishSettings]), sent with bounded concurrency, retried as
// [Client.PublishBatch] retries, with flow control on the messages and
// bytes outstanding. Every result resolves exactly once; no message is
// dropped silently.
//
// On a FIFO topic each message group keeps its order: a group has at most
// one request in flight, while different groups go in parallel, and a
// request carries the heads of the groups that are idle, which take turns.
// When a message of a group fails, the group is paused: its messages still
// queued and those published afterwards fail with a *[GroupPausedError],
// so nothing of the group is sent ahead of the failed message, until
// [Publisher.ResumeGroup]. (A message refused by validation in Publish also
// pauses its group for later messages; earlier queued ones still go.)
//
// A Publisher is safe for concurrent use. Close it to deliver what is
// pending and stop its goroutines.
type Publisher struct {
	c      *Client
	region region.Region
	topic  model.Topic
	s      *scheduler
	flow   *flowController
	cancel context.CancelCauseFunc

	closing   atomic.Bool // set once Close starts; Publish checks it first
	closeOnce sync.Once
	closeDone chan struct{} // closed when Close has finished
	closeErr  error         // what Close returned
}

// NewPublisher returns a Publisher to topic in region r. Zero fields of
// settings take their values from [DefaultPublishSettings]; settings beyond
// SNS's limits are refused. The Publisher must be closed with
// [Publisher.Close].
func (c *Client) NewPublisher(r region.Region, topic model.Topic, settings PublishSettings) (*Publisher, error) {
	if err := c.prepareBatch(r, topic); err != nil {
		return nil, &Error{Op: opPublishBatch, Region: r, Topic: topic.ARN, Err: err}
	}
	set, err := settings.resolve(c.payloadLimit())
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancelCause(context.Background())
	p := &Publisher{c: c, region: r, topic: topic, cancel: cancel,
		flow: newFlowController(set.FlowControl), closeDone: make(chan struct{})}
	p.s = c.newScheduler(ctx, r, topic, set.Timeout, set.CountThreshold, set.ByteThreshold, set.MaxConcurrentRequests, set.DelayThreshold)
	p.s.wrap, p.s.release, p.s.starving = p.wrap, p.flow.release, p.flow.waiting
	return p, nil
}

// Publish validates m and queues it to be sent, returning at once with its
// result. Only flow control may make it wait (FlowControlBlock), as long
// as ctx allows; ctx has no say once the message is queued. With
// [WithPayloadOffloading], a message over the threshold has its payload
// stored (within ctx) before Publish returns. The result
// fails at once, without anything sent, when the message is invalid (a
// *model.ValidationError), flow control refuses it (ErrFlowControlLimit,
// or ctx's error), its FIFO group is paused (*GroupPausedError), or the
// Publisher is closed (ErrPublisherClosed). Every failure is an *Error
// wrapping the cause.
func (p *Publisher) Publish(ctx context.Context, m model.Message) *PublishResult {
	if p.closing.Load() {
		return p.fail(ErrPublisherClosed)
	}
	m, stored, err := p.c.prepare(ctx, p.region, p.topic, m)
	if err != nil {
		p.s.refuse(m.GroupID, err)
		return p.fail(err)
	}
	size := m.PayloadSize()
	if err := p.flow.acquire(ctx, size, p.s.starved); err != nil {
		return p.fail(p.c.unsent(ctx, stored, notSent(err)))
	}
	r := &PublishResult{}
	if err := p.s.add(&entry{msg: m, size: size, stored: stored, res: r}); err != nil {
		p.flow.release(1, size)
		return p.fail(p.c.unsent(ctx, stored, err))
	}
	return r
}

func (p *Publisher) wrap(err error) error {
	return &Error{Op: opPublishBatch, Region: p.region, Topic: p.topic.ARN, Err: err}
}

func (p *Publisher) fail(err error) *PublishResult { return failedResult(p.wrap(err)) }

// ResumeGroup lets messages of a paused FIFO group be published again,
// typically after the caller has dealt with the failure that paused it
// (resent the failed message, say). Messages of the group that were
// queued when it was paused stay failed. On a standard topic, or for a
// group that is not paused, it does nothing.
func (p *Publisher) ResumeGroup(groupID string) { p.s.resume(groupID) }

// Flush sends the messages waiting for company now and waits until every
// message published before the call has its result. It returns nil when
// they were all accepted; an *Error wrapping a *[BatchError] when some
// failed (their results say which and why); or ctx's error if ctx ended
// first, in which case the messages stay pending and are still delivered.
func (p *Publisher) Flush(ctx context.Context) error {
	results := p.s.flush(false)
	if err := waitAll(ctx, results); err != nil {
		return err
	}
	return p.failures(results)
}

// Close stops accepting messages (Publish then fails with
// ErrPublisherClosed), sends everything pending, and waits until every
// message has its result. If ctx ends first, requests in flight are
// cancelled and the messages not yet accepted fail with an error matching
// ErrPublisherClosed and ctx's error, on FIFO topics too: when Close
// returns, every result is resolved and the Publisher's goroutines have
// ended. Close returns nil when all pending messages were accepted, and
// otherwise ctx's error and/or an *Error wrapping a *[BatchError] of the
// failures. Calling Close again waits for the first call and returns its
// result.
func (p *Publisher) Close(ctx context.Context) error {
	p.closing.Store(true)
	first := false
	p.closeOnce.Do(func() { first = true })
	if !first {
		select {
		case <-p.closeDone:
			return p.closeErr
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	results := p.s.flush(true)
	waitErr := waitAll(ctx, results)
	if waitErr != nil {
		p.cancel(fmt.Errorf("%w before the message was delivered: %w", ErrPublisherClosed, waitErr))
		p.s.starved() // fails what is queued; the requests in flight end
	}
	p.s.wg.Wait()
	p.cancel(ErrPublisherClosed)
	p.closeErr = errors.Join(waitErr, p.failures(results))
	close(p.closeDone)
	return p.closeErr
}

func waitAll(ctx context.Context, results []*PublishResult) error {
	for _, r := range results {
		if _, err := r.Get(ctx); err != nil && err == ctx.Err() {
			return err // a result's own error is an *Error
		}
	}
	return nil
}

// failures returns an *Error wrapping a *BatchError of the failed results,
// which must be resolved, or nil.
func (p *Publisher) failures(results []*PublishResult) error {
	var errs []error
	for _, r := range results {
		if _, err := r.Get(context.Background()); err != nil {
			if e, ok := err.(*Error); ok {
				err = e.Err // the BatchError is wrapped once
			}
			errs = append(errs, err)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return p.wrap(&BatchError{Total: len(results), Errs: errs})
}
