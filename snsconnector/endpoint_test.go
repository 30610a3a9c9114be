package snsconnector

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/go-sns/connector/internal/ststest"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// countingClient counts the requests that would leave, and sends none.
type countingClient struct{ n atomic.Int64 }

func (c *countingClient) Do(*http.Request) (*http.Response, error) {
	c.n.Add(1)
	return nil, errors.New("countingClient sends nothing")
}

// TestPlainHTTPRefusedFromEverySource: plain http to a host that is not
// loopback is refused whatever sets the endpoint, for SNS and STS: by New
// when the endpoint is known then, at the wire when only a resolver knows
// it, before anything is sent; WithInsecureEndpoint lets it through.
func TestPlainHTTPRefusedFromEverySource(t *testing.T) {
	ctx := context.Background()
	const remote = "http://10.1.2.3:4566"
	static := WithStaticCredentials("AKID", "SECRET", "")
	atNew := []struct {
		name, config string
		env          map[string]string
		opt          Option
	}{
		{"WithEndpoint", "", nil, WithEndpoint(remote)},
		{"AWS_ENDPOINT_URL_SNS", "", map[string]string{"AWS_ENDPOINT_URL_SNS": remote}, nil},
		{"AWS_ENDPOINT_URL_STS", "", map[string]string{"AWS_ENDPOINT_URL_STS": remote}, nil},
		{"AWS_ENDPOINT_URL", "", map[string]string{"AWS_ENDPOINT_URL": remote}, nil},
		{"shared config, services section for SNS", ststest.Services("sns", remote), nil, nil},
		{"shared config, services section for STS", ststest.Services("sts", remote), nil, nil},
		{"shared config, endpoint_url", "[default]\nendpoint_url = " + remote + "\n", nil, nil},
		{"WithConfig's BaseEndpoint", "", nil, WithConfig(aws.Config{BaseEndpoint: aws.String(remote)})},
	}
	for _, c := range atNew {
		t.Run(c.name, func(t *testing.T) {
			ststest.IsolateAWSConfig(t, c.config, c.env)
			_, err := New(ctx, c.opt, static)
			if !errors.Is(err, ErrInsecureEndpoint) || !strings.Contains(err.Error(), "10.1.2.3:4566") {
				t.Fatalf("New: %v", err)
			}
			if _, err := New(ctx, c.opt, static, WithInsecureEndpoint()); err != nil {
				t.Errorf("with WithInsecureEndpoint: %v", err)
			}
		})
	}

	t.Run("endpoint resolver", func(t *testing.T) {
		ststest.IsolateAWSConfig(t, "", nil)
		cfg := legacyResolverConfig(remote)
		topic := model.Topic{ARN: "arn:aws:sns:us-east-1:123456789012:t"}
		for _, insecure := range []bool{false, true} {
			hc := &countingClient{}
			opts := []Option{WithConfig(cfg), static, WithHTTPClient(hc), WithRetryMaxAttempts(1)}
			if insecure {
				opts = append(opts, WithInsecureEndpoint())
			}
			c, err := New(ctx, opts...)
			if err != nil {
				t.Fatal(err)
			}
			_, pubErr := c.Publish(ctx, region.USEast1, model.PublishRequest{Topic: topic, Message: model.Message{Body: "x"}})
			batch, _ := c.PublishBatch(ctx, region.USEast1, topic, []model.Message{{Body: "x"}})
			_, stsErr := c.ResolveTopic(ctx, region.USEast1, "t")
			errs := []error{pubErr, batch.Results[0].Err, stsErr}
			for i, err := range errs {
				if got := errors.Is(err, ErrInsecureEndpoint); got == insecure {
					t.Errorf("insecure=%v: call %d: %v", insecure, i, err)
				}
			}
			if want := map[bool]int64{false: 0, true: 3}[insecure]; hc.n.Load() != want {
				t.Errorf("insecure=%v: %d requests sent, want %d", insecure, hc.n.Load(), want)
			}
		}
	})
}

// TestResolveTopicSTSFromSharedConfig: ResolveTopic's STS client takes its
// endpoint from the shared config file's services section, as the SDK does.
func TestResolveTopicSTSFromSharedConfig(t *testing.T) {
	sts := ststest.NewServer(t)
	sts.AddKey(ststest.Key{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "SECRET", Account: "123456789012"})
	stub := newStub(t)
	ststest.IsolateAWSConfig(t, ststest.Services("sts", sts.URL), nil)
	c, err := New(context.Background(), WithStaticCredentials("AKIDEXAMPLE", "SECRET", ""), WithEndpoint(stub.URL), WithRetryMaxAttempts(1))
	if err != nil {
		t.Fatal(err)
	}
	_, _ = c.ResolveTopic(context.Background(), region.USEast1, "orders") // the stub has no such topic
	if n := sts.Calls("GetCallerIdentity"); n != 1 {
		t.Errorf("STS from the shared config file answered %d calls (last refusal: %v)", n, sts.LastError())
	}
}

// legacyResolverConfig is a configuration whose endpoint resolver (the
// deprecated global one, which the SDK still honours) answers url for
// every service.
func legacyResolverConfig(url string) aws.Config {
	//lint:ignore SA1019 the SDK still accepts the deprecated resolver, so the rule must hold through it
	resolve := func(string, string, ...any) (aws.Endpoint, error) { return aws.Endpoint{URL: url}, nil }
	//lint:ignore SA1019 as above
	return aws.Config{EndpointResolverWithOptions: aws.EndpointResolverWithOptionsFunc(resolve)}
}
