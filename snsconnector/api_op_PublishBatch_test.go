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
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

const fifoARN = "arn:aws:sns:eu-west-1:123456789012:orders.fifo"

func publishBatch(t *testing.T, f *batchFake, topic string, msgs []model.Message, opts ...Option) (*model.PublishBatchResponse, error) {
	t.Helper()
	noLeaks(t)
	resp, err := newTestClient(t, f, opts...).PublishBatch(context.Background(), region.EUWest1, model.Topic{ARN: topic}, msgs)
	if resp == nil || len(resp.Results) != len(msgs) {
		t.Fatalf("response %+v for %d messages", resp, len(msgs))
	}
	f.check(t)
	return resp, err
}

// wantAccepted checks that every result is the fake's ID for its own
// message, which proves results are in input order.
func wantAccepted(t *testing.T, msgs []model.Message, resp *model.PublishBatchResponse) {
	t.Helper()
	for i, res := range resp.Results {
		if res.Err != nil || res.MessageID != "id-"+msgs[i].Body {
			t.Errorf("result %d = %+v; want id-%s", i, res, msgs[i].Body)
		}
	}
}

func TestPublishBatchSplitsByCountAndKeepsInputOrder(t *testing.T) {
	f := &batchFake{}
	msgs := messages("m", 25)
	resp, err := publishBatch(t, f, topicARN, msgs)
	if err != nil {
		t.Fatal(err)
	}
	wantAccepted(t, msgs, resp)
	var sizes []int
	seen := map[string]int{}
	for _, r := range f.snapshot() {
		sizes = append(sizes, len(r.bodies))
		for _, b := range r.bodies {
			seen[b]++
		}
	}
	slices.Sort(sizes)
	if fmt.Sprint(sizes) != "[5 10 10]" {
		t.Errorf("request sizes %v; want 10, 10 and 5", sizes)
	}
	for _, m := range msgs {
		if seen[m.Body] != 1 {
			t.Errorf("%s sent %d times", m.Body, seen[m.Body])
		}
	}
	if resp.Failed() != 0 {
		t.Errorf("Failed() = %d", resp.Failed())
	}
}

func TestPublishBatchEmptyInputSendsNothing(t *testing.T) {
	f := &batchFake{}
	resp, err := publishBatch(t, f, topicARN, nil)
	if err != nil || len(resp.Results) != 0 || len(f.snapshot()) != 0 {
		t.Fatalf("got %+v, %v, %d requests", resp, err, len(f.snapshot()))
	}
}

func TestPublishBatchSplitsByBytes(t *testing.T) {
	const limit = 1000
	f := &batchFake{}
	msgs := []model.Message{
		{Body: strings.Repeat("a", 400)},
		{Body: strings.Repeat("b", 300), Attributes: map[string]model.MessageAttribute{"k": model.StringAttribute(strings.Repeat("v", 93))}}, // 300+1+6+93 = 400
		{Body: strings.Repeat("c", 201)},   // 400+400+201 > 1000: starts a new request
		{Body: strings.Repeat("d", limit)}, // at the limit: alone
		{Body: "e"},
		{Body: strings.Repeat("f", 999)},
	}
	resp, err := publishBatch(t, f, topicARN, msgs, WithLimits(model.Limits{MaxPayloadBytes: limit}))
	if err != nil {
		t.Fatal(err)
	}
	wantAccepted(t, msgs, resp)
	var got []string
	for _, r := range f.snapshot() {
		if r.size > limit {
			t.Errorf("request of %d payload bytes; limit %d", r.size, limit)
		}
		var firsts []string
		for _, b := range r.bodies {
			firsts = append(firsts, b[:1])
		}
		got = append(got, strings.Join(firsts, ""))
	}
	slices.Sort(got)
	if fmt.Sprint(got) != "[ab c d ef]" {
		t.Errorf("requests %v; want ab, c, d, ef", got)
	}
}

