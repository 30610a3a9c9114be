package notification

import (
	"crypto/x509"
	"net/http"
	"net/url"
	"time"
)

// Option configures a [Verifier].
type Option func(*config)

type config struct {
	topics        []string
	anyTopic      bool
	roots         *x509.CertPool
	intermediates *x509.CertPool
	httpClient    *http.Client
	certURLPolicy func(*url.URL) error
	certPolicy    func(*x509.Certificate) error
	maxAge        time.Duration
	now           func() time.Time
	maxBodySize   int
	fetchTimeout  time.Duration
}

// Defaults of the options.
const (
	DefaultMaxAge       = time.Hour
	DefaultFetchTimeout = 10 * time.Second
	// MaxClockSkew is how far in the future a Timestamp may be: the
	// clocks of SNS and the receiver differ a little.
	MaxClockSkew = 5 * time.Minute
	// maxCertSize bounds a signing certificate download; SNS's are about
	// 2 KiB of PEM.
	maxCertSize = 32 << 10
	// certCacheSize bounds the certificate cache: SNS uses a handful of
	// signing certificates at a time.
	certCacheSize = 64
)

// WithTopics allows messages of these topics (their ARNs) and no others.
// [NewVerifier] refuses a Verifier without an allow-list unless
// [WithAnyTopic] is given: anyone can create a topic and subscribe your
// endpoint to it, and its messages are signed by SNS like yours.
func WithTopics(arns ...string) Option {
	return func(c *config) { c.topics = append(c.topics, arns...) }
}

// WithAnyTopic accepts signed messages of any topic. Use it only when the
// caller checks TopicARN itself.
func WithAnyTopic() Option { return func(c *config) { c.anyTopic = true } }

// WithRootCAs sets the roots a signing certificate must chain to. Default:
// the system's roots (Amazon's roots are in every common store).
func WithRootCAs(pool *x509.CertPool) Option { return func(c *config) { c.roots = pool } }

// WithIntermediates replaces the intermediate certificates used to build
// the chain from SNS's certificate (a bare leaf) to a root. Default: Amazon
// RSA 2048 M01 to M04, embedded in this package. Give more if SNS signs
// through an intermediate this release does not know.
func WithIntermediates(pool *x509.CertPool) Option {
	return func(c *config) { c.intermediates = pool }
}

// WithHTTPClient sets the client that fetches signing certificates.
// Default: a client with no proxy settings beyond the environment's and
// the fetch timeout. Whatever the client, a redirect is followed only to a
// URL the certificate URL policy accepts.
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.httpClient = hc } }

// WithCertURLPolicy replaces check 4, the rule for where a signing
// certificate may be fetched from (by default, https from the SNS endpoint
// of the topic's region only). It is for tests and private signers: the
// policy must refuse any URL an attacker could serve content from.
func WithCertURLPolicy(policy func(u *url.URL) error) Option {
	return func(c *config) { c.certURLPolicy = policy }
}

// WithCertPolicy replaces the name rule of check 5 (the certificate must
// carry the DNS name SNS signs with in the topic's region, see
// [SigningCertNames]). The chain, validity and key checks still apply.
func WithCertPolicy(policy func(c *x509.Certificate) error) Option {
	return func(c *config) { c.certPolicy = policy }
}

// WithMaxAge refuses messages whose Timestamp is older than d. Default: 1
// hour. SNS retries an HTTP/S delivery with the original Timestamp, and a
// message may wait in an SQS queue for up to 14 days: set d to cover the
// retry policy or the queue's retention.
func WithMaxAge(d time.Duration) Option { return func(c *config) { c.maxAge = d } }

// WithClock sets the time used for the Timestamp and certificate validity
// checks. Default: time.Now.
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithMaxBodySize sets the largest body accepted, in bytes. Default:
// [DefaultMaxBodySize].
func WithMaxBodySize(n int) Option { return func(c *config) { c.maxBodySize = n } }

// WithFetchTimeout bounds each certificate download. Default: 10 seconds.
func WithFetchTimeout(d time.Duration) Option { return func(c *config) { c.fetchTimeout = d } }
