package snsconnector

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// newPublisher returns a publisher to topic over f, closed at the end of
// the test, which then checks that no goroutine is left.
func newPublisher(t *testing.T, f API, topic string, s PublishSettings, opts ...Option) *Publisher {
	t.Helper()
	noLeaks(t)
	p, err := newTestClient(t, f, opts...).NewPublisher(region.EUWest1, model.Topic{ARN: topic}, s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		p.Close(ctx)
	})
	return p
}

// hourDelay makes requests go only when full or flushed.
var hourDelay = PublishSettings{DelayThreshold: time.Hour}

func get(t *testing.T, r *PublishResult) (model.PublishResponse, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	resp, err := r.Get(ctx)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil {
		t.Fatal("result never resolved")
	}
	return resp, err
}

func TestPublisherManyGoroutinesEveryMessageOnceAndResolved(t *testing.T) {
	f := &batchFake{}
	p := newPublisher(t, f, topicARN, PublishSettings{})
	const workers, each = 64, 100
	var wg sync.WaitGroup
	results := make([][]*PublishResult, workers)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				results[w] = append(results[w], p.Publish(context.Background(), model.Message{Body: fmt.Sprintf("w%d-%d", w, i)}))
			}
		})
	}
	wg.Wait()
	if err := p.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	for w := range workers {
		for i, r := range results[w] {
			select {
			case <-r.Ready():
			default:
				t.Fatalf("result w%d-%d not resolved after Close", w, i)
			}
			resp, err := r.Get(context.Background())
			if body := fmt.Sprintf("w%d-%d", w, i); err != nil || resp.MessageID != "id-"+body {
				t.Errorf("%s: %+v, %v", body, resp, err)
			} else if n := f.timesSent(body); n != 1 {
				t.Errorf("%s sent %d times", body, n)
			}
		}
	}
	for _, r := range f.snapshot() {
		if len(r.bodies) > 10 {
			t.Errorf("request of %d entries", len(r.bodies))
		}
	}
	f.check(t)
}

func TestPublisherSendsWhenCountIsReached(t *testing.T) {
	f := &batchFake{}
	p := newPublisher(t, f, topicARN, PublishSettings{DelayThreshold: time.Hour, CountThreshold: 4})
	var rs []*PublishResult
	for _, m := range messages("m", 8) {
		rs = append(rs, p.Publish(context.Background(), m))
	}
	for i, r := range rs {
		if resp, err := get(t, r); err != nil || resp.MessageID != fmt.Sprintf("id-m-%d", i) {
			t.Errorf("result %d: %+v %v", i, resp, err)
		}
	}
	if reqs := f.snapshot(); len(reqs) != 2 || len(reqs[0].bodies) != 4 || len(reqs[1].bodies) != 4 {
		t.Errorf("requests %+v; want two of 4", reqs)
	}
}

func TestPublisherSendsAfterTheDelay(t *testing.T) {
	f := &batchFake{}
	p := newPublisher(t, f, topicARN, PublishSettings{DelayThreshold: time.Millisecond})
	var rs []*PublishResult
	for _, m := range messages("m", 3) {
		rs = append(rs, p.Publish(context.Background(), m))
	}
	for _, r := range rs {
		if _, err := get(t, r); err != nil { // resolves without Flush or a full batch
			t.Fatal(err)
		}
	}
}

func TestPublisherSendsWhenBytesAreReached(t *testing.T) {
	f := &batchFake{}
	p := newPublisher(t, f, topicARN, PublishSettings{DelayThreshold: time.Hour, ByteThreshold: 250})
	var rs []*PublishResult
	for i := range 6 {
		rs = append(rs, p.Publish(context.Background(), model.Message{Body: fmt.Sprintf("%d%s", i, strings.Repeat("x", 99))}))
	}
	if err := p.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, r := range f.snapshot() {
		if len(r.bodies) != 2 || r.size > 250 {
			t.Errorf("request of %d entries, %d bytes; want 2 entries within 250 bytes", len(r.bodies), r.size)
		}
	}
	for _, r := range rs {
		if _, err := get(t, r); err != nil {
			t.Error(err)
		}
	}
}