func TestPublishBatchInvalidMessagesAreReportedAndNotSent(t *testing.T) {
	f := &batchFake{}
	msgs := messages("ok", 12)
	msgs[3].Body = ""
	msgs[7].Attributes = map[string]model.MessageAttribute{"AWS.reserved": model.StringAttribute("x")}
	msgs[9].DeduplicationID = "d" // forbidden on a standard topic
	resp, err := publishBatch(t, f, topicARN, msgs)
	wantInvalid := map[int]string{3: "Message.Body", 7: `Message.Attributes["AWS.reserved"]`, 9: "Message.DeduplicationID"}
	for i, res := range resp.Results {
		field, bad := wantInvalid[i]
		var ve *model.ValidationError
		switch {
		case bad && (!errors.As(res.Err, &ve) || ve.Field != field || res.MessageID != ""):
			t.Errorf("result %d = %+v; want a validation error on %s", i, res, field)
		case !bad && (res.Err != nil || res.MessageID != "id-"+msgs[i].Body):
			t.Errorf("result %d = %+v", i, res)
		}
	}
	for _, r := range f.snapshot() {
		for _, b := range r.bodies {
			if b == "" || b == msgs[7].Body || b == msgs[9].Body {
				t.Errorf("invalid message %q was sent", b)
			}
		}
	}
	var e *Error
	var be *BatchError
	if !errors.As(err, &e) || e.Op != "PublishBatch" || e.Topic != topicARN || !errors.As(err, &be) ||
		be.Total != 12 || len(be.Errs) != 3 || !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("error %v", err)
	}
	if !strings.Contains(err.Error(), "3 of 12 messages failed") {
		t.Errorf("error text %q", err)
	}
}

func TestPublishBatchBadTopicOrRegionFailsEveryMessageUnsent(t *testing.T) {
	for name, tc := range map[string]struct {
		r     region.Region
		topic string
	}{
		"bad topic":  {region.EUWest1, "orders"},
		"bad region": {"", topicARN},
	} {
		t.Run(name, func(t *testing.T) {
			f := &batchFake{}
			c := newTestClient(t, f)
			resp, err := c.PublishBatch(context.Background(), tc.r, model.Topic{ARN: tc.topic}, messages("m", 3))
			if err == nil || resp.Failed() != 3 || len(f.snapshot()) != 0 {
				t.Fatalf("got %+v, %v, %d requests", resp, err, len(f.snapshot()))
			}
			for _, res := range resp.Results {
				if res.Err == nil {
					t.Error("result without error")
				}
			}
		})
	}
}

func TestPublishBatchNonRetryableEntryFailureIsReportedOnce(t *testing.T) {
	f := &batchFake{entry: func(e types.PublishBatchRequestEntry, _ int) *types.BatchResultErrorEntry {
		if aws.ToString(e.Message) == "m-4" {
			return refuse("InvalidParameter", true)
		}
		return nil
	}}
	msgs := messages("m", 15)
	resp, err := publishBatch(t, f, topicARN, msgs)
	var ee *EntryError
	if !errors.As(resp.Results[4].Err, &ee) || ee.Code != "InvalidParameter" || !ee.SenderFault || ee.Attempts != 1 ||
		ee.Message == "" || resp.Results[4].MessageID != "" {
		t.Fatalf("result 4 = %+v", resp.Results[4])
	}
	if ErrorCode(resp.Results[4].Err) != "InvalidParameter" {
		t.Errorf("ErrorCode = %q", ErrorCode(resp.Results[4].Err))
	}
	if n := f.timesSent("m-4"); n != 1 {
		t.Errorf("a sender-fault refusal was sent %d times", n)
	}
	for i, res := range resp.Results {
		if i != 4 && (res.Err != nil || res.MessageID != "id-"+msgs[i].Body) {
			t.Errorf("result %d = %+v", i, res)
		}
	}
	if !errors.As(err, &ee) || ErrorCode(err) != "InvalidParameter" || !strings.Contains(err.Error(), "1 of 15") {
		t.Fatalf("error %v", err)
	}
}

