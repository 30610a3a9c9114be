package notification

import (
	"container/list"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// Confirmer confirms subscriptions. *snsconnector.Client satisfies it.
type Confirmer interface {
	ConfirmSubscription(ctx context.Context, r region.Region, topic model.Topic, token string, authenticateOnUnsubscribe bool) (string, error)
}

// HandlerOption configures a [Handler].
type HandlerOption func(*Handler)

// WithConfirmer makes the handler confirm subscriptions itself: a verified
// SubscriptionConfirmation is confirmed with c.ConfirmSubscription(ctx, the
// topic's region, the topic, Token, true), so only the topic's and the
// subscription's owners can unsubscribe, with signed requests. The callback
// does not see confirmations then. Without a Confirmer it does, and confirms
// as it sees fit. The SubscribeURL is never visited either way.
func WithConfirmer(c Confirmer) HandlerOption { return func(h *Handler) { h.confirmer = c } }

// WithLogger sets where the handler logs: what it refused and why, what it
// confirmed, what the callback failed. It never logs a body. Default:
// slog.Default().
func WithLogger(l *slog.Logger) HandlerOption { return func(h *Handler) { h.log = l } }

// WithDeduplication drops a message whose MessageId the handler has already
// handled successfully within window, remembering at most max IDs (the
// oldest are forgotten first). SNS delivers at least once, and retries with
// the same MessageId, so the callback may otherwise see a message twice.
// The window is per Handler and in memory: across restarts or replicas,
// deduplicate in the callback's own store. A window or max that is not
// positive leaves de-duplication off.
func WithDeduplication(window time.Duration, max int) HandlerOption {
	return func(h *Handler) {
		if window > 0 && max > 0 {
			h.seen = &dedup{window: window, max: max, order: list.New(), ids: map[string]*list.Element{}, busy: map[string]bool{}}
		}
	}
}

// Handler is an http.Handler for an SNS HTTP/S subscription endpoint. It
// answers:
//
//   - 405 to anything but POST;
//   - 403 to a body that fails verification (the callback is not called);
//   - 503 when the signing certificate could not be fetched, and to a
//     duplicate that is still being handled, so SNS delivers again later;
//   - 500 when the callback or the confirmation fails, so SNS retries;
//   - 200 when the message was handled (or was a duplicate already handled).
//
// SNS counts 2xx to 4xx as delivered and retries 5xx and timeouts under the
// subscription's delivery policy.
type Handler struct {
	v         *Verifier
	callback  func(context.Context, *Message) error
	confirmer Confirmer
	log       *slog.Logger
	seen      *dedup
}

// NewHandler returns a handler that verifies each request with v and hands
// verified messages to callback: Notifications, UnsubscribeConfirmations
// (whose UnsubscribeURL it never visits: that would subscribe again), and
// SubscriptionConfirmations when there is no [WithConfirmer]. It panics if v
// or callback is nil, a mistake in the program.
func NewHandler(v *Verifier, callback func(ctx context.Context, m *Message) error, opts ...HandlerOption) *Handler {
	if v == nil || callback == nil {
		panic("notification: NewHandler needs a Verifier and a callback")
	}
	h := &Handler{v: v, callback: callback}
	for _, o := range opts {
		if o != nil {
			o(h)
		}
	}
	if h.log == nil {
		h.log = slog.Default()
	}
	return h
}

// ServeHTTP handles one delivery.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
		return
	}
	ctx := r.Context()
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, int64(h.v.maxBodySize)))
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			h.refuse(ctx, w, fail(RuleSize, "", "the body is larger than the limit"))
			return
		}
		h.log.WarnContext(ctx, "sns: reading the request body failed", "error", err)
		http.Error(w, http.StatusText(http.StatusBadRequest), http.StatusBadRequest)
		return
	}
	m, err := h.v.Verify(ctx, body)
	if err != nil {
		h.refuse(ctx, w, err)
		return
	}
	key := m.TopicARN + "\x00" + m.MessageID
	if h.seen != nil {
		switch h.seen.begin(key, h.v.now()) {
		case seenDone:
			h.log.InfoContext(ctx, "sns: duplicate delivery dropped", "message", m)
			w.WriteHeader(http.StatusOK)
			return
		case seenBusy:
			h.log.InfoContext(ctx, "sns: duplicate delivery while the first is handled; asking SNS to retry", "message", m)
			http.Error(w, http.StatusText(http.StatusServiceUnavailable), http.StatusServiceUnavailable)
			return
		}
	}
	err = h.handle(ctx, m)
	if h.seen != nil {
		h.seen.end(key, err == nil, h.v.now())
	}
	if err != nil {
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}

