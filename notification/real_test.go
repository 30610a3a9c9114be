package notification_test

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-sns/connector/notification"
)

// fileTransport answers GETs of https://sns.us-west-2.amazonaws.com/NAME
// from testdata/real/NAME, counting requests: the real-message tests run
// without a network.
type fileTransport struct {
	dir   string
	calls atomic.Int32
}

func (f *fileTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	f.calls.Add(1)
	if r.URL.Host != "sns.us-west-2.amazonaws.com" {
		return nil, errors.New("unexpected host")
	}
	b, err := os.ReadFile(filepath.Join(f.dir, filepath.Base(r.URL.Path)))
	if err != nil {
		return &http.Response{StatusCode: 404, Body: io.NopCloser(strings.NewReader("")), Request: r}, nil
	}
	return &http.Response{StatusCode: 200, Body: io.NopCloser(strings.NewReader(string(b))), Request: r}, nil
}

func amazonRoot(t testing.TB) *x509.CertPool {
	t.Helper()
	b, err := os.ReadFile("testdata/real/AmazonRootCA1.pem")
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		t.Fatal("root does not parse")
	}
	return pool
}

const realTopic = "arn:aws:sns:us-west-2:131990247566:dongie-standard-topic"

// TestVerifyRealSNSMessages verifies messages SNS really signed, with the
// certificate SNS served, the real Amazon chain (embedded intermediates,
// Amazon Root CA 1) and the clock at each message's Timestamp.
func TestVerifyRealSNSMessages(t *testing.T) {
	for _, tc := range []struct {
		file    string
		typ     notification.Type
		subject string
	}{
		{"notification-with-subject.json", notification.TypeNotification, "My message subject"},
		{"notification-no-subject.json", notification.TypeNotification, ""},
		{"notification-signature-v2.json", notification.TypeNotification, ""},
		{"subscription-confirmation.json", notification.TypeSubscriptionConfirmation, ""},
		{"unsubscribe-confirmation.json", notification.TypeUnsubscribeConfirmation, ""},
	} {
		t.Run(tc.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata/real", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			var env struct{ Timestamp time.Time }
			if err := json.Unmarshal(body, &env); err != nil {
				t.Fatal(err)
			}
			v, err := notification.NewVerifier(
				notification.WithTopics(realTopic),
				notification.WithRootCAs(amazonRoot(t)),
				notification.WithHTTPClient(&http.Client{Transport: &fileTransport{dir: "testdata/real"}}),
				notification.WithClock(func() time.Time { return env.Timestamp }),
			)
			if err != nil {
				t.Fatal(err)
			}
			m, err := v.Verify(context.Background(), body)
			if err != nil {
				t.Fatalf("Verify: %v", err)
			}
			if m.Type != tc.typ || m.TopicARN != realTopic || m.Subject != tc.subject || !m.Timestamp.Equal(env.Timestamp) {
				t.Errorf("message: %+v", *m)
			}

			// The same message, one byte of the text changed, fails.
			forged := strings.Replace(string(body), `"Message" : "`, `"Message" : "X`, 1)
			if _, err := v.Verify(context.Background(), []byte(forged)); !errors.Is(err, &notification.VerificationError{Rule: notification.RuleSignature}) {
				t.Errorf("forged text: %v", err)
			}
		})
	}
}

// TestVerifyRealMessageNeedsAmazonChain: without the intermediates (the PEM
// is a bare leaf) or with another root, the real certificate does not chain.
func TestVerifyRealMessageNeedsAmazonChain(t *testing.T) {
	body, err := os.ReadFile("testdata/real/notification-signature-v2.json")
	if err != nil {
		t.Fatal(err)
	}
	at := func() time.Time { return time.Date(2026, 3, 6, 20, 0, 27, 0, time.UTC) }
	for name, opt := range map[string]notification.Option{
		"no intermediates": notification.WithIntermediates(x509.NewCertPool()),
		"another root":     notification.WithRootCAs(x509.NewCertPool()),
	} {
		t.Run(name, func(t *testing.T) {
			v, err := notification.NewVerifier(notification.WithTopics(realTopic), notification.WithRootCAs(amazonRoot(t)),
				notification.WithHTTPClient(&http.Client{Transport: &fileTransport{dir: "testdata/real"}}),
				notification.WithClock(at), opt)
			if err != nil {
				t.Fatal(err)
			}
			_, err = v.Verify(context.Background(), body)
			if !errors.Is(err, &notification.VerificationError{Rule: notification.RuleCertificate}) {
				t.Fatalf("got %v, want a certificate error", err)
			}
		})
	}
}
