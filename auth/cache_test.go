package auth

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/go-sns/connector/internal/rolesanywheretest"
)

// TestCacheSixtyFourCallersOneSession: 64 goroutines calling Retrieve on a
// fresh provider cause exactly one CreateSession, and all get the same
// credentials; later calls are served from the cache.
func TestCacheSixtyFourCallersOneSession(t *testing.T) {
	f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{})
	f.srv.SetDelay(50 * time.Millisecond) // keep the first call in flight while the others arrive
	path := f.srv.WriteProfile(t, f.dir, rolesanywheretest.ProfileOptions{Leaf: f.leaf})
	p, err := LoadProfile(path, "")
	if err != nil {
		t.Fatal(err)
	}
	prov, err := p.CredentialsProvider(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	start := make(chan struct{})
	keys := make([]string, 64)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			<-start
			c, err := prov.Retrieve(context.Background())
			if err != nil {
				t.Error(err)
				return
			}
			keys[i] = c.AccessKeyID
		})
	}
	close(start)
	wg.Wait()
	if n := f.srv.Calls(); n != 1 {
		t.Fatalf("%d CreateSession calls, want exactly 1", n)
	}
	for _, k := range keys {
		if k != keys[0] {
			t.Fatalf("callers got different credentials: %s and %s", k, keys[0])
		}
	}
	for range 10 {
		mustRetrieve(t, prov)
	}
	if n := f.srv.Calls(); n != 1 {
		t.Errorf("cached credentials were not reused: %d calls", n)
	}
}

// TestCacheRefreshAndFallback follows short-lived credentials: the next
// CreateSession happens only inside the expiry window; when a refresh
// fails while the old credentials are valid, callers keep getting them and
// the failure is logged; once they really expire, callers get the error.
//
// It runs in a synctest bubble, with the server called in-process: the
// cache, the provider and the server share the bubble's fake clock, so its
// seconds of credential lifetime pass at once.
func TestCacheRefreshAndFallback(t *testing.T) {
	t.Parallel()
	synctest.Test(t, testCacheRefreshAndFallback)
}