func TestPublishBatchRetriesRetryableEntriesUntilAccepted(t *testing.T) {
	cases := map[string]*types.BatchResultErrorEntry{
		"internal error":      refuse("InternalError", false),
		"KMS throttling":      refuse("KMSThrottling", true),
		"throttled":           refuse("Throttled", true),
		"unknown, SNS's side": refuse("SomethingNew", false),
	}
	for name, refusal := range cases {
		t.Run(name, fakeClock(func(t *testing.T) {
			f := &batchFake{entry: func(e types.PublishBatchRequestEntry, sent int) *types.BatchResultErrorEntry {
				if b := aws.ToString(e.Message); (b == "m-2" || b == "m-13") && sent < 3 {
					return refusal
				}
				return nil
			}}
			msgs := messages("m", 20)
			resp, err := publishBatch(t, f, topicARN, msgs)
			if err != nil {
				t.Fatal(err)
			}
			wantAccepted(t, msgs, resp)
			if f.timesSent("m-2") != 3 || f.timesSent("m-13") != 3 || f.timesSent("m-3") != 1 {
				t.Errorf("sent m-2 %d, m-13 %d, m-3 %d times; want 3, 3, 1", f.timesSent("m-2"), f.timesSent("m-13"), f.timesSent("m-3"))
			}
			for _, r := range f.snapshot()[2:] {
				if len(r.bodies) != 1 {
					t.Errorf("a retry resent %v; want only the refused entry", r.bodies)
				}
			}
		}))
	}
}

func TestPublishBatchRetryStopsAfterTheClientsAttempts(t *testing.T) {
	for _, attempts := range []int{1, 2, 4} {
		t.Run(fmt.Sprint(attempts), fakeClock(func(t *testing.T) {
			f := &batchFake{entry: func(e types.PublishBatchRequestEntry, _ int) *types.BatchResultErrorEntry {
				if aws.ToString(e.Message) == "m-1" {
					return refuse("InternalError", false)
				}
				return nil
			}}
			resp, err := publishBatch(t, f, topicARN, messages("m", 3), WithRetryMaxAttempts(attempts))
			var ee *EntryError
			if !errors.As(resp.Results[1].Err, &ee) || ee.Attempts != attempts || !ee.Retryable() || err == nil {
				t.Fatalf("result %+v, error %v", resp.Results[1], err)
			}
			if n := f.timesSent("m-1"); n != attempts {
				t.Errorf("sent %d times; want %d", n, attempts)
			}
		}))
	}
}

func TestPublishBatchRetryHonoursTheContext(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f := &batchFake{entry: func(e types.PublishBatchRequestEntry, _ int) *types.BatchResultErrorEntry {
		cancel() // the context ends while the entry waits for its retry
		return refuse("InternalError", false)
	}}
	c := newTestClient(t, f, WithRetryMaxAttempts(50))
	resp, err := c.PublishBatch(ctx, region.EUWest1, model.Topic{ARN: topicARN}, messages("m", 1))
	var ee *EntryError
	if !errors.As(resp.Results[0].Err, &ee) || !errors.Is(resp.Results[0].Err, context.Canceled) || err == nil {
		t.Fatalf("result %+v, error %v", resp.Results[0], err)
	}
	if n := f.timesSent("m-0"); n != 1 {
		t.Errorf("sent %d times after the context ended", n)
	}
}

func TestPublishBatchWholeRequestFailureFailsItsMessagesOnly(t *testing.T) {
	f := &batchFake{request: func(_ context.Context, in *sns.PublishBatchInput) error {
		if aws.ToString(in.PublishBatchRequestEntries[0].Message) == "m-10" {
			return &smithy.OperationError{ServiceID: "SNS", OperationName: "PublishBatch",
				Err: &types.AuthorizationErrorException{Message: aws.String("denied")}}
		}
		return nil
	}}
	msgs := messages("m", 25)
	resp, err := publishBatch(t, f, topicARN, msgs)
	for i, res := range resp.Results {
		var ae *types.AuthorizationErrorException
		if failed := i >= 10 && i < 20; failed != errors.As(res.Err, &ae) {
			t.Errorf("result %d = %+v", i, res)
		}
	}
	if f.timesSent("m-10") != 0 || len(f.snapshot()) != 3 {
		t.Errorf("the failed request was retried: %d requests", len(f.snapshot()))
	}
	var be *BatchError
	if !errors.As(err, &be) || len(be.Errs) != 10 || ErrorCode(err) != "AuthorizationError" {
		t.Fatalf("error %v", err)
	}
}

