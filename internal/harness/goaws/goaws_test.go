package goaws

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Admiral-Piett/goaws/app/conf"
	"github.com/Admiral-Piett/goaws/app/router"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	log "github.com/sirupsen/logrus"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/notification"
)

// startGoaws serves goaws's router on a 127.0.0.1 listener and returns its
// base URL. goaws writes that host and port into the SigningCertURL of the
// messages it signs.
func startGoaws(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	cfg := filepath.Join(t.TempDir(), "goaws.yaml")
	yaml := fmt.Sprintf("Local:\n  Host: 127.0.0.1\n  Port: %q\n  Region: us-east-1\n  AccountId: \"100010001000\"\n", port)
	if err := os.WriteFile(cfg, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	log.SetLevel(log.WarnLevel) // goaws logs message bodies at Info
	conf.LoadYamlConfig(cfg, "Local")
	srv := &http.Server{Handler: router.New(), ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String()
}

// goawsCert fetches the certificate goaws signs with (the same one at every
// .pem path). goaws makes it self-signed, valid for five seconds from its
// package init: the test's clock is set inside that window.
func goawsCert(t *testing.T, base string) *x509.Certificate {
	t.Helper()
	resp, err := http.Get(base + "/SimpleNotificationService/probe.pem")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	block, _ := pem.Decode(b)
	if block == nil {
		t.Fatalf("goaws served no PEM: %q", b)
	}
	c, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestGoawsNotificationsVerify subscribes a notification.Handler to a
// goaws topic over HTTP and publishes to it: goaws's SubscriptionConfirmation
// and Notification verify under an explicit test policy (goaws's host and
// path, goaws's certificate pinned as root and as the only signer), and a
// tampered copy does not.
func TestGoawsNotificationsVerify(t *testing.T) {
	ctx := context.Background()
	base := startGoaws(t)
	cert := goawsCert(t, base)
	baseURL, _ := url.Parse(base)

	client := sns.New(sns.Options{
		Region: "us-east-1", BaseEndpoint: aws.String(base),
		Credentials: credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", ""),
	})
	topic, err := client.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
	if err != nil {
		t.Fatal(err)
	}
	topicARN := aws.ToString(topic.TopicArn)

	roots := x509.NewCertPool()
	roots.AddCert(cert)
	v, err := notification.NewVerifier(
		notification.WithTopics(topicARN),
		notification.WithRootCAs(roots),
		notification.WithCertURLPolicy(func(u *url.URL) error {
			if u.Scheme != "http" || u.Host != baseURL.Host || !strings.HasPrefix(u.Path, "/SimpleNotificationService/") || !strings.HasSuffix(u.Path, ".pem") {
				return errors.New("not goaws's certificate URL")
			}
			return nil
		}),
		notification.WithCertPolicy(func(c *x509.Certificate) error {
			if !c.Equal(cert) {
				return errors.New("not goaws's certificate")
			}
			return nil
		}),
		notification.WithClock(func() time.Time { return cert.NotBefore.Add(time.Second) }),
	)
	if err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var got []*notification.Message
	var bodies [][]byte
	h := notification.NewHandler(v, func(_ context.Context, m *notification.Message) error {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, m)
		return nil
	})
	endpoint := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies = append(bodies, b)
		mu.Unlock()
		r.Body = io.NopCloser(strings.NewReader(string(b)))
		h.ServeHTTP(w, r)
	}))
	defer endpoint.Close()

	// goaws answers Subscribe, then POSTs the confirmation from the same
	// request's goroutine.
	if _, err := client.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("http"), Endpoint: aws.String(endpoint.URL)}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(got) == 1 })
	if _, err := client.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String(`order <42> & "gift"`), Subject: aws.String("Order shipped"),
		MessageAttributes: map[string]types.MessageAttributeValue{
			"event": {DataType: aws.String("String"), StringValue: aws.String("order_shipped")},
			"total": {DataType: aws.String("Number"), StringValue: aws.String("129.95")},
		}}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, func() bool { mu.Lock(); defer mu.Unlock(); return len(got) == 2 })

	mu.Lock()
	defer mu.Unlock()
	conf, n := got[0], got[1]
	if conf.Type != notification.TypeSubscriptionConfirmation || conf.Token == "" || conf.TopicARN != topicARN {
		t.Errorf("confirmation: %+v", *conf)
	}
	if n.Type != notification.TypeNotification || n.Message != `order <42> & "gift"` || n.Subject != "Order shipped" {
		t.Errorf("notification: %+v", *n)
	}
	if a := n.Attributes["total"]; a.Type() != model.TypeNumber || a.StringValue() != "129.95" {
		t.Errorf("total: %s %q", a.DataType(), a.StringValue())
	}
	if a := n.Attributes["event"]; a.StringValue() != "order_shipped" {
		t.Errorf("event: %q", a.StringValue())
	}

	// The same bodies, tampered, are refused.
	for _, b := range bodies {
		forged := strings.Replace(string(b), `"Message":"`, `"Message":"X`, 1)
		if _, err := v.Verify(ctx, []byte(forged)); !errors.Is(err, &notification.VerificationError{Rule: notification.RuleSignature}) {
			t.Errorf("tampered goaws body: %v", err)
		}
	}
	// And the default policy refuses goaws outright: plain http from a
	// host that is not SNS's.
	strict, _ := notification.NewVerifier(notification.WithTopics(topicARN))
	if _, err := strict.Verify(ctx, bodies[1]); !errors.Is(err, &notification.VerificationError{Rule: notification.RuleCertURL}) {
		t.Errorf("default policy on goaws: %v", err)
	}
}

func waitFor(t *testing.T, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting for goaws's delivery")
		}
		time.Sleep(20 * time.Millisecond)
	}
}
