package notification

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	_ "embed"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/go-sns/connector/model"
)

// Verifier checks that a body came from Amazon SNS. Make one with
// [NewVerifier]; it is safe for concurrent use, and caches the signing
// certificates it fetches, so make one per program rather than per request.
type Verifier struct {
	topics        map[string]bool // nil: any topic
	roots         *x509.CertPool  // nil: the system's
	intermediates *x509.CertPool
	client        *http.Client
	certURLPolicy func(*url.URL) error // nil: checkCertURL
	certPolicy    func(*x509.Certificate) error
	maxAge        time.Duration
	now           func() time.Time
	maxBodySize   int
	fetchTimeout  time.Duration
	certs         *certCache
}

//go:embed amazon_intermediates.pem
var amazonIntermediatesPEM []byte

// amazonIntermediates are Amazon RSA 2048 M01-M04, the issuers of SNS's
// signing certificates, each signed by Amazon Root CA 1 and valid until
// 2030-08-23. SNS's PEM holds only the leaf, so without them no chain
// reaches a root. Published at https://www.amazontrust.com/repository/.
var amazonIntermediates = sync.OnceValue(func() *x509.CertPool {
	p := x509.NewCertPool()
	if !p.AppendCertsFromPEM(amazonIntermediatesPEM) {
		panic("notification: the embedded Amazon intermediates do not parse")
	}
	return p
})

// NewVerifier returns a Verifier with the given options, strict by
// default: it needs [WithTopics] (or [WithAnyTopic]). Invalid options are
// a *model.ValidationError naming the option.
func NewVerifier(opts ...Option) (*Verifier, error) {
	c := config{maxAge: DefaultMaxAge, now: time.Now, maxBodySize: DefaultMaxBodySize, fetchTimeout: DefaultFetchTimeout}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	v := &Verifier{
		roots: c.roots, intermediates: c.intermediates, client: c.httpClient,
		certURLPolicy: c.certURLPolicy, certPolicy: c.certPolicy, maxAge: c.maxAge, now: c.now,
		maxBodySize: c.maxBodySize, fetchTimeout: c.fetchTimeout, certs: newCertCache(certCacheSize),
	}
	invalid := func(field string, rule model.Rule, reason string) error {
		return &model.ValidationError{Field: field, Rule: rule, Reason: reason}
	}
	switch {
	case len(c.topics) == 0 && !c.anyTopic:
		return nil, invalid("WithTopics", model.RuleRequired, "give the topics whose messages to accept, or WithAnyTopic to accept any topic's")
	case len(c.topics) > 0 && c.anyTopic:
		return nil, invalid("WithTopics", model.RuleConflict, "WithTopics and WithAnyTopic contradict each other")
	case c.maxAge <= 0:
		return nil, invalid("WithMaxAge", model.RuleRange, "must be positive")
	case c.maxBodySize <= 0:
		return nil, invalid("WithMaxBodySize", model.RuleRange, "must be positive")
	case c.fetchTimeout <= 0:
		return nil, invalid("WithFetchTimeout", model.RuleRange, "must be positive")
	case c.now == nil:
		return nil, invalid("WithClock", model.RuleRequired, "the clock must not be nil")
	}
	if len(c.topics) > 0 {
		v.topics = make(map[string]bool, len(c.topics))
		for i, arn := range c.topics {
			if _, err := model.ParseTopicARN(arn); err != nil {
				return nil, invalid(fmt.Sprintf("WithTopics[%d]", i), model.RuleFormat, "not an SNS topic ARN")
			}
			v.topics[arn] = true
		}
	}
	if v.intermediates == nil {
		v.intermediates = amazonIntermediates()
	}
	if v.client == nil {
		v.client = &http.Client{Transport: http.DefaultTransport}
	}
	return v, nil
}

