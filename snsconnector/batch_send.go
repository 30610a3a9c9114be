package snsconnector

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/offload"
	"github.com/go-sns/connector/region"
)

// batchItem is one message on its way through PublishBatch requests.
type batchItem struct {
	msg   model.Message
	size  int    // msg.PayloadSize()
	group string // the FIFO message group; "" on standard topics
	epoch uint64 // the group's epoch when admitted (see groups)
	pos   int    // position in its batch, which makes its entry Id
	resp  model.PublishResponse
	err   error
	// stored is where msg's offloaded payload is (WithPayloadOffloading):
	// settle deletes or reports it if the message fails.
	stored *offload.Pointer
}

// batch is a set of at most 10 items, in order, that go out in one
// PublishBatch request (and more requests for retries and splits).
type batch struct {
	items []*batchItem
	deps  []chan struct{} // batches carrying earlier messages of the same FIFO groups
	done  chan struct{}   // closed once every item has its outcome
}

// batchSender sends batches to one topic, each in its own goroutine, and
// gives every item an outcome. On FIFO topics it keeps each message group's
// order (see groups).
type batchSender struct {
	c       *Client
	api     API
	region  region.Region
	topic   string
	fifo    bool
	ctx     context.Context // the lifetime of every request
	timeout time.Duration   // bounds each request, its retries included; 0: none
	sem     chan struct{}   // bounds the requests in flight; nil: the caller bounds them
	groups  groups
	wg      sync.WaitGroup
	// finish, when set, sees each batch once all its items have outcomes,
	// before the batch is marked done.
	finish func(*batch)
}

const opPublishBatch = "PublishBatch"

// start sends b in a new goroutine. Batches must be started in order: on a
// FIFO topic, b waits for the batches started before it that share a
// message group.
func (s *batchSender) start(b *batch) {
	for i, it := range b.items {
		it.pos = i
	}
	if b.done == nil {
		b.done = make(chan struct{})
	}
	if s.fifo {
		b.deps = s.groups.chain(b)
	}
	s.wg.Add(1)
	go s.run(b)
}

func (s *batchSender) run(b *batch) {
	defer s.wg.Done()
	for _, d := range b.deps {
		<-d // a batch always finishes: requests end with the context
	}
	if s.fifo {
		s.groups.holdBack(b.items)
	}
	send := make([]*batchItem, 0, len(b.items))
	for _, it := range b.items {
		if it.err == nil {
			send = append(send, it)
		}
	}
	if len(send) > 0 {
		if s.acquire() {
			s.send(send)
			s.release()
		} else {
			for _, it := range send {
				it.err = notSent(context.Cause(s.ctx))
			}
		}
	}
	for _, it := range b.items {
		if it.err == nil && it.resp.MessageID == "" {
			it.err = errNoEntryResult // never leave an item without an outcome
		}
	}
	if s.fifo {
		s.groups.settle(b)
	}
	if s.finish != nil {
		s.finish(b)
	}
	close(b.done)
}

func (s *batchSender) acquire() bool {
	if s.sem == nil {
		return s.ctx.Err() == nil
	}
	select {
	case s.sem <- struct{}{}:
		return true
	case <-s.ctx.Done():
		return false
	}
}

func (s *batchSender) release() {
	if s.sem != nil {
		<-s.sem
	}
}

// send delivers items in one request, then resends those that failed with
// a retryable code, with backoff, until they succeed, fail for good or the
// client's attempts are used up. Each item ends with a response or an error.
func (s *batchSender) send(items []*batchItem) {
	attempts := s.c.opts.RetryMaxAttempts
	if attempts <= 0 {
		attempts = retry.DefaultMaxAttempts
	}
	for attempt := 1; ; attempt++ {
		again := s.request(items, attempt)
		if len(again) == 0 || attempt >= attempts {
			return
		}
		if err := sleep(s.ctx, entryBackoff(attempt)); err != nil {
			for _, it := range again {
				it.err = fmt.Errorf("%w (not retried: %w)", it.err, err)
			}
			return
		}
		for _, it := range again {
			it.err = nil
		}
		items = again
	}
}

