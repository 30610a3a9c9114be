package notification_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/go-sns/connector/notification"
)

// FuzzParse: no input panics, every error is a *VerificationError matching
// ErrNotVerified, and what parses has the fields its Type requires.
func FuzzParse(f *testing.F) {
	f.Add([]byte(`{"Type":"Notification","MessageId":"1","TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message":"m","Timestamp":"2026-01-01T00:00:00.000Z"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		m, err := notification.Parse(body)
		if err != nil {
			var ve *notification.VerificationError
			if !errors.As(err, &ve) || !errors.Is(err, notification.ErrNotVerified) {
				t.Fatalf("error %v is not a VerificationError", err)
			}
			return
		}
		if m.MessageID == "" || m.TopicARN == "" || m.Message == "" || m.Timestamp.IsZero() {
			t.Fatalf("parsed without a required field: %#v", m)
		}
		if m.Type != notification.TypeNotification && (m.Token == "" || m.SubscribeURL == "") {
			t.Fatalf("confirmation without Token or SubscribeURL")
		}
	})
}

// FuzzVerify runs the whole verification, the real SNS chain included (the
// seeds are the real SNS messages of testdata/real, which verify): no input
// panics, every failure matches ErrNotVerified, and nothing verifies that
// Parse reads differently.
func FuzzVerify(f *testing.F) {
	v, err := notification.NewVerifier(
		notification.WithTopics(realTopic),
		notification.WithRootCAs(amazonRoot(f)),
		notification.WithHTTPClient(&http.Client{Transport: &fileTransport{dir: "testdata/real"}}),
		notification.WithClock(func() time.Time { return time.Date(2026, 3, 6, 20, 0, 0, 0, time.UTC) }),
	)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		m, err := v.Verify(context.Background(), body)
		if err != nil {
			if !errors.Is(err, notification.ErrNotVerified) {
				t.Fatalf("error %v does not match ErrNotVerified", err)
			}
			return
		}
		p, err := notification.Parse(body)
		if err != nil || p.Message != m.Message || p.TopicARN != m.TopicARN || p.Type != m.Type || p.MessageID != m.MessageID {
			t.Fatalf("Verify and Parse disagree: %v", err)
		}
	})
}
