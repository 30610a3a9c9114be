package offload_test

import (
	"context"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/notification"
	"github.com/go-sns/connector/offload"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// A queue subscribed without raw delivery gets SNS's signed envelope: the
// pointer is its Message, resolved once the envelope is verified.
func TestResolveNotificationOfAVerifiedEnvelope(t *testing.T) {
	ctx := context.Background()
	store := offload.NewS3Store(&memS3{}, "my-payloads", offload.WithKeyPrefix("sns/"))
	if err := store.Err(); err != nil {
		t.Fatal(err)
	}
	fake := snstest.New(snstest.WithRegion(region.EUWest1))
	defer fake.Close()
	topic, _ := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("reports")})
	sub, _ := fake.Subscribe(ctx, &sns.SubscribeInput{
		TopicArn: topic.TopicArn, Protocol: aws.String("sqs"),
		Endpoint: aws.String("arn:aws:sqs:eu-west-1:123456789012:reports"),
	})
	client, err := snsconnector.New(ctx, snsconnector.WithAPIFactory(fake.APIFactory),
		snsconnector.WithPayloadOffloading(store, offload.Settings{}))
	if err != nil {
		t.Fatal(err)
	}
	payload := strings.Repeat("ü", 200_000) // 400,000 bytes
	for _, body := range []string{payload, "small"} {
		if _, err := client.Publish(ctx, region.EUWest1, model.PublishRequest{
			Topic: model.Topic{ARN: *topic.TopicArn}, Message: model.Message{Body: body},
		}); err != nil {
			t.Fatal(err)
		}
	}
	v, err := notification.NewVerifier(append(fake.VerifierOptions(), notification.WithTopics(*topic.TopicArn))...)
	if err != nil {
		t.Fatal(err)
	}
	ds := fake.Deliveries(*sub.SubscriptionArn)
	if len(ds) != 2 {
		t.Fatalf("%d deliveries", len(ds))
	}
	for i, want := range []string{payload, "small"} {
		m, err := v.Verify(ctx, []byte(ds[i].Body))
		if err != nil {
			t.Fatal(err)
		}
		got, err := store.ResolveNotification(ctx, m)
		if err != nil || got != want {
			t.Fatalf("delivery %d: %d bytes, %v", i, len(got), err)
		}
	}
	if _, err := store.ResolveNotification(ctx, nil); err == nil {
		t.Fatal("a nil message resolved")
	}
}
