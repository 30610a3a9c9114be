package auth

import (
	"bytes"
	"context"
	"crypto"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/go-sns/connector/internal/rolesanywheretest"
)

// fixture is a CA, a fake CreateSession endpoint trusting it, and a leaf.
type fixture struct {
	ca   *rolesanywheretest.CA
	srv  *rolesanywheretest.Server
	leaf *rolesanywheretest.Leaf
	dir  string
}

func newFixture(t *testing.T, kt rolesanywheretest.KeyType, o rolesanywheretest.Options) *fixture {
	t.Helper()
	ca := rolesanywheretest.NewCA(t, kt)
	o.TrustAnchors = append(o.TrustAnchors, ca.Cert)
	return &fixture{ca: ca, srv: rolesanywheretest.NewServer(t, o), leaf: ca.Issue(rolesanywheretest.LeafOptions{KeyType: kt}), dir: t.TempDir()}
}

// inProcess returns an HTTP client that serves each request with the
// fixture's handler in the caller's goroutine, and stops the server's
// listener: in a synctest bubble, where a goroutine waiting on the network
// would keep the fake clock from moving, the whole exchange then runs on
// the bubble's clock.
func (f *fixture) inProcess() HTTPClient {
	f.srv.Close()
	return handlerClient{f.srv.Config.Handler}
}

type handlerClient struct{ h http.Handler }

func (c handlerClient) Do(r *http.Request) (*http.Response, error) {
	rec := httptest.NewRecorder()
	c.h.ServeHTTP(rec, r)
	return rec.Result(), nil
}

// config returns a RolesAnywhereConfig for leaf against the fixture's server.
func (f *fixture) config(leaf *rolesanywheretest.Leaf) RolesAnywhereConfig {
	return RolesAnywhereConfig{
		RoleARN:        f.srv.RoleARN(),
		ProfileARN:     f.srv.ProfileARN(),
		TrustAnchorARN: f.srv.TrustAnchorARN(),
		Certificate:    leaf.Cert,
		Chain:          leaf.Chain,
		Signer:         leaf.Key,
		Endpoint:       f.srv.URL,
	}
}

// logBuffer is a concurrency-safe buffer for a slog JSON handler.
type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func newJSONLogger(buf *logBuffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func mustRetrieve(t *testing.T, p aws.CredentialsProvider) aws.Credentials {
	t.Helper()
	c, err := p.Retrieve(context.Background())
	if err != nil {
		t.Fatalf("Retrieve: %v", err)
	}
	return c
}

// opaqueSigner hides the key's type, as an HSM-backed crypto.Signer does.
type opaqueSigner struct{ s crypto.Signer }

func (o opaqueSigner) Public() crypto.PublicKey { return o.s.Public() }
func (o opaqueSigner) Sign(r io.Reader, d []byte, opts crypto.SignerOpts) ([]byte, error) {
	return o.s.Sign(r, d, opts)
}

func writeFile(path, body string) error { return os.WriteFile(path, []byte(body), 0o600) }
