package notification_test

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/notification"
)

func isRule(err error, r notification.Rule) bool {
	return errors.Is(err, &notification.VerificationError{Rule: r})
}

func TestVerifyAcceptsSignedMessages(t *testing.T) {
	f := newFixture(t)
	k := keys().leaf
	for name, e := range map[string]envelope{
		"notification v1":           notificationEnv(),
		"notification v2":           notificationEnv().with("SignatureVersion", "2"),
		"no subject":                notificationEnv().with("Subject", nil),
		"subscription confirmation": confirmationEnv("SubscriptionConfirmation"),
		"unsubscribe confirmation":  confirmationEnv("UnsubscribeConfirmation"),
	} {
		t.Run(name, func(t *testing.T) {
			m, err := f.v.Verify(context.Background(), e.sign(t, k).bytes())
			if err != nil {
				t.Fatal(err)
			}
			if string(m.Type) != e["Type"] || m.MessageID != e["MessageId"] || m.TopicARN != testTopic || m.Message != e["Message"] {
				t.Errorf("got %#v", *m)
			}
		})
	}
}

func TestVerifyDecodesTypedAttributes(t *testing.T) {
	f := newFixture(t)
	m, err := f.v.Verify(context.Background(), notificationEnv().sign(t, keys().leaf).bytes())
	if err != nil {
		t.Fatal(err)
	}
	total, sum, tags := m.Attributes["total"], m.Attributes["sum"], m.Attributes["tags"]
	if total.Type() != model.TypeNumber || total.DataType() != "Number.float" || total.StringValue() != "129.95" {
		t.Errorf("total: %s %q", total.DataType(), total.StringValue())
	}
	if sum.Type() != model.TypeBinary || string(sum.BinaryValue()) != "\xca\xfe" {
		t.Errorf("sum: %s %x", sum.DataType(), sum.BinaryValue())
	}
	if tags.Type() != model.TypeStringArray || tags.StringValue() != `["a","b"]` {
		t.Errorf("tags: %s %q", tags.DataType(), tags.StringValue())
	}
}

// Every signed field, altered after signing, breaks the signature.
func TestVerifyRefusesEachSignedFieldAltered(t *testing.T) {
	f := newFixture(t, notification.WithTopics("arn:aws:sns:us-east-1:123456789012:other"))
	k := keys().leaf
	n := notificationEnv().sign(t, k)
	c := confirmationEnv("SubscriptionConfirmation").sign(t, k)
	u := confirmationEnv("UnsubscribeConfirmation").sign(t, k)
	later := testNow.Add(-30 * time.Second).Format("2006-01-02T15:04:05.000Z")
	for name, body := range map[string]envelope{
		"Message":               n.with("Message", "order 43 shipped"),
		"MessageId":             n.with("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf325"),
		"Subject":               n.with("Subject", "Order cancelled"),
		"Subject removed":       n.with("Subject", nil),
		"Subject added":         notificationEnv().with("Subject", nil).sign(t, k).with("Subject", "Hi"),
		"Timestamp":             n.with("Timestamp", later),
		"TopicArn":              n.with("TopicArn", "arn:aws:sns:us-east-1:123456789012:other"),
		"Type":                  c.with("Type", "UnsubscribeConfirmation"),
		"confirmation Message":  c.with("Message", "You have chosen"),
		"SubscribeURL":          c.with("SubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&Token=x"),
		"Token":                 c.with("Token", testToken+"0"),
		"unsubscribe Token":     u.with("Token", "0"+testToken),
		"signed by another key": notificationEnv().sign(t, keys().other),
		"version 1 as 2":        n.with("SignatureVersion", "2"),
		"signature truncated":   n.with("Signature", n["Signature"].(string)[:40]),
		"signature not base64":  n.with("Signature", "!!!"),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.v.Verify(context.Background(), body.bytes())
			if !isRule(err, notification.RuleSignature) || !errors.Is(err, notification.ErrNotVerified) {
				t.Fatalf("got %v, want a signature error", err)
			}
		})
	}
	// Attributes are not signed: changing one does not break the signature.
	if _, err := f.v.Verify(context.Background(), n.with("MessageAttributes", nil).bytes()); err != nil {
		t.Errorf("attributes are outside the signature, yet: %v", err)
	}
}

