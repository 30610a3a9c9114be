package notification_test

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"io"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-sns/connector/notification"
)

// RSA keys take a while to make: one set per test binary.
var keys = sync.OnceValue(func() (k struct{ root, leaf, other *rsa.PrivateKey }) {
	for _, p := range []**rsa.PrivateKey{&k.root, &k.leaf, &k.other} {
		var err error
		if *p, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
			panic(err)
		}
	}
	return k
})

// testNow is the clock of most tests.
var testNow = time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)

const (
	testTopic   = "arn:aws:sns:us-east-1:123456789012:orders"
	testCertURL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem"
)

// ca is a test root that issues SNS-like signing certificates.
type ca struct {
	cert *x509.Certificate
	key  *rsa.PrivateKey
	pool *x509.CertPool
}

func newCA(t testing.TB, key *rsa.PrivateKey) *ca {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "notification test root"},
		NotBefore: testNow.Add(-24 * time.Hour), NotAfter: testNow.Add(365 * 24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &ca{cert: cert, key: key, pool: pool}
}

type leafOpts struct {
	names               []string // default sns.amazonaws.com
	notBefore, notAfter time.Time
	pub                 any // default the leaf RSA key
}

// issue returns a PEM leaf certificate.
func (c *ca) issue(t testing.TB, o leafOpts) []byte {
	t.Helper()
	if o.names == nil {
		o.names = []string{"sns.amazonaws.com"}
	}
	if o.notBefore.IsZero() {
		o.notBefore = testNow.Add(-time.Hour)
	}
	if o.notAfter.IsZero() {
		o.notAfter = testNow.Add(30 * 24 * time.Hour)
	}
	if o.pub == nil {
		o.pub = &keys().leaf.PublicKey
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()), Subject: pkix.Name{CommonName: o.names[0]},
		DNSNames: o.names, NotBefore: o.notBefore, NotAfter: o.notAfter,
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, c.cert, o.pub, c.key)
	if err != nil {
		t.Fatal(err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}

// certServer is an http.RoundTripper serving certificates by URL and
// counting every request, by host.
type certServer struct {
	mu     sync.Mutex
	bodies map[string][]byte
	status map[string]int
	hosts  map[string]int
	total  atomic.Int32
	// block, when set, is waited on before answering.
	block chan struct{}
	// redirect maps a URL to a Location to answer 302 with.
	redirect map[string]string
}

func newCertServer() *certServer {
	return &certServer{bodies: map[string][]byte{}, status: map[string]int{}, hosts: map[string]int{}, redirect: map[string]string{}}
}

func (s *certServer) serve(url string, body []byte) *certServer {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.bodies[url] = body
	return s
}

func (s *certServer) requests(host string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hosts[host]
}

func (s *certServer) RoundTrip(r *http.Request) (*http.Response, error) {
	s.total.Add(1)
	s.mu.Lock()
	s.hosts[r.URL.Host]++
	url := r.URL.String()
	body, ok := s.bodies[url]
	status, loc, block := s.status[url], s.redirect[url], s.block
	s.mu.Unlock()
	if block != nil {
		select {
		case <-block:
		case <-r.Context().Done():
			return nil, r.Context().Err()
		}
	}
	resp := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(string(body))), Request: r}
	switch {
	case loc != "":
		resp.StatusCode = http.StatusFound
		resp.Header.Set("Location", loc)
	case status != 0:
		resp.StatusCode = status
	case !ok:
		resp.StatusCode = 404
	}
	return resp, nil
}

// envelope is an SNS message as a map of JSON fields, to sign and then
// tamper with.
type envelope map[string]any

func notificationEnv() envelope {
	return envelope{
		"Type": "Notification", "MessageId": "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324", "TopicArn": testTopic,
		"Subject": "Order shipped", "Message": "order 42 shipped to jane@example.com",
		"Timestamp": testNow.Add(-time.Minute).Format("2006-01-02T15:04:05.000Z"), "SignatureVersion": "1",
		"SigningCertURL": testCertURL,
		"UnsubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + testTopic + ":c9135db0-26c4-47ec-8998-413945fb5a96",
		"MessageAttributes": map[string]any{
			"total": map[string]string{"Type": "Number.float", "Value": "129.95"},
			"sum":   map[string]string{"Type": "Binary", "Value": "yv4="},
			"tags":  map[string]string{"Type": "String.Array", "Value": `["a","b"]`},
		},
	}
}

const testToken = "2336412f37fb687f5d51e6e2425929f52e8e353134fe72d55ef8b330217d82da14007cbccefffd35b6"

func confirmationEnv(typ string) envelope {
	return envelope{
		"Type": typ, "MessageId": "165545c9-2a5c-472c-8df2-7ff2be2b3b1b", "Token": testToken, "TopicArn": testTopic,
		"Message":      "You have chosen to subscribe to the topic " + testTopic + ".\nTo confirm the subscription, visit the SubscribeURL included in this message.",
		"SubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=" + testTopic + "&Token=" + testToken,
		"Timestamp":    testNow.Add(-time.Minute).Format("2006-01-02T15:04:05.000Z"), "SignatureVersion": "1",
		"SigningCertURL": testCertURL,
	}
}

func (e envelope) clone() envelope {
	b, _ := json.Marshal(e)
	var c envelope
	json.Unmarshal(b, &c)
	return c
}

// sign sets e's Signature, made with key over e's fields as they are now.
func (e envelope) sign(t testing.TB, key *rsa.PrivateKey) envelope {
	t.Helper()
	e = e.clone()
	delete(e, "Signature")
	m, err := notification.Parse(e.bytes())
	if err != nil {
		t.Fatal(err)
	}
	version, _ := e["SignatureVersion"].(string)
	if version != "1" && version != "2" {
		version = "1"
	}
	if e["Signature"], err = notification.Sign(m, version, key); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e envelope) with(k string, v any) envelope {
	e = e.clone()
	if v == nil {
		delete(e, k)
	} else {
		e[k] = v
	}
	return e
}

func (e envelope) bytes() []byte {
	b, err := json.Marshal(e)
	if err != nil {
		panic(err)
	}
	return b
}

// fixture is a Verifier trusting a test CA, whose certificate server serves
// a valid SNS-like certificate at testCertURL.
type fixture struct {
	ca     *ca
	certs  *certServer
	v      *notification.Verifier
	client *http.Client
}

func newFixture(t testing.TB, opts ...notification.Option) *fixture {
	t.Helper()
	f := &fixture{ca: newCA(t, keys().root), certs: newCertServer()}
	f.certs.serve(testCertURL, f.ca.issue(t, leafOpts{}))
	f.client = &http.Client{Transport: f.certs}
	base := []notification.Option{
		notification.WithTopics(testTopic), notification.WithRootCAs(f.ca.pool),
		notification.WithHTTPClient(f.client), notification.WithClock(func() time.Time { return testNow }),
	}
	v, err := notification.NewVerifier(append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	f.v = v
	return f
}

func pemOf(der []byte) []byte { return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}) }