// request sends items in one PublishBatch request and records each one's
// outcome. It returns the items to send again: those refused with a
// retryable code whose resending keeps their group's order.
func (s *batchSender) request(items []*batchItem, attempt int) []*batchItem {
	entries := make([]types.PublishBatchRequestEntry, len(items))
	for i, it := range items {
		entries[i] = wire.PublishBatchEntry(it.pos, it.msg)
	}
	ctx, cancel := s.ctx, context.CancelFunc(func() {})
	if s.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, s.timeout)
	}
	start := time.Now()
	out, err := s.api.PublishBatch(ctx, &sns.PublishBatchInput{
		TopicArn:                   aws.String(s.topic),
		PublishBatchRequestEntries: entries,
	}, withSNSRetryables)
	cancel()
	s.c.done(s.ctx, opPublishBatch, s.region, s.topic, start, err)
	if err != nil {
		var tooLong *types.BatchRequestTooLongException
		if errors.As(err, &tooLong) && len(items) > 1 {
			// SNS counted the request larger than we did (the topic's
			// MaximumMessageSize may be below the client's limit): send it
			// in two halves, in order, rather than fail messages that fit.
			s.split(items)
			return nil
		}
		if cause := context.Cause(s.ctx); cause != nil && cause != s.ctx.Err() {
			err = fmt.Errorf("%w (%w)", err, cause) // why the request was cut short
		}
		for _, it := range items {
			it.err = err
		}
		return nil
	}
	if out == nil {
		out = &sns.PublishBatchOutput{} // a fake may answer nothing: every entry is then unanswered
	}
	var seen [model.MaxBatchEntries]bool
	find := func(id *string) *batchItem {
		pos, ok := wire.EntryPos(aws.ToString(id))
		if !ok || seen[pos] {
			return nil // not an Id we sent, or one answered twice
		}
		for _, it := range items {
			if it.pos == pos {
				seen[pos] = true
				return it
			}
		}
		return nil
	}
	for _, e := range out.Successful {
		if it := find(e.Id); it != nil {
			it.resp = model.PublishResponse{MessageID: aws.ToString(e.MessageId), SequenceNumber: aws.ToString(e.SequenceNumber)}
			if it.resp.MessageID == "" {
				it.err = errNoMessageID
			}
		}
	}
	failed := 0
	for _, e := range out.Failed {
		if it := find(e.Id); it != nil {
			it.err = &EntryError{Code: aws.ToString(e.Code), SenderFault: e.SenderFault, Message: aws.ToString(e.Message), Attempts: attempt}
			failed++
		}
	}
	for _, it := range items {
		if !seen[it.pos] {
			it.err = errNoEntryResult
			failed++
		}
	}
	if failed == 0 {
		return nil
	}
	if s.c.log.Enabled(s.ctx, slog.LevelWarn) {
		s.c.log.LogAttrs(s.ctx, slog.LevelWarn, "PublishBatch entries failed",
			slog.String("op", opPublishBatch), slog.String("region", string(s.region)),
			slog.String("topic", s.topic), slog.Int("failed", failed), slog.Int("entries", len(items)),
			slog.Int("attempt", attempt))
	}
	return s.retryable(items)
}

// split sends the first half of items, then the second. On a FIFO topic,
// messages of the second half whose group failed in the first are held
// back, as a later batch's would be.
func (s *batchSender) split(items []*batchItem) {
	half := len(items) / 2
	first, second := items[:half], items[half:]
	s.send(first)
	if s.fifo {
		rest := second[:0:0]
		for _, it := range second {
			if cause := failureOf(first, it.group); cause != nil {
				it.err = &GroupPausedError{GroupID: it.group, Cause: cause}
			} else {
				rest = append(rest, it)
			}
		}
		second = rest
	}
	if len(second) > 0 {
		s.send(second)
	}
}

func failureOf(items []*batchItem, group string) error {
	for _, it := range items {
		if it.group == group && it.err != nil {
			return it.err
		}
	}
	return nil
}

// retryable returns the items to send again. On a standard topic that is
// every item refused with a retryable code. On a FIFO topic an item is
// resent only if no later message of its group in the request was
// accepted and every earlier failure of its group is resent too: a resent
// message must never land behind a later one of its group.
func (s *batchSender) retryable(items []*batchItem) []*batchItem {
	var again []*batchItem
	var resend [model.MaxBatchEntries]bool
	for i, it := range items {
		ee, ok := it.err.(*EntryError)
		if !ok || !ee.Retryable() {
			continue
		}
		if s.fifo && !resendKeepsOrder(items, resend[:], i) {
			continue
		}
		resend[i] = true
		again = append(again, it)
	}
	return again
}

func resendKeepsOrder(items []*batchItem, resend []bool, i int) bool {
	g := items[i].group
	for j, other := range items {
		if j == i || other.group != g {
			continue
		}
		if j > i && other.err == nil {
			return false // a later message of the group was accepted
		}
		if j < i && other.err != nil && !resend[j] {
			return false // an earlier one of the group stays failed
		}
	}
	return true
}

// withSNSRetryables teaches the SDK's retryer SNS's own throttling codes,
// which it does not know: a whole PublishBatch request refused with them
// is then retried by the SDK, within its attempts and retry quota, like any
// other throttling. Entry failures are retried by send instead.
func withSNSRetryables(o *sns.Options) {
	if o.Retryer != nil {
		o.Retryer = retry.AddWithErrorCodes(o.Retryer, "Throttled", "KMSThrottling")
	}
}

// Backoff between attempts at refused entries: exponential from
// entryBackoffBase up to entryBackoffMax, with the upper half jittered so
// that many senders throttled together do not come back together.
const (
	entryBackoffBase = 100 * time.Millisecond
	entryBackoffMax  = 10 * time.Second
)

func entryBackoff(attempt int) time.Duration {
	d := entryBackoffMax
	if attempt < 20 {
		d = min(entryBackoffMax, entryBackoffBase<<(attempt-1))
	}
	return d/2 + rand.N(d/2+1)
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
