package offload_test

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/offload"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// memS3 stands in for an *s3.Client in the examples: objects in memory.
type memS3 struct {
	mu      sync.Mutex
	objects map[string]string
}

func (m *memS3) PutObject(_ context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	b, _ := io.ReadAll(in.Body)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.objects == nil {
		m.objects = map[string]string{}
	}
	m.objects[*in.Bucket+"/"+*in.Key] = string(b)
	return &s3.PutObjectOutput{}, nil
}

func (m *memS3) GetObject(_ context.Context, in *s3.GetObjectInput, _ ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	v, ok := m.objects[*in.Bucket+"/"+*in.Key]
	if !ok {
		return nil, &types.NoSuchKey{}
	}
	return &s3.GetObjectOutput{Body: io.NopCloser(strings.NewReader(v)), ContentLength: aws.Int64(int64(len(v)))}, nil
}

func (m *memS3) DeleteObject(_ context.Context, in *s3.DeleteObjectInput, _ ...func(*s3.Options)) (*s3.DeleteObjectOutput, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.objects, *in.Bucket+"/"+*in.Key)
	return &s3.DeleteObjectOutput{}, nil
}

// A message too large for SNS goes through S3 and comes back whole: the
// publisher's client offloads it, the consumer resolves the body it
// receives from its queue (raw message delivery).
func Example() {
	ctx := context.Background()
	s3Client := &memS3{} // an *s3.Client in a real program
	store := offload.NewS3Store(s3Client, "my-payloads", offload.WithKeyPrefix("sns/"))

	fake := snstest.New(snstest.WithRegion(region.EUWest1)) // SNS, for the example
	topic, _ := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("reports")})
	sub, _ := fake.Subscribe(ctx, &sns.SubscribeInput{
		TopicArn: topic.TopicArn, Protocol: aws.String("sqs"),
		Endpoint:   aws.String("arn:aws:sqs:eu-west-1:123456789012:reports"),
		Attributes: map[string]string{"RawMessageDelivery": "true"},
	})

	client, err := snsconnector.New(ctx, snsconnector.WithAPIFactory(fake.APIFactory),
		snsconnector.WithPayloadOffloading(store, offload.Settings{}))
	if err != nil {
		panic(err)
	}
	report := strings.Repeat("a line of the monthly report\n", 20_000) // 580,000 bytes
	if _, err := client.Publish(ctx, region.EUWest1, model.PublishRequest{
		Topic: model.Topic{ARN: *topic.TopicArn}, Message: model.Message{Body: report},
	}); err != nil {
		panic(err)
	}

	d := fake.Deliveries(*sub.SubscriptionArn)[0]
	fmt.Println(d.Body[:strings.Index(d.Body, `"s3Key"`)])
	fmt.Println(offload.AttributeName, "=", *d.Attributes[offload.AttributeName].StringValue)
	payload, err := store.Resolve(ctx, d.Body)
	fmt.Println(len(payload), payload == report, err)
	// Output:
	// ["software.amazon.payloadoffloading.PayloadS3Pointer",{"s3BucketName":"my-payloads",
	// ExtendedPayloadSize = 580000
	// 580000 true <nil>
}

// Resolve returns a body that is no pointer as it is, so a consumer can
// call it on every message.
func ExampleS3Store_Resolve() {
	store := offload.NewS3Store(&memS3{}, "my-payloads")
	body, err := store.Resolve(context.Background(), "a small message")
	fmt.Println(body, err)
	// Output: a small message <nil>
}
