package snsconnector

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/synctest"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/offload"
	"github.com/go-sns/connector/region"
)

// memStore is an offload.Store in memory whose Put and Delete can fail.
type memStore struct {
	mu        sync.Mutex
	objects   map[string]string
	n         int
	puts      int
	putErr    error
	deleteErr error
	deletes   []offload.Pointer
	onPut     func() // runs after a successful Put, unlocked
	onDelete  func() // runs before a Delete, unlocked
}

func newMemStore() *memStore { return &memStore{objects: map[string]string{}} }

func (s *memStore) Put(ctx context.Context, payload string) (offload.Pointer, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.puts++
	if s.putErr != nil {
		return offload.Pointer{}, s.putErr
	}
	if err := ctx.Err(); err != nil {
		return offload.Pointer{}, err
	}
	s.n++
	p := offload.Pointer{Bucket: "payloads", Key: "k" + strconv.Itoa(s.n)}
	s.objects[p.Key] = payload
	if s.onPut != nil {
		s.mu.Unlock()
		s.onPut()
		s.mu.Lock()
	}
	return p, nil
}

func (s *memStore) Get(ctx context.Context, p offload.Pointer) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.objects[p.Key]
	if !ok {
		return "", offload.ErrPayloadNotFound
	}
	return v, nil
}

func (s *memStore) Delete(ctx context.Context, p offload.Pointer) error {
	if s.onDelete != nil {
		s.onDelete()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deletes = append(s.deletes, p)
	if s.deleteErr != nil {
		return s.deleteErr
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	delete(s.objects, p.Key)
	return nil
}

func (s *memStore) len() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.objects)
}

