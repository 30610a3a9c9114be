package integration

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/offload"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// offloadSetup is a topic with a raw-delivery queue, a bucket on the
// emulator's S3, a store over it and a client offloading through it.
type offloadSetup struct {
	srv    *fauxqs.Server
	r      region.Region
	topic  model.Topic
	q      *fauxqs.Queue
	bucket string
	store  *offload.S3Store
	client *snsconnector.Client
}

func newOffloadSetup(t *testing.T, topicName string, attrs map[string]string, storeOpts ...offload.Option) *offloadSetup {
	t.Helper()
	srv := emulator.Need(t)
	ctx := context.Background()
	o := &offloadSetup{srv: srv, r: region.EUWest1}
	name := fauxqs.UniqueName(topicName)
	if attrs["FifoTopic"] == "true" {
		name += ".fifo"
	}
	o.topic = model.Topic{ARN: createTopic(t, srv, o.r, name, attrs)}
	var err error
	if o.q, err = srv.SubscribeQueue(ctx, string(o.r), o.topic.ARN, nil); err != nil {
		t.Fatal(err)
	}
	if o.bucket, err = srv.NewBucket(ctx, string(o.r)); err != nil {
		t.Fatal(err)
	}
	o.store = offload.NewS3Store(srv.S3(string(o.r)), o.bucket, append([]offload.Option{offload.WithKeyPrefix("sns/")}, storeOpts...)...)
	if err := o.store.Err(); err != nil {
		t.Fatal(err)
	}
	o.client, _ = emulatorClient(t, srv, snsconnector.WithPayloadOffloading(o.store, offload.Settings{}))
	return o
}