func testCacheRefreshAndFallback(t *testing.T) {
	const lifetime = 4 * time.Second
	f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{Lifetime: lifetime})
	var logs logBuffer
	p, err := NewRolesAnywhereProvider(f.config(f.leaf), WithMaxAttempts(1), WithHTTPClient(f.inProcess()))
	if err != nil {
		t.Fatal(err)
	}
	prov := newCache(p, "short", newOptions(nil, WithLogger(newJSONLogger(&logs))))

	t0 := time.Now()
	first := mustRetrieve(t, prov)
	if got := mustRetrieve(t, prov); got.AccessKeyID != first.AccessKeyID || f.srv.Calls() != 1 {
		t.Fatalf("second call refreshed at once (%d calls)", f.srv.Calls())
	}
	firstExpiry := f.srv.Credentials()[0].Expiration

	// Poll until the cache refreshes.
	var refreshedAt time.Time
	for time.Since(t0) < 2*lifetime {
		c := mustRetrieve(t, prov)
		if f.srv.Calls() == 2 {
			refreshedAt = time.Now()
			if c.AccessKeyID == first.AccessKeyID {
				t.Fatal("refresh returned the old credentials")
			}
			break
		}
		if time.Now().After(firstExpiry) {
			t.Fatal("credentials served past their expiry")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if refreshedAt.IsZero() {
		t.Fatal("never refreshed")
	}
	// Refreshing with a quarter of the lifetime left: not at once, and
	// before the old credentials expire.
	if !refreshedAt.Before(firstExpiry) || refreshedAt.Sub(t0) < lifetime/4 {
		t.Errorf("refreshed %s after the first call; first credentials expired at +%s",
			refreshedAt.Sub(t0), firstExpiry.Sub(t0))
	}

	// From now on the service fails. Callers keep the second set until it
	// expires, while the cache keeps trying.
	second := f.srv.Credentials()[1]
	f.srv.FailAlways(&rolesanywheretest.Fault{Status: 500, Message: "injected outage"})
	callsBefore := f.srv.Calls()
	for time.Now().Before(second.Expiration.Add(-100 * time.Millisecond)) {
		c, err := prov.Retrieve(context.Background())
		if err != nil {
			t.Fatalf("Retrieve failed at +%s while the credentials were valid until +%s: %v",
				time.Since(t0), second.Expiration.Sub(t0), err)
		}
		if c.AccessKeyID != second.AccessKeyID {
			t.Fatal("fallback returned other credentials")
		}
		time.Sleep(20 * time.Millisecond)
	}
	if f.srv.Calls() == callsBefore {
		t.Error("no refresh was attempted during the outage")
	}
	if !strings.Contains(logs.String(), "refresh failed; still using the previous credentials") ||
		!strings.Contains(logs.String(), "InternalServerException") {
		t.Errorf("the failed refresh was not logged: %s", logs.String())
	}
	if strings.Contains(logs.String(), second.SecretAccessKey) || strings.Contains(logs.String(), second.SessionToken) {
		t.Fatal("a secret was logged")
	}

	// After the real expiry, the error reaches the caller.
	time.Sleep(time.Until(second.Expiration) + 200*time.Millisecond)
	if _, err := prov.Retrieve(context.Background()); err == nil || !strings.Contains(err.Error(), "InternalServerException") {
		t.Fatalf("after expiry got %v, want the service error", err)
	}

	// And when the service is back, so are credentials.
	f.srv.FailAlways(nil)
	if c := mustRetrieve(t, prov); c.AccessKeyID == second.AccessKeyID {
		t.Error("expired credentials returned after recovery")
	}
}

// TestCacheAdjustExpires checks the window arithmetic without waiting.
func TestCacheAdjustExpires(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := &lastGood{now: func() time.Time { return now }, window: 5 * time.Minute, logger: discard}
	cases := []struct {
		lifetime, shift, want time.Duration
	}{
		{time.Hour, -5 * time.Minute, 55 * time.Minute},                       // the normal window
		{time.Hour, -4 * time.Minute, 56 * time.Minute},                       // jittered window
		{15 * time.Minute, -5 * time.Minute, 11*time.Minute + 15*time.Second}, // a quarter (3m45s) is below the window
		{8 * time.Minute, -5 * time.Minute, 6 * time.Minute},                  // a quarter of the lifetime
		{8 * time.Minute, -4 * time.Minute, 6*time.Minute + 24*time.Second},
	}
	for _, c := range cases {
		got, _ := l.AdjustExpiresBy(aws.Credentials{CanExpire: true, Expires: now.Add(c.lifetime)}, c.shift)
		if d := got.Expires.Sub(now); d != c.want {
			t.Errorf("lifetime %s, shift %s: refresh at +%s, want +%s", c.lifetime, c.shift, d, c.want)
		}
	}
	// Fallback credentials are not moved.
	l.last.Store(&aws.Credentials{AccessKeyID: "AKID", SecretAccessKey: "s", CanExpire: true, Expires: now.Add(10 * time.Minute)})
	fb, err := l.HandleFailToRefresh(context.Background(), aws.Credentials{}, context.Canceled)
	if err != nil || !fb.Expires.Equal(now.Add(maxFallbackRetry)) {
		t.Fatalf("fallback %v until +%s", err, fb.Expires.Sub(now))
	}
	if adj, _ := l.AdjustExpiresBy(fb, -5*time.Minute); !adj.Expires.Equal(fb.Expires) {
		t.Errorf("fallback expiry moved to +%s", adj.Expires.Sub(now))
	}
	// Expired last credentials: the error passes.
	l.last.Load().Expires = now.Add(-time.Second)
	if _, err := l.HandleFailToRefresh(context.Background(), aws.Credentials{}, context.Canceled); err != context.Canceled {
		t.Errorf("got %v with expired last credentials", err)
	}
}
