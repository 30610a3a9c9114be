package snsconnector

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// mockAPI implements the methods the tests call; the embedded API panics on
// any other, which would show a test calling something unexpected.
type mockAPI struct {
	API
	mu        sync.Mutex
	publishes []*sns.PublishInput
	listCalls []string // NextToken of each ListTopics call
	topics    int
	repeat    bool // answer every page with the same token
	publishFn func(ctx context.Context, in *sns.PublishInput) (*sns.PublishOutput, error)
}

func (m *mockAPI) Publish(ctx context.Context, in *sns.PublishInput, _ ...func(*sns.Options)) (*sns.PublishOutput, error) {
	m.mu.Lock()
	m.publishes = append(m.publishes, in)
	m.mu.Unlock()
	if m.publishFn != nil {
		return m.publishFn(ctx, in)
	}
	return &sns.PublishOutput{MessageId: aws.String("msg-1")}, nil
}

func (m *mockAPI) ListTopics(_ context.Context, in *sns.ListTopicsInput, _ ...func(*sns.Options)) (*sns.ListTopicsOutput, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	tok := aws.ToString(in.NextToken)
	m.listCalls = append(m.listCalls, tok)
	start := 0
	if tok != "" {
		fmt.Sscanf(tok, "page-%d", &start)
	}
	end := min(start+100, m.topics)
	out := &sns.ListTopicsOutput{}
	for i := start; i < end; i++ {
		out.Topics = append(out.Topics, types.Topic{TopicArn: aws.String(fmt.Sprintf("arn:aws:sns:eu-west-1:123456789012:t%03d", i))})
	}
	if m.repeat {
		out.NextToken = aws.String("page-0")
	} else if end < m.topics {
		out.NextToken = aws.String(fmt.Sprintf("page-%d", end))
	}
	return out, nil
}