func TestPublishBatchMissingOrEmptyEntryResultsAreFailures(t *testing.T) {
	f := &batchFake{}
	c := newTestClient(t, &answerFake{batchFake: f, answer: func(out *sns.PublishBatchOutput) {
		out.Successful[1].MessageId = nil                          // accepted without an ID
		out.Successful = slices.Delete(out.Successful, 2, 3)       // no word about the third
		out.Successful = append(out.Successful, out.Successful[0]) // the first answered twice
		out.Successful = append(out.Successful, types.PublishBatchResultEntry{Id: aws.String("x"), MessageId: aws.String("stray")})
	}})
	resp, err := c.PublishBatch(context.Background(), region.EUWest1, model.Topic{ARN: topicARN}, messages("m", 4))
	if !resp.Results[0].OK() || !resp.Results[3].OK() ||
		!errors.Is(resp.Results[1].Err, errNoMessageID) || !errors.Is(resp.Results[2].Err, errNoEntryResult) || err == nil {
		t.Fatalf("results %+v, error %v", resp.Results, err)
	}
}

func TestPublishBatchNoAnswerFailsEveryEntry(t *testing.T) {
	c := newTestClient(t, &nilAnswer{})
	resp, err := c.PublishBatch(context.Background(), region.EUWest1, model.Topic{ARN: topicARN}, messages("m", 3))
	if err == nil || resp.Failed() != 3 || !errors.Is(resp.Results[0].Err, errNoEntryResult) {
		t.Fatalf("results %+v, error %v", resp.Results, err)
	}
}

// nilAnswer answers every request with neither output nor error.
type nilAnswer struct{ API }

func (nilAnswer) PublishBatch(context.Context, *sns.PublishBatchInput, ...func(*sns.Options)) (*sns.PublishBatchOutput, error) {
	return nil, nil
}

// answerFake edits the fake's answers.
type answerFake struct {
	*batchFake
	answer func(*sns.PublishBatchOutput)
}

func (a *answerFake) PublishBatch(ctx context.Context, in *sns.PublishBatchInput, o ...func(*sns.Options)) (*sns.PublishBatchOutput, error) {
	out, err := a.batchFake.PublishBatch(ctx, in, o...)
	if err == nil {
		a.answer(out)
	}
	return out, err
}

func TestPublishBatchSplitsARequestSNSFindsTooLong(t *testing.T) {
	f := &batchFake{request: func(_ context.Context, in *sns.PublishBatchInput) error {
		if len(in.PublishBatchRequestEntries) > 3 {
			return &smithy.OperationError{ServiceID: "SNS", OperationName: "PublishBatch",
				Err: &types.BatchRequestTooLongException{Message: aws.String("too long")}}
		}
		return nil
	}}
	msgs := fifoMessages(map[string]int{"a": 7, "b": 3})
	resp, err := publishBatch(t, f, fifoARN, msgs)
	if err != nil {
		t.Fatal(err)
	}
	wantAccepted(t, msgs, resp)
	wantGroupOrder(t, f, msgs)
}

// fifoMessages returns n messages for each group, interleaved: a-0, b-0,
// a-1, b-1, ... with deduplication IDs.
func fifoMessages(groups map[string]int) []model.Message {
	var names []string
	for g := range groups {
		names = append(names, g)
	}
	slices.Sort(names)
	var msgs []model.Message
	for i := 0; ; i++ {
		added := false
		for _, g := range names {
			if i < groups[g] {
				body := fmt.Sprintf("%s-%d", g, i)
				msgs = append(msgs, model.Message{Body: body, GroupID: g, DeduplicationID: body})
				added = true
			}
		}
		if !added {
			return msgs
		}
	}
}

