package snsconnector

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
)

// batchFake is an SNS API that answers PublishBatch like SNS does: every
// entry accepted with a message ID ("id-" + body) unless entry says
// otherwise. It records every request and checks what SNS would refuse
// outright: more than 10 entries, Ids not unique or not of SNS's charset.
type batchFake struct {
	API
	// entry may refuse one entry: it gets the entry and how many times its
	// body has been sent, this time included. nil accepts it.
	entry func(e types.PublishBatchRequestEntry, sent int) *types.BatchResultErrorEntry
	// request may fail or hold a whole request before entries are looked
	// at.
	request func(ctx context.Context, in *sns.PublishBatchInput) error
	// hold keeps each request in flight this long, so that requests that
	// may overlap do.
	hold time.Duration

	mu          sync.Mutex
	requests    []fakeRequest
	sent        map[string]int // times each body was sent
	accepted    []string       // bodies accepted, in order of acceptance
	inflight    int
	maxInflight int
	groupsBusy  map[string]bool
	overlap     []string // groups that were in two requests at once
	seq         int
	optFns      int // requests that carried per-call options
	problems    []string
}

type fakeRequest struct {
	bodies, groups []string
	size           int
	deadline       bool
}

var entryIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,80}$`)

func entrySize(e types.PublishBatchRequestEntry) int {
	n := len(aws.ToString(e.Message))
	for name, a := range e.MessageAttributes {
		n += len(name) + len(aws.ToString(a.DataType)) + len(aws.ToString(a.StringValue)) + len(a.BinaryValue)
	}
	return n
}

func (f *batchFake) PublishBatch(ctx context.Context, in *sns.PublishBatchInput, optFns ...func(*sns.Options)) (*sns.PublishBatchOutput, error) {
	req := fakeRequest{}
	_, req.deadline = ctx.Deadline()
	ids := map[string]bool{}
	f.mu.Lock()
	if len(optFns) > 0 {
		f.optFns++
	}
	if n := len(in.PublishBatchRequestEntries); n == 0 || n > 10 {
		f.problems = append(f.problems, fmt.Sprintf("request with %d entries", n))
	}
	var groups []string
	for _, e := range in.PublishBatchRequestEntries {
		id := aws.ToString(e.Id)
		if !entryIDPattern.MatchString(id) || ids[id] {
			f.problems = append(f.problems, fmt.Sprintf("bad or repeated entry id %q", id))
		}
		ids[id] = true
		req.bodies = append(req.bodies, aws.ToString(e.Message))
		g := aws.ToString(e.MessageGroupId)
		req.groups = append(req.groups, g)
		req.size += entrySize(e)
		if g != "" && !seenString(groups, g) {
			groups = append(groups, g)
		}
	}
	f.requests = append(f.requests, req)
	f.inflight++
	f.maxInflight = max(f.maxInflight, f.inflight)
	if f.groupsBusy == nil {
		f.groupsBusy = map[string]bool{}
	}
	for _, g := range groups {
		if f.groupsBusy[g] {
			f.overlap = append(f.overlap, g)
		}
		f.groupsBusy[g] = true
	}
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.inflight--
		for _, g := range groups {
			delete(f.groupsBusy, g)
		}
		f.mu.Unlock()
	}()

	if f.request != nil {
		if err := f.request(ctx, in); err != nil {
			return nil, err
		}
	}
	if f.hold > 0 {
		select {
		case <-time.After(f.hold):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	out := &sns.PublishBatchOutput{}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.sent == nil {
		f.sent = map[string]int{}
	}
	for _, e := range in.PublishBatchRequestEntries {
		body := aws.ToString(e.Message)
		f.sent[body]++
		if f.entry != nil {
			if fail := f.entry(e, f.sent[body]); fail != nil {
				fail.Id = e.Id
				out.Failed = append(out.Failed, *fail)
				continue
			}
		}
		f.seq++
		f.accepted = append(f.accepted, body)
		res := types.PublishBatchResultEntry{Id: e.Id, MessageId: aws.String("id-" + body)}
		if e.MessageGroupId != nil {
			res.SequenceNumber = aws.String(strconv.Itoa(f.seq))
		}
		out.Successful = append(out.Successful, res)
	}
	return out, nil
}

func seenString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// check fails the test if the fake saw anything SNS would refuse, or a FIFO
// group in two requests at once.
func (f *batchFake) check(t *testing.T) {
	t.Helper()
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, p := range f.problems {
		t.Error(p)
	}
	if len(f.overlap) > 0 {
		t.Errorf("groups in two requests at once: %v", f.overlap)
	}
}

func (f *batchFake) timesSent(body string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.sent[body]
}

func (f *batchFake) snapshot() []fakeRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeRequest(nil), f.requests...)
}

// acceptedInGroup returns the bodies of group g's accepted messages in the
// order SNS accepted them, which is the group's delivery order.
func (f *batchFake) acceptedOrder(bodies map[string]string) map[string][]string {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string][]string{}
	for _, b := range f.accepted {
		out[bodies[b]] = append(out[bodies[b]], b)
	}
	return out
}

func refuse(code string, senderFault bool) *types.BatchResultErrorEntry {
	return &types.BatchResultErrorEntry{Code: aws.String(code), SenderFault: senderFault, Message: aws.String(code + " for the test")}
}

// messages returns n valid messages with bodies prefix-0, prefix-1, ...
func messages(prefix string, n int) []model.Message {
	msgs := make([]model.Message, n)
	for i := range msgs {
		msgs[i] = model.Message{Body: fmt.Sprintf("%s-%d", prefix, i)}
	}
	return msgs
}

func (f *batchFake) timesSentTotal() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.accepted)
}

// fakeClock runs a test in a synctest bubble, where timers and sleeps (the
// backoff between retries among them) take no real time.
func fakeClock(f func(t *testing.T)) func(t *testing.T) {
	return func(t *testing.T) { synctest.Test(t, f) }
}
