package auth

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/go-sns/connector/internal/rolesanywheretest"
)

// TestRolesAnywhereKeysAndChains gets credentials from the fake endpoint,
// which checks the signature and the chain independently, for every key
// type and chain shape.
func TestRolesAnywhereKeysAndChains(t *testing.T) {
	cases := []struct {
		name  string
		root  rolesanywheretest.KeyType
		inter []rolesanywheretest.KeyType // intermediates, root side first
		leaf  rolesanywheretest.KeyType
	}{
		{"rsa", rolesanywheretest.RSA2048, nil, rolesanywheretest.RSA2048},
		{"p256", rolesanywheretest.P256, nil, rolesanywheretest.P256},
		{"p384", rolesanywheretest.P384, nil, rolesanywheretest.P384},
		{"rsa leaf under two intermediates", rolesanywheretest.P256, []rolesanywheretest.KeyType{rolesanywheretest.RSA2048, rolesanywheretest.P384}, rolesanywheretest.RSA2048},
		{"p384 leaf under one intermediate", rolesanywheretest.P384, []rolesanywheretest.KeyType{rolesanywheretest.P384}, rolesanywheretest.P384},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			root := rolesanywheretest.NewCA(t, c.root)
			issuer := root
			for _, kt := range c.inter {
				issuer = issuer.Intermediate(kt)
			}
			leaf := issuer.Issue(rolesanywheretest.LeafOptions{KeyType: c.leaf})
			srv := rolesanywheretest.NewServer(t, rolesanywheretest.Options{TrustAnchors: []*x509.Certificate{root.Cert}, Region: "eu-west-1"})
			f := &fixture{ca: root, srv: srv}
			cfg := f.config(leaf)
			cfg.SessionName = "orders-service"
			cfg.Duration = 2 * time.Hour
			p, err := NewRolesAnywhereProvider(cfg)
			if err != nil {
				t.Fatal(err)
			}
			creds, err := p.Retrieve(context.Background())
			if err != nil {
				t.Fatalf("Retrieve: %v (server: %v)", err, srv.LastError())
			}
			issued := srv.Credentials()
			if len(issued) != 1 {
				t.Fatalf("server issued %d sets", len(issued))
			}
			want := issued[0]
			if creds.AccessKeyID != want.AccessKeyID || creds.SecretAccessKey != want.SecretAccessKey ||
				creds.SessionToken != want.SessionToken || !creds.Expires.Equal(want.Expiration) {
				t.Errorf("credentials differ from those issued")
			}
			if !creds.CanExpire || creds.Source != credentialsSource || creds.AccountID != srv.Account() {
				t.Errorf("CanExpire %v, Source %q, AccountID %q", creds.CanExpire, creds.Source, creds.AccountID)
			}
			req := want.Request
			if req.DurationSeconds != 7200 || req.RoleSessionName != "orders-service" || len(req.Chain) != len(c.inter) || req.Region != "eu-west-1" {
				t.Errorf("server saw duration %d, session %q, %d chain certificates, region %s",
					req.DurationSeconds, req.RoleSessionName, len(req.Chain), req.Region)
			}
		})
	}
}