func TestVerifyEmptySubjectWithOrWithoutKey(t *testing.T) {
	f := newFixture(t)
	k := keys().leaf
	// Signed without the Subject line, delivered with "Subject": "".
	without := notificationEnv().with("Subject", nil).sign(t, k).with("Subject", "")
	if _, err := f.v.Verify(context.Background(), without.bytes()); err != nil {
		t.Errorf("empty Subject signed without it: %v", err)
	}
	// Signed with an empty Subject line.
	with := notificationEnv().with("Subject", "").sign(t, k)
	if _, err := f.v.Verify(context.Background(), with.bytes()); err != nil {
		t.Errorf("empty Subject signed with it: %v", err)
	}
	// Lambda's "Subject": null is no Subject.
	null := notificationEnv().with("Subject", nil).sign(t, k)
	body := strings.Replace(string(null.bytes()), `"TopicArn":`, `"Subject":null,"TopicArn":`, 1)
	m, err := f.v.Verify(context.Background(), []byte(body))
	if err != nil || m.Subject != "" {
		t.Errorf("Subject null: %v", err)
	}
}

// Lambda spells SigningCertUrl and UnsubscribeUrl.
func TestVerifyAcceptsLambdaSpellings(t *testing.T) {
	f := newFixture(t)
	e := notificationEnv().sign(t, keys().leaf)
	e = e.with("SigningCertUrl", e["SigningCertURL"]).with("SigningCertURL", nil).
		with("UnsubscribeUrl", e["UnsubscribeURL"]).with("UnsubscribeURL", nil)
	m, err := f.v.Verify(context.Background(), e.bytes())
	if err != nil {
		t.Fatal(err)
	}
	if m.SigningCertURL != testCertURL || !strings.Contains(m.UnsubscribeURL, "Action=Unsubscribe") {
		t.Errorf("got %q %q", m.SigningCertURL, m.UnsubscribeURL)
	}
	both := e.with("SigningCertURL", testCertURL)
	if _, err := f.v.Verify(context.Background(), both.bytes()); !isRule(err, notification.RuleShape) {
		t.Errorf("both spellings: %v", err)
	}
}

// Check 4: each URL an attacker could serve a certificate from is refused
// before any request is made.
func TestVerifyRefusesCertURLs(t *testing.T) {
	f := newFixture(t)
	for _, u := range []string{
		"http://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem",
		"https://sns.s3-us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem",
		"https://s3.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem",
		"https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-0123456789abcdef.pem",
		"https://evil.example/sns.us-east-1.amazonaws.com/SimpleNotificationService.pem",
		"https://sns.us-west-2.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem", // another region
		"https://sns.us-east-1.amazonaws.com.cn/SimpleNotificationService-0123456789abcdef.pem",
		"https://SNS.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem",
		"https://user:pass@sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem",
		"https://sns.us-east-1.amazonaws.com@evil.example/SimpleNotificationService-0123456789abcdef.pem",
		"https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-0123456789abcdef.pem",
		"https://sns.us-east-1.amazonaws.com:/SimpleNotificationService-0123456789abcdef.pem",
		"https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem?x=1",
		"https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem?",
		"https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem#f",
		"https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.txt",
		"https://sns.us-east-1.amazonaws.com/a/../SimpleNotificationService-0123456789abcdef.pem",
		"//sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem",
		"https:sns.us-east-1.amazonaws.com/x.pem",
		"file:///etc/ssl/cert.pem",
		"https://sns.us-east-1.amazonaws.com\x00.evil.example/x.pem",
	} {
		t.Run(u, func(t *testing.T) {
			f.certs.serve(u, f.ca.issue(t, leafOpts{}))
			body := notificationEnv().with("SigningCertURL", u).sign(t, keys().leaf)
			_, err := f.v.Verify(context.Background(), body.bytes())
			if !isRule(err, notification.RuleCertURL) {
				t.Fatalf("got %v, want a cert-url error", err)
			}
			if strings.Contains(err.Error(), "evil") || strings.Contains(err.Error(), "pass") {
				t.Errorf("the error quotes the URL: %v", err)
			}
		})
	}
	if n := f.certs.total.Load(); n != 0 {
		t.Errorf("%d certificate requests made for refused URLs", n)
	}
}

