package snsconnector

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/internal/snsstub"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// BenchmarkPublish compares a Publish through the connector with the same
// Publish through the raw SDK client, each against a fresh in-process
// stub endpoint (snsstub: fixed answers, so that the server's share of the
// process's cost is small and the same for both), so the difference is the
// connector's own cost (validation, conversion, per-region lookup, error
// wrapping). Compare the two sub-benchmarks with benchstat (make bench).
func BenchmarkPublish(b *testing.B) {
	ctx := context.Background()
	creds := credentials.NewStaticCredentialsProvider("AKID", "SECRET", "")
	const arn = "arn:aws:sns:us-east-1:123456789012:orders"
	msg := model.Message{
		Subject: "Order",
		Body:    "order 42 shipped",
		Attributes: map[string]model.MessageAttribute{
			"store": model.StringAttribute("example_corp"),
			"price": model.NumberAttribute(12.5),
		},
	}

	b.Run("impl=connector", func(b *testing.B) {
		stub := snsstub.New()
		defer stub.Close()
		c, err := New(ctx, WithEndpoint(stub.URL), WithCredentialsProvider(creds), WithRetryMaxAttempts(1))
		if err != nil {
			b.Fatal(err)
		}
		req := model.PublishRequest{Topic: model.Topic{ARN: arn}, Message: msg}
		b.ReportAllocs()
		for b.Loop() {
			if ok, err := c.Publish(ctx, region.USEast1, req); !ok {
				b.Fatal(err)
			}
		}
	})

	b.Run("impl=sdk", func(b *testing.B) {
		stub := snsstub.New()
		defer stub.Close()
		cfg := aws.Config{Region: "us-east-1", Credentials: creds, BaseEndpoint: aws.String(stub.URL), RetryMaxAttempts: 1}
		c := sns.NewFromConfig(cfg)
		b.ReportAllocs()
		for b.Loop() {
			// The raw caller builds the same input by hand each time, as the
			// connector does from the model.
			in := &sns.PublishInput{
				TopicArn: aws.String(arn),
				Subject:  aws.String("Order"),
				Message:  aws.String("order 42 shipped"),
				MessageAttributes: map[string]types.MessageAttributeValue{
					"store": {DataType: aws.String("String"), StringValue: aws.String("example_corp")},
					"price": {DataType: aws.String("Number"), StringValue: aws.String("12.5")},
				},
			}
			if _, err := c.Publish(ctx, in); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkValidate measures validation alone, the connector's main
// addition to every publish.
func BenchmarkValidate(b *testing.B) {
	req := model.PublishRequest{
		Topic: model.Topic{ARN: "arn:aws:sns:us-east-1:123456789012:orders"},
		Message: model.Message{Body: "order 42 shipped", Attributes: map[string]model.MessageAttribute{
			"store": model.StringAttribute("example_corp"),
			"price": model.NumberAttribute(12.5),
		}},
	}
	b.ReportAllocs()
	for b.Loop() {
		if err := req.Validate(); err != nil {
			b.Fatal(err)
		}
	}
}
