package snsconnector

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// The secret key and session token must not appear in any log line, error
// string or formatted value the client produces, on success or failure.
func TestSecretsNeverLeave(t *testing.T) {
	const (
		secret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"
		token  = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN"
	)
	stub := newStub(t, "t")
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	ctx := context.Background()
	var outputs []string

	c, err := New(ctx, WithStaticCredentials("AKIDEXAMPLE", secret, token), WithEndpoint(stub.URL),
		WithLogger(logger), WithRetryMaxAttempts(1))
	if err != nil {
		t.Fatal(err)
	}
	// Success, a service error, a validation error, a transport error.
	_, err = c.Publish(ctx, region.USEast1, model.PublishRequest{Topic: model.Topic{ARN: "arn:aws:sns:us-east-1:123456789012:t"}, Message: model.Message{Body: "ok"}})
	outputs = append(outputs, fmt.Sprint(err))
	_, err = c.Publish(ctx, region.USEast1, model.PublishRequest{Topic: model.Topic{ARN: missingTopic}, Message: model.Message{Body: "x"}})
	outputs = append(outputs, fmt.Sprint(err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
	_, err = c.Publish(ctx, region.USEast1, model.PublishRequest{Message: model.Message{Body: secret}})
	outputs = append(outputs, fmt.Sprint(err))
	dead, _ := New(ctx, WithStaticCredentials("AKIDEXAMPLE", secret, token), WithEndpoint("http://127.0.0.1:1"), WithRetryMaxAttempts(1), WithLogger(logger))
	_, err = dead.ListTopics(ctx, region.USEast1)
	outputs = append(outputs, fmt.Sprint(err))
	_, err = New(ctx, WithStaticCredentials("AKIDEXAMPLE", secret, token), WithEndpoint("http://user:"+secret+"@sns.example.com"))
	outputs = append(outputs, fmt.Sprint(err))

	// The client and its options under every verb, slog and JSON.
	var o Options
	WithStaticCredentials("AKIDEXAMPLE", secret, token)(&o)
	for _, v := range []any{c, o, o.Credentials} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			outputs = append(outputs, fmt.Sprintf(verb, v))
		}
		b, _ := json.Marshal(v)
		outputs = append(outputs, string(b))
		logger.Info("value", "v", v)
	}
	outputs = append(outputs, logs.String())

	for i, out := range outputs {
		for _, s := range []string{secret, token} {
			if strings.Contains(out, s) {
				t.Errorf("output %d leaks a secret: %s", i, out)
			}
		}
	}
	if !strings.Contains(logs.String(), "Publish failed") {
		t.Error("the test did not exercise failure logging")
	}
}