// Check 4 follows the topic's partition.
func TestVerifyCertURLOfChinaTopic(t *testing.T) {
	const cnTopic = "arn:aws-cn:sns:cn-north-1:123456789012:orders"
	const cnURL = "https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-0123456789abcdef.pem"
	f := newFixture(t, notification.WithTopics(cnTopic))
	f.certs.serve(cnURL, f.ca.issue(t, leafOpts{names: []string{"sns-cn-north-1.amazonaws.com.cn"}}))
	body := notificationEnv().with("TopicArn", cnTopic).with("SigningCertURL", cnURL).sign(t, keys().leaf)
	if _, err := f.v.Verify(context.Background(), body.bytes()); err != nil {
		t.Fatal(err)
	}
	// A certificate named for the commercial partition does not sign for China.
	f2 := newFixture(t, notification.WithTopics(cnTopic))
	f2.certs.serve(cnURL, f2.ca.issue(t, leafOpts{}))
	if _, err := f2.v.Verify(context.Background(), body.bytes()); !isRule(err, notification.RuleCertificate) {
		t.Errorf("got %v, want a certificate error", err)
	}
}

// Check 5: PEM, chain, validity, name, key.
func TestVerifyRefusesCertificates(t *testing.T) {
	other := newCA(t, keys().other)
	ec, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	small, _ := rsa.GenerateKey(rand.Reader, 1024)
	for _, tc := range []struct {
		name string
		cert func(f *fixture) []byte
		rule notification.Rule
	}{
		{"expired", func(f *fixture) []byte {
			return f.ca.issue(t, leafOpts{notBefore: testNow.Add(-48 * time.Hour), notAfter: testNow.Add(-time.Hour)})
		}, notification.RuleCertificate},
		{"not yet valid", func(f *fixture) []byte {
			return f.ca.issue(t, leafOpts{notBefore: testNow.Add(time.Hour), notAfter: testNow.Add(48 * time.Hour)})
		}, notification.RuleCertificate},
		{"wrong name", func(f *fixture) []byte {
			return f.ca.issue(t, leafOpts{names: []string{"sns-signing.us-east-1.amazonaws.com"}})
		}, notification.RuleCertificate},
		{"wildcard name", func(f *fixture) []byte { return f.ca.issue(t, leafOpts{names: []string{"*.amazonaws.com"}}) }, notification.RuleCertificate},
		{"S3 name", func(f *fixture) []byte { return f.ca.issue(t, leafOpts{names: []string{"s3.amazonaws.com"}}) }, notification.RuleCertificate},
		{"wrong root", func(f *fixture) []byte { return other.issue(t, leafOpts{}) }, notification.RuleCertificate},
		{"the root itself", func(f *fixture) []byte { return pemOf(f.ca.cert.Raw) }, notification.RuleCertificate},
		{"not PEM", func(f *fixture) []byte { return []byte("hello") }, notification.RuleCertificate},
		{"two PEM blocks", func(f *fixture) []byte {
			return append(f.ca.issue(t, leafOpts{}), f.ca.issue(t, leafOpts{})...)
		}, notification.RuleCertificate},
		{"too large", func(f *fixture) []byte { return append(f.ca.issue(t, leafOpts{}), make([]byte, 40<<10)...) }, notification.RuleCertificate},
		{"ECDSA key", func(f *fixture) []byte { return f.ca.issue(t, leafOpts{pub: &ec.PublicKey}) }, notification.RuleAlgorithm},
		{"1024-bit key", func(f *fixture) []byte { return f.ca.issue(t, leafOpts{pub: &small.PublicKey}) }, notification.RuleAlgorithm},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			f.certs.serve(testCertURL, tc.cert(f))
			_, err := f.v.Verify(context.Background(), notificationEnv().sign(t, keys().leaf).bytes())
			if !isRule(err, tc.rule) {
				t.Fatalf("got %v, want rule %s", err, tc.rule)
			}
		})
	}
}