// payloadOf resolves a published body through the store, checking that it
// is a pointer with the size attribute of the payload's length.
func (s *memStore) payloadOf(t *testing.T, body string, attrs map[string]types.MessageAttributeValue) string {
	t.Helper()
	p, ok, err := offload.ParsePointer(body)
	if !ok || err != nil {
		t.Fatalf("body %.60q is not a pointer: %v", body, err)
	}
	payload, err := s.Get(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	a := attrs[offload.AttributeName]
	if aws.ToString(a.DataType) != "Number" || aws.ToString(a.StringValue) != strconv.Itoa(len(payload)) {
		t.Fatalf("size attribute %s %s for a payload of %d bytes", aws.ToString(a.DataType), aws.ToString(a.StringValue), len(payload))
	}
	return payload
}

func offloadingClient(t *testing.T, api API, store offload.Store, s offload.Settings, opts ...Option) *Client {
	t.Helper()
	return newTestClient(t, api, append(opts, WithPayloadOffloading(store, s))...)
}

func TestPublishOffloadsOnlyMessagesOverTheLimit(t *testing.T) {
	m := &mockAPI{}
	st := newMemStore()
	c := offloadingClient(t, m, st, offload.Settings{})
	ctx := context.Background()
	big := strings.Repeat("é", 700_000) // 1.4 MB, beyond any topic's limit
	fifo := model.Topic{ARN: topicARN + ".fifo"}
	req := model.PublishRequest{Topic: fifo, Message: model.Message{
		Body: big, Subject: "s", GroupID: "g", DeduplicationID: "d",
		Attributes: map[string]model.MessageAttribute{"k": model.StringAttribute("v")},
	}}
	resp, err := c.PublishWithResponse(ctx, region.EUWest1, req)
	if err != nil || resp.MessageID == "" {
		t.Fatal(resp, err)
	}
	in := m.publishes[0]
	if got := st.payloadOf(t, aws.ToString(in.Message), in.MessageAttributes); got != big {
		t.Fatal("the stored payload is not the body")
	}
	if aws.ToString(in.MessageGroupId) != "g" || aws.ToString(in.MessageDeduplicationId) != "d" || aws.ToString(in.Subject) != "s" ||
		aws.ToString(in.MessageAttributes["k"].StringValue) != "v" || len(in.MessageAttributes) != 2 {
		t.Fatalf("fields not passed on: %+v", in)
	}
	// At the default limit exactly: sent as it is, nothing stored.
	small := model.Message{Body: strings.Repeat("x", 262_144)}
	if _, err := c.Publish(ctx, region.EUWest1, model.PublishRequest{Topic: model.Topic{ARN: topicARN}, Message: small}); err != nil {
		t.Fatal(err)
	}
	if aws.ToString(m.publishes[1].Message) != small.Body || st.len() != 1 {
		t.Fatalf("a message at the limit was offloaded (%d objects)", st.len())
	}
}

// limitAPI answers GetTopicAttributes with a MaximumMessageSize, or fails.
type limitAPI struct {
	mockAPI
	maxSize  int
	getErr   error
	getCalls int
}

func (l *limitAPI) GetTopicAttributes(ctx context.Context, in *sns.GetTopicAttributesInput, _ ...func(*sns.Options)) (*sns.GetTopicAttributesOutput, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.getCalls++
	if l.getErr != nil {
		return nil, l.getErr
	}
	return &sns.GetTopicAttributesOutput{Attributes: map[string]string{
		"TopicArn": aws.ToString(in.TopicArn), "MaximumMessageSize": strconv.Itoa(l.maxSize),
	}}, nil
}

func TestPublishOffloadThresholdZeroIsTheTopicsLimit(t *testing.T) {
	ctx := context.Background()
	body := strings.Repeat("x", 300_000)
	req := model.PublishRequest{Topic: model.Topic{ARN: topicARN}, Message: model.Message{Body: body}}

	// A topic raised to 1 MiB takes 300 KB as it is.
	raised := &limitAPI{maxSize: 1 << 20}
	st := newMemStore()
	c := offloadingClient(t, raised, st, offload.Settings{})
	for range 2 {
		if _, err := c.Publish(ctx, region.EUWest1, req); err != nil {
			t.Fatal(err)
		}
	}
	if aws.ToString(raised.publishes[1].Message) != body || st.puts != 0 || raised.getCalls != 1 {
		t.Fatalf("raised topic: %d puts, %d lookups; want the message sent as it is, one lookup", st.puts, raised.getCalls)
	}
	// When the topic's limit cannot be read, the default stands and the
	// message goes through the store instead of failing.
	denied := &limitAPI{getErr: &types.AuthorizationErrorException{Message: aws.String("no sns:GetTopicAttributes")}}
	st = newMemStore()
	c = offloadingClient(t, denied, st, offload.Settings{})
	if _, err := c.Publish(ctx, region.EUWest1, req); err != nil {
		t.Fatal(err)
	}
	if st.payloadOf(t, aws.ToString(denied.publishes[0].Message), denied.publishes[0].MessageAttributes) != body {
		t.Fatal("wrong payload")
	}
	// An explicit threshold needs no lookup.
	none := &limitAPI{maxSize: 1 << 20}
	c = offloadingClient(t, none, newMemStore(), offload.Settings{Threshold: 1000})
	if _, err := c.Publish(ctx, region.EUWest1, req); err != nil || none.getCalls != 1 {
		// The lookup still runs to learn the limit the pointer is held
		// to; it is cached for the topic.
		t.Fatalf("%v, %d lookups", err, none.getCalls)
	}
}

func TestPublishNothingWhenTheStoreFails(t *testing.T) {
	m := &mockAPI{}
	st := newMemStore()
	st.putErr = errors.New("SlowDown: reduce your request rate")
	c := offloadingClient(t, m, st, offload.Settings{Always: true})
	ok, err := c.Publish(context.Background(), region.EUWest1, model.PublishRequest{Topic: model.Topic{ARN: topicARN}, Message: model.Message{Body: "x"}})
	var e *Error
	if ok || !errors.As(err, &e) || e.Op != "Publish" || e.Topic != topicARN || !strings.Contains(err.Error(), "SlowDown") {
		t.Fatalf("%v, %v", ok, err)
	}
	if len(m.publishes) != 0 {
		t.Fatalf("%d publishes after the store failed", len(m.publishes))
	}
}

func TestPublishFailureAfterThePutDeletesOrReportsThePayload(t *testing.T) {
	ctx := context.Background()
	req := model.PublishRequest{Topic: model.Topic{ARN: topicARN}, Message: model.Message{Body: "payload"}}
	refused := &types.InvalidParameterException{Message: aws.String("Invalid parameter")}
	cases := []struct {
		name      string
		publish   error
		deleteErr error
		left      error // the UndeletedError's reason; nil: deleted
	}{
		{"refused, deleted", refused, nil, nil},
		{"refused, delete fails", refused, errors.New("AccessDenied"), errors.New("AccessDenied")},
		{"connection lost: SNS may have it", errors.New("read tcp: connection reset by peer"), nil, offload.ErrOutcomeUnknown},
		{"server error: SNS may have it", &types.InternalErrorException{Message: aws.String("oops")}, nil, offload.ErrOutcomeUnknown},
		{"no message ID: SNS may have it", nil, nil, offload.ErrOutcomeUnknown},
	}
	for _, tc := range cases {
		m := &mockAPI{publishFn: func(context.Context, *sns.PublishInput) (*sns.PublishOutput, error) {
			if tc.publish == nil {
				return &sns.PublishOutput{}, nil // accepted without an ID
			}
			return nil, tc.publish
		}}
		st := newMemStore()
		st.deleteErr = tc.deleteErr
		c := offloadingClient(t, m, st, offload.Settings{Always: true})
		_, err := c.Publish(ctx, region.EUWest1, req)
		if err == nil {
			t.Fatalf("%s: no error", tc.name)
		}
		var ue *offload.UndeletedError
		found := errors.As(err, &ue)
		switch {
		case tc.left == nil && (found || st.len() != 0):
			t.Errorf("%s: %v; %d objects left; want the payload deleted", tc.name, err, st.len())
		case tc.left != nil && (!found || ue.Err.Error() != tc.left.Error() || ue.Pointer.Key != "k1" || !strings.Contains(err.Error(), "s3://payloads/k1")):
			t.Errorf("%s: %v; want an UndeletedError for k1 because %v", tc.name, err, tc.left)
		case tc.left == offload.ErrOutcomeUnknown && (st.len() != 1 || len(st.deletes) != 0):
			t.Errorf("%s: the payload of a message SNS may have was deleted", tc.name)
		}
		if tc.publish != nil && !errors.Is(err, tc.publish) {
			t.Errorf("%s: %v lost the publish's error", tc.name, err)
		}
	}
}

func TestPublishOffloadRulesRefuseBeforeAnything(t *testing.T) {
	m := &limitAPI{maxSize: 1 << 20}
	st := newMemStore()
	c := offloadingClient(t, m, st, offload.Settings{})
	ten := map[string]model.MessageAttribute{}
	for i := range 10 {
		ten[fmt.Sprint("a", i)] = model.StringAttribute("v")
	}
	// Over 1 MiB, beyond any topic's limit: no lookup of the topic's limit
	// is needed. A message between 256 KiB and 1 MiB with a reserved
	// attribute name is refused before the lookup too.
	large := strings.Repeat("x", 1_100_000)
	medium := strings.Repeat("x", 300_000)
	for _, tc := range []struct {
		m     model.Message
		field string
		rule  model.Rule
	}{
		{model.Message{Body: "small", Attributes: map[string]model.MessageAttribute{"ExtendedPayloadSize": model.NumberAttribute(5)}}, `Message.Attributes["ExtendedPayloadSize"]`, model.RuleReserved},
		{model.Message{Body: medium, Attributes: map[string]model.MessageAttribute{"SQSLargePayloadSize": model.NumberAttribute(5)}}, `Message.Attributes["SQSLargePayloadSize"]`, model.RuleReserved},
		{model.Message{Body: `{"default":"` + large + `"}`, Structure: model.StructureJSON}, "Message.Structure", model.RuleConflict},
		{model.Message{Body: large, Attributes: ten}, "Message.Attributes", model.RuleMaxCount},
		{model.Message{Body: large, Attributes: map[string]model.MessageAttribute{"AWS.x": model.StringAttribute("v")}}, `Message.Attributes["AWS.x"]`, model.RuleReserved},
		{model.Message{Body: large + "\x00"}, "Message.Body", model.RuleCharset},
	} {
		_, err := c.Publish(context.Background(), region.EUWest1, model.PublishRequest{Topic: model.Topic{ARN: topicARN}, Message: tc.m})
		var ve *model.ValidationError
		if !errors.As(err, &ve) || ve.Field != tc.field || ve.Rule != tc.rule {
			t.Errorf("%.40q: %v; want %s %s", tc.m.Body, err, tc.field, tc.rule)
		}
	}
	// A topic of another region: refused before its limit is read or a
	// payload stored.
	_, err := c.Publish(context.Background(), region.USEast1, model.PublishRequest{Topic: model.Topic{ARN: topicARN}, Message: model.Message{Body: medium}})
	if !errors.Is(err, model.ErrInvalid) {
		t.Errorf("topic of another region: %v", err)
	}
	if len(m.publishes) != 0 || st.puts != 0 || m.getCalls != 0 {
		t.Fatalf("%d publishes, %d puts, %d lookups for refused messages", len(m.publishes), st.puts, m.getCalls)
	}
}

func TestNewRefusesBadPayloadOffloading(t *testing.T) {
	var nilStore *offload.S3Store
	for _, opt := range []Option{
		WithPayloadOffloading(nil, offload.Settings{Always: true}),
		WithPayloadOffloading(nilStore, offload.Settings{}),
		WithPayloadOffloading(newMemStore(), offload.Settings{Threshold: -1}),
		WithPayloadOffloading(newMemStore(), offload.Settings{Threshold: 2 << 20}),
		WithPayloadOffloading(offload.NewS3Store(nil, "bucket"), offload.Settings{}),        // no S3 client
		WithPayloadOffloading(offload.NewS3Store(nil, "Not A Bucket!"), offload.Settings{}), // nor a bucket name
	} {
		if c, err := New(context.Background(), WithAPI(&mockAPI{}), opt); err == nil {
			t.Errorf("New accepted %+v", c.opts)
		}
	}
}

func TestPublishBatchOffloadsLargeMessagesAndPacksByPointer(t *testing.T) {
	f := &batchFake{}
	st := newMemStore()
	c := offloadingClient(t, f, st, offload.Settings{})
	var msgs []model.Message
	for i := range 20 {
		body := fmt.Sprintf("small %d", i)
		if i%2 == 1 {
			body = fmt.Sprintf("large %d %s", i, strings.Repeat("x", 300_000+i))
		}
		msgs = append(msgs, model.Message{Body: body})
	}
	resp, err := c.PublishBatch(context.Background(), region.EUWest1, model.Topic{ARN: topicARN}, msgs)
	if err != nil || resp.Failed() != 0 {
		t.Fatal(err)
	}
	f.check(t)
	// Twenty messages, ten of them over 256 KiB each, fit in two requests:
	// what is packed is the pointers.
	reqs := f.snapshot()
	if len(reqs) != 2 {
		t.Fatalf("%d requests; want 2", len(reqs))
	}
	if st.len() != 10 {
		t.Fatalf("%d objects stored; want 10", st.len())
	}
	seen := map[string]bool{}
	for _, r := range reqs {
		for _, b := range r.bodies {
			if p, ok, _ := offload.ParsePointer(b); ok {
				b, _ = st.Get(context.Background(), p)
			}
			seen[b] = true
		}
	}
	for _, m := range msgs {
		if !seen[m.Body] {
			t.Fatalf("message %.20q not published", m.Body)
		}
	}
}

func TestPublishBatchFailureRulesPerMessage(t *testing.T) {
	st := newMemStore()
	f := &batchFake{entry: func(e types.PublishBatchRequestEntry, _ int) *types.BatchResultErrorEntry {
		if e.MessageAttributes[offload.AttributeName].StringValue != nil && aws.ToString(e.MessageAttributes["refuse"].StringValue) == "yes" {
			return refuse("InvalidParameter", true)
		}
		return nil
	}}
	c := offloadingClient(t, f, st, offload.Settings{Always: true})
	refused := model.Message{Body: "refused", Attributes: map[string]model.MessageAttribute{"refuse": model.StringAttribute("yes")}}
	resp, err := c.PublishBatch(context.Background(), region.EUWest1, model.Topic{ARN: topicARN}, []model.Message{{Body: "ok"}, refused})
	var be *BatchError
	if !errors.As(err, &be) || !resp.Results[0].OK() || resp.Results[1].OK() {
		t.Fatalf("%+v, %v", resp, err)
	}
	if st.len() != 1 || len(st.deletes) != 1 {
		t.Fatalf("%d objects, %d deletes; want the refused message's payload deleted", st.len(), len(st.deletes))
	}
	// The store failing for one message fails that message alone.
	st.putErr = errors.New("SlowDown")
	resp, _ = c.PublishBatch(context.Background(), region.EUWest1, model.Topic{ARN: topicARN}, []model.Message{{Body: "a"}})
	if resp.Results[0].OK() || !strings.Contains(resp.Results[0].Err.Error(), "SlowDown") {
		t.Fatalf("%+v", resp.Results[0])
	}
	// A request that fails for good: each message's payload is deleted,
	// and one that cannot be is reported in that message's error.
	st = newMemStore()
	st.deleteErr = errors.New("AccessDenied")
	nf := &batchFake{request: func(context.Context, *sns.PublishBatchInput) error {
		return &types.NotFoundException{Message: aws.String("Topic does not exist")}
	}}
	c = offloadingClient(t, nf, st, offload.Settings{Always: true})
	resp, _ = c.PublishBatch(context.Background(), region.EUWest1, model.Topic{ARN: topicARN}, []model.Message{{Body: "a"}, {Body: "b"}})
	for i, res := range resp.Results {
		var ue *offload.UndeletedError
		var nfe *types.NotFoundException
		if res.OK() || !errors.As(res.Err, &ue) || !errors.As(res.Err, &nfe) || ue.Err.Error() != "AccessDenied" {
			t.Errorf("result %d: %v", i, res.Err)
		}
	}
}

func TestPublisherOffloadsFromManyGoroutines(t *testing.T) {
	f := &batchFake{}
	st := newMemStore()
	p := newPublisher(t, f, topicARN, PublishSettings{}, WithPayloadOffloading(st, offload.Settings{Threshold: 1000}))
	const workers, each = 16, 20
	var wg sync.WaitGroup
	results := make([][]*PublishResult, workers)
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				body := fmt.Sprintf("w%d-%d ", w, i) + strings.Repeat("y", 500*(i%4))
				results[w] = append(results[w], p.Publish(context.Background(), model.Message{Body: body}))
			}
		})
	}
	wg.Wait()
	large := 0
	for w := range workers {
		for i, r := range results[w] {
			if _, err := get(t, r); err != nil {
				t.Fatalf("w%d-%d: %v", w, i, err)
			}
			if i%4 >= 2 {
				large++
			}
		}
	}
	if err := p.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	f.check(t)
	if st.len() != large {
		t.Fatalf("%d objects; want %d", st.len(), large)
	}
	for _, r := range f.snapshot() {
		for _, b := range r.bodies {
			if len(b) > 1000 {
				t.Fatalf("a %d-byte body was sent as it is", len(b))
			}
		}
	}
}

