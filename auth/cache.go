package auth

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Cache tuning. AWS's credential helper refreshes 5 minutes early; the
// jitter spreads the refreshes of many processes started together.
const (
	defaultExpiryWindow = 5 * time.Minute
	expiryJitterFrac    = 0.2
	// Short-lived credentials refresh with a quarter of their lifetime
	// left, not 5 minutes before: with 15-minute sessions a fixed window
	// would leave a third of the session unused, and with lifetimes below
	// the window every call would refresh.
	shortLifetimeDivisor = 4
	// While the old credentials are still valid, a failed refresh is tried
	// again after half their remaining life, at most this long.
	maxFallbackRetry = 30 * time.Second
	minFallbackRetry = 200 * time.Millisecond
)

// newCache wraps provider in an aws.CredentialsCache: one refresh shared by
// all concurrent callers, started inside the expiry window (with jitter),
// and, when a refresh fails while the previous credentials are still valid,
// those credentials keep being served (and the failure logged) until a
// later refresh succeeds or they really expire.
//
// aws.CredentialsCache alone does not do the last part: on a failed
// refresh it returns the error even though its previous credentials would
// still work for minutes. lastGood plugs into the cache's two strategy
// hooks to do it.
func newCache(provider aws.CredentialsProvider, name string, o *options) *aws.CredentialsCache {
	window := o.window
	if window == 0 {
		window = defaultExpiryWindow
	}
	lg := &lastGood{provider: provider, name: name, logger: o.logger, now: o.now, window: window}
	return aws.NewCredentialsCache(lg, func(co *aws.CredentialsCacheOptions) {
		co.ExpiryWindow = window
		co.ExpiryWindowJitterFrac = expiryJitterFrac
	})
}

// lastGood remembers the last credentials its provider returned, with
// their real expiry (the cache only keeps the early, adjusted one).
type lastGood struct {
	provider aws.CredentialsProvider
	name     string // profile or provider name, for logs
	logger   *slog.Logger
	now      func() time.Time
	window   time.Duration

	// last is an atomic.Pointer, not a struct or a plain pointer: when fmt
	// dumps this struct raw (reached through the cache's unexported
	// fields, with a verb like %s) it follows plain pointers to structs
	// once, but prints an unsafe.Pointer as an address.
	last atomic.Pointer[aws.Credentials]

	mu       sync.Mutex
	fallback bool // the credentials being stored come from HandleFailToRefresh
}

var (
	_ aws.HandleFailRefreshCredentialsCacheStrategy = (*lastGood)(nil)
	_ aws.AdjustExpiresByCredentialsCacheStrategy   = (*lastGood)(nil)
)

// Retrieve calls the provider and remembers what it returns.
func (l *lastGood) Retrieve(ctx context.Context) (aws.Credentials, error) {
	c, err := l.provider.Retrieve(ctx)
	if err != nil {
		return aws.Credentials{}, err
	}
	l.last.Store(&c)
	l.mu.Lock()
	l.fallback = false
	l.mu.Unlock()
	return c, nil
}

// HandleFailToRefresh is called by the cache when Retrieve fails. While the
// last good credentials are still valid it logs the failure and returns
// them, due for another refresh soon; otherwise it returns the error.
func (l *lastGood) HandleFailToRefresh(ctx context.Context, _ aws.Credentials, err error) (aws.Credentials, error) {
	now := l.now()
	l.mu.Lock()
	var last aws.Credentials
	if p := l.last.Load(); p != nil {
		last = *p
	}
	remaining := last.Expires.Sub(now)
	if !last.HasKeys() || !last.CanExpire || remaining <= 0 {
		l.mu.Unlock()
		l.logger.LogAttrs(ctx, slog.LevelError, "auth: credentials refresh failed and no valid credentials remain",
			slog.String("profile", l.name), slog.String("error", err.Error()))
		return aws.Credentials{}, err
	}
	retry := min(remaining/2, maxFallbackRetry)
	retry = max(retry, min(minFallbackRetry, remaining))
	l.fallback = true
	l.mu.Unlock()

	l.logger.LogAttrs(ctx, slog.LevelWarn, "auth: credentials refresh failed; still using the previous credentials until they expire",
		slog.String("profile", l.name),
		slog.String("access_key_id", last.AccessKeyID),
		slog.Time("expires", last.Expires),
		slog.Duration("retry_in", retry),
		slog.String("error", err.Error()))
	c := last
	c.Expires = now.Add(retry) // when the cache will try again
	return c, nil
}

// AdjustExpiresBy moves the expiry the cache sees earlier by the window
// (dur is negative and already jittered), or by a quarter of the remaining
// lifetime for short-lived credentials. Fallback credentials are left as
// HandleFailToRefresh set them.
func (l *lastGood) AdjustExpiresBy(c aws.Credentials, dur time.Duration) (aws.Credentials, error) {
	if !c.CanExpire {
		return c, nil
	}
	l.mu.Lock()
	fallback := l.fallback
	l.fallback = false
	l.mu.Unlock()
	if fallback {
		return c, nil
	}
	shift := -dur
	if limit := c.Expires.Sub(l.now()) / shortLifetimeDivisor; shift > limit {
		// Keep the jitter's proportion: shift/window is in [1-frac, 1].
		shift = time.Duration(float64(limit) * float64(shift) / float64(l.window))
	}
	if shift > 0 {
		c.Expires = c.Expires.Add(-shift)
	}
	return c, nil
}