// A certificate valid when fetched and cached stops verifying once it
// expires.
func TestVerifyRechecksCachedCertificateValidity(t *testing.T) {
	now := testNow
	f := newFixture(t, notification.WithClock(func() time.Time { return now }), notification.WithMaxAge(1000*time.Hour))
	body := notificationEnv().sign(t, keys().leaf).bytes()
	if _, err := f.v.Verify(context.Background(), body); err != nil {
		t.Fatal(err)
	}
	now = testNow.Add(31 * 24 * time.Hour)
	if _, err := f.v.Verify(context.Background(), body); !isRule(err, notification.RuleCertificate) {
		t.Errorf("after expiry: %v", err)
	}
}

func TestVerifyCertificatePolicyReplacesNameRule(t *testing.T) {
	f := newFixture(t, notification.WithCertPolicy(func(c *x509.Certificate) error {
		if c.Subject.CommonName != "private signer" {
			return errors.New("not our signer")
		}
		return nil
	}))
	f.certs.serve(testCertURL, f.ca.issue(t, leafOpts{names: []string{"private signer"}}))
	if _, err := f.v.Verify(context.Background(), notificationEnv().sign(t, keys().leaf).bytes()); err != nil {
		t.Fatalf("policy accepts the name: %v", err)
	}
	f2 := newFixture(t, notification.WithCertPolicy(func(*x509.Certificate) error { return errors.New("no") }))
	if _, err := f2.v.Verify(context.Background(), notificationEnv().sign(t, keys().leaf).bytes()); !isRule(err, notification.RuleCertificate) {
		t.Errorf("policy refuses: %v", err)
	}
}

func TestVerifyRefusesAlgorithms(t *testing.T) {
	f := newFixture(t)
	n := notificationEnv().sign(t, keys().leaf)
	for _, version := range []string{"3", "0", "1.0", " 1", "SHA256"} {
		if _, err := f.v.Verify(context.Background(), n.with("SignatureVersion", version).bytes()); !isRule(err, notification.RuleAlgorithm) {
			t.Errorf("SignatureVersion %q: %v", version, err)
		}
	}
	if f.certs.total.Load() != 0 {
		t.Error("a certificate was fetched for an unknown algorithm")
	}
}

func TestVerifyRefusesTimestamps(t *testing.T) {
	f := newFixture(t)
	for name, ts := range map[string]time.Time{
		"stale":  testNow.Add(-time.Hour - time.Second),
		"future": testNow.Add(notification.MaxClockSkew + time.Second),
	} {
		t.Run(name, func(t *testing.T) {
			body := notificationEnv().with("Timestamp", ts.Format("2006-01-02T15:04:05.000Z")).sign(t, keys().leaf)
			if _, err := f.v.Verify(context.Background(), body.bytes()); !isRule(err, notification.RuleTimestamp) {
				t.Fatalf("got %v", err)
			}
		})
	}
	// Within the skew and the age it passes; WithMaxAge widens the window.
	within := notificationEnv().with("Timestamp", testNow.Add(-59*time.Minute).Format("2006-01-02T15:04:05.000Z")).sign(t, keys().leaf)
	if _, err := f.v.Verify(context.Background(), within.bytes()); err != nil {
		t.Errorf("59 minutes old: %v", err)
	}
	old := notificationEnv().with("Timestamp", testNow.Add(-72*time.Hour).Format("2006-01-02T15:04:05.000Z")).sign(t, keys().leaf)
	week := newFixture(t, notification.WithMaxAge(7*24*time.Hour))
	if _, err := week.v.Verify(context.Background(), old.bytes()); err != nil {
		t.Errorf("3 days old, max age a week: %v", err)
	}
	if f.certs.total.Load() != 1 {
		t.Errorf("%d certificate fetches; want only the one for the accepted message", f.certs.total.Load())
	}
}