// wantGroupOrder checks that SNS accepted each group's messages in input
// order.
func wantGroupOrder(t *testing.T, f *batchFake, msgs []model.Message) {
	t.Helper()
	group := map[string]string{}
	want := map[string][]string{}
	for _, m := range msgs {
		group[m.Body] = m.GroupID
		want[m.GroupID] = append(want[m.GroupID], m.Body)
	}
	got := f.acceptedOrder(group)
	for g, bodies := range got {
		w, ok := want[g]
		if !ok {
			continue // a group the caller does not ask about
		}
		// Accepted messages must be the group's messages in order, possibly
		// missing a failed tail.
		if len(bodies) > len(w) || !slices.Equal(bodies, w[:len(bodies)]) {
			t.Errorf("group %s accepted %v; want a prefix of %v", g, bodies, w)
		}
	}
}

func TestPublishBatchFIFOKeepsGroupOrderAndNeverOverlapsAGroup(t *testing.T) {
	f := &batchFake{hold: time.Millisecond}
	msgs := fifoMessages(map[string]int{"a": 35, "b": 22, "c": 9, "d": 1})
	resp, err := publishBatch(t, f, fifoARN, msgs, WithBatchConcurrency(4))
	if err != nil {
		t.Fatal(err)
	}
	wantAccepted(t, msgs, resp)
	wantGroupOrder(t, f, msgs) // and check (in publishBatch) found no group in two requests at once
	var prev = map[string]string{}
	for i, res := range resp.Results {
		g := msgs[i].GroupID
		if p, ok := prev[g]; ok && !seqLess(p, res.SequenceNumber) {
			t.Errorf("sequence numbers of group %s not increasing: %s then %s", g, p, res.SequenceNumber)
		}
		prev[g] = res.SequenceNumber
	}
}

func seqLess(a, b string) bool { return len(a) < len(b) || len(a) == len(b) && a < b }

func TestPublishBatchFIFOGroupsGoInParallel(t *testing.T) {
	// Every request waits until two are in flight: with one group per
	// request and two groups, that happens only if groups run in parallel.
	var mu sync.Mutex
	arrived := 0
	both := make(chan struct{})
	f := &batchFake{request: func(ctx context.Context, _ *sns.PublishBatchInput) error {
		mu.Lock()
		if arrived++; arrived == 2 {
			close(both)
		}
		mu.Unlock()
		select {
		case <-both:
			return nil
		case <-time.After(10 * time.Second):
			return errors.New("the other group's request never came")
		}
	}}
	msgs := fifoMessages(map[string]int{"a": 10, "b": 10})
	resp, err := publishBatch(t, f, fifoARN, msgs)
	if err != nil {
		t.Fatal(err)
	}
	wantAccepted(t, msgs, resp)
	if len(f.snapshot()) != 2 {
		t.Errorf("%d requests; want one per group", len(f.snapshot()))
	}
}

