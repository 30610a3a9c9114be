package integration

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

var emulator fauxqs.Shared

func TestMain(m *testing.M) {
	code := m.Run()
	emulator.Close()
	os.Exit(code)
}

// countingTransport counts the HTTP requests that reach the wire and can
// hold each one back for delay (honouring the request's context).
type countingTransport struct {
	n     atomic.Int64
	delay time.Duration
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	if c.delay > 0 {
		select {
		case <-time.After(c.delay):
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	return http.DefaultTransport.RoundTrip(r)
}

func emulatorClient(t *testing.T, srv *fauxqs.Server, opts ...snsconnector.Option) (*snsconnector.Client, *countingTransport) {
	t.Helper()
	tr := &countingTransport{}
	base := []snsconnector.Option{
		snsconnector.WithEndpoint(srv.URL),
		snsconnector.WithCredentialsProvider(fauxqs.Credentials),
		snsconnector.WithHTTPClient(&http.Client{Transport: tr}),
	}
	c, err := snsconnector.New(context.Background(), append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, tr
}

func createTopic(t *testing.T, srv *fauxqs.Server, r region.Region, name string, attrs map[string]string) string {
	t.Helper()
	out, err := srv.SNS(string(r)).CreateTopic(context.Background(), &sns.CreateTopicInput{Name: aws.String(name), Attributes: attrs})
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.TopicArn)
}

func TestIntegrationListTopicsFollowsPages(t *testing.T) {
	srv := emulator.Need(t)
	r := region.SAEast1
	prefix := fauxqs.UniqueName("list")
	want := map[string]bool{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 16)
	for i := range 250 {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			arn := createTopic(t, srv, r, fmt.Sprintf("%s-%03d", prefix, i), nil)
			mu.Lock()
			want[arn] = true
			mu.Unlock()
		})
	}
	wg.Wait()

	var calls atomic.Int32
	c, _ := emulatorClient(t, srv, snsconnector.WithAPIFactory(func(r region.Region) (snsconnector.API, error) {
		return &listCounter{API: srv.SNS(string(r)), calls: &calls}, nil
	}))
	resp, err := c.ListTopics(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	// Other tests' topics may be listed too (fauxqs 2.4.1 lists every
	// region's), so check ours are all there, once, and that the pages were
	// followed: a page holds at most 100 topics.
	seen := map[string]bool{}
	for _, tp := range resp.Topics {
		if seen[tp.ARN] {
			t.Errorf("topic listed twice: %s", tp.ARN)
		}
		seen[tp.ARN] = true
		if !strings.HasSuffix(tp.ARN, ":"+tp.Name) {
			t.Errorf("name %q does not match ARN %s", tp.Name, tp.ARN)
		}
	}
	for arn := range want {
		if !seen[arn] {
			t.Errorf("topic missing: %s", arn)
		}
	}
	if pages := (len(resp.Topics) + 99) / 100; int(calls.Load()) != pages || pages < 3 {
		t.Errorf("%d ListTopics calls for %d topics; want %d pages of up to 100", calls.Load(), len(resp.Topics), pages)
	}
}

// listCounter counts the list calls that reach the emulator, to check that
// pages are followed.
type listCounter struct {
	snsconnector.API
	calls *atomic.Int32
}

func (l *listCounter) ListSubscriptionsByTopic(ctx context.Context, in *sns.ListSubscriptionsByTopicInput, o ...func(*sns.Options)) (*sns.ListSubscriptionsByTopicOutput, error) {
	l.calls.Add(1)
	return l.API.ListSubscriptionsByTopic(ctx, in, o...)
}

func (l *listCounter) ListTopics(ctx context.Context, in *sns.ListTopicsInput, o ...func(*sns.Options)) (*sns.ListTopicsOutput, error) {
	l.calls.Add(1)
	return l.API.ListTopics(ctx, in, o...)
}

func TestIntegrationPublishAllAttributeTypesIsDelivered(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUWest1
	topic := createTopic(t, srv, r, fauxqs.UniqueName("attrs"), nil)
	q, err := srv.SubscribeQueue(ctx, string(r), topic, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := emulatorClient(t, srv)
	bin := []byte{0, 1, 2, 254, 255}
	resp, err := c.PublishWithResponse(ctx, r, model.PublishRequest{
		Topic: model.Topic{ARN: topic},
		Message: model.Message{
			Subject: "Order shipped",
			Body:    "order 42 shipped — ✓",
			Attributes: map[string]model.MessageAttribute{
				"store":  model.StringAttribute("example_corp"),
				"tags":   model.StringArrayAttribute("red", "blue"),
				"price":  model.NumberAttribute(12.75),
				"blob":   model.BinaryAttribute(bin),
				"weight": model.NumberAttribute(3).WithCustomType("kg"),
			},
		},
	})
	if err != nil || resp.MessageID == "" {
		t.Fatalf("publish: %+v %v", resp, err)
	}
	msgs, err := q.Receive(ctx, 1, 5*time.Second)
	if err != nil || len(msgs) != 1 {
		t.Fatalf("received %d messages: %v", len(msgs), err)
	}
	m := msgs[0]
	if aws.ToString(m.Body) != "order 42 shipped — ✓" {
		t.Errorf("body %q", aws.ToString(m.Body))
	}
	want := map[string][2]string{
		"store":  {"String", "example_corp"},
		"tags":   {"String.Array", `["red","blue"]`},
		"price":  {"Number", "12.75"},
		"weight": {"Number.kg", "3"},
	}
	for name, w := range want {
		a, ok := m.MessageAttributes[name]
		if !ok || aws.ToString(a.DataType) != w[0] || aws.ToString(a.StringValue) != w[1] {
			t.Errorf("attribute %s = %s %q; want %s %q", name, aws.ToString(a.DataType), aws.ToString(a.StringValue), w[0], w[1])
		}
	}
	if a := m.MessageAttributes["blob"]; aws.ToString(a.DataType) != "Binary" || !bytes.Equal(a.BinaryValue, bin) {
		t.Errorf("binary attribute %s %v", aws.ToString(a.DataType), a.BinaryValue)
	}
}

func TestIntegrationPublishToMissingTopic(t *testing.T) {
	srv := emulator.Need(t)
	c, _ := emulatorClient(t, srv)
	arn := "arn:aws:sns:eu-west-1:000000000000:" + fauxqs.UniqueName("missing")
	ok, err := c.Publish(context.Background(), region.EUWest1, model.PublishRequest{
		Topic: model.Topic{ARN: arn}, Message: model.Message{Body: "x"},
	})
	var nf *types.NotFoundException
	var e *snsconnector.Error
	if ok || !errors.As(err, &nf) || !errors.As(err, &e) || e.Topic != arn || snsconnector.ErrorCode(err) != "NotFound" {
		t.Fatalf("got %v, %v", ok, err)
	}
}

func TestIntegrationInvalidInputSendsNothing(t *testing.T) {
	srv := emulator.Need(t)
	c, tr := emulatorClient(t, srv)
	topic := "arn:aws:sns:eu-west-1:000000000000:t.fifo"
	bad := []model.PublishRequest{
		{Topic: model.Topic{ARN: topic}, Message: model.Message{Body: "no group"}},
		{Topic: model.Topic{ARN: topic}, Message: model.Message{Body: "", GroupID: "g"}},
		{Topic: model.Topic{ARN: "not-an-arn"}, Message: model.Message{Body: "x"}},
		{Topic: model.Topic{ARN: topic}, Message: model.Message{Body: strings.Repeat("x", model.MaxTopicMessageSize+1), GroupID: "g"}},
		{Topic: model.Topic{ARN: topic}, Message: model.Message{Body: "x", GroupID: "g", Attributes: map[string]model.MessageAttribute{"AWS.x": model.StringAttribute("v")}}},
	}
	for i, req := range bad {
		ok, err := c.Publish(context.Background(), region.EUWest1, req)
		if ok || !errors.Is(err, model.ErrInvalid) {
			t.Errorf("request %d: %v %v", i, ok, err)
		}
	}
	if n := tr.n.Load(); n != 0 {
		t.Fatalf("%d HTTP requests sent for invalid input", n)
	}
}

func TestIntegrationFIFOPublishKeepsGroupOrder(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUWest1
	topic := createTopic(t, srv, r, fauxqs.UniqueName("orders")+".fifo", map[string]string{"FifoTopic": "true"})
	q, err := srv.SubscribeQueue(ctx, string(r), topic, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := emulatorClient(t, srv)
	// fauxqs 2.4.1 returns no SequenceNumber from Publish (real SNS does; the
	// unit tests cover passing it through), so the order is checked on the
	// queue, where the emulator does number the messages.
	for i := range 5 {
		if _, err := c.PublishWithResponse(ctx, r, model.PublishRequest{
			Topic:   model.Topic{ARN: topic},
			Message: model.Message{Body: fmt.Sprintf("m%d", i), GroupID: "customer-7", DeduplicationID: fmt.Sprintf("d%d", i)},
		}); err != nil {
			t.Fatal(err)
		}
	}
	var bodies []string
	for len(bodies) < 5 {
		msgs, err := q.Receive(ctx, 1, 5*time.Second)
		if err != nil || len(msgs) == 0 {
			t.Fatalf("received %v so far: %v", bodies, err)
		}
		for _, m := range msgs {
			bodies = append(bodies, aws.ToString(m.Body))
			if g := m.Attributes["MessageGroupId"]; g != "customer-7" {
				t.Errorf("group id %q", g)
			}
			if m.Attributes["SequenceNumber"] == "" {
				t.Error("FIFO message without a sequence number")
			}
		}
	}
	if got := strings.Join(bodies, ","); got != "m0,m1,m2,m3,m4" {
		t.Errorf("order %s", got)
	}
}

func TestIntegrationCancelledContextStopsTheCall(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUWest1
	topic := createTopic(t, srv, r, fauxqs.UniqueName("cancel"), nil)
	q, err := srv.SubscribeQueue(ctx, string(r), topic, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, tr := emulatorClient(t, srv)
	tr.delay = 10 * time.Second // the request is held until the context ends

	cctx, cancel := context.WithCancel(ctx)
	time.AfterFunc(50*time.Millisecond, cancel)
	start := time.Now()
	ok, err := c.Publish(cctx, r, model.PublishRequest{Topic: model.Topic{ARN: topic}, Message: model.Message{Body: "never"}})
	if ok || !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, %v", ok, err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Fatalf("cancel took %v", el)
	}
	if msgs, _ := q.Receive(ctx, 1, 1500*time.Millisecond); len(msgs) != 0 {
		t.Fatalf("a cancelled publish was delivered: %v", aws.ToString(msgs[0].Body))
	}
}