func TestVerifyRefusesTopicNotAllowed(t *testing.T) {
	f := newFixture(t)
	body := notificationEnv().with("TopicArn", "arn:aws:sns:us-east-1:210987654321:orders").sign(t, keys().leaf)
	if _, err := f.v.Verify(context.Background(), body.bytes()); !isRule(err, notification.RuleTopic) {
		t.Fatalf("got %v", err)
	}
	if f.certs.total.Load() != 0 {
		t.Error("a certificate was fetched for a topic not allowed")
	}
	anyTopic, err := notification.NewVerifier(notification.WithAnyTopic(), notification.WithRootCAs(f.ca.pool),
		notification.WithHTTPClient(f.client), notification.WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := anyTopic.Verify(context.Background(), body.bytes()); err != nil {
		t.Errorf("WithAnyTopic: %v", err)
	}
}

func TestVerifyRefusesShapes(t *testing.T) {
	f := newFixture(t, notification.WithMaxBodySize(64<<10))
	n := notificationEnv().sign(t, keys().leaf)
	for name, tc := range map[string]struct {
		body string
		rule notification.Rule
	}{
		"oversized":           {`{"Message":"` + strings.Repeat("a", 64<<10) + `"}`, notification.RuleSize},
		"not JSON":            {`hello`, notification.RuleShape},
		"array":               {`[]`, notification.RuleShape},
		"truncated":           {string(n.bytes()[:50]), notification.RuleShape},
		"trailing data":       {string(n.bytes()) + `{}`, notification.RuleShape},
		"duplicate field":     {strings.Replace(string(n.bytes()), `"TopicArn":`, `"Message":"evil","TopicArn":`, 1), notification.RuleShape},
		"unknown Type":        {string(n.with("Type", "Notice").bytes()), notification.RuleShape},
		"no Type":             {string(n.with("Type", nil).bytes()), notification.RuleShape},
		"no Message":          {string(n.with("Message", nil).bytes()), notification.RuleShape},
		"no MessageId":        {string(n.with("MessageId", nil).bytes()), notification.RuleShape},
		"no Timestamp":        {string(n.with("Timestamp", nil).bytes()), notification.RuleShape},
		"bad Timestamp":       {string(n.with("Timestamp", "yesterday").bytes()), notification.RuleShape},
		"no TopicArn":         {string(n.with("TopicArn", nil).bytes()), notification.RuleShape},
		"bad TopicArn":        {string(n.with("TopicArn", "arn:aws:sqs:us-east-1:123456789012:q").bytes()), notification.RuleShape},
		"no SigningCertURL":   {string(n.with("SigningCertURL", nil).bytes()), notification.RuleShape},
		"no Signature":        {string(n.with("Signature", nil).bytes()), notification.RuleShape},
		"no SignatureVersion": {string(n.with("SignatureVersion", nil).bytes()), notification.RuleShape},
		"number Message":      {string(n.with("Message", 42).bytes()), notification.RuleShape},
		"no Token":            {string(confirmationEnv("SubscriptionConfirmation").sign(t, keys().leaf).with("Token", nil).bytes()), notification.RuleShape},
		"no SubscribeURL":     {string(confirmationEnv("UnsubscribeConfirmation").sign(t, keys().leaf).with("SubscribeURL", nil).bytes()), notification.RuleShape},
		"bad attribute":       {string(n.with("MessageAttributes", map[string]any{"a": map[string]string{"Type": "Number", "Value": "x"}}).bytes()), notification.RuleShape},
		"bad binary":          {string(n.with("MessageAttributes", map[string]any{"a": map[string]string{"Type": "Binary", "Value": "%%%"}}).bytes()), notification.RuleShape},
		"attributes array":    {string(n.with("MessageAttributes", []int{1}).bytes()), notification.RuleShape},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := f.v.Verify(context.Background(), []byte(tc.body))
			if !isRule(err, tc.rule) {
				t.Fatalf("got %v, want rule %s", err, tc.rule)
			}
		})
	}
	if f.certs.total.Load() != 0 {
		t.Error("a certificate was fetched for a malformed body")
	}
}