func TestPublisherInvalidMessageFailsAtOnceAndIsNotSent(t *testing.T) {
	f := &batchFake{}
	p := newPublisher(t, f, topicARN, hourDelay)
	r := p.Publish(context.Background(), model.Message{Body: ""})
	select {
	case <-r.Ready():
	default:
		t.Fatal("an invalid message's result is not ready at once")
	}
	_, err := r.Get(context.Background())
	var ve *model.ValidationError
	var e *Error
	if !errors.As(err, &ve) || ve.Field != "Message.Body" || !errors.As(err, &e) || e.Topic != topicARN {
		t.Fatalf("error %v", err)
	}
	if err := p.Flush(context.Background()); err != nil || len(f.snapshot()) != 0 {
		t.Fatalf("flush %v, %d requests", err, len(f.snapshot()))
	}
}

func TestPublisherFlushDeliversAndReportsFailures(t *testing.T) {
	f := &batchFake{entry: func(e types.PublishBatchRequestEntry, _ int) *types.BatchResultErrorEntry {
		if aws.ToString(e.Message) == "m-1" {
			return refuse("InvalidParameter", true)
		}
		return nil
	}}
	p := newPublisher(t, f, topicARN, hourDelay)
	var rs []*PublishResult
	for _, m := range messages("m", 3) {
		rs = append(rs, p.Publish(context.Background(), m))
	}
	err := p.Flush(context.Background())
	var be *BatchError
	var ee *EntryError
	if !errors.As(err, &be) || be.Total != 3 || len(be.Errs) != 1 || !errors.As(err, &ee) || ee.Code != "InvalidParameter" {
		t.Fatalf("Flush: %v", err)
	}
	for i, r := range rs {
		select {
		case <-r.Ready():
		default:
			t.Fatalf("result %d not ready after Flush", i)
		}
		_, err := r.Get(context.Background())
		if (i == 1) != errors.As(err, &ee) {
			t.Errorf("result %d: %v", i, err)
		}
	}
	if err := p.Flush(context.Background()); err != nil {
		t.Errorf("a second Flush with nothing pending: %v", err)
	}
}

func TestPublisherRetriesRefusedEntries(t *testing.T) {
	synctest.Test(t, testPublisherRetriesRefusedEntries)
}

func testPublisherRetriesRefusedEntries(t *testing.T) {
	f := &batchFake{entry: func(e types.PublishBatchRequestEntry, sent int) *types.BatchResultErrorEntry {
		if aws.ToString(e.Message) == "m-2" && sent == 1 {
			return refuse("Throttled", true)
		}
		return nil
	}}
	p := newPublisher(t, f, topicARN, PublishSettings{})
	r := p.Publish(context.Background(), model.Message{Body: "m-2"})
	if resp, err := get(t, r); err != nil || resp.MessageID != "id-m-2" || f.timesSent("m-2") != 2 {
		t.Fatalf("%+v %v, sent %d times", resp, err, f.timesSent("m-2"))
	}
}

func TestPublisherCloseDeliversPendingThenRefuses(t *testing.T) {
	f := &batchFake{}
	p := newPublisher(t, f, topicARN, hourDelay)
	var rs []*PublishResult
	for _, m := range messages("m", 5) {
		rs = append(rs, p.Publish(context.Background(), m))
	}
	if err := p.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	for i, r := range rs {
		if resp, err := r.Get(context.Background()); err != nil || resp.MessageID == "" {
			t.Errorf("result %d: %+v %v", i, resp, err)
		}
	}
	_, err := p.Publish(context.Background(), model.Message{Body: "late"}).Get(context.Background())
	if !errors.Is(err, ErrPublisherClosed) {
		t.Errorf("Publish after Close: %v", err)
	}
	if err := p.Close(context.Background()); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if f.timesSent("late") != 0 {
		t.Error("a message published after Close was sent")
	}
}

