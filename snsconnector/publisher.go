package snsconnector

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

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
// On a FIFO topic each message group keeps its order: requests carrying
// the same group go one after another, never in parallel. When a message
// of a group fails, the group is paused: its messages still pending and
// those published afterwards fail with a *[GroupPausedError], so nothing of
// the group is sent ahead of the failed message, until
// [Publisher.ResumeGroup]. (A message refused by validation in Publish also
// pauses its group for later messages; earlier pending ones still go.)
//
// A Publisher is safe for concurrent use. Close it to deliver what is
// pending and stop its goroutines.
type Publisher struct {
	c        *Client
	region   region.Region
	topic    model.Topic
	settings PublishSettings
	sender   *batchSender
	flow     *flowController
	cancel   context.CancelCauseFunc

	closing atomic.Bool // set once Close starts; Publish checks it first

	mu        sync.Mutex
	closed    bool
	cur       *bundle           // the batch being filled
	inflight  map[*batch]uint64 // sealed and not finished, by seal order
	seq       uint64            // seal counter
	closeDone chan struct{}     // closed when Close has finished
	closeErr  error             // what Close returned
}

// bundle is a batch being filled by Publish: the items and their results
// live in it, one allocation for up to ten messages.
type bundle struct {
	batch
	bytes int
	timer *time.Timer
	ptrs  [model.MaxBatchEntries]*batchItem
	slots [model.MaxBatchEntries]struct {
		item batchItem
		res  PublishResult
	}
}

// NewPublisher returns a Publisher to topic in region r. Zero fields of
// settings take their values from [DefaultPublishSettings]; settings beyond
// SNS's limits are refused. The Publisher must be closed with
// [Publisher.Close].
func (c *Client) NewPublisher(r region.Region, topic model.Topic, settings PublishSettings) (*Publisher, error) {
	if err := c.prepareBatch(r, topic); err != nil {
		return nil, &Error{Op: opPublishBatch, Region: r, Topic: topic.ARN, Err: err}
	}
	s, err := settings.resolve(c.payloadLimit())
	if err != nil {
		return nil, err
	}
	api, _ := c.api(r) // prepareBatch made it
	ctx, cancel := context.WithCancelCause(context.Background())
	p := &Publisher{
		c: c, region: r, topic: topic, settings: s, cancel: cancel,
		flow:      newFlowController(s.FlowControl),
		inflight:  map[*batch]uint64{},
		closeDone: make(chan struct{}),
	}
	p.sender = &batchSender{
		c: c, api: api, region: r, topic: topic.ARN, fifo: topic.FIFO(),
		ctx: ctx, timeout: s.Timeout,
		sem:    make(chan struct{}, s.MaxConcurrentRequests),
		finish: p.finish,
	}
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
		if p.sender.fifo {
			p.sender.groups.refuse(m.GroupID, err)
		}
		return p.fail(err)
	}
	size := m.PayloadSize()
	if err := p.flow.acquire(ctx, size, p.sendNow); err != nil {
		return p.fail(p.c.unsent(ctx, stored, notSent(err)))
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		p.flow.release(1, size)
		return p.fail(p.c.unsent(ctx, stored, ErrPublisherClosed))
	}
	var group string
	var epoch uint64
	if p.sender.fifo {
		var err error
		group = m.GroupID
		if epoch, err = p.sender.groups.admit(group); err != nil {
			p.flow.release(1, size)
			return p.fail(p.c.unsent(ctx, stored, err))
		}
	}
	b := p.cur
	if b != nil && b.bytes+size > p.settings.ByteThreshold {
		p.seal()
		b = nil
	}
	if b == nil {
		b = p.open()
	}
	slot := &b.slots[len(b.items)]
	slot.item = batchItem{msg: m, size: size, group: group, epoch: epoch, stored: stored}
	slot.res = PublishResult{ready: b.done, it: &slot.item}
	b.items = append(b.items, &slot.item)
	b.bytes += size
	if len(b.items) >= p.settings.CountThreshold || b.bytes >= p.settings.ByteThreshold {
		p.seal()
	}
	return &slot.res
}

// open starts a new bundle, to be sealed when full or after the delay.
// p.mu is held.
func (p *Publisher) open() *bundle {
	b := &bundle{}
	b.items = b.ptrs[:0]
	b.done = make(chan struct{})
	b.timer = time.AfterFunc(p.settings.DelayThreshold, func() { p.expire(b) })
	p.cur = b
	return b
}

// sendNow runs before a Publish blocks on flow control. If no batch is in
// flight, the room is held by the batch being filled, which may wait for
// the delay or for company that cannot come while publishers are blocked:
// it is sealed. Otherwise the batches in flight free room as they finish
// (see finish), and the open batch keeps filling, so requests stay full.
func (p *Publisher) sendNow() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur != nil && len(p.inflight) == 0 {
		p.seal()
	}
}