func TestPublisherFailureRules(t *testing.T) {
	st := newMemStore()
	f := &batchFake{entry: func(types.PublishBatchRequestEntry, int) *types.BatchResultErrorEntry {
		return refuse("InvalidParameter", true)
	}}
	p := newPublisher(t, f, topicARN, hourDelay, WithPayloadOffloading(st, offload.Settings{Always: true}))
	r := p.Publish(context.Background(), model.Message{Body: "refused"})
	p.Flush(context.Background())
	if _, err := get(t, r); err == nil || st.len() != 0 || len(st.deletes) != 1 {
		t.Fatalf("%v; %d objects, %d deletes: want the refused message's payload deleted", err, st.len(), len(st.deletes))
	}
	st.putErr = errors.New("SlowDown")
	if _, err := get(t, p.Publish(context.Background(), model.Message{Body: "x"})); err == nil || !strings.Contains(err.Error(), "SlowDown") {
		t.Fatalf("store failure: %v", err)
	}
	// Closed while the payload was being stored: it is deleted again.
	st.putErr = nil
	st.onPut = func() { p.Close(context.Background()) }
	if _, err := get(t, p.Publish(context.Background(), model.Message{Body: "late"})); !errors.Is(err, ErrPublisherClosed) || st.len() != 0 || len(st.deletes) != 2 {
		t.Fatalf("closed during the put: %v, %d objects, %d deletes", err, st.len(), len(st.deletes))
	}
}