func TestPublisherCloseWithExpiredContextCancelsAndResolvesEverything(t *testing.T) {
	f := &batchFake{request: func(ctx context.Context, _ *sns.PublishBatchInput) error {
		<-ctx.Done() // SNS never answers
		return ctx.Err()
	}}
	p := newPublisher(t, f, topicARN, PublishSettings{CountThreshold: 2, MaxConcurrentRequests: 1})
	var rs []*PublishResult
	for _, m := range messages("m", 7) {
		rs = append(rs, p.Publish(context.Background(), m))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	err := p.Close(ctx)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Close: %v", err)
	}
	var be *BatchError
	if !errors.As(err, &be) || len(be.Errs) != 7 {
		t.Errorf("Close reports %v; want the 7 messages", err)
	}
	for i, r := range rs {
		select {
		case <-r.Ready():
		default:
			t.Fatalf("result %d unresolved after Close", i)
		}
		if _, err := r.Get(context.Background()); !errors.Is(err, ErrPublisherClosed) {
			t.Errorf("result %d: %v", i, err)
		}
	}
}

func TestPublisherFIFOCloseWithExpiredContextFailsEveryMessageAsClosed(t *testing.T) {
	// Issue 8 item 10: on a FIFO topic, the messages Close leaves unsent
	// must say so (ErrPublisherClosed and the context's error), not that
	// their group was paused by the cancelled request before them.
	f := &batchFake{request: func(ctx context.Context, _ *sns.PublishBatchInput) error {
		<-ctx.Done() // SNS never answers
		return ctx.Err()
	}}
	p := newPublisher(t, f, fifoARN, PublishSettings{CountThreshold: 2, MaxConcurrentRequests: 2})
	msgs := fifoMessages(map[string]int{"a": 7, "b": 7, "c": 7})
	var rs []*PublishResult
	for _, m := range msgs {
		rs = append(rs, p.Publish(context.Background(), m))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	err := p.Close(ctx)
	var be *BatchError
	if !errors.Is(err, context.DeadlineExceeded) || !errors.As(err, &be) || len(be.Errs) != len(msgs) {
		t.Fatalf("Close: %v; want ctx's error and the %d messages", err, len(msgs))
	}
	for i, r := range rs {
		select {
		case <-r.Ready():
		default:
			t.Fatalf("%s unresolved after Close", msgs[i].Body)
		}
		_, err := r.Get(context.Background())
		if !errors.Is(err, ErrPublisherClosed) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: %v; want ErrPublisherClosed and the context's error", msgs[i].Body, err)
		}
	}
}

func TestPublisherGetHonoursItsContextAndTheMessageStaysPending(t *testing.T) {
	release := make(chan struct{})
	f := &batchFake{request: func(context.Context, *sns.PublishBatchInput) error { <-release; return nil }}
	p := newPublisher(t, f, topicARN, PublishSettings{DelayThreshold: time.Millisecond})
	r := p.Publish(context.Background(), model.Message{Body: "m"})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.Get(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Get with a cancelled context: %v", err)
	}
	close(release)
	if resp, err := get(t, r); err != nil || resp.MessageID != "id-m" {
		t.Fatalf("later Get: %+v %v", resp, err)
	}
}

// blockingFake holds every request until release is closed.
func blockingFake() (*batchFake, chan struct{}) {
	release := make(chan struct{})
	return &batchFake{request: func(ctx context.Context, _ *sns.PublishBatchInput) error {
		select {
		case <-release:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}}, release
}

func TestPublisherFlowControlBlocksUntilRoom(t *testing.T) {
	f, release := blockingFake()
	p := newPublisher(t, f, topicARN, PublishSettings{
		DelayThreshold: time.Millisecond,
		FlowControl:    FlowControlSettings{MaxOutstandingMessages: 2},
	})
	first := []*PublishResult{
		p.Publish(context.Background(), model.Message{Body: "a"}),
		p.Publish(context.Background(), model.Message{Body: "b"}),
	}
	// Full: a third Publish waits, and gives up when its context ends.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	_, err := p.Publish(ctx, model.Message{Body: "c"}).Get(context.Background())
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Publish beyond the limit: %v; want it blocked until its context ended", err)
	}
	// Another waits, and goes once the first two resolve.
	third := make(chan *PublishResult)
	go func() { third <- p.Publish(context.Background(), model.Message{Body: "d"}) }()
	close(release)
	for _, r := range append(first, <-third) {
		if _, err := get(t, r); err != nil {
			t.Error(err)
		}
	}
	if f.timesSent("c") != 0 {
		t.Error("the message whose Publish gave up was sent")
	}
}