func (p *Publisher) expire(b *bundle) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur == b {
		p.seal()
	}
}

// seal hands the current bundle to the sender. p.mu is held, which makes
// seal order the order batches start in: what keeps FIFO groups in order.
func (p *Publisher) seal() {
	b := p.cur
	p.cur = nil
	b.timer.Stop()
	p.seq++
	p.inflight[&b.batch] = p.seq
	p.sender.start(&b.batch)
}

// finish runs when a batch's items all have outcomes: it wraps failures
// for the caller, returns the flow-control room, and forgets the batch.
func (p *Publisher) finish(b *batch) {
	bytes := 0
	for _, it := range b.items {
		if it.err != nil {
			it.err = p.wrap(p.c.settle(p.sender.ctx, it.stored, it.err))
		}
		bytes += it.size
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.flow.release(len(b.items), bytes)
	delete(p.inflight, b)
	if p.cur != nil && len(p.inflight) == 0 && p.flow.waiting() {
		p.seal() // as in sendNow: nothing else would free room
	}
}

func (p *Publisher) wrap(err error) error {
	return &Error{Op: opPublishBatch, Region: p.region, Topic: p.topic.ARN, Err: err}
}

func (p *Publisher) fail(err error) *PublishResult { return failedResult(p.wrap(err)) }

// ResumeGroup lets messages of a paused FIFO group be published again,
// typically after the caller has dealt with the failure that paused it
// (resent the failed message, say). Messages of the group that were
// pending when it was paused stay failed. On a standard topic, or for a
// group that is not paused, it does nothing.
func (p *Publisher) ResumeGroup(groupID string) {
	if p.sender.fifo {
		p.sender.groups.resume(groupID)
	}
}

// Flush sends the messages waiting for company now and waits until every
// message published before the call has its result. It returns nil when
// they were all accepted; an *Error wrapping a *[BatchError] when some
// failed (their results say which and why); or ctx's error if ctx ended
// first, in which case the messages stay pending and are still delivered.
func (p *Publisher) Flush(ctx context.Context) error {
	p.mu.Lock()
	if p.cur != nil {
		p.seal()
	}
	batches := p.pending()
	p.mu.Unlock()
	if err := waitBatches(ctx, batches); err != nil {
		return err
	}
	return p.failures(batches)
}

// Close stops accepting messages (Publish then fails with
// ErrPublisherClosed), sends everything pending, and waits until every
// message has its result. If ctx ends first, requests in flight are
// cancelled and the messages not yet accepted fail with an error matching
// ErrPublisherClosed and ctx's error: when Close returns, every result is
// resolved and the Publisher's goroutines have ended. Close returns nil when all pending messages were
// accepted, and otherwise ctx's error and/or an *Error wrapping a
// *[BatchError] of the failures. Calling Close again waits for the first
// call and returns its result.
func (p *Publisher) Close(ctx context.Context) error {
	p.closing.Store(true)
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		select {
		case <-p.closeDone:
			return p.closeErr
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	p.closed = true
	if p.cur != nil {
		p.seal()
	}
	batches := p.pending()
	p.mu.Unlock()

	waitErr := waitBatches(ctx, batches)
	if waitErr != nil {
		p.cancel(fmt.Errorf("%w before the message was delivered: %w", ErrPublisherClosed, waitErr))
	}
	p.sender.wg.Wait()
	p.cancel(ErrPublisherClosed)
	p.closeErr = errors.Join(waitErr, p.failures(batches))
	close(p.closeDone)
	return p.closeErr
}

// pending returns the sealed, unfinished batches in seal order. p.mu is
// held.
func (p *Publisher) pending() []*batch {
	batches := make([]*batch, 0, len(p.inflight))
	for b := range p.inflight {
		batches = append(batches, b)
	}
	slices.SortFunc(batches, func(a, b *batch) int {
		if p.inflight[a] < p.inflight[b] {
			return -1
		}
		return 1
	})
	return batches
}

func waitBatches(ctx context.Context, batches []*batch) error {
	for _, b := range batches {
		select {
		case <-b.done:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// failures returns an *Error wrapping a *BatchError of the failed items of
// finished batches, or nil if there are none.
func (p *Publisher) failures(batches []*batch) error {
	var errs []error
	total := 0
	for _, b := range batches {
		for _, it := range b.items {
			total++
			if err := it.err; err != nil {
				if e, ok := err.(*Error); ok {
					err = e.Err // finish wrapped it; the BatchError is wrapped once
				}
				errs = append(errs, err)
			}
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return p.wrap(&BatchError{Total: total, Errs: errs})
}