// fifoMsg is message i of group g, with a deduplication ID.
func fifoMsg(g string, i int) model.Message {
	return model.Message{Body: fmt.Sprintf("%s-%d", g, i), GroupID: g, DeduplicationID: fmt.Sprintf("%s-%d", g, i)}
}

func TestPublisherFIFOFailureDeletesTheGroupsQueuedPayloads(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		// The first message of the group is in flight while two more queue
		// behind it; SNS refuses it, which pauses the group. All three
		// payloads are deleted, and Flush returns only once they are: a
		// result resolves when its payload is settled.
		release, deleting := make(chan struct{}), make(chan struct{})
		f := &batchFake{
			entry: func(types.PublishBatchRequestEntry, int) *types.BatchResultErrorEntry {
				return refuse("InvalidParameter", true)
			},
			request: func(context.Context, *sns.PublishBatchInput) error { <-release; return nil },
		}
		st := newMemStore()
		st.onDelete = func() { <-deleting }
		c := offloadingClient(t, f, st, offload.Settings{Always: true})
		p, err := c.NewPublisher(region.EUWest1, model.Topic{ARN: fifoARN}, PublishSettings{CountThreshold: 1})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		var results []*PublishResult
		for i := range 3 {
			results = append(results, p.Publish(ctx, fifoMsg("g", i)))
		}
		close(release)
		synctest.Wait() // the deletes have started and wait
		flushed := make(chan error, 1)
		go func() { flushed <- p.Flush(ctx) }()
		synctest.Wait()
		select {
		case err := <-flushed:
			t.Fatalf("Flush returned (%v) while the payloads were being deleted", err)
		default:
		}
		close(deleting)
		var be *BatchError
		if err := <-flushed; !errors.As(err, &be) || len(be.Errs) != 3 {
			t.Fatalf("Flush: %v; want the 3 failures", err)
		}
		var ee *EntryError
		if _, err := results[0].Get(ctx); !errors.As(err, &ee) {
			t.Errorf("refused message: %v", err)
		}
		for _, r := range results[1:] {
			if _, err := r.Get(ctx); !errors.Is(err, ErrGroupPaused) {
				t.Errorf("queued message: %v; want ErrGroupPaused", err)
			}
		}
		if st.len() != 0 || len(st.deletes) != 3 {
			t.Errorf("%d objects left, %d deletes; want every payload deleted", st.len(), len(st.deletes))
		}
		if err := p.Close(ctx); err != nil {
			t.Errorf("Close: %v; nothing was pending", err)
		}
	})
}