func TestPublisherBlockedPublishSendsWhatHoldsTheRoom(t *testing.T) {
	// Two messages fill flow control but not a batch, and the delay is an
	// hour: a third Publish must get them sent rather than wait forever.
	f := &batchFake{}
	p := newPublisher(t, f, topicARN, PublishSettings{DelayThreshold: time.Hour, FlowControl: FlowControlSettings{MaxOutstandingMessages: 2}})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	var rs []*PublishResult
	for _, m := range messages("m", 5) {
		rs = append(rs, p.Publish(ctx, m))
	}
	for i, r := range rs[:4] {
		if _, err := get(t, r); err != nil {
			t.Errorf("result %d: %v", i, err)
		}
	}
}

func TestPublisherBatchInFlightFinishingUnblocksPublishers(t *testing.T) {
	// A batch is in flight when a large message blocks, so the open batch
	// is left to fill; when the batch in flight finishes, the blocked
	// message still does not fit beside the open batch's: that batch must
	// go then, not after the hour's delay.
	f, release := blockingFake()
	p := newPublisher(t, f, topicARN, PublishSettings{
		DelayThreshold: time.Hour, CountThreshold: 2,
		FlowControl: FlowControlSettings{MaxOutstandingBytes: 262_144},
	})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	p.Publish(ctx, model.Message{Body: "a"})
	p.Publish(ctx, model.Message{Body: "b"}) // a full batch, held in flight
	big := p.Publish(ctx, model.Message{Body: strings.Repeat("c", 200_000)})
	blocked := make(chan *PublishResult)
	go func() { blocked <- p.Publish(ctx, model.Message{Body: strings.Repeat("d", 100_000)}) }()
	waitForWaiters(t, p.flow, 1)
	close(release)
	if _, err := get(t, big); err != nil {
		t.Fatal(err)
	}
	r := <-blocked // Publish returned: it got room
	select {
	case <-r.Ready():
		_, err := r.Get(ctx)
		t.Fatalf("the blocked message failed: %v", err)
	default: // queued, waiting for company or Close
	}
}

func TestPublisherFlowControlErrorAndIgnore(t *testing.T) {
	t.Run("error", func(t *testing.T) {
		f, release := blockingFake()
		defer close(release)
		p := newPublisher(t, f, topicARN, PublishSettings{FlowControl: FlowControlSettings{MaxOutstandingMessages: 3, LimitExceededBehavior: FlowControlError}})
		for _, m := range messages("m", 3) {
			p.Publish(context.Background(), m)
		}
		r := p.Publish(context.Background(), model.Message{Body: "over"})
		<-r.Ready()
		if _, err := r.Get(context.Background()); !errors.Is(err, ErrFlowControlLimit) {
			t.Fatalf("%v", err)
		}
	})
	t.Run("ignore", func(t *testing.T) {
		f, release := blockingFake()
		defer close(release)
		p := newPublisher(t, f, topicARN, PublishSettings{FlowControl: FlowControlSettings{MaxOutstandingMessages: 1, LimitExceededBehavior: FlowControlIgnore}})
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		for _, m := range messages("m", 50) {
			r := p.Publish(ctx, m)
			select {
			case <-r.Ready():
				_, err := r.Get(ctx)
				t.Fatalf("%s refused: %v", m.Body, err)
			default:
			}
		}
	})
}

