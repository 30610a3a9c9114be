package notification

import (
	"bytes"
	"container/list"
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/go-sns/connector/model"
)

// certCache is a bounded LRU of signing certificates by URL, with one
// fetch at a time per URL: concurrent Verify calls for a URL not yet cached
// share one download.
type certCache struct {
	mu      sync.Mutex
	max     int
	lru     *list.List               // of *cacheEntry, most recently used first
	byURL   map[string]*list.Element //
	flights map[string]*flight
}

type cacheEntry struct {
	url  string
	cert *signingCert
}

type flight struct {
	done chan struct{}
	cert *signingCert
	err  error
}

func newCertCache(max int) *certCache {
	return &certCache{max: max, lru: list.New(), byURL: map[string]*list.Element{}, flights: map[string]*flight{}}
}

// get returns the cached certificate for url or fetches it. The fetch runs
// on its own goroutine, detached from ctx, so one caller giving up does not
// fail the others; it ends within the fetch timeout. A failed fetch is not
// cached: the next call tries again.
func (c *certCache) get(ctx context.Context, url string, fetch func(context.Context) (*signingCert, error)) (*signingCert, error) {
	c.mu.Lock()
	if el, ok := c.byURL[url]; ok {
		c.lru.MoveToFront(el)
		c.mu.Unlock()
		return el.Value.(*cacheEntry).cert, nil
	}
	f, ok := c.flights[url]
	if !ok {
		f = &flight{done: make(chan struct{})}
		c.flights[url] = f
		go func() {
			f.cert, f.err = fetch(context.WithoutCancel(ctx))
			c.mu.Lock()
			delete(c.flights, url)
			if f.err == nil {
				c.byURL[url] = c.lru.PushFront(&cacheEntry{url: url, cert: f.cert})
				for c.lru.Len() > c.max {
					old := c.lru.Remove(c.lru.Back()).(*cacheEntry)
					delete(c.byURL, old.url)
				}
			}
			c.mu.Unlock()
			close(f.done)
		}()
	}
	c.mu.Unlock()
	select {
	case <-f.done:
		return f.cert, f.err
	case <-ctx.Done():
		return nil, &VerificationError{Rule: RuleCertUnavailable, Field: fieldSigningCertURL, Reason: "gave up waiting for the certificate", Err: ctx.Err()}
	}
}

// errRedirect marks a redirect the URL policy refused.
type errRedirect struct{ err error }

func (e errRedirect) Error() string { return "redirect refused by the certificate URL policy" }

// fetch downloads, parses and checks a signing certificate (check 6 but its
// name rule, which depends on the topic): one PEM certificate, chained to a
// root at the Verifier's time, with an RSA key of at least 2048 bits.
// Redirects are followed only to URLs the policy accepts, at most three.
func (v *Verifier) fetch(ctx context.Context, u *url.URL, policy func(*url.URL) error) (*signingCert, error) {
	const field = fieldSigningCertURL
	ctx, cancel := context.WithTimeout(ctx, v.fetchTimeout)
	defer cancel()
	client := *v.client
	next := client.CheckRedirect
	client.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if len(via) >= 3 {
			return errRedirect{errors.New("too many redirects")}
		}
		if err := policy(req.URL); err != nil {
			return errRedirect{err}
		}
		if next != nil {
			return next(req, via)
		}
		return nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, &VerificationError{Rule: RuleCertURL, Field: field, Reason: "not a URL to fetch", Err: err}
	}
	resp, err := client.Do(req)
	if err != nil {
		var redirect errRedirect
		if errors.As(err, &redirect) {
			return nil, &VerificationError{Rule: RuleCertURL, Field: field, Reason: "redirected to a URL the policy refuses", Err: redirect.err}
		}
		// err quotes the URL: keep it out of the message.
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		return nil, &VerificationError{Rule: RuleCertUnavailable, Field: field, Reason: "fetching the certificate failed", Err: err}
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &VerificationError{Rule: RuleCertUnavailable, Field: field, Reason: fmt.Sprintf("fetching the certificate answered HTTP %d", resp.StatusCode)}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxCertSize+1))
	if err != nil {
		return nil, &VerificationError{Rule: RuleCertUnavailable, Field: field, Reason: "reading the certificate failed", Err: err}
	}
	if len(data) > maxCertSize {
		return nil, fail(RuleCertificate, field, fmt.Sprintf("the certificate is larger than %d bytes", maxCertSize))
	}
	return v.checkCert(data)
}

// checkCert parses a downloaded certificate and checks its chain and key.
func (v *Verifier) checkCert(data []byte) (*signingCert, error) {
	const field = fieldSigningCertURL
	block, rest := pem.Decode(data)
	if block == nil || block.Type != "CERTIFICATE" || len(bytes.TrimSpace(rest)) != 0 {
		return nil, fail(RuleCertificate, field, "not exactly one PEM certificate")
	}
	leaf, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, &VerificationError{Rule: RuleCertificate, Field: field, Reason: "the certificate does not parse", Err: err}
	}
	chains, err := leaf.Verify(x509.VerifyOptions{
		Roots:         v.roots,
		Intermediates: v.intermediates,
		CurrentTime:   v.now(),
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	if err != nil {
		reason := "the certificate does not chain to a trusted root"
		var invalid x509.CertificateInvalidError
		if errors.As(err, &invalid) && invalid.Reason == x509.Expired {
			reason = "the certificate or its chain is outside its validity period"
		}
		return nil, &VerificationError{Rule: RuleCertificate, Field: field, Reason: reason, Err: err}
	}
	key, ok := leaf.PublicKey.(*rsa.PublicKey)
	if !ok || key.N.BitLen() < minRSABits {
		return nil, fail(RuleAlgorithm, field, fmt.Sprintf("the certificate's key is not RSA of at least %d bits", minRSABits))
	}
	sc := &signingCert{leaf: leaf, key: key, notBefore: leaf.NotBefore, notAfter: leaf.NotAfter}
	for _, c := range chains[0] {
		if c.NotBefore.After(sc.notBefore) {
			sc.notBefore = c.NotBefore
		}
		if c.NotAfter.Before(sc.notAfter) {
			sc.notAfter = c.NotAfter
		}
	}
	return sc, nil
}

// checkName is check 5's name rule: the policy given, or one of the names
// SNS signs with in the topic's region among the certificate's DNS names.
func (v *Verifier) checkName(leaf *x509.Certificate, topic model.TopicARN) error {
	if v.certPolicy != nil {
		if err := v.certPolicy(leaf); err != nil {
			return &VerificationError{Rule: RuleCertificate, Field: fieldSigningCertURL, Reason: "refused by the certificate policy", Err: err}
		}
		return nil
	}
	for _, want := range SigningCertNames(topic.Region) {
		for _, have := range leaf.DNSNames {
			if strings.EqualFold(have, want) {
				return nil
			}
		}
	}
	return fail(RuleCertificate, fieldSigningCertURL, "the certificate does not carry the name SNS signs with in the topic's region")
}