func TestPublisherFIFOCloseKeepsAnAmbiguousPayloadAndDeletesTheUnsent(t *testing.T) {
	// Close's context has ended: the request in flight is cancelled, so
	// SNS may or may not have taken its message, whose payload is kept and
	// reported; the message queued behind it was surely not sent, and its
	// payload is deleted.
	f := &batchFake{request: func(ctx context.Context, _ *sns.PublishBatchInput) error {
		<-ctx.Done()
		return ctx.Err()
	}}
	st := newMemStore()
	p := newPublisher(t, f, fifoARN, PublishSettings{CountThreshold: 1}, WithPayloadOffloading(st, offload.Settings{Always: true}))
	inFlight := p.Publish(context.Background(), fifoMsg("g", 0))
	queued := p.Publish(context.Background(), fifoMsg("g", 1))
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.Close(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Close: %v", err)
	}
	var ue *offload.UndeletedError
	if _, err := get(t, inFlight); !errors.Is(err, ErrPublisherClosed) || !errors.As(err, &ue) || ue.Err != offload.ErrOutcomeUnknown {
		t.Errorf("in flight: %v; want ErrPublisherClosed and its payload reported as kept", err)
	} else if _, err := st.Get(context.Background(), ue.Pointer); err != nil {
		t.Errorf("the reported payload is gone: %v", err)
	}
	if _, err := get(t, queued); !errors.Is(err, ErrPublisherClosed) || errors.As(err, &ue) {
		t.Errorf("queued: %v; want ErrPublisherClosed, its payload deleted", err)
	}
	if st.len() != 1 || len(st.deletes) != 1 {
		t.Errorf("%d objects, %d deletes; want the in-flight payload kept and the queued one deleted", st.len(), len(st.deletes))
	}
}