func TestPublisherFIFOKeepsOrderPausesAndResumes(t *testing.T) {
	f := &batchFake{hold: time.Millisecond, entry: func(e types.PublishBatchRequestEntry, _ int) *types.BatchResultErrorEntry {
		if aws.ToString(e.Message) == "a-5" {
			return refuse("InvalidParameter", true)
		}
		return nil
	}}
	p := newPublisher(t, f, fifoARN, PublishSettings{CountThreshold: 3, DelayThreshold: time.Hour})
	msgs := fifoMessages(map[string]int{"a": 12, "b": 12})
	var rs []*PublishResult
	for _, m := range msgs {
		rs = append(rs, p.Publish(context.Background(), m))
	}
	p.Flush(context.Background())
	f.check(t) // no group in two requests at once
	// a-5's own request may carry later messages of group a, which SNS
	// decides on alone; no later request may carry group a.
	reqs := f.snapshot()
	failedIn := slices.IndexFunc(reqs, func(r fakeRequest) bool { return slices.Contains(r.bodies, "a-5") })
	if failedIn < 0 {
		t.Fatal("a-5 was never sent")
	}
	for _, r := range reqs[failedIn+1:] {
		if slices.Contains(r.groups, "a") {
			t.Errorf("request %v carries group a after a-5 failed", r.bodies)
		}
	}
	for g, bodies := range f.acceptedOrder(groupOf(msgs)) {
		if !slices.IsSortedFunc(bodies, func(x, y string) int { return seqOf(x) - seqOf(y) }) {
			t.Errorf("group %s accepted out of order: %v", g, bodies)
		}
	}
	for i, r := range rs {
		_, err := get(t, r)
		body := msgs[i].Body
		n := seqOf(body)
		switch {
		case body == "a-5":
			if ErrorCode(err) != "InvalidParameter" {
				t.Errorf("%s: %v", body, err)
			}
		case body[0] == 'a' && n > 5 && slices.Contains(reqs[failedIn].bodies, body):
			// In a-5's request: SNS's decision, accepted by the fake.
		case body[0] == 'a' && n > 5:
			// Behind a-5: held back, never sent.
			if f.timesSent(body) != 0 || !errors.Is(err, ErrGroupPaused) {
				t.Errorf("%s: %v, sent %d times; want it held back", body, err, f.timesSent(body))
			}
		default:
			if err != nil {
				t.Errorf("%s: %v", body, err)
			}
		}
	}
	// The group stays paused for new messages until resumed.
	_, err := p.Publish(context.Background(), model.Message{Body: "a-new", GroupID: "a", DeduplicationID: "n"}).Get(context.Background())
	var gp *GroupPausedError
	if !errors.As(err, &gp) || gp.GroupID != "a" || ErrorCode(gp.Cause) != "InvalidParameter" {
		t.Fatalf("Publish to a paused group: %v", err)
	}
	other := p.Publish(context.Background(), model.Message{Body: "b-new", GroupID: "b", DeduplicationID: "bn"})
	p.ResumeGroup("a")
	again := p.Publish(context.Background(), model.Message{Body: "a-again", GroupID: "a", DeduplicationID: "again"})
	if err := p.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, r := range []*PublishResult{other, again} {
		if resp, err := get(t, r); err != nil || resp.SequenceNumber == "" {
			t.Errorf("%+v %v", resp, err)
		}
	}
}

// groupOf maps each message's body to its group.
func groupOf(msgs []model.Message) map[string]string {
	m := map[string]string{}
	for _, msg := range msgs {
		m[msg.Body] = msg.GroupID
	}
	return m
}

// seqOf returns n of a body "g-n".
func seqOf(body string) int {
	var n int
	fmt.Sscanf(body[strings.IndexByte(body, '-')+1:], "%d", &n)
	return n
}

func TestPublisherFIFOInvalidMessagePausesItsGroupForLaterMessages(t *testing.T) {
	f := &batchFake{}
	p := newPublisher(t, f, fifoARN, hourDelay)
	early := p.Publish(context.Background(), model.Message{Body: "a-0", GroupID: "a", DeduplicationID: "0"})
	bad := p.Publish(context.Background(), model.Message{Body: "a-1", GroupID: "a", Subject: "\x00"})
	later := p.Publish(context.Background(), model.Message{Body: "a-2", GroupID: "a", DeduplicationID: "2"})
	other := p.Publish(context.Background(), model.Message{Body: "b-0", GroupID: "b", DeduplicationID: "b0"})
	p.Flush(context.Background())
	if _, err := get(t, early); err != nil {
		t.Errorf("the earlier message: %v", err)
	}
	if _, err := get(t, bad); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("the invalid message: %v", err)
	}
	if _, err := get(t, later); !errors.Is(err, ErrGroupPaused) {
		t.Errorf("the later message: %v", err)
	}
	if _, err := get(t, other); err != nil {
		t.Errorf("another group: %v", err)
	}
}