func TestRolesAnywhereRefusedBeforeTheWire(t *testing.T) {
	f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{})
	other := rolesanywheretest.NewKey(t, rolesanywheretest.P256)
	expired := f.ca.Issue(rolesanywheretest.LeafOptions{NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(-time.Hour)})
	future := f.ca.Issue(rolesanywheretest.LeafOptions{NotBefore: time.Now().Add(time.Hour)})
	p521 := f.ca.Issue(rolesanywheretest.LeafOptions{KeyType: rolesanywheretest.P521})
	cases := []struct {
		name   string
		change func(*RolesAnywhereConfig)
		key    string
		rule   Rule
	}{
		{"wrong key", func(c *RolesAnywhereConfig) { c.Signer = other }, "private_key", RuleKeyMismatch},
		{"expired certificate", func(c *RolesAnywhereConfig) { c.Certificate, c.Signer = expired.Cert, expired.Key }, "certificate", RuleExpired},
		{"certificate not yet valid", func(c *RolesAnywhereConfig) { c.Certificate, c.Signer = future.Cert, future.Key }, "certificate", RuleNotYetValid},
		{"P-521 key", func(c *RolesAnywhereConfig) { c.Certificate, c.Signer = p521.Cert, p521.Key }, "certificate", RuleUnsupported},
		{"duration too short", func(c *RolesAnywhereConfig) { c.Duration = 10 * time.Minute }, "duration", RuleRange},
		{"duration too long", func(c *RolesAnywhereConfig) { c.Duration = 13 * time.Hour }, "duration", RuleRange},
		{"session name", func(c *RolesAnywhereConfig) { c.SessionName = "a b" }, "session_name", RuleFormat},
		{"role ARN", func(c *RolesAnywhereConfig) { c.RoleARN = "arn:aws:iam::123:role/x" }, "role_arn", RuleFormat},
		{"trust anchor ARN", func(c *RolesAnywhereConfig) {
			c.TrustAnchorARN = strings.Replace(c.TrustAnchorARN, "trust-anchor", "profile", 1)
		}, "trust_anchor_arn", RuleFormat},
		{"profile ARN region", func(c *RolesAnywhereConfig) {
			c.ProfileARN = strings.Replace(c.ProfileARN, "us-east-1", "eu-west-1", 1)
		}, "profile_arn", RuleConflict},
		{"region differs from trust anchor", func(c *RolesAnywhereConfig) { c.Region = "eu-west-1" }, "region", RuleConflict},
		{"plain http to a remote host", func(c *RolesAnywhereConfig) { c.Endpoint = "http://rolesanywhere.example.com" }, "endpoint", RuleInsecure},
		{"endpoint with a path", func(c *RolesAnywhereConfig) { c.Endpoint = f.srv.URL + "/api" }, "endpoint", RuleFormat},
		{"no signer", func(c *RolesAnywhereConfig) { c.Signer = nil }, "private_key", RuleRequired},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := f.config(f.leaf)
			c.change(&cfg)
			_, err := NewRolesAnywhereProvider(cfg)
			if !errors.Is(err, &ProfileError{Key: c.key, Rule: c.rule}) {
				t.Fatalf("got %v, want a %s error on key %s", err, c.rule, c.key)
			}
			if !errors.Is(err, ErrInvalidProfile) {
				t.Error("not ErrInvalidProfile")
			}
		})
	}
	if n := f.srv.Calls(); n != 0 {
		t.Errorf("%d requests reached the server", n)
	}
}

func TestRolesAnywhereServiceErrors(t *testing.T) {
	f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{MaxSessionDuration: time.Hour, RejectRoleSessionName: true})
	rogue := rolesanywheretest.NewCA(t, rolesanywheretest.P256).Issue(rolesanywheretest.LeafOptions{})
	cases := []struct {
		name     string
		change   func(*RolesAnywhereConfig)
		sentinel error
		code     string
	}{
		{"rogue CA", func(c *RolesAnywhereConfig) { c.Certificate, c.Signer = rogue.Cert, rogue.Key }, ErrAccessDenied, "AccessDeniedException"},
		{"unknown profile", func(c *RolesAnywhereConfig) { c.ProfileARN = c.ProfileARN[:len(c.ProfileARN)-4] + "0000" }, ErrResourceNotFound, "ResourceNotFoundException"},
		{"role not in profile", func(c *RolesAnywhereConfig) { c.RoleARN += "2" }, ErrAccessDenied, "AccessDeniedException"},
		{"duration above the role's maximum", func(c *RolesAnywhereConfig) { c.Duration = 2 * time.Hour }, ErrValidation, "ValidationException"},
		{"session name not accepted", func(c *RolesAnywhereConfig) { c.SessionName = "named" }, ErrValidation, "ValidationException"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := f.srv.Calls()
			cfg := f.config(f.leaf)
			c.change(&cfg)
			p, err := NewRolesAnywhereProvider(cfg)
			if err != nil {
				t.Fatal(err)
			}
			_, err = p.Retrieve(context.Background())
			var re *RolesAnywhereError
			if !errors.As(err, &re) || !errors.Is(err, c.sentinel) || re.Code != c.code {
				t.Fatalf("got %v, want %s", err, c.code)
			}
			if re.Retryable() || re.RequestID == "" || re.Message == "" {
				t.Errorf("retryable %v, request id %q, message %q", re.Retryable(), re.RequestID, re.Message)
			}
			if n := f.srv.Calls() - before; n != 1 {
				t.Errorf("a non-retryable error was tried %d times", n)
			}
		})
	}
}

// tamperingClient changes the body after signing, like a broken proxy.
type tamperingClient struct{}

func (tamperingClient) Do(r *http.Request) (*http.Response, error) {
	body, _ := io.ReadAll(r.Body)
	body = bytes.Replace(body, []byte("3600"), []byte("3601"), 1)
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	return http.DefaultClient.Do(r)
}