// Verify parses body, an SNS envelope as SNS POSTs it to an HTTP/S endpoint
// or puts it in an SQS queue without raw delivery, and checks it. It returns
// the message only when every check passed; otherwise a *[VerificationError]
// matching [ErrNotVerified] that names the failed rule:
//
//  1. shape: the body is at most the size limit, a JSON object with a known
//     Type and the fields that Type requires;
//  2. algorithm: SignatureVersion 1 (RSA, SHA-1) or 2 (RSA, SHA-256);
//  3. topic: TopicArn is in the allow-list;
//  4. timestamp: not older than the maximum age, not in the future;
//  5. certificate URL: https from the SNS endpoint of the topic's region;
//  6. certificate: PEM, chained to a trusted root through Amazon's
//     intermediates, valid now, carrying SNS's name for the region, an RSA
//     key of at least 2048 bits;
//  7. signature: the signed fields, built exactly as SNS builds them.
//
// Unsigned envelopes (FIFO topics) fail with an error that also matches
// [ErrUnsigned]. Checks 3 and 4 come before any certificate is fetched, so a
// forged body costs no request. A certificate is fetched at most once per
// URL at a time and then cached.
func (v *Verifier) Verify(ctx context.Context, body []byte) (*Message, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	m, err := parse(body, v.maxBodySize)
	if err != nil {
		return nil, err
	}
	if m.Signature == "" && m.SignatureVersion == "" && m.SigningCertURL == "" {
		return nil, fail(RuleUnsigned, fieldSignature, "the envelope carries no signature (SNS does not sign FIFO topics' messages)")
	}
	for _, f := range []struct{ name, v string }{{fieldSignatureVersion, m.SignatureVersion}, {fieldSignature, m.Signature}, {fieldSigningCertURL, m.SigningCertURL}} {
		if f.v == "" {
			return nil, fail(RuleShape, f.name, "required for a signed message")
		}
	}
	if _, ok := hashFor(m.SignatureVersion); !ok {
		return nil, fail(RuleAlgorithm, fieldSignatureVersion, "neither 1 (RSA with SHA-1) nor 2 (RSA with SHA-256)")
	}
	topic, _ := model.ParseTopicARN(m.TopicARN) // parse checked it
	if v.topics != nil && !v.topics[m.TopicARN] {
		return nil, fail(RuleTopic, fieldTopicARN, "not one of the topics this Verifier accepts")
	}
	now := v.now()
	if m.Timestamp.Before(now.Add(-v.maxAge)) {
		return nil, fail(RuleTimestamp, fieldTimestamp, "older than the maximum age of "+v.maxAge.String())
	}
	if m.Timestamp.After(now.Add(MaxClockSkew)) {
		return nil, fail(RuleTimestamp, fieldTimestamp, "more than "+MaxClockSkew.String()+" in the future")
	}
	u, err := url.Parse(m.SigningCertURL)
	if err != nil {
		return nil, fail(RuleCertURL, fieldSigningCertURL, "not a URL")
	}
	policy := v.urlPolicy(topic)
	if err := policy(u); err != nil {
		return nil, err
	}
	cert, err := v.certs.get(ctx, u.String(), func(ctx context.Context) (*signingCert, error) {
		return v.fetch(ctx, u, policy)
	})
	if err != nil {
		return nil, err
	}
	if now.Before(cert.notBefore) || now.After(cert.notAfter) {
		return nil, fail(RuleCertificate, fieldSigningCertURL, "the certificate or its chain is outside its validity period")
	}
	if err := v.checkName(cert.leaf, topic); err != nil {
		return nil, err
	}
	if err := checkSignature(m, cert.key); err != nil {
		return nil, err
	}
	return m, nil
}

// urlPolicy returns the certificate URL policy for a topic's messages, as
// an error of rule RuleCertURL.
func (v *Verifier) urlPolicy(topic model.TopicARN) func(*url.URL) error {
	if v.certURLPolicy == nil {
		return func(u *url.URL) error { return checkCertURL(topic, u) }
	}
	return func(u *url.URL) error {
		if err := v.certURLPolicy(u); err != nil {
			return &VerificationError{Rule: RuleCertURL, Field: fieldSigningCertURL, Reason: "refused by the certificate URL policy", Err: err}
		}
		return nil
	}
}

// signingCert is a fetched certificate that passed check 6 when fetched;
// its validity is checked again on every use.
type signingCert struct {
	leaf                *x509.Certificate
	key                 *rsa.PublicKey
	notBefore, notAfter time.Time // of the whole chain
}
