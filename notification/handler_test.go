package notification_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/notification"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// *snsconnector.Client confirms subscriptions for the handler.
var _ notification.Confirmer = (*snsconnector.Client)(nil)

type confirmCall struct {
	region region.Region
	topic  model.Topic
	token  string
	auth   bool
}

type fakeConfirmer struct {
	mu    sync.Mutex
	calls []confirmCall
	err   error
}

func (c *fakeConfirmer) ConfirmSubscription(_ context.Context, r region.Region, topic model.Topic, token string, auth bool) (string, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls = append(c.calls, confirmCall{r, topic, token, auth})
	if c.err != nil {
		return "", c.err
	}
	return topic.ARN + ":8a21d249-4329-4871-acc6-7be709c6ea7f", nil
}

type recorder struct {
	mu   sync.Mutex
	msgs []*notification.Message
	err  error
}

func (r *recorder) callback(_ context.Context, m *notification.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	return r.err
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.msgs)
}

func post(h http.Handler, body []byte) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/sns", bytes.NewReader(body)))
	return w
}

func TestHandlerAnswers(t *testing.T) {
	f := newFixture(t)
	var logs bytes.Buffer
	rec := &recorder{}
	h := notification.NewHandler(f.v, rec.callback, notification.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
	good := notificationEnv().sign(t, keys().leaf)

	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/sns", nil))
	if w.Code != http.StatusMethodNotAllowed || w.Header().Get("Allow") != "POST" {
		t.Errorf("GET: %d %v", w.Code, w.Header())
	}
	if w := post(h, good.with("Message", "forged").bytes()); w.Code != http.StatusForbidden {
		t.Errorf("forged: %d", w.Code)
	}
	if w := post(h, make([]byte, notification.DefaultMaxBodySize+1)); w.Code != http.StatusForbidden {
		t.Errorf("oversized: %d", w.Code)
	}
	if rec.count() != 0 {
		t.Fatalf("the callback saw %d refused messages", rec.count())
	}
	if w := post(h, good.bytes()); w.Code != http.StatusOK {
		t.Errorf("good: %d", w.Code)
	}
	if rec.count() != 1 || rec.msgs[0].Message != good["Message"] || rec.msgs[0].Attributes["total"].StringValue() != "129.95" {
		t.Errorf("callback saw %v", rec.msgs)
	}
	rec.err = errors.New("database down")
	if w := post(h, good.with("MessageId", "other").sign(t, keys().leaf).bytes()); w.Code != http.StatusInternalServerError {
		t.Errorf("callback error: %d", w.Code)
	}
	if n := f.certs.total.Load(); n != 1 {
		t.Errorf("%d requests; want the certificate only (no UnsubscribeURL visited)", n)
	}
	if !strings.Contains(logs.String(), `"rule":"signature"`) || !strings.Contains(logs.String(), "database down") {
		t.Errorf("logs lack the refusal or the failure:\n%s", logs.String())
	}
	for _, s := range []string{"order 42", "jane@example.com", "forged", "c9135db0"} {
		if strings.Contains(logs.String(), s) {
			t.Errorf("logs contain %q:\n%s", s, logs.String())
		}
	}
}

func TestHandlerRetryableWhenCertificateUnavailable(t *testing.T) {
	f := newFixture(t)
	f.certs.status[testCertURL] = http.StatusInternalServerError
	rec := &recorder{}
	h := notification.NewHandler(f.v, rec.callback, notification.WithLogger(slog.New(slog.DiscardHandler)))
	if w := post(h, notificationEnv().sign(t, keys().leaf).bytes()); w.Code != http.StatusServiceUnavailable {
		t.Errorf("got %d, want 503 so SNS retries", w.Code)
	}
	if rec.count() != 0 {
		t.Error("callback called")
	}
}

func TestHandlerConfirmsWithConfirmer(t *testing.T) {
	f := newFixture(t)
	rec := &recorder{}
	conf := &fakeConfirmer{}
	var logs bytes.Buffer
	h := notification.NewHandler(f.v, rec.callback, notification.WithConfirmer(conf), notification.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
	// The SubscribeURL points elsewhere: it must never be fetched.
	evil := "https://evil.example/?Action=ConfirmSubscription&Token=" + testToken
	body := confirmationEnv("SubscriptionConfirmation").with("SubscribeURL", evil).sign(t, keys().leaf)
	if w := post(h, body.bytes()); w.Code != http.StatusOK {
		t.Fatalf("confirmation: %d", w.Code)
	}
	want := confirmCall{region.USEast1, model.Topic{ARN: testTopic, Name: "orders"}, testToken, true}
	if len(conf.calls) != 1 || conf.calls[0] != want {
		t.Errorf("confirmer calls %+v, want %+v", conf.calls, want)
	}
	if rec.count() != 0 {
		t.Error("the callback saw a confirmation the handler confirmed")
	}
	conf.err = errors.New("throttled")
	if w := post(h, body.with("MessageId", "again").sign(t, keys().leaf).bytes()); w.Code != http.StatusInternalServerError {
		t.Errorf("failed confirmation: %d, want 500 so SNS sends it again", w.Code)
	}
	// Unsubscribe confirmations go to the callback; their URL is not visited.
	unsub := confirmationEnv("UnsubscribeConfirmation").with("SubscribeURL", evil).sign(t, keys().leaf)
	if w := post(h, unsub.bytes()); w.Code != http.StatusOK || rec.count() != 1 || rec.msgs[0].Type != notification.TypeUnsubscribeConfirmation {
		t.Errorf("unsubscribe confirmation: %d, %d messages", w.Code, rec.count())
	}
	if n := f.certs.requests("evil.example"); n != 0 {
		t.Errorf("%d requests to the SubscribeURL's host", n)
	}
	if n := f.certs.total.Load(); n != 1 {
		t.Errorf("%d requests in all; want only the certificate", n)
	}
	if strings.Contains(logs.String(), testToken) {
		t.Errorf("logs contain the token:\n%s", logs.String())
	}
}

func TestHandlerWithoutConfirmerPassesConfirmationToCallback(t *testing.T) {
	f := newFixture(t)
	rec := &recorder{}
	h := notification.NewHandler(f.v, rec.callback, notification.WithLogger(slog.New(slog.DiscardHandler)))
	if w := post(h, confirmationEnv("SubscriptionConfirmation").sign(t, keys().leaf).bytes()); w.Code != http.StatusOK {
		t.Fatalf("got %d", w.Code)
	}
	if rec.count() != 1 || rec.msgs[0].Type != notification.TypeSubscriptionConfirmation || rec.msgs[0].Token != testToken {
		t.Errorf("callback saw %v", rec.msgs)
	}
	if f.certs.total.Load() != 1 {
		t.Errorf("%d requests; the SubscribeURL must not be visited", f.certs.total.Load())
	}
}

func TestHandlerDeduplicates(t *testing.T) {
	now := testNow
	f := newFixture(t, notification.WithClock(func() time.Time { return now }), notification.WithMaxAge(24*time.Hour))
	rec := &recorder{}
	h := notification.NewHandler(f.v, rec.callback, notification.WithDeduplication(time.Hour, 2), notification.WithLogger(slog.New(slog.DiscardHandler)))
	msg := func(id string) []byte { return notificationEnv().with("MessageId", id).sign(t, keys().leaf).bytes() }

	rec.err = errors.New("down")
	post(h, msg("a")) // fails: not remembered
	rec.err = nil
	for range 3 {
		if w := post(h, msg("a")); w.Code != http.StatusOK {
			t.Fatalf("got %d", w.Code)
		}
	}
	if rec.count() != 2 { // the failed attempt and one success
		t.Fatalf("callback ran %d times, want 2", rec.count())
	}
	post(h, msg("b"))
	post(h, msg("c")) // evicts a: at most 2 remembered
	post(h, msg("a"))
	if rec.count() != 5 {
		t.Errorf("callback ran %d times, want 5 (a forgotten past the bound)", rec.count())
	}
	now = now.Add(2 * time.Hour) // past the window
	post(h, msg("c"))
	if rec.count() != 6 {
		t.Errorf("callback ran %d times, want 6 (c forgotten past the window)", rec.count())
	}
}

func TestNewHandlerPanicsWithoutVerifierOrCallback(t *testing.T) {
	f := newFixture(t)
	for name, fn := range map[string]func(){
		"verifier": func() { notification.NewHandler(nil, (&recorder{}).callback) },
		"callback": func() { notification.NewHandler(f.v, nil) },
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			fn()
		})
	}
}