func TestRolesAnywhereTamperedBodyRefused(t *testing.T) {
	f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{})
	p, err := NewRolesAnywhereProvider(f.config(f.leaf), WithHTTPClient(tamperingClient{}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Retrieve(context.Background()); !errors.Is(err, ErrAccessDenied) {
		t.Fatalf("got %v, want access denied", err)
	}
	if !strings.Contains(f.srv.LastError().Error(), "signature validation failed") {
		t.Errorf("server refused for another reason: %v", f.srv.LastError())
	}
}

func TestRolesAnywhereRetries(t *testing.T) {
	// The SDK's standard retryer backs off with full jitter from 50 ms, or
	// from 1 s after throttling, doubling each time.
	cases := []struct {
		name   string
		faults []rolesanywheretest.Fault
		ok     bool
		calls  int64
		base   time.Duration
	}{
		{"5xx then success", []rolesanywheretest.Fault{{Status: 500}, {Status: 503, InBody: true}}, true, 3, 50 * time.Millisecond},
		{"throttled then success", []rolesanywheretest.Fault{{Status: 429}}, true, 2, time.Second},
		{"throttling code on 400", []rolesanywheretest.Fault{{Status: 400, Code: "ThrottlingException"}}, true, 2, time.Second},
		{"5xx every time", []rolesanywheretest.Fault{{Status: 500}, {Status: 502}, {Status: 500}, {Status: 500}}, false, 3, 50 * time.Millisecond},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{})
			f.srv.FailNext(c.faults...)
			var slept []time.Duration
			p, err := NewRolesAnywhereProvider(f.config(f.leaf), func(o *options) {
				o.sleep = func(d time.Duration) <-chan time.Time {
					slept = append(slept, d)
					return time.After(0)
				}
			})
			if err != nil {
				t.Fatal(err)
			}
			_, err = p.Retrieve(context.Background())
			if (err == nil) != c.ok {
				t.Fatalf("err = %v, want success %v", err, c.ok)
			}
			if !c.ok {
				var re *RolesAnywhereError
				if !errors.As(err, &re) || !re.Retryable() || re.StatusCode != 500 {
					t.Errorf("got %v, want the last retryable 500", err)
				}
			}
			if n := f.srv.Calls(); n != c.calls {
				t.Errorf("%d calls, want %d", n, c.calls)
			}
			if len(slept) != int(c.calls)-1 {
				t.Errorf("backed off %d times", len(slept))
			}
			for i, d := range slept {
				if d < 0 || d > c.base<<i {
					t.Errorf("backoff %d = %s, outside full jitter up to %s", i+1, d, c.base<<i)
				}
			}
		})
	}
}

func TestRolesAnywhereRetriesStopWhenTheRetryTokensRunOut(t *testing.T) {
	// The standard retryer's budget of retry tokens ends a long outage's
	// retries before WithMaxAttempts does.
	f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{})
	f.srv.FailAlways(&rolesanywheretest.Fault{Status: 500})
	p, err := NewRolesAnywhereProvider(f.config(f.leaf), WithMaxAttempts(1000), func(o *options) {
		o.sleep = func(time.Duration) <-chan time.Time { return time.After(0) }
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Retrieve(context.Background()); err == nil {
		t.Fatal("succeeded against a failing service")
	}
	if n := f.srv.Calls(); n < 2 || n >= 1000 {
		t.Errorf("%d calls; want retries, ended by the retry quota", n)
	}
}

func TestRolesAnywhereNetworkErrorRetried(t *testing.T) {
	f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{})
	cfg := f.config(f.leaf)
	f.srv.Close() // nothing listens any more
	p, err := NewRolesAnywhereProvider(cfg, WithMaxAttempts(2), func(o *options) {
		o.sleep = func(time.Duration) <-chan time.Time { return time.After(0) }
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.Retrieve(context.Background())
	var te *transportError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "127.0.0.1") {
		t.Fatalf("got %v, want a transport error naming the endpoint", err)
	}
}

// TestRolesAnywhereSlowServerCancelled: a caller's context bounds the call,
// directly and through the cache.
func TestRolesAnywhereSlowServerCancelled(t *testing.T) {
	f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{})
	f.srv.SetDelay(10 * time.Second)
	p, err := NewRolesAnywhereProvider(f.config(f.leaf))
	if err != nil {
		t.Fatal(err)
	}
	cached := newCache(p, "slow", newOptions(nil))
	for name, prov := range map[string]interface {
		Retrieve(context.Context) (aws.Credentials, error)
	}{"provider": p, "cache": cached} {
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		start := time.Now()
		_, err := prov.Retrieve(ctx)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: got %v, want context.DeadlineExceeded", name, err)
		}
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("%s: returned after %s", name, d)
		}
	}
	f.srv.SetDelay(0)
}
