package snsconnector

import (
	"cmp"
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/offload"
	"github.com/go-sns/connector/region"
)

// scheduler gathers the messages of one topic into PublishBatch requests:
// the engine of both [Publisher] and [Client.PublishBatch].
//
// Messages queue per FIFO message group (a standard topic has one queue).
// A group with a request in flight is busy and its messages wait, so a
// group never has two requests at once and keeps its order, while other
// groups go in parallel. A request takes the heads of the idle queues, the
// one ready longest first, up to count entries and bytes; it goes when it
// is full or that queue is due (delay, Flush, Close), at most maxInflight at
// once. A group back from a request waits for company as a new one does.
// A failed message pauses its group: the messages queued behind it fail
// with a *GroupPausedError, and paused refuses new ones until resume.
type scheduler struct {
	c       *Client
	api     API
	region  region.Region
	topic   string
	fifo    bool
	ctx     context.Context // the lifetime of every request
	timeout time.Duration   // bounds a request, its retries included; 0: none
	retryer aws.Retryer     // the client's: attempts, delays and retry tokens

	count, bytes, maxInflight int
	delay                     time.Duration     // how long a message waits for company; 0: until flush
	wrap                      func(error) error // the results' errors; nil: as they are
	release                   func(n, bytes int)
	starving                  func() bool // a Publish waits for room only a request would free

	mu         sync.Mutex
	queues     map[string]*queue
	ready      []*queue         // idle queues with messages, by since
	paused     map[string]error // FIFO groups refusing new messages, and why
	readyN     int              // messages in ready queues
	readyBytes int
	inflight   atomic.Int32 // changed with mu held; starved reads it without
	seq        uint64       // messages are numbered from 1
	due        uint64       // queues ready since up to it wait for no company (delay, flush)
	flushed    uint64       // messages up to it are flushed: they wait for no company
	pending    map[*request]bool
	timer      *time.Timer
	timerOn    bool
	closed     bool
	wg         sync.WaitGroup // the requests and the timer's function
}

// entry is one message on its way: queued, then in a request. Nothing
// holds it once its result is set, nor its body: a result does not.
type entry struct {
	msg    model.Message
	size   int              // msg.PayloadSize()
	stored *offload.Pointer // where msg's offloaded payload is (WithPayloadOffloading)
	seq    uint64           // publication order
	res    *PublishResult
	resp   model.PublishResponse
	err    error
}

type queue struct {
	group string
	items []*entry
	bytes int    // of items
	busy  bool   // a request in flight carries the group
	since uint64 // ready since: its head's seq, or for a group back from a request, the latest seq then
}

type request struct {
	entries []*entry
	queues  []*queue // FIFO: the groups it carries
	buf     [model.MaxBatchEntries]*entry
}

// newScheduler returns the scheduler of topic's requests; c.prepareBatch(r,
// topic) must have succeeded.
func (c *Client) newScheduler(ctx context.Context, r region.Region, topic model.Topic, timeout time.Duration, count, bytes, maxInflight int, delay time.Duration) *scheduler {
	api, _ := c.api(r)
	s := &scheduler{c: c, api: api, region: r, topic: topic.ARN, fifo: topic.FIFO(), ctx: ctx, timeout: timeout,
		retryer: c.retryer(api), count: count, bytes: bytes, maxInflight: maxInflight, delay: delay,
		queues: map[string]*queue{}, paused: map[string]error{}, pending: map[*request]bool{}}
	if delay > 0 {
		s.timer = time.AfterFunc(time.Hour, s.expire)
		s.timer.Stop()
	}
	return s
}

func (s *scheduler) group(m model.Message) string {
	if s.fifo {
		return m.GroupID
	}
	return ""
}

// add queues e, whose msg, size, stored and res are set. It fails if the
// scheduler is closed or the message's group paused.
func (s *scheduler) add(e *entry) error {
	g := s.group(e.msg)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return ErrPublisherClosed
	}
	if cause, ok := s.paused[g]; ok {
		return &GroupPausedError{GroupID: g, Cause: cause}
	}
	q := s.queues[g]
	if q == nil {
		q = &queue{group: g}
		s.queues[g] = q
	}
	s.seq++
	e.seq = s.seq
	q.items = append(q.items, e)
	q.bytes += e.size
	switch {
	case q.busy:
	case len(q.items) == 1:
		s.makeReady(q, s.seq)
	default:
		s.readyN++
		s.readyBytes += e.size
	}
	if s.delay > 0 { // a Publisher: requests go as messages come
		if !s.timerOn {
			s.timerOn = true
			s.wg.Add(1)
			s.timer.Reset(s.delay)
		}
		s.dispatch(false)
	}
	return nil
}