// Check 8: FIFO envelopes are unsigned and refused as such.
func TestVerifyRefusesUnsignedFIFOEnvelope(t *testing.T) {
	f := newFixture(t)
	fifo := notificationEnv().with("TopicArn", testTopic).with("SequenceNumber", "10000000000000000001").
		with("SignatureVersion", nil).with("SigningCertURL", nil)
	_, err := f.v.Verify(context.Background(), fifo.bytes())
	if !errors.Is(err, notification.ErrUnsigned) || !errors.Is(err, notification.ErrNotVerified) {
		t.Fatalf("got %v, want ErrUnsigned and ErrNotVerified", err)
	}
	// Parse reads it, unverified.
	m, err := notification.Parse(fifo.bytes())
	if err != nil || m.SequenceNumber != "10000000000000000001" {
		t.Fatalf("Parse: %v", err)
	}
	// A signed message does not match ErrUnsigned when it fails.
	_, err = f.v.Verify(context.Background(), notificationEnv().sign(t, keys().other).bytes())
	if errors.Is(err, notification.ErrUnsigned) {
		t.Error("a bad signature matches ErrUnsigned")
	}
}

// Errors name the rule and field but quote nothing from the body.
func TestVerifyErrorsQuoteNoBodyValues(t *testing.T) {
	f := newFixture(t)
	n := notificationEnv().sign(t, keys().leaf)
	c := confirmationEnv("SubscriptionConfirmation").sign(t, keys().leaf)
	secrets := []string{testToken, "jane@example.com", "c9135db0", "evil", "0123456789abcdef", "129.95"}
	for _, body := range []envelope{
		n.with("Message", "jane@example.com"),
		c.with("Token", testToken+"1"),
		n.with("SigningCertURL", "https://evil.example/0123456789abcdef.pem"),
		n.with("TopicArn", "arn:aws:sns:us-east-1:123456789012:evil"),
		n.with("Type", "evil"),
		n.with("Timestamp", "evil"),
		n.with("MessageAttributes", map[string]any{"evil": map[string]string{"Type": "Number.evil", "Value": "129.95x"}}),
	} {
		_, err := f.v.Verify(context.Background(), body.bytes())
		if err == nil {
			t.Fatal("accepted")
		}
		for _, s := range secrets {
			for _, out := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
				if strings.Contains(out, s) {
					t.Errorf("error quotes %q: %s", s, out)
				}
			}
		}
	}
}

func TestMessageFormattingHidesSecrets(t *testing.T) {
	m, err := notification.Parse(confirmationEnv("SubscriptionConfirmation").sign(t, keys().leaf).bytes())
	if err != nil {
		t.Fatal(err)
	}
	var logged bytes.Buffer
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("got", "message", m, "value", *m)
	var nilMsg *notification.Message
	if s := fmt.Sprint(nilMsg); s != "<nil>" {
		t.Errorf("nil message prints %q", s)
	}
	for _, out := range []string{fmt.Sprint(m), fmt.Sprintf("%+v", m), fmt.Sprintf("%#v", m), fmt.Sprintf("%s", m), fmt.Sprintf("%q", m),
		fmt.Sprintf("%+v", *m), fmt.Sprintf("%#v", *m), fmt.Sprintf("%v", []*notification.Message{m}), logged.String()} {
		if strings.Contains(out, testToken) || strings.Contains(out, "You have chosen") {
			t.Errorf("formatted message shows secrets: %s", out)
		}
		if !strings.Contains(out, "SubscriptionConfirmation") {
			t.Errorf("formatted message says nothing useful: %s", out)
		}
	}
}

func TestNewVerifierRefusesBadOptions(t *testing.T) {
	for name, opts := range map[string][]notification.Option{
		"no topics":       nil,
		"both":            {notification.WithAnyTopic(), notification.WithTopics(testTopic)},
		"bad topic":       {notification.WithTopics("orders")},
		"subscription":    {notification.WithTopics(testTopic + ":c9135db0-26c4-47ec-8998-413945fb5a96")},
		"zero max age":    {notification.WithAnyTopic(), notification.WithMaxAge(0)},
		"zero body size":  {notification.WithAnyTopic(), notification.WithMaxBodySize(0)},
		"nil clock":       {notification.WithAnyTopic(), notification.WithClock(nil)},
		"no fetch window": {notification.WithAnyTopic(), notification.WithFetchTimeout(-1)},
	} {
		t.Run(name, func(t *testing.T) {
			_, err := notification.NewVerifier(opts...)
			var ve *model.ValidationError
			if !errors.As(err, &ve) || ve.Field == "" {
				t.Fatalf("got %v, want a *model.ValidationError naming the option", err)
			}
		})
	}
	if _, err := notification.NewVerifier(notification.WithAnyTopic()); err != nil {
		t.Errorf("WithAnyTopic: %v", err)
	}
}

