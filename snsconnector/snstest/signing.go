package snstest

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/go-sns/connector/notification"
	"github.com/go-sns/connector/region"
)

// signer is the fake's signing authority, made once per process on first
// use: a test root CA and one RSA key, with a certificate per region named
// as SNS's are there (notification.SigningCertNames), issued by the root.
// Nothing outside the process trusts the root.
type signer struct {
	ca    *x509.Certificate
	pool  *x509.CertPool
	caKey *rsa.PrivateKey
	key   *rsa.PrivateKey

	mu   sync.Mutex
	urls map[region.Region]string
	pems map[string][]byte // by URL path
}

var theSigner = sync.OnceValue(func() *signer {
	caKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic("snstest: " + err.Error())
	}
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic("snstest: " + err.Error())
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{Organization: []string{"snstest"}, CommonName: "snstest root CA (trusted by nothing but tests)"},
		// Wide, so a test clock set anywhere sees valid certificates.
		NotBefore: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2099, 12, 31, 0, 0, 0, 0, time.UTC),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &caKey.PublicKey, caKey)
	if err != nil {
		panic("snstest: " + err.Error())
	}
	ca, _ := x509.ParseCertificate(der)
	pool := x509.NewCertPool()
	pool.AddCert(ca)
	return &signer{ca: ca, pool: pool, caKey: caKey, key: key, urls: map[region.Region]string{}, pems: map[string][]byte{}}
})

// certURL returns the SigningCertURL of region r's certificate, issuing
// the certificate on first use. The URL is SNS's own form,
// https://sns.REGION.SUFFIX/SimpleNotificationService-HASH.pem, so a
// Verifier's default URL policy accepts it; VerifierOptions' HTTP client
// fetches it from the fake's loopback server instead.
func (g *signer) certURL(r region.Region) string {
	g.mu.Lock()
	defer g.mu.Unlock()
	if u, ok := g.urls[r]; ok {
		return u
	}
	names := notification.SigningCertNames(r)
	serial, _ := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	tmpl := &x509.Certificate{
		SerialNumber: serial, Subject: pkix.Name{CommonName: names[0]}, DNSNames: names,
		NotBefore: g.ca.NotBefore, NotAfter: g.ca.NotAfter,
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, g.ca, &g.key.PublicKey, g.caKey)
	if err != nil {
		panic("snstest: " + err.Error())
	}
	sum := sha256.Sum256(der)
	path := "/SimpleNotificationService-" + hex.EncodeToString(sum[:16]) + ".pem"
	g.pems[path] = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	u := endpointURL(r) + path
	g.urls[r] = u
	return u
}

func (g *signer) pemAt(path string) ([]byte, bool) {
	g.mu.Lock()
	defer g.mu.Unlock()
	b, ok := g.pems[path]
	return b, ok
}

// sign fills the envelope's signature fields as SNS does for a standard
// topic with the given SignatureVersion ("1" or "2").
func (g *signer) sign(e *Envelope, r region.Region, version string) {
	e.SignatureVersion = version
	e.SigningCertURL = g.certURL(r)
	ts, _ := time.Parse(timestampLayout, e.Timestamp)
	m := &notification.Message{
		Type: notification.Type(e.Type), MessageID: e.MessageID, TopicARN: e.TopicARN,
		Subject: e.Subject, Message: e.Message, Timestamp: ts, Token: e.Token, SubscribeURL: e.SubscribeURL,
	}
	sig, err := notification.Sign(m, version, g.key)
	if err != nil {
		panic("snstest: signing: " + err.Error()) // the topic's SignatureVersion is validated as 1 or 2
	}
	e.Signature = sig
}

// VerifierOptions returns what a notification.Verifier needs to trust the
// notifications this fake signs: the fake's test root CA, and an HTTP
// client that fetches the signing certificates (whose URLs name SNS's real
// hosts) from a loopback TLS server the fake starts on first call. The
// default certificate URL and name policies stay in force. [Server.Close]
// stops the server.
//
//	v, err := notification.NewVerifier(append(fake.VerifierOptions(), notification.WithTopics(arn))...)
func (s *Server) VerifierOptions() []notification.Option {
	return []notification.Option{
		notification.WithRootCAs(theSigner().pool),
		notification.WithHTTPClient(s.push.certClient()),
	}
}

// certClient starts the certificate server if needed and returns a client
// that reaches it whatever the URL's host.
func (p *httpPush) certClient() *http.Client {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return &http.Client{Transport: closedTransport{}}
	}
	if p.certs == nil {
		srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b, ok := theSigner().pemAt(r.URL.Path)
			if r.Method != http.MethodGet || !ok || !strings.HasPrefix(r.Host, "sns") {
				http.NotFound(w, r)
				return
			}
			w.Write(b)
		}))
		srv.StartTLS() // on 127.0.0.1
		t := srv.Client().Transport.(*http.Transport).Clone()
		addr := srv.Listener.Addr().String()
		t.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
			return (&net.Dialer{}).DialContext(ctx, network, addr)
		}
		t.TLSClientConfig.ServerName = "example.com" // the name in httptest's certificate
		p.certs, p.certTransport = srv, t
	}
	return &http.Client{Transport: p.certTransport}
}

// closedTransport serves a closed fake's Verifiers.
type closedTransport struct{}

func (closedTransport) RoundTrip(*http.Request) (*http.Response, error) { return nil, errClosed }