func TestPublishBatchFIFOFollowersOfAnInvalidMessageLeaveNoPayload(t *testing.T) {
	// The followers' payloads are stored before the call knows that their
	// group is paused (the stores run concurrently); they are deleted.
	f := &batchFake{}
	st := newMemStore()
	c := offloadingClient(t, f, st, offload.Settings{Always: true})
	msgs := []model.Message{fifoMsg("h", 0), {GroupID: "g", DeduplicationID: "empty"}, fifoMsg("g", 1), fifoMsg("g", 2)}
	resp, _ := c.PublishBatch(context.Background(), region.EUWest1, model.Topic{ARN: fifoARN}, msgs)
	var ve *model.ValidationError
	if !resp.Results[0].OK() || !errors.As(resp.Results[1].Err, &ve) ||
		!errors.Is(resp.Results[2].Err, ErrGroupPaused) || !errors.Is(resp.Results[3].Err, ErrGroupPaused) {
		t.Fatalf("%+v", resp.Results)
	}
	if st.len() != 1 || len(st.deletes) != 2 || f.timesSentTotal() != 1 {
		t.Errorf("%d objects, %d deletes, %d entries sent; want h-0's payload alone left, the followers' deleted", st.len(), len(st.deletes), f.timesSentTotal())
	}
}
