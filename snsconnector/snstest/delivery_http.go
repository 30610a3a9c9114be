package snstest

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"
)

// HTTPAttempt is one POST the fake made to an http or https subscription's
// endpoint, or the reason it made none.
type HTTPAttempt struct {
	SubscriptionARN string
	Endpoint        string
	Type            string // TypeNotification or TypeSubscriptionConfirmation
	MessageID       string
	// Status is the endpoint's HTTP status, 0 when there was no answer.
	Status int
	// Err is why there was no answer: a network error, the fake closed, or
	// an endpoint off loopback (ErrNotLoopback).
	Err error
}

// Delivered reports what SNS counts as delivered: a 2xx to 4xx answer.
// SNS retries 5xx answers and failed connections.
func (a HTTPAttempt) Delivered() bool { return a.Status >= 200 && a.Status < 500 }

// ErrNotLoopback is the Err of an HTTPAttempt the fake did not make
// because the endpoint is not on loopback: a fake must not send a test's
// messages onto the network.
var ErrNotLoopback = errors.New("snstest: endpoint is not on loopback; not delivered")

// errClosed is the Err of deliveries dropped by Close.
var errClosed = errors.New("snstest: server closed")

// Attempts and back-off of HTTP deliveries: SNS's default HTTP/S delivery
// policy retries too, over minutes; the fake does the same quickly.
const (
	httpAttempts   = 3
	httpBackoff    = 20 * time.Millisecond
	attemptTimeout = 5 * time.Second
)

// httpPush delivers to http/https subscriptions: a queue drained by one
// goroutine that runs only while there is something to deliver, so Publish
// never waits on an endpoint. The zero value is ready.
type httpPush struct {
	mu       sync.Mutex
	client   *http.Client // nil: a default client
	queue    []push
	running  bool
	idle     chan struct{} // closed when the worker stops
	closed   bool
	ctx      context.Context
	cancel   context.CancelFunc
	attempts []HTTPAttempt

	certs         *httptest.Server // see VerifierOptions
	certTransport *http.Transport
}

type push struct {
	d   Delivery
	raw bool
}

// WithDeliveryClient sets the client that POSTs to http/https
// subscriptions, e.g. an httptest TLS server's Client() for an https
// endpoint. Default: a plain client with a 5-second timeout per attempt.
func WithDeliveryClient(c *http.Client) Option {
	return func(s *Server) { s.push.client = c }
}

// enqueueLocked queues d for POSTing if it goes to an http/https
// subscription. The caller holds s.mu; the push lock nests inside it.
func (s *Server) enqueueLocked(d Delivery) {
	if d.Protocol != "http" && d.Protocol != "https" {
		return
	}
	p := &s.push
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case p.closed:
		p.record(d, 0, errClosed)
		return
	case !isLoopback(d.Endpoint):
		p.record(d, 0, ErrNotLoopback)
		return
	}
	p.queue = append(p.queue, push{d: d, raw: d.Raw})
	if !p.running {
		if p.ctx == nil {
			p.ctx, p.cancel = context.WithCancel(context.Background())
		}
		p.running, p.idle = true, make(chan struct{})
		go p.run()
	}
}

func (p *httpPush) record(d Delivery, status int, err error) {
	p.attempts = append(p.attempts, HTTPAttempt{
		SubscriptionARN: d.SubscriptionARN, Endpoint: d.Endpoint, Type: d.Type,
		MessageID: d.MessageID, Status: status, Err: err,
	})
}

// run delivers queued messages in order until the queue is empty.
func (p *httpPush) run() {
	for {
		p.mu.Lock()
		if len(p.queue) == 0 || p.closed {
			for _, q := range p.queue {
				p.record(q.d, 0, errClosed)
			}
			p.queue, p.running = nil, false
			close(p.idle)
			p.mu.Unlock()
			return
		}
		next := p.queue[0]
		p.queue = p.queue[1:]
		client, ctx := p.client, p.ctx
		p.mu.Unlock()
		if client == nil {
			// No keep-alive: no idle connection outlives a delivery.
			client = &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
		}
		for i := range httpAttempts {
			status, err := post(ctx, client, next)
			p.mu.Lock()
			p.record(next.d, status, err)
			p.mu.Unlock()
			if (err == nil && status < 500) || ctx.Err() != nil || i == httpAttempts-1 {
				break
			}
			select {
			case <-time.After(httpBackoff << i):
			case <-ctx.Done():
			}
		}
	}
}

// post sends one delivery as SNS does: POST, text/plain, SNS's headers.
func post(ctx context.Context, client *http.Client, q push) (int, error) {
	ctx, cancel := context.WithTimeout(ctx, attemptTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, q.d.Endpoint, strings.NewReader(q.d.Body))
	if err != nil {
		return 0, err
	}
	h := req.Header
	h.Set("Content-Type", "text/plain; charset=UTF-8")
	h.Set("User-Agent", "Amazon Simple Notification Service Agent")
	h.Set("x-amz-sns-message-type", q.d.Type)
	h.Set("x-amz-sns-message-id", q.d.MessageID)
	h.Set("x-amz-sns-topic-arn", q.d.TopicARN)
	h.Set("x-amz-sns-subscription-arn", q.d.SubscriptionARN)
	if q.raw && q.d.Type == TypeNotification {
		h.Set("x-amz-sns-rawdelivery", "true")
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("snstest: POST to the endpoint: %w", err)
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// isLoopback reports whether an endpoint URL's host is 127.0.0.0/8, ::1 or
// localhost.
func isLoopback(endpoint string) bool {
	u, err := url.Parse(endpoint)
	if err != nil {
		return false
	}
	host := u.Hostname()
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// HTTPAttempts returns the POSTs made to the subscription's endpoint, oldest
// first, retries included. Deliveries are asynchronous: call
// [Server.WaitHTTPDeliveries] first.
func (s *Server) HTTPAttempts(subscriptionARN string) []HTTPAttempt {
	s.push.mu.Lock()
	defer s.push.mu.Unlock()
	var out []HTTPAttempt
	for _, a := range s.push.attempts {
		if a.SubscriptionARN == subscriptionARN {
			out = append(out, a)
		}
	}
	return out
}

// WaitHTTPDeliveries waits until every queued http/https delivery was
// attempted, or ctx ends.
func (s *Server) WaitHTTPDeliveries(ctx context.Context) error {
	s.push.mu.Lock()
	running, idle := s.push.running, s.push.idle
	s.push.mu.Unlock()
	if !running {
		return nil
	}
	select {
	case <-idle:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Close stops HTTP deliveries (those still queued are dropped and recorded
// as failed), waits for the delivery goroutine, and stops the certificate
// server of [Server.VerifierOptions]. The fake's SNS operations keep
// working; later http/https deliveries are recorded, not sent. Close is
// safe to call more than once.
func (s *Server) Close() {
	p := &s.push
	p.mu.Lock()
	p.closed = true
	if p.cancel != nil {
		p.cancel()
	}
	running, idle, certs, tr := p.running, p.idle, p.certs, p.certTransport
	p.certs, p.certTransport = nil, nil
	p.mu.Unlock()
	if running {
		<-idle
	}
	if tr != nil {
		tr.CloseIdleConnections()
	}
	if certs != nil {
		certs.Close()
	}
}