// makeReady puts q among the ready queues, by the time it is ready since.
func (s *scheduler) makeReady(q *queue, since uint64) {
	q.since = since
	i, _ := slices.BinarySearchFunc(s.ready, since, func(r *queue, since uint64) int { return cmp.Compare(r.since, since) })
	s.ready = slices.Insert(s.ready, i, q)
	s.readyN += len(q.items)
	s.readyBytes += q.bytes
}

// refuse pauses a FIFO group for the messages published after one refused
// before it was queued (an invalid one); those queued before still go.
func (s *scheduler) refuse(group string, cause error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.paused[group]; s.fifo && !ok {
		s.paused[group] = cause
	}
}

func (s *scheduler) resume(group string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.paused, group)
}

func (s *scheduler) expire() {
	defer s.wg.Done()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.timerOn = false
	s.due = s.seq
	s.dispatch(false)
}

// starved runs before a Publish waits for flow control, and once Close's
// context has ended. With no request in flight nothing would free room:
// what is queued goes now (or fails, once the context has ended).
func (s *scheduler) starved() {
	if s.inflight.Load() > 0 {
		return // the completion that ends the last one sees the waiter
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.due, s.flushed = s.seq, s.seq
	s.dispatch(false)
}

// flush makes every queued message due and returns the results of the
// unresolved ones, oldest first. With closing, later adds fail.
func (s *scheduler) flush(closing bool) []*PublishResult {
	s.mu.Lock()
	defer s.mu.Unlock()
	if closing && !s.closed {
		s.closed = true
		if s.timerOn && s.timer.Stop() {
			s.timerOn = false
			s.wg.Done()
		}
	}
	var es []*entry
	for _, q := range s.queues {
		es = append(es, q.items...)
	}
	for r := range s.pending {
		es = append(es, r.entries...)
	}
	slices.SortFunc(es, func(a, b *entry) int { return cmp.Compare(a.seq, b.seq) })
	results := make([]*PublishResult, len(es))
	for i, e := range es {
		results[i] = e.res
	}
	s.due, s.flushed = s.seq, s.seq
	s.dispatch(false)
	return results
}

// dispatch starts the requests that can go, each on a goroutine of its
// own but the first when reuse: that one it returns, for the caller's
// goroutine, whose stack the SDK has already grown. s.mu is held.
func (s *scheduler) dispatch(reuse bool) (next *request) {
	if s.ctx.Err() != nil {
		s.abort()
		return nil
	}
	for int(s.inflight.Load()) < s.maxInflight && len(s.ready) > 0 &&
		(s.readyN >= s.count || s.readyBytes >= s.bytes || s.ready[0].since <= s.due) {
		r := s.fill()
		s.inflight.Add(1)
		s.pending[r] = true
		if reuse && next == nil {
			next = r
			continue
		}
		s.wg.Add(1)
		go s.run(r)
	}
	return next
}

// fill takes a request's entries from the heads of the ready queues. A
// FIFO queue it takes from is busy until the request completes.
func (s *scheduler) fill() *request {
	r := &request{}
	r.entries = r.buf[:0]
	bytes := 0
	for len(r.entries) < s.count && len(s.ready) > 0 {
		q := s.ready[0]
		n, took := 0, 0
		for ; n < len(q.items) && len(r.entries) < s.count; n++ {
			e := q.items[n]
			if len(r.entries) > 0 && bytes+e.size > s.bytes {
				break
			}
			r.entries = append(r.entries, e)
			bytes += e.size
			took += e.size
		}
		if n == 0 {
			break // the head does not fit beside what the request holds
		}
		clear(q.items[:n])
		q.items, q.bytes = q.items[n:], q.bytes-took
		s.readyN, s.readyBytes = s.readyN-n, s.readyBytes-took
		switch {
		case s.fifo: // busy: what it has left is not ready either
			s.readyN, s.readyBytes = s.readyN-len(q.items), s.readyBytes-q.bytes
			q.busy = true
			r.queues = append(r.queues, q)
			fallthrough
		case len(q.items) == 0:
			s.ready[0] = nil
			s.ready = s.ready[1:]
		default:
			q.since = q.items[0].seq // the one queue of a standard topic
		}
	}
	return r
}

// run sends r, then the requests its completion lets go, while there are.
func (s *scheduler) run(r *request) {
	defer s.wg.Done()
	for r != nil {
		s.send(r.entries)
		r = s.complete(r)
	}
}

// complete records a request's outcomes: its groups are idle again, or
// paused if one of their messages failed. It returns a request to send
// next, or nil.
func (s *scheduler) complete(r *request) *request {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.inflight.Add(-1)
	delete(s.pending, r)
	for _, q := range r.queues {
		q.busy = false
		for _, e := range r.entries {
			if e.err != nil && e.msg.GroupID == q.group {
				s.pause(q, e.err)
				break
			}
		}
		if len(q.items) > 0 {
			// Back from its request, the group waits for company as if
			// its messages were new (they waited for their turn, not for
			// company), unless a flush covers them.
			since := s.seq
			if q.items[0].seq <= s.flushed {
				since = q.items[0].seq
			}
			s.makeReady(q, since)
		} else {
			delete(s.queues, q.group)
		}
	}
	s.resolve(r.entries)
	if s.inflight.Load() == 0 && s.starving != nil && s.starving() {
		s.due, s.flushed = s.seq, s.seq
	}
	return s.dispatch(true)
}

// pause stops q's group after one of its messages failed with cause: the
// messages queued behind it fail unsent, and new ones are refused. Once the
// context has ended they fail with its cause instead: Close (or the
// caller's cancellation) is why they were not sent. s.mu is held.
func (s *scheduler) pause(q *queue, cause error) {
	if _, ok := s.paused[q.group]; !ok {
		s.paused[q.group] = cause
	}
	var held error = &GroupPausedError{GroupID: q.group, Cause: cause}
	if c := context.Cause(s.ctx); c != nil {
		held = notSent(c)
	}
	s.fail(q, held)
}

// abort fails every queued message with the context's cause. s.mu is held.
func (s *scheduler) abort() {
	for _, q := range s.queues {
		s.fail(q, notSent(context.Cause(s.ctx)))
	}
	clear(s.ready)
	s.ready, s.readyN, s.readyBytes = s.ready[:0], 0, 0
}

func (s *scheduler) fail(q *queue, err error) {
	for _, e := range q.items {
		e.err = err
	}
	s.resolve(q.items)
	clear(q.items)
	q.items, q.bytes = q.items[:0], 0
}

// reject resolves entries refused before they were queued.
func (s *scheduler) reject(es []*entry) {
	if len(es) == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.resolve(es)
}

// resolve sets the results of es and returns their room to flow control,
// but settles first those that failed with a stored payload. s.mu is held.
func (s *scheduler) resolve(es []*entry) {
	var unsettled []*entry
	n, bytes := 0, 0
	for _, e := range es {
		if e.err != nil && e.stored != nil {
			unsettled = append(unsettled, e)
			continue
		}
		err := e.err
		if err != nil && s.wrap != nil {
			err = s.wrap(err)
		}
		e.res.set(e.resp, err)
		n, bytes = n+1, bytes+e.size
	}
	if s.release != nil && n > 0 {
		s.release(n, bytes)
	}
	if len(unsettled) > 0 {
		s.settle(unsettled)
	}
}

// settle applies the failure rules of offloading (Client.settle) to es on
// a goroutine, since deleting a payload is a call to the store, then
// resolves them. Until then they are pending, as a request is, for flush.
// s.mu is held.
func (s *scheduler) settle(es []*entry) {
	r := &request{entries: es}
	s.pending[r] = true
	s.wg.Go(func() {
		concurrently(len(es), s.maxInflight, func(i int) {
			es[i].err, es[i].stored = s.c.settle(s.ctx, es[i].stored, es[i].err), nil
		})
		s.mu.Lock()
		defer s.mu.Unlock()
		delete(s.pending, r)
		s.resolve(es)
	})
}