func (h *Handler) handle(ctx context.Context, m *Message) error {
	if m.Type == TypeSubscriptionConfirmation && h.confirmer != nil {
		a, _ := model.ParseTopicARN(m.TopicARN) // Verify checked it
		arn, err := h.confirmer.ConfirmSubscription(ctx, a.Region, model.Topic{ARN: m.TopicARN, Name: a.Name}, m.Token, true)
		if err != nil {
			h.log.ErrorContext(ctx, "sns: confirming the subscription failed; SNS will send the confirmation again", "message", m, "error", err)
			return err
		}
		h.log.InfoContext(ctx, "sns: subscription confirmed", "message", m, "subscription_arn", arn)
		return nil
	}
	if err := h.callback(ctx, m); err != nil {
		h.log.ErrorContext(ctx, "sns: the callback failed; SNS will retry", "message", m, "error", err)
		return err
	}
	return nil
}

// refuse answers a body that did not verify: 403, or 503 when the failure
// may pass (the certificate could not be fetched), so SNS retries.
func (h *Handler) refuse(ctx context.Context, w http.ResponseWriter, err error) {
	var ve *VerificationError
	if errors.As(err, &ve) && ve.Retryable() {
		h.log.WarnContext(ctx, "sns: could not verify a delivery yet; asking SNS to retry", "rule", ve.Rule, "reason", ve.Reason, "error", ve.Err)
		http.Error(w, http.StatusText(http.StatusServiceUnavailable), http.StatusServiceUnavailable)
		return
	}
	if ve != nil {
		h.log.WarnContext(ctx, "sns: delivery refused", "rule", ve.Rule, "field", ve.Field, "reason", ve.Reason)
	} else {
		h.log.WarnContext(ctx, "sns: delivery refused", "error", err)
	}
	http.Error(w, http.StatusText(http.StatusForbidden), http.StatusForbidden)
}

// dedup remembers message IDs handled within a window, bounded in count.
type dedup struct {
	window time.Duration
	max    int
	mu     sync.Mutex
	order  *list.List // of seenID, oldest first
	ids    map[string]*list.Element
	busy   map[string]bool
}

type seenID struct {
	key string
	at  time.Time
}

type seenState int

const (
	seenNew seenState = iota
	seenBusy
	seenDone
)

// begin reports whether key was handled or is being handled, and if
// neither, marks it busy.
func (d *dedup) begin(key string, now time.Time) seenState {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.expire(now)
	if _, ok := d.ids[key]; ok {
		return seenDone
	}
	if d.busy[key] {
		return seenBusy
	}
	d.busy[key] = true
	return seenNew
}

// end records the outcome: a key handled successfully is remembered; a
// failed one is forgotten so SNS's retry is handled.
func (d *dedup) end(key string, ok bool, now time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delete(d.busy, key)
	if !ok {
		return
	}
	d.ids[key] = d.order.PushBack(seenID{key, now})
	for d.order.Len() > d.max {
		delete(d.ids, d.order.Remove(d.order.Front()).(seenID).key)
	}
}

func (d *dedup) expire(now time.Time) {
	for e := d.order.Front(); e != nil && now.Sub(e.Value.(seenID).at) > d.window; e = d.order.Front() {
		delete(d.ids, d.order.Remove(e).(seenID).key)
	}
}