func newTestClient(t *testing.T, api API, opts ...Option) *Client {
	t.Helper()
	c, err := New(context.Background(), append([]Option{WithAPI(api)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

const topicARN = "arn:aws:sns:eu-west-1:123456789012:orders"

func TestListTopicsFollowsEveryPage(t *testing.T) {
	m := &mockAPI{topics: 250}
	c := newTestClient(t, m)
	resp, err := c.ListTopics(context.Background(), region.EUWest1)
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Topics) != 250 {
		t.Fatalf("got %d topics; want 250", len(resp.Topics))
	}
	if got := strings.Join(m.listCalls, ","); got != ",page-100,page-200" {
		t.Errorf("tokens sent: %q", got)
	}
	if resp.Topics[249].Name != "t249" || resp.Topics[0].ARN != "arn:aws:sns:eu-west-1:123456789012:t000" {
		t.Errorf("topics: first %+v last %+v", resp.Topics[0], resp.Topics[249])
	}
}

func TestListTopicsEmptyAccountIsEmptyNotNil(t *testing.T) {
	resp, err := newTestClient(t, &mockAPI{}).ListTopics(context.Background(), region.EUWest1)
	if err != nil || resp.Topics == nil || len(resp.Topics) != 0 {
		t.Fatalf("got %#v, %v", resp, err)
	}
}

func TestListTopicsIterStopsFetchingOnBreak(t *testing.T) {
	m := &mockAPI{topics: 1000}
	c := newTestClient(t, m)
	n := 0
	for _, err := range c.ListTopicsIter(context.Background(), region.EUWest1) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 150 {
			break
		}
	}
	if len(m.listCalls) != 2 {
		t.Fatalf("%d pages fetched for 150 topics; want 2", len(m.listCalls))
	}
}

func TestListTopicsRepeatedTokenIsAnError(t *testing.T) {
	m := &mockAPI{topics: 300, repeat: true}
	_, err := newTestClient(t, m).ListTopics(context.Background(), region.EUWest1)
	if !errors.Is(err, errRepeatedToken) || len(m.listCalls) > 3 {
		t.Fatalf("err %v after %d calls", err, len(m.listCalls))
	}
}

func TestPublishConvertsEveryField(t *testing.T) {
	m := &mockAPI{publishFn: func(context.Context, *sns.PublishInput) (*sns.PublishOutput, error) {
		return &sns.PublishOutput{MessageId: aws.String("id-7"), SequenceNumber: aws.String("10000000000000000001")}, nil
	}}
	c := newTestClient(t, m)
	req := model.PublishRequest{
		Topic: model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:orders.fifo"},
		Message: model.Message{
			Subject: "Order", Body: "shipped", GroupID: "g1", DeduplicationID: "d1",
			Attributes: map[string]model.MessageAttribute{
				"s": model.StringAttribute("v"),
				"a": model.StringArrayAttribute("x", "y"),
				"n": model.NumberAttribute(12.5),
				"b": model.BinaryAttribute([]byte{1, 2}),
			},
		},
	}
	resp, err := c.PublishWithResponse(context.Background(), region.EUWest1, req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.MessageID != "id-7" || resp.SequenceNumber != "10000000000000000001" {
		t.Errorf("response %+v", resp)
	}
	in := m.publishes[0]
	if aws.ToString(in.TopicArn) != req.Topic.ARN || aws.ToString(in.Message) != "shipped" ||
		aws.ToString(in.Subject) != "Order" || aws.ToString(in.MessageGroupId) != "g1" ||
		aws.ToString(in.MessageDeduplicationId) != "d1" || in.MessageStructure != nil {
		t.Errorf("input %+v", in)
	}
	want := map[string][2]string{"s": {"String", "v"}, "a": {"String.Array", `["x","y"]`}, "n": {"Number", "12.5"}}
	for name, w := range want {
		got := in.MessageAttributes[name]
		if aws.ToString(got.DataType) != w[0] || aws.ToString(got.StringValue) != w[1] || got.BinaryValue != nil {
			t.Errorf("attribute %s = %s %s", name, aws.ToString(got.DataType), aws.ToString(got.StringValue))
		}
	}
	if b := in.MessageAttributes["b"]; aws.ToString(b.DataType) != "Binary" || !bytes.Equal(b.BinaryValue, []byte{1, 2}) || b.StringValue != nil {
		t.Errorf("binary attribute %+v", b)
	}
}

func TestPublishInvalidInputNeverReachesTheAPI(t *testing.T) {
	m := &mockAPI{}
	c := newTestClient(t, m)
	ok, err := c.Publish(context.Background(), region.EUWest1, model.PublishRequest{
		Topic: model.Topic{ARN: topicARN}, Message: model.Message{Body: ""},
	})
	var ve *model.ValidationError
	var e *Error
	if ok || !errors.As(err, &ve) || ve.Field != "Message.Body" || !errors.As(err, &e) || e.Op != "Publish" {
		t.Fatalf("got %v, %v", ok, err)
	}
	if len(m.publishes) != 0 {
		t.Fatal("invalid request was sent")
	}
}

func TestPublishErrorsWrapTheSDKError(t *testing.T) {
	m := &mockAPI{publishFn: func(context.Context, *sns.PublishInput) (*sns.PublishOutput, error) {
		return nil, &types.NotFoundException{Message: aws.String("Topic does not exist")}
	}}
	ok, err := newTestClient(t, m).Publish(context.Background(), region.EUWest1, model.PublishRequest{
		Topic: model.Topic{ARN: topicARN}, Message: model.Message{Body: "x"},
	})
	var nf *types.NotFoundException
	var e *Error
	if ok || !errors.As(err, &nf) || !errors.As(err, &e) {
		t.Fatalf("got %v, %v", ok, err)
	}
	if e.Op != "Publish" || e.Region != region.EUWest1 || e.Topic != topicARN {
		t.Errorf("error context %+v", e)
	}
	if ErrorCode(err) != "NotFound" {
		t.Errorf("ErrorCode = %q", ErrorCode(err))
	}
	for _, s := range []string{"Publish", "eu-west-1", topicARN, "Topic does not exist"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q lacks %q", err, s)
		}
	}
}

func TestPublishWithoutMessageIDIsAFailure(t *testing.T) {
	m := &mockAPI{publishFn: func(context.Context, *sns.PublishInput) (*sns.PublishOutput, error) {
		return &sns.PublishOutput{}, nil
	}}
	ok, err := newTestClient(t, m).Publish(context.Background(), region.EUWest1, model.PublishRequest{
		Topic: model.Topic{ARN: topicARN}, Message: model.Message{Body: "x"},
	})
	if ok || !errors.Is(err, errNoMessageID) {
		t.Fatalf("got %v, %v", ok, err)
	}
}

func TestBadRegionFailsBeforeTheFactory(t *testing.T) {
	var calls atomic.Int32
	c, err := New(context.Background(), WithAPIFactory(func(region.Region) (API, error) {
		calls.Add(1)
		return &mockAPI{}, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Publish(context.Background(), "", model.PublishRequest{Topic: model.Topic{ARN: topicARN}, Message: model.Message{Body: "x"}})
	if !errors.Is(err, region.ErrMalformedRegion) || calls.Load() != 0 {
		t.Fatalf("err %v, factory calls %d", err, calls.Load())
	}
}

func TestOneAPIPerRegionUnderConcurrency(t *testing.T) {
	var mu sync.Mutex
	made := map[region.Region]int{}
	c, err := New(context.Background(), WithAPIFactory(func(r region.Region) (API, error) {
		mu.Lock()
		made[r]++
		mu.Unlock()
		time.Sleep(time.Millisecond) // widen the window for a double creation
		return &mockAPI{}, nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	regions := []region.Region{region.EUWest1, region.USEast1, region.APSoutheast2}
	var wg sync.WaitGroup
	for i := range 64 {
		wg.Go(func() {
			r := regions[i%len(regions)]
			arn := "arn:aws:sns:" + string(r) + ":123456789012:t"
			if _, err := c.Publish(context.Background(), r, model.PublishRequest{Topic: model.Topic{ARN: arn}, Message: model.Message{Body: "x"}}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for _, r := range regions {
		if made[r] != 1 {
			t.Errorf("region %s: %d APIs made; want 1", r, made[r])
		}
	}
}

func TestFactoryErrorIsReturnedAndRetried(t *testing.T) {
	fail := true
	c, _ := New(context.Background(), WithAPIFactory(func(region.Region) (API, error) {
		if fail {
			return nil, errors.New("no client today")
		}
		return &mockAPI{}, nil
	}))
	req := model.PublishRequest{Topic: model.Topic{ARN: topicARN}, Message: model.Message{Body: "x"}}
	if _, err := c.Publish(context.Background(), region.EUWest1, req); err == nil || !strings.Contains(err.Error(), "no client today") {
		t.Fatalf("err %v", err)
	}
	fail = false
	if _, err := c.Publish(context.Background(), region.EUWest1, req); err != nil {
		t.Fatalf("after the factory recovered: %v", err)
	}
}

func TestCancelledContextStopsTheCall(t *testing.T) {
	m := &mockAPI{publishFn: func(ctx context.Context, _ *sns.PublishInput) (*sns.PublishOutput, error) {
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(10*time.Millisecond, cancel)
	_, err := newTestClient(t, m).Publish(ctx, region.EUWest1, model.PublishRequest{Topic: model.Topic{ARN: topicARN}, Message: model.Message{Body: "x"}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v", err)
	}
}

func TestTimeoutOptionBoundsEachCall(t *testing.T) {
	var deadline time.Time
	m := &mockAPI{publishFn: func(ctx context.Context, _ *sns.PublishInput) (*sns.PublishOutput, error) {
		deadline, _ = ctx.Deadline()
		<-ctx.Done()
		return nil, ctx.Err()
	}}
	start := time.Now()
	_, err := newTestClient(t, m, WithTimeout(20*time.Millisecond)).Publish(context.Background(), region.EUWest1,
		model.PublishRequest{Topic: model.Topic{ARN: topicARN}, Message: model.Message{Body: "x"}})
	if !errors.Is(err, context.DeadlineExceeded) || deadline.Sub(start) > time.Second {
		t.Fatalf("err %v deadline in %v", err, deadline.Sub(start))
	}
}

func TestLoggingUnderTheConnectorGroup(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	m := &mockAPI{publishFn: func(_ context.Context, in *sns.PublishInput) (*sns.PublishOutput, error) {
		if aws.ToString(in.Message) == "fail" {
			return nil, &types.AuthorizationErrorException{Message: aws.String("denied")}
		}
		return &sns.PublishOutput{MessageId: aws.String("m")}, nil
	}}
	c := newTestClient(t, m, WithLogger(logger))
	for _, body := range []string{"ok", "fail"} {
		c.Publish(context.Background(), region.EUWest1, model.PublishRequest{Topic: model.Topic{ARN: topicARN}, Message: model.Message{Body: body}})
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("log lines: %q", buf.String())
	}
	var rec []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatal(err)
		}
		rec = append(rec, m)
	}
	if rec[0]["level"] != "DEBUG" || rec[1]["level"] != "WARN" {
		t.Errorf("levels %v %v", rec[0]["level"], rec[1]["level"])
	}
	g, ok := rec[1][LogGroup].(map[string]any)
	if !ok || g["op"] != "Publish" || g["topic"] != topicARN || !strings.Contains(fmt.Sprint(g["error"]), "denied") {
		t.Errorf("failure record %v", rec[1])
	}
	if strings.Contains(buf.String(), `"ok"`) {
		t.Error("message body logged")
	}
}

func TestNewRejectsBadOptions(t *testing.T) {
	ctx := context.Background()
	for name, opt := range map[string]Option{
		"negative retries": WithRetryMaxAttempts(-1),
		"negative timeout": WithTimeout(-time.Second),
		"http to remote":   WithEndpoint("http://sns.example.com"),
		"not a URL":        WithEndpoint("sns.example.com"),
	} {
		if _, err := New(ctx, opt, WithStaticCredentials("AKID", "SECRET", "")); err == nil {
			t.Errorf("%s: New accepted it", name)
		}
	}
	if _, err := New(ctx, WithEndpoint("http://10.1.2.3:4566"), WithInsecureEndpoint(), WithStaticCredentials("AKID", "SECRET", "")); err != nil {
		t.Errorf("WithInsecureEndpoint: %v", err)
	}
}

func TestSDKPathAgainstStubEndpoint(t *testing.T) {
	stub := newStub(t)
	for i := range 230 {
		if _, err := stub.Fake.CreateTopic(context.Background(), &sns.CreateTopicInput{Name: aws.String(fmt.Sprintf("topic-%04d", i))}); err != nil {
			t.Fatal(err)
		}
	}
	// The SDK's default retries stay on: a connection the loaded machine
	// drops is retried as it would be against AWS (the counts below are of
	// requests that reached the fake).
	c, err := New(context.Background(), WithEndpoint(stub.URL), WithStaticCredentials("AKID", "SECRET", ""))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.ListTopics(context.Background(), region.USEast1)
	if err != nil {
		t.Fatalf("ListTopics: %v", err)
	}
	if len(resp.Topics) != 230 {
		t.Fatalf("ListTopics: %d topics; want 230", len(resp.Topics))
	}
	ok, err := c.Publish(context.Background(), region.USEast1, model.PublishRequest{
		Topic: model.Topic{ARN: missingTopic}, Message: model.Message{Body: "x"},
	})
	var nf *types.NotFoundException
	if ok || !errors.As(err, &nf) {
		t.Fatalf("publish to missing topic: %v %v", ok, err)
	}
	if strings.Contains(err.Error(), "SECRET") {
		t.Fatalf("error leaks the secret key: %v", err)
	}
	if l, p := stub.Fake.Calls("ListTopics"), stub.Fake.Calls("Publish"); l != 3 || p != 1 {
		t.Errorf("stub saw %d ListTopics and %d Publish; want 3 and 1", l, p)
	}
}

func TestEndpointFromEnvironment(t *testing.T) {
	stub := newStub(t, "t")
	t.Setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:1") // the service-specific one wins
	t.Setenv("AWS_ENDPOINT_URL_SNS", stub.URL)
	c, err := New(context.Background(), WithStaticCredentials("AKID", "SECRET", ""), WithRetryMaxAttempts(1))
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := c.Publish(context.Background(), region.USEast1, model.PublishRequest{
		Topic: model.Topic{ARN: "arn:aws:sns:us-east-1:123456789012:t"}, Message: model.Message{Body: "x"},
	}); !ok || err != nil {
		t.Fatalf("publish through AWS_ENDPOINT_URL_SNS: %v", err)
	}
	t.Setenv("AWS_ENDPOINT_URL_SNS", "http://sns.example.com")
	if _, err := New(context.Background(), WithStaticCredentials("AKID", "SECRET", "")); err == nil {
		t.Fatal("plain http to a remote host from the environment was accepted")
	}
}

func TestAPIEscapeHatchIsTheSDKClient(t *testing.T) {
	c, err := New(context.Background(), WithStaticCredentials("AKID", "SECRET", ""))
	if err != nil {
		t.Fatal(err)
	}
	a, err := c.API(region.EUWest2)
	if err != nil {
		t.Fatal(err)
	}
	sc, ok := a.(*sns.Client)
	if !ok || sc.Options().Region != "eu-west-2" {
		t.Fatalf("API() = %T", a)
	}
	b, _ := c.API(region.EUWest2)
	if a != b {
		t.Fatal("API() made a second client for the same region")
	}
}

// TestEveryCallRetriesSNSThrottling: SNS answers throttling with its own
// code, Throttled (429), which the SDK's retryer does not know; every
// operation of the client retries it, not only PublishBatch's requests.
func TestEveryCallRetriesSNSThrottling(t *testing.T) {
	stub := newStub(t, "t")
	c, err := New(context.Background(), WithEndpoint(stub.URL), WithStaticCredentials("AKID", "SECRET", ""),
		withStandardRetryer(func(o *retry.StandardOptions) { o.Backoff = &recordingBackoff{} }))
	if err != nil {
		t.Fatal(err)
	}
	stub.Fake.FailNext("Publish", &types.ThrottledException{Message: aws.String("Rate exceeded")})
	if ok, err := c.Publish(context.Background(), region.USEast1, model.PublishRequest{Topic: model.Topic{ARN: "arn:aws:sns:us-east-1:123456789012:t"}, Message: model.Message{Body: "x"}}); !ok || err != nil {
		t.Fatalf("Publish after one Throttled answer: %v, %v", ok, err)
	}
	if n := stub.Fake.Calls("Publish"); n != 2 {
		t.Errorf("%d Publish calls reached SNS; want 2, the throttled one retried", n)
	}
}