func TestPublishBatchFIFOFailurePausesTheRestOfItsGroup(t *testing.T) {
	// a-12 is refused, and with it the rest of group a in its request
	// (a-13 to a-19); a-20 and later, in later requests, must not be sent.
	f := &batchFake{entry: func(e types.PublishBatchRequestEntry, _ int) *types.BatchResultErrorEntry {
		var n int
		if _, err := fmt.Sscanf(aws.ToString(e.Message), "a-%d", &n); err == nil && n >= 12 {
			return refuse("InvalidParameter", true)
		}
		return nil
	}}
	msgs := fifoMessages(map[string]int{"a": 30, "b": 30})
	resp, err := publishBatch(t, f, fifoARN, msgs)
	for i, res := range resp.Results {
		body := msgs[i].Body
		var n int
		fmt.Sscanf(body[2:], "%d", &n)
		switch {
		case body[0] == 'a' && n >= 12 && n < 20:
			var ee *EntryError
			if !errors.As(res.Err, &ee) {
				t.Errorf("%s: %+v", body, res)
			}
		case body[0] == 'a' && n >= 20:
			var gp *GroupPausedError
			if !errors.Is(res.Err, ErrGroupPaused) || !errors.As(res.Err, &gp) || gp.GroupID != "a" || ErrorCode(gp.Cause) != "InvalidParameter" {
				t.Errorf("%s: %+v; want it held back", body, res)
			}
			if f.timesSent(body) != 0 {
				t.Errorf("%s was sent after an earlier message of its group failed", body)
			}
		default:
			if !res.OK() {
				t.Errorf("%s: %+v", body, res)
			}
		}
	}
	var be *BatchError
	if !errors.As(err, &be) || len(be.Errs) != 18 || !errors.Is(err, ErrGroupPaused) {
		t.Fatalf("error %v", err)
	}
	wantGroupOrder(t, f, msgs)
}

func TestPublishBatchFIFOInvalidMessagePausesOnlyLaterMessagesOfItsGroup(t *testing.T) {
	f := &batchFake{}
	msgs := fifoMessages(map[string]int{"a": 5, "b": 5})
	msgs[4].Subject = "\n" // a-2
	resp, _ := publishBatch(t, f, fifoARN, msgs)
	for i, res := range resp.Results {
		switch body := msgs[i].Body; body {
		case "a-2":
			if !errors.Is(res.Err, model.ErrInvalid) {
				t.Errorf("%s: %+v", body, res)
			}
		case "a-3", "a-4":
			if !errors.Is(res.Err, ErrGroupPaused) || errors.Is(res.Err, model.ErrInvalid) {
				t.Errorf("%s: %+v", body, res)
			}
		default:
			if !res.OK() {
				t.Errorf("%s: %+v; earlier messages of the group and other groups go", body, res)
			}
		}
	}
}

func TestPublishBatchFIFORetriesOnlyWhatKeepsOrder(t *testing.T) {
	synctest.Test(t, testPublishBatchFIFORetriesOnlyWhatKeepsOrder)
}

func testPublishBatchFIFORetriesOnlyWhatKeepsOrder(t *testing.T) {
	// One request: a-0 refused (retryable) but a-1 accepted, so resending
	// a-0 would put it behind a-1; b-0 and b-1 both refused (retryable), so
	// both are resent, in order; c-0 refused for good, c-1 refused
	// retryably: c-1 must not be resent ahead of c-0.
	f := &batchFake{entry: func(e types.PublishBatchRequestEntry, sent int) *types.BatchResultErrorEntry {
		switch b := aws.ToString(e.Message); {
		case b == "c-0":
			return refuse("InvalidParameter", true)
		case sent == 1 && (b == "a-0" || b == "b-0" || b == "b-1" || b == "c-1"):
			return refuse("InternalError", false)
		}
		return nil
	}}
	msgs := []model.Message{
		{Body: "a-0", GroupID: "a", DeduplicationID: "1"}, {Body: "a-1", GroupID: "a", DeduplicationID: "2"},
		{Body: "b-0", GroupID: "b", DeduplicationID: "3"}, {Body: "b-1", GroupID: "b", DeduplicationID: "4"},
		{Body: "c-0", GroupID: "c", DeduplicationID: "5"}, {Body: "c-1", GroupID: "c", DeduplicationID: "6"},
	}
	resp, _ := publishBatch(t, f, fifoARN, msgs)
	sent := map[string]int{"a-0": 1, "a-1": 1, "b-0": 2, "b-1": 2, "c-0": 1, "c-1": 1}
	for body, n := range sent {
		if got := f.timesSent(body); got != n {
			t.Errorf("%s sent %d times; want %d", body, got, n)
		}
	}
	ok := map[string]bool{"a-1": true, "b-0": true, "b-1": true}
	for i, res := range resp.Results {
		if res.OK() != ok[msgs[i].Body] {
			t.Errorf("%s: %+v", msgs[i].Body, res)
		}
	}
	wantGroupOrder(t, f, msgs[2:4])
}