// object reads an object straight from the emulator's S3.
func (o *offloadSetup) object(t *testing.T, key string) string {
	t.Helper()
	out, err := o.srv.S3(string(o.r)).GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(o.bucket), Key: aws.String(key)})
	if err != nil {
		t.Fatal(err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// payload returns what a queue message carries, through the store.
func (o *offloadSetup) payload(t *testing.T, m sqstypes.Message) string {
	t.Helper()
	got, err := o.store.Resolve(context.Background(), aws.ToString(m.Body))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// bigBody is size bytes of mixed ASCII and multi-byte UTF-8 that differ for
// every seed, so that a payload mixed up with another one shows.
func bigBody(seed, size int) string {
	var b strings.Builder
	b.Grow(size + 16)
	fmt.Fprintf(&b, "payload %d:", seed)
	line := fmt.Sprintf(" ligne %d — naïve ünïcödé 日本 🚀\n", seed)
	for b.Len() < size-len(line) {
		b.WriteString(line)
	}
	b.WriteString(strings.Repeat("z", size-b.Len()))
	return b.String()
}

// head is the start of a body, which tells the bodies of a test apart.
func head(body string) string { return body[:min(len(body), 24)] }

var pointerBody = regexp.MustCompile(`^\["software\.amazon\.payloadoffloading\.PayloadS3Pointer",\{"s3BucketName":"([^"]+)","s3Key":"(sns/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12})"\}\]$`)

func TestIntegrationOffloadOneAndTenMiBRoundTripByteForByte(t *testing.T) {
	o := newOffloadSetup(t, "offload-big", nil)
	ctx := context.Background()
	for i, size := range []int{1 << 20, 10 << 20} {
		body := bigBody(i, size)
		if _, err := o.client.Publish(ctx, o.r, model.PublishRequest{Topic: o.topic, Message: model.Message{
			Body:       body,
			Attributes: map[string]model.MessageAttribute{"report": model.StringAttribute("monthly"), "blob": model.BinaryAttribute([]byte{0, 255})},
		}}); err != nil {
			t.Fatalf("%d bytes: %v", size, err)
		}
		m := receiveAll(t, o.q, 1)[0]
		if got := o.payload(t, m); got != body {
			t.Fatalf("%d bytes: got %d bytes back, not the same", size, len(got))
		}
		a := m.MessageAttributes
		if aws.ToString(a["report"].StringValue) != "monthly" || !bytes.Equal(a["blob"].BinaryValue, []byte{0, 255}) ||
			aws.ToString(a[offload.AttributeName].StringValue) != fmt.Sprint(len(body)) || len(a) != 3 {
			t.Fatalf("%d bytes: attributes %v", size, a)
		}
	}
}

// The body and attribute on the queue are byte for byte what the Java SNS
// extended client sends, so the AWS SQS extended clients read them.
func TestIntegrationOffloadWireFormatIsTheAWSLibraries(t *testing.T) {
	for _, legacy := range []bool{false, true} {
		var opts []offload.Option
		name := "ExtendedPayloadSize"
		if legacy {
			opts, name = []offload.Option{offload.WithLegacyAttribute()}, "SQSLargePayloadSize"
		}
		o := newOffloadSetup(t, "offload-wire", nil, opts...)
		body := bigBody(7, 300_000)
		if _, err := o.client.Publish(context.Background(), o.r, model.PublishRequest{Topic: o.topic, Message: model.Message{Body: body}}); err != nil {
			t.Fatal(err)
		}
		m := receiveAll(t, o.q, 1)[0]
		got := aws.ToString(m.Body)
		match := pointerBody.FindStringSubmatch(got)
		if match == nil || match[1] != o.bucket {
			t.Fatalf("body %s is not Java's compact pointer into %s", got, o.bucket)
		}
		want := `["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"` + o.bucket + `","s3Key":"` + match[2] + `"}]`
		if got != want {
			t.Fatalf("body\n %s\nwant\n %s", got, want)
		}
		a, ok := m.MessageAttributes[name]
		if !ok || aws.ToString(a.DataType) != "Number" || aws.ToString(a.StringValue) != fmt.Sprint(len(body)) || len(m.MessageAttributes) != 1 {
			t.Fatalf("attributes %v; want only %s Number %d", m.MessageAttributes, name, len(body))
		}
		if o.object(t, match[2]) != body {
			t.Fatal("the object does not hold the body")
		}
	}
}

// A pointer written by hand as another producer (the Java or Python
// extended client) would send it is resolved.
func TestIntegrationOffloadResolvesPointersOtherLibrariesWrite(t *testing.T) {
	o := newOffloadSetup(t, "offload-java", nil)
	ctx := context.Background()
	raw := o.srv.SNS(string(o.r))
	forms := map[string]string{
		"java":   `["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"%s","s3Key":"%s"}]`,
		"python": `["software.amazon.payloadoffloading.PayloadS3Pointer", {"s3BucketName": "%s", "s3Key": "%s"}]`,
		"legacy": `["com.amazon.sqs.javamessaging.MessageS3Pointer",{"s3BucketName":"%s","s3Key":"%s"}]`,
	}
	want := map[string]string{}
	for form, format := range forms {
		key := "sns/" + form + "-0f8fad5b-d9cb-469f-a165-70867728950e"
		payload := bigBody(len(want)+100, 400_000)
		if _, err := o.srv.S3(string(o.r)).PutObject(ctx, &s3.PutObjectInput{
			Bucket: aws.String(o.bucket), Key: aws.String(key), Body: strings.NewReader(payload),
		}); err != nil {
			t.Fatal(err)
		}
		if _, err := raw.Publish(ctx, &sns.PublishInput{
			TopicArn: aws.String(o.topic.ARN),
			Message:  aws.String(fmt.Sprintf(format, o.bucket, key)),
			MessageAttributes: map[string]snstypes.MessageAttributeValue{
				"SQSLargePayloadSize": {DataType: aws.String("Number"), StringValue: aws.String(fmt.Sprint(len(payload)))},
			},
		}); err != nil {
			t.Fatal(err)
		}
		want[head(payload)] = payload
	}
	for _, m := range receiveAll(t, o.q, len(forms)) {
		got := o.payload(t, m)
		if want[head(got)] != got {
			t.Fatalf("resolved %d bytes that no producer sent", len(got))
		}
		delete(want, head(got))
	}
}

func TestIntegrationOffloadBatchMixesSmallAndLarge(t *testing.T) {
	o := newOffloadSetup(t, "offload-batch", nil)
	ctx := context.Background()
	var msgs []model.Message
	for i := range 30 {
		body := fmt.Sprintf("small %d", i)
		if i%3 == 0 {
			body = bigBody(i, 270_000+i*20_000) // 270 KB to 850 KB
		}
		msgs = append(msgs, model.Message{Body: body, Attributes: map[string]model.MessageAttribute{"i": model.NumberAttribute(i)}})
	}
	resp, err := o.client.PublishBatch(ctx, o.r, o.topic, msgs)
	if err != nil || resp.Failed() != 0 {
		t.Fatal(err)
	}
	for _, m := range receiveAll(t, o.q, len(msgs)) {
		var i int
		fmt.Sscan(aws.ToString(m.MessageAttributes["i"].StringValue), &i)
		if got := o.payload(t, m); got != msgs[i].Body {
			t.Fatalf("message %d: %d bytes back, not the same", i, len(got))
		}
		_, offloaded := m.MessageAttributes[offload.AttributeName]
		if offloaded != (i%3 == 0) {
			t.Fatalf("message %d offloaded: %v", i, offloaded)
		}
	}
}

func TestIntegrationOffloadPublisherFromManyGoroutines(t *testing.T) {
	o := newOffloadSetup(t, "offload-publisher", nil)
	ctx := context.Background()
	p, err := o.client.NewPublisher(o.r, o.topic, snsconnector.PublishSettings{})
	if err != nil {
		t.Fatal(err)
	}
	const workers, each = 8, 6
	bodies := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	var results []*snsconnector.PublishResult
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				body := fmt.Sprintf("w%d-%d small", w, i)
				if i%2 == 0 {
					body = bigBody(w*100+i, 300_000+w*1000+i)
				}
				r := p.Publish(ctx, model.Message{Body: body})
				mu.Lock()
				bodies[head(body)] = body
				results = append(results, r)
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if err := p.Close(ctx); err != nil {
		t.Fatal(err)
	}
	for _, r := range results {
		if _, err := r.Get(ctx); err != nil {
			t.Fatal(err)
		}
	}
	for _, m := range receiveAll(t, o.q, workers*each) {
		got := o.payload(t, m)
		if bodies[head(got)] != got {
			t.Fatalf("%d bytes arrived that were not published", len(got))
		}
		delete(bodies, head(got))
	}
}

func TestIntegrationOffloadFIFOKeepsGroupAndDeduplicationIDs(t *testing.T) {
	o := newOffloadSetup(t, "offload-fifo", map[string]string{"FifoTopic": "true"})
	ctx := context.Background()
	var want []string
	for i := range 3 {
		body := bigBody(i, 300_000)
		want = append(want, body)
		if _, err := o.client.Publish(ctx, o.r, model.PublishRequest{Topic: o.topic, Message: model.Message{
			Body: body, GroupID: "customer-7", DeduplicationID: fmt.Sprint("d", i),
		}}); err != nil {
			t.Fatal(err)
		}
	}
	got := receiveAll(t, o.q, 3)
	for i, m := range got {
		if o.payload(t, m) != want[i] || m.Attributes["MessageGroupId"] != "customer-7" || m.Attributes["MessageDeduplicationId"] != fmt.Sprint("d", i) {
			t.Fatalf("message %d: group %q dedup %q, payload in order: %v", i, m.Attributes["MessageGroupId"], m.Attributes["MessageDeduplicationId"], o.payload(t, m) == want[i])
		}
	}
}

// A publish SNS refuses leaves nothing in the bucket: the payload stored
// for it is deleted again.
func TestIntegrationOffloadRefusedPublishLeavesNoObject(t *testing.T) {
	o := newOffloadSetup(t, "offload-refused", nil)
	ctx := context.Background()
	missing := model.Topic{ARN: "arn:aws:sns:eu-west-1:000000000000:" + fauxqs.UniqueName("missing")}
	_, err := o.client.Publish(ctx, o.r, model.PublishRequest{Topic: missing, Message: model.Message{Body: bigBody(1, 2<<20)}})
	var nf *snstypes.NotFoundException
	var ue *offload.UndeletedError
	if !errors.As(err, &nf) || errors.As(err, &ue) {
		t.Fatalf("%v; want NotFound and the payload deleted", err)
	}
	out, err := o.srv.S3(string(o.r)).ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String(o.bucket)})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Contents) != 0 {
		t.Fatalf("%d objects left in the bucket", len(out.Contents))
	}
}
