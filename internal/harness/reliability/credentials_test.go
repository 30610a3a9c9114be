package reliability

import (
	"context"
	"crypto/x509"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-sns/connector/auth"
	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/internal/rolesanywheretest"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// signedWith records, per request, the access key it was signed with and
// when it was signed, so the test can check no request used credentials
// past their expiry. The signing time is the request's own X-Amz-Date, not
// the time it reaches this transport: on a loaded machine a request signed
// in time can wait here past the expiry, which says nothing about the
// credentials. X-Amz-Date is rounded down to the second, so it never makes
// a request look later than it was.
type signedWith struct {
	mu   sync.Mutex
	uses []keyUse
}

type keyUse struct {
	key string
	at  time.Time
}

func (s *signedWith) RoundTrip(r *http.Request) (*http.Response, error) {
	if _, rest, ok := strings.Cut(r.Header.Get("Authorization"), "Credential="); ok {
		key, _, _ := strings.Cut(rest, "/")
		at, err := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
		if err != nil {
			return nil, fmt.Errorf("a signed request without a valid X-Amz-Date: %w", err)
		}
		s.mu.Lock()
		s.uses = append(s.uses, keyUse{key, at})
		s.mu.Unlock()
	}
	return http.DefaultTransport.RoundTrip(r)
}

func TestIntegrationCredentialsExpireAndRefreshDuringLoad(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	const goroutines = 64
	n := scale(6_000, 100_000)
	lifetime := 4 * time.Second

	ca := rolesanywheretest.NewCA(t, rolesanywheretest.RSA2048)
	ra := rolesanywheretest.NewServer(t, rolesanywheretest.Options{
		TrustAnchors: []*x509.Certificate{ca.Cert}, Region: "eu-west-1", Lifetime: lifetime,
	})
	path := ra.WriteProfile(t, t.TempDir(), rolesanywheretest.ProfileOptions{Name: "load", Leaf: ca.Issue(rolesanywheretest.LeafOptions{KeyType: rolesanywheretest.RSA2048})})
	profile, err := auth.LoadProfile(path, "load")
	if err != nil {
		t.Fatal(err)
	}
	rec := &signedWith{}
	c, err := snsconnector.New(ctx, snsconnector.WithProfile(profile), snsconnector.WithEndpoint(srv.URL),
		snsconnector.WithHTTPClient(&http.Client{Transport: rec}))
	if err != nil {
		t.Fatal(err)
	}
	r := region.EUWest1
	topic, q := topicWithQueue(t, srv, r, fauxqs.UniqueName("creds"), false)

	l := newLedger()
	var next atomic.Int64
	start := time.Now()
	// Keep publishing for at least three lifetimes, so credentials expire and
	// are refreshed several times while requests are in flight.
	minRun := 3 * lifetime
	var wg sync.WaitGroup
	for range goroutines {
		wg.Go(func() {
			for {
				i := next.Add(1) - 1
				if i >= int64(n) && time.Since(start) > minRun {
					return
				}
				body := fmt.Sprintf("creds-%07d", i)
				_, err := c.Publish(ctx, r, model.PublishRequest{Topic: model.Topic{ARN: topic}, Message: model.Message{Body: body}})
				l.report(body, err)
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	drain(ctx, t, q, l, len(l.confirmed))
	l.check(t, false)
	if len(l.failed) > 0 {
		for body, err := range l.failed {
			t.Errorf("publish %s failed while credentials rotated: %v", body, err)
			break
		}
		t.Errorf("%d of %d publishes failed", len(l.failed), l.sent)
	}

	issued := ra.Credentials()
	expiry := map[string]time.Time{}
	for _, cr := range issued {
		expiry[cr.AccessKeyID] = cr.Expiration
	}
	used := map[string]int{}
	for _, u := range rec.uses {
		exp, ok := expiry[u.key]
		if !ok {
			t.Fatalf("a request was signed with a key the server never issued")
		}
		if u.at.After(exp) {
			t.Errorf("a request was signed with credentials %v past their expiry", u.at.Sub(exp))
		}
		used[u.key]++
	}
	t.Logf("%d publishes in %v with %d-second credentials: %d CreateSession calls, %d distinct keys used, %d refused",
		l.sent, elapsed.Round(time.Millisecond), int(lifetime.Seconds()), ra.Issued(), len(used), ra.Refused())
	if ra.Issued() < 3 {
		t.Errorf("%d CreateSession calls in %v of %v credentials; want refreshes", ra.Issued(), elapsed, lifetime)
	}
	if len(used) < 3 {
		t.Errorf("requests used %d distinct keys; want the refreshed ones in use", len(used))
	}
}