func TestPublishBatchBoundsConcurrency(t *testing.T) {
	f := &batchFake{hold: 2 * time.Millisecond}
	msgs := messages("m", 300)
	resp, err := publishBatch(t, f, topicARN, msgs, WithBatchConcurrency(3))
	if err != nil {
		t.Fatal(err)
	}
	wantAccepted(t, msgs, resp)
	if f.maxInflight > 3 {
		t.Errorf("%d requests in flight; the bound is 3", f.maxInflight)
	}
}

func TestPublishBatchCancelledContextFailsWhatIsUnsent(t *testing.T) {
	noLeaks(t)
	ctx, cancel := context.WithCancel(context.Background())
	var once sync.Once
	f := &batchFake{request: func(rctx context.Context, _ *sns.PublishBatchInput) error {
		once.Do(cancel)
		<-rctx.Done()
		return rctx.Err()
	}}
	c := newTestClient(t, f, WithBatchConcurrency(2))
	msgs := messages("m", 100)
	resp, err := c.PublishBatch(ctx, region.EUWest1, model.Topic{ARN: topicARN}, msgs)
	for i, res := range resp.Results {
		if !errors.Is(res.Err, context.Canceled) {
			t.Errorf("result %d = %+v", i, res)
		}
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v", err)
	}
	if n := len(f.snapshot()); n > 2 {
		t.Errorf("%d requests sent after the context ended", n)
	}
}

func TestPublishBatchTimeoutBoundsEachRequest(t *testing.T) {
	f := &batchFake{}
	_, err := publishBatch(t, f, topicARN, messages("m", 30), WithTimeout(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range f.snapshot() {
		if !r.deadline {
			t.Error("a request without a deadline")
		}
	}
}

func TestPublishBatchTeachesTheSDKSNSThrottlingCodes(t *testing.T) {
	f := &batchFake{}
	publishBatch(t, f, topicARN, messages("m", 1))
	if f.optFns != 1 {
		t.Fatalf("%d requests carried per-call options", f.optFns)
	}
	o := sns.Options{Retryer: retry.NewStandard()}
	callOptions(3)(&o)
	for _, code := range []string{"KMSThrottling", "Throttled", "Throttling"} {
		err := &smithy.GenericAPIError{Code: code}
		if !o.Retryer.IsErrorRetryable(err) {
			t.Errorf("%s is not retried by the SDK", code)
		}
	}
	if o.Retryer.IsErrorRetryable(&smithy.GenericAPIError{Code: "InvalidParameter"}) {
		t.Error("InvalidParameter is retried")
	}
}

func TestNewRejectsNegativeBatchConcurrency(t *testing.T) {
	if _, err := New(context.Background(), WithAPI(&batchFake{}), WithBatchConcurrency(-1)); err == nil {
		t.Fatal("accepted")
	}
}

func TestEntryErrorRetryable(t *testing.T) {
	for _, tc := range []struct {
		code   string
		sender bool
		want   bool
	}{
		{"InternalError", false, true},
		{"KMSThrottling", true, true},
		{"Throttled", true, true},
		{"Unknown", false, true},
		{"InvalidParameter", true, false},
		{"KMSDisabled", true, false},
		{"NotFound", true, false},
	} {
		e := &EntryError{Code: tc.code, SenderFault: tc.sender}
		if e.Retryable() != tc.want {
			t.Errorf("%s sender=%v: Retryable() = %v", tc.code, tc.sender, !tc.want)
		}
		if wantFault := map[bool]smithy.ErrorFault{true: smithy.FaultClient, false: smithy.FaultServer}[tc.sender]; e.ErrorFault() != wantFault {
			t.Errorf("%s: fault %v", tc.code, e.ErrorFault())
		}
	}
}