func TestNewPublisherRejectsBadSettings(t *testing.T) {
	c := newTestClient(t, &batchFake{})
	topic := model.Topic{ARN: topicARN}
	for name, s := range map[string]PublishSettings{
		"count over 10":              {CountThreshold: 11},
		"negative count":             {CountThreshold: -1},
		"bytes over the limit":       {ByteThreshold: 262_145},
		"negative delay":             {DelayThreshold: -time.Second},
		"negative concurrency":       {MaxConcurrentRequests: -2},
		"negative timeout":           {Timeout: -time.Second},
		"outstanding bytes too few":  {FlowControl: FlowControlSettings{MaxOutstandingBytes: 1000}},
		"negative outstanding count": {FlowControl: FlowControlSettings{MaxOutstandingMessages: -1}},
		"unknown behavior":           {FlowControl: FlowControlSettings{LimitExceededBehavior: 7}},
	} {
		if p, err := c.NewPublisher(region.EUWest1, topic, s); err == nil {
			p.Close(context.Background())
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := c.NewPublisher(region.EUWest1, model.Topic{ARN: "orders"}, PublishSettings{}); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("bad topic: %v", err)
	}
	if _, err := c.NewPublisher("", topic, PublishSettings{}); err == nil {
		t.Error("bad region accepted")
	}
}

func TestPublishSettingsDefaults(t *testing.T) {
	s, err := PublishSettings{}.resolve(262_144)
	if err != nil {
		t.Fatal(err)
	}
	d := DefaultPublishSettings
	if s.DelayThreshold != d.DelayThreshold || s.CountThreshold != 10 || s.ByteThreshold != 262_144 ||
		s.MaxConcurrentRequests != d.MaxConcurrentRequests || s.Timeout != d.Timeout ||
		s.FlowControl.MaxOutstandingMessages != d.FlowControl.MaxOutstandingMessages ||
		s.FlowControl.MaxOutstandingBytes != d.FlowControl.MaxOutstandingBytes ||
		s.FlowControl.LimitExceededBehavior != FlowControlBlock {
		t.Errorf("resolved %+v", s)
	}
	// A client with a larger payload limit gets room for its largest message.
	if s, _ := (PublishSettings{}).resolve(100 << 20); s.ByteThreshold != 100<<20 || s.FlowControl.MaxOutstandingBytes != 100<<20 {
		t.Errorf("with a 100 MiB limit: %+v", s)
	}
}

func TestPublisherPublishRacingCloseResolvesEveryResult(t *testing.T) {
	f := &batchFake{}
	p := newPublisher(t, f, topicARN, PublishSettings{FlowControl: FlowControlSettings{MaxOutstandingMessages: 50}})
	var wg sync.WaitGroup
	var mu sync.Mutex
	var rs []*PublishResult
	start := make(chan struct{})
	for w := range 32 {
		wg.Go(func() {
			<-start
			for i := 0; ; i++ {
				r := p.Publish(context.Background(), model.Message{Body: fmt.Sprintf("w%d-%d", w, i)})
				mu.Lock()
				rs = append(rs, r)
				mu.Unlock()
				select {
				case <-r.Ready():
					if _, err := r.Get(context.Background()); errors.Is(err, ErrPublisherClosed) {
						return
					}
				default:
				}
			}
		})
	}
	close(start)
	for f.timesSentTotal() < 200 {
		time.Sleep(time.Millisecond)
	}
	if err := p.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	closed := 0
	for _, r := range rs {
		select {
		case <-r.Ready():
		default:
			t.Fatal("a result unresolved after Close")
		}
		resp, err := r.Get(context.Background())
		switch {
		case errors.Is(err, ErrPublisherClosed):
			closed++
		case err != nil || resp.MessageID == "":
			t.Errorf("%+v %v", resp, err)
		}
	}
	if closed == 0 || closed == len(rs) {
		t.Errorf("%d of %d refused as closed", closed, len(rs))
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if want := len(rs) - closed; len(f.accepted) != want {
		t.Errorf("%d messages sent; want the %d accepted before Close", len(f.accepted), want)
	}
}