// Check 6: 200 concurrent Verify calls for an uncached certificate make
// exactly one request.
func TestVerifyFetchesOnceForConcurrentCalls(t *testing.T) {
	f := newFixture(t)
	f.certs.block = make(chan struct{})
	body := notificationEnv().sign(t, keys().leaf).bytes()
	var wg sync.WaitGroup
	errs := make(chan error, 200)
	for range 200 {
		wg.Go(func() {
			_, err := f.v.Verify(context.Background(), body)
			errs <- err
		})
	}
	for f.certs.total.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond) // let the others pile up behind the first
	close(f.certs.block)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := f.certs.total.Load(); n != 1 {
		t.Errorf("%d fetches, want 1", n)
	}
	// Cached: no more requests.
	if _, err := f.v.Verify(context.Background(), body); err != nil || f.certs.total.Load() != 1 {
		t.Errorf("cached verify: %v, %d fetches", err, f.certs.total.Load())
	}
}

func TestVerifyFetchTimeoutAndCancellation(t *testing.T) {
	f := newFixture(t, notification.WithFetchTimeout(50*time.Millisecond))
	f.certs.block = make(chan struct{}) // never released
	defer close(f.certs.block)
	body := notificationEnv().sign(t, keys().leaf).bytes()
	start := time.Now()
	_, err := f.v.Verify(context.Background(), body)
	var ve *notification.VerificationError
	if !errors.As(err, &ve) || ve.Rule != notification.RuleCertUnavailable || !ve.Retryable() {
		t.Fatalf("got %v, want a retryable cert-unavailable error", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %s", d)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := f.v.Verify(ctx, body); !errors.Is(err, context.Canceled) || !errors.Is(err, notification.ErrNotVerified) {
		t.Errorf("canceled: %v", err)
	}
}

func TestVerifyCertUnavailable(t *testing.T) {
	f := newFixture(t)
	f.certs.status[testCertURL] = http.StatusServiceUnavailable
	_, err := f.v.Verify(context.Background(), notificationEnv().sign(t, keys().leaf).bytes())
	if !isRule(err, notification.RuleCertUnavailable) {
		t.Fatalf("got %v", err)
	}
	// A failure is not cached: once the server recovers, the message verifies.
	delete(f.certs.status, testCertURL)
	if _, err := f.v.Verify(context.Background(), notificationEnv().sign(t, keys().leaf).bytes()); err != nil {
		t.Errorf("after recovery: %v", err)
	}
}

// A redirect is followed only to a URL the policy accepts.
func TestVerifyRefusesRedirectOffHost(t *testing.T) {
	f := newFixture(t)
	const evil = "https://evil.example/SimpleNotificationService-0123456789abcdef.pem"
	f.certs.redirect[testCertURL] = evil
	f.certs.serve(evil, f.ca.issue(t, leafOpts{}))
	_, err := f.v.Verify(context.Background(), notificationEnv().sign(t, keys().leaf).bytes())
	if !isRule(err, notification.RuleCertURL) {
		t.Fatalf("got %v", err)
	}
	if n := f.certs.requests("evil.example"); n != 0 {
		t.Errorf("%d requests to the redirect target", n)
	}
	// Within the allowed host it is followed.
	const moved = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-moved.pem"
	g := newFixture(t)
	g.certs.redirect[testCertURL] = moved
	g.certs.serve(moved, g.ca.issue(t, leafOpts{}))
	if _, err := g.v.Verify(context.Background(), notificationEnv().sign(t, keys().leaf).bytes()); err != nil {
		t.Errorf("redirect on the allowed host: %v", err)
	}
}
