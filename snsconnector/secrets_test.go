package snsconnector

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"log/slog"
	"maps"
	"math/big"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/auth"
	"github.com/go-sns/connector/internal/rolesanywheretest"
)

// TestSecretsNeverLeave is the regression net for SECURITY.md's "Secrets
// never leave": the one table that drives every path of the public API a
// secret or personal data can take (credentials of every kind against
// servers that echo the signed request, profiles files that fail to load,
// mobile push, SMS, subscriptions, notifications received, offloaded
// payloads, and the formatting of every public type that holds one) with
// recognisable values planted in it and the library's loggers attached.
// Each row returns what its path produced: errors, results, clients,
// providers, requests. Every rendering of each (see renderings) and every
// log line is searched for every planted value, plain, hex and
// URL-escaped, and for a SigV4 signature.
//
// To cover a new path, add a row to the group of its area (leakRows lists
// them); a row plants what it handles with e.plant, or e.plantAs for
// personal data and for what a server echoes.
func TestSecretsNeverLeave(t *testing.T) {
	fx := newLeakFixture(t)
	for _, row := range leakRows(fx) {
		t.Run(row.name, func(t *testing.T) {
			e := newLeakEnv(fx)
			out := row.run(t, e)
			if len(out) == 0 {
				t.Fatal("the row produced nothing to search")
			}
			e.check(t, out)
		})
	}
}

// leakRow is one path: run drives it and returns what it produced.
type leakRow struct {
	name string
	run  func(t *testing.T, e *leakEnv) []any
}

// leakRows is the table, by area.
func leakRows(fx *leakFixture) []leakRow {
	return slices.Concat(credentialLeakRows, profileLeakRows(fx), personalLeakRows, receivedLeakRows, formattingLeakRows)
}

// The planted credentials. The token holds the characters that URL and
// JSON escaping change.
const (
	leakSecret      = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"
	leakToken       = "FwoGZXIvYXdzEXAMPLE/SESSION+TOKEN/for=the+net=="
	leakKeyID       = "AKIAIOSFODNN7EXAMPLE" // not secret: may appear
	leakP12Password = "P12passwordVALUE-7c1f"
)

// exemption names renderings a planted value may show in, each a limit
// the library documents.
type exemption uint8

const (
	// rawDump: fmt's dump of a value reached through an unexported struct
	// field, where fmt calls no method. model.PersonalData is a plain
	// string there (its doc says to keep it in exported fields), and so
	// are the fields of a notification.Message.
	rawDump exemption = 1 << iota
)

// The kinds of planted values.
const (
	secret   exemption = 0       // shows nowhere
	personal           = rawDump // model.PersonalData
)

// leakEnv holds the values a row planted and the logs of the library.
type leakEnv struct {
	fx      *leakFixture
	planted map[string]exemption
	logs    syncBuffer
	logger  *slog.Logger // the library's logs: JSON and text, Debug and up
}

func newLeakEnv(fx *leakFixture) *leakEnv {
	e := &leakEnv{fx: fx, planted: map[string]exemption{}}
	e.plant(leakSecret, leakToken, leakP12Password)
	e.plant(fx.material...)
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	e.logger = slog.New(slog.NewMultiHandler(slog.NewJSONHandler(&e.logs, opts), slog.NewTextHandler(&e.logs, opts)))
	return e
}

// plant adds secrets: values no rendering may show.
func (e *leakEnv) plant(s ...string) { e.plantAs(secret, s...) }

// plantAs adds values that may show where ex says, and nowhere else. A
// value planted twice keeps the stricter kind.
func (e *leakEnv) plantAs(ex exemption, s ...string) {
	for _, v := range s {
		if v == "" {
			continue
		}
		kind := ex
		if old, ok := e.planted[v]; ok {
			kind &= old
		}
		e.planted[v] = kind
	}
}

// plantIssued adds the credentials a fake Roles Anywhere issued.
func (e *leakEnv) plantIssued(srv *rolesanywheretest.Server) {
	for _, c := range srv.Credentials() {
		e.plant(c.SecretAccessKey, c.SessionToken)
	}
}

// client builds a Client that logs to the env, without retries.
func (e *leakEnv) client(t *testing.T, opts ...Option) *Client {
	t.Helper()
	c, err := New(context.Background(), append([]Option{WithLogger(e.logger), WithRetryMaxAttempts(1)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// check searches every rendering of every value, and the logs.
func (e *leakEnv) check(t *testing.T, values []any) {
	t.Helper()
	all := []rendering{{how: "the library's logs", text: e.logs.String()}}
	for _, v := range values {
		all = append(all, renderings(v)...)
	}
	type form struct {
		text string
		ex   exemption
	}
	var forms []form
	for s, ex := range e.planted {
		for _, f := range []string{s, hex.EncodeToString([]byte(s)), strings.ToUpper(hex.EncodeToString([]byte(s))), url.QueryEscape(s), strings.ReplaceAll(s, "/", `\/`)} {
			forms = append(forms, form{f, ex})
		}
	}
	for i, r := range all {
		for _, f := range forms {
			if r.raw && f.ex&rawDump != 0 {
				continue
			}
			if j := strings.Index(r.text, f.text); j >= 0 {
				t.Errorf("rendering %d (%s) leaks %.10s...: ...%s", i, r.how, f.text, r.text[max(0, j-200):min(len(r.text), j+len(f.text)+20)])
			}
		}
		if m := signatureValue.FindString(r.text); m != "" {
			t.Errorf("rendering %d (%s) leaks a request signature: %s", i, r.how, m)
		}
	}
}

var signatureValue = regexp.MustCompile(`(?i)signature=[0-9a-f]{16}`)

// rendering is one way a value was shown.
type rendering struct {
	how  string
	text string
	// raw: fmt dumped the value through an unexported field.
	raw bool
}

// renderings returns every way v can be shown: for an error, Error() of it
// and of every error in its chain, and the code and message of each that
// is a smithy.APIError (what errors.As reaches); fmt's %v %+v %#v %s %q
// %x %X %d of v, alone and through an unexported field (where fmt calls no
// method); encoding/json; slog's text and JSON handlers; and the text a
// panic with v prints.
func renderings(v any) []rendering {
	var out []rendering
	if err, ok := v.(error); ok && err != nil {
		walkErrors(err, func(e error) {
			out = append(out, rendering{how: fmt.Sprintf("Error() of %T", e), text: e.Error()})
			if api, ok := e.(smithy.APIError); ok {
				out = append(out, rendering{how: fmt.Sprintf("ErrorMessage() of %T", e), text: api.ErrorCode() + " " + api.ErrorMessage()})
			}
		})
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		out = append(out,
			rendering{how: verb, text: fmt.Sprintf(verb, v)},
			rendering{how: verb + " through an unexported field", text: fmt.Sprintf(verb, struct{ v any }{v}), raw: true})
	}
	b, err := json.Marshal(v)
	out = append(out, rendering{how: "JSON", text: string(b) + fmt.Sprint(err)}, rendering{how: "panic", text: panicText(v)})
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("value", "v", v)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("value", "v", v)
	return append(out, rendering{how: "slog", text: logs.String()})
}

// walkErrors calls fn for err and every error it wraps.
func walkErrors(err error, fn func(e error)) {
	if err == nil {
		return
	}
	fn(err)
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		walkErrors(u.Unwrap(), fn)
	case interface{ Unwrap() []error }:
		for _, e := range u.Unwrap() {
			walkErrors(e, fn)
		}
	}
}

// panicText is what the runtime prints for panic(v).
func panicText(v any) string {
	switch x := v.(type) {
	case error:
		return x.Error()
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprintf("%v", v)
}

// leakFixture is what the rows share: a fake Roles Anywhere, the CA it
// trusts, and in dir/certs a P-256 leaf (leaf-cert.pem, leaf-key.pem in
// PKCS#8, leaf.p12 under leakP12Password) and an RSA leaf (rsa-cert.pem,
// rsa-key.pem in PKCS#1). material is every form of their private keys
// that must never show: the PEM body lines, the DER in base64, the
// private scalars in decimal and hex.
type leakFixture struct {
	dir             string
	srv             *rolesanywheretest.Server
	leaf, rsa       *rolesanywheretest.Leaf
	keyPEM, certPEM []byte
	material        []string
}

func newLeakFixture(t *testing.T) *leakFixture {
	ca := rolesanywheretest.NewCA(t, rolesanywheretest.P256)
	fx := &leakFixture{
		dir:  t.TempDir(),
		srv:  rolesanywheretest.NewServer(t, rolesanywheretest.Options{TrustAnchors: []*x509.Certificate{ca.Cert}}),
		leaf: ca.Issue(rolesanywheretest.LeafOptions{}),
		rsa:  ca.Issue(rolesanywheretest.LeafOptions{KeyType: rolesanywheretest.RSA2048}),
	}
	certs := filepath.Join(fx.dir, "certs")
	files := fx.leaf.WritePEM(certs, "leaf-", rolesanywheretest.PKCS8)
	fx.leaf.WritePKCS12(certs, "leaf.p12", leakP12Password)
	rsaFiles := fx.rsa.WritePEM(certs, "rsa-", rolesanywheretest.PKCS1)
	var err error
	if fx.keyPEM, err = os.ReadFile(files.PrivateKey); err != nil {
		t.Fatal(err)
	}
	if fx.certPEM, err = os.ReadFile(files.Certificate); err != nil {
		t.Fatal(err)
	}
	rsaPEM, err := os.ReadFile(rsaFiles.PrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	for _, data := range [][]byte{fx.keyPEM, rsaPEM} {
		block, _ := pem.Decode(data)
		fx.material = append(fx.material, base64.StdEncoding.EncodeToString(block.Bytes))
		for _, line := range strings.Split(string(data), "\n") {
			if len(line) > 20 && !strings.HasPrefix(line, "-----") {
				fx.material = append(fx.material, line)
			}
		}
	}
	k := fx.rsa.Key.(*rsa.PrivateKey)
	fx.material = append(fx.material, k.D.String(), k.D.Text(16), k.Primes[0].String(), k.Primes[0].Text(16))
	d, err := fx.leaf.Key.(*ecdsa.PrivateKey).Bytes()
	if err != nil {
		t.Fatal(err)
	}
	fx.material = append(fx.material, hex.EncodeToString(d), new(big.Int).SetBytes(d).String())
	return fx
}

// ra returns the lines of a Roles Anywhere profile of the fixture's P-256
// leaf, with overrides: a key mapped to "" is left out. File names are
// absolute, so the profiles file may be anywhere.
func (fx *leakFixture) ra(over map[string]string) string {
	kv := map[string]string{
		"use_static_credentials": "false",
		"role_arn":               fx.srv.RoleARN(),
		"profile_arn":            fx.srv.ProfileARN(),
		"trust_anchor_arn":       fx.srv.TrustAnchorARN(),
		"certificate":            fx.path("leaf-cert.pem"),
		"private_key":            fx.path("leaf-key.pem"),
		"endpoint":               fx.srv.URL,
	}
	for k, v := range over {
		kv[k] = v
	}
	var b strings.Builder
	for _, k := range slices.Sorted(maps.Keys(kv)) {
		if kv[k] != "" {
			fmt.Fprintf(&b, "    %s: %s\n", k, kv[k])
		}
	}
	return b.String()
}

// path is the absolute name of a file under dir/certs.
func (fx *leakFixture) path(name string) string { return filepath.Join(fx.dir, "certs", name) }

// loadProfile writes a profiles file holding profile name with the given
// lines and loads it, ${S}, ${T} and ${P} being the planted secret key,
// token and PKCS#12 password, with the env's logger.
func (e *leakEnv) loadProfile(t *testing.T, name, lines string, opts ...auth.Option) (*auth.Profile, error) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "profiles.yaml")
	writeTestFile(t, path, "profiles:\n  "+name+":\n"+lines)
	vars := map[string]string{"S": leakSecret, "T": leakToken, "P": leakP12Password}
	lookup := auth.WithLookupEnv(func(k string) (string, bool) { v, ok := vars[k]; return v, ok })
	return auth.LoadProfile(path, name, append([]auth.Option{lookup, auth.WithLogger(e.logger)}, opts...)...)
}

// staticProfile loads a static profile with the planted secret and token,
// extra appended to it.
func (e *leakEnv) staticProfile(t *testing.T, extra string, opts ...auth.Option) *auth.Profile {
	t.Helper()
	p, err := e.loadProfile(t, "dev", "    use_static_credentials: true\n    access_key_id: "+leakKeyID+
		"\n    secret_access_key: ${S}\n    session_token: ${T}\n"+extra, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// mustScrub checks that err is an echo the scrubbing went through (so the
// row tests something), and returns it.
func mustScrub(t *testing.T, err error) error {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), "[REDACTED]") {
		t.Errorf("want an echoed error with what it quoted removed; got %v", err)
	}
	return err
}

// mustRedact checks that err is an echo the library hid values of (so the
// row tests something), and returns it.
func mustRedact(t *testing.T, err error) error {
	t.Helper()
	if err == nil || !strings.Contains(err.Error(), "[REDACTED]") && !strings.Contains(err.Error(), "[redacted]") {
		t.Errorf("want an echoed error with the values it quoted hidden; got %v", err)
	}
	return err
}

// rolesAnywhere is a fake Roles Anywhere endpoint of its own (for rows
// that inject faults or count what it issued), a CA it trusts and a leaf
// certificate.
type rolesAnywhere struct {
	srv  *rolesanywheretest.Server
	leaf *rolesanywheretest.Leaf
}

func newRolesAnywhere(t *testing.T) *rolesAnywhere {
	ca := rolesanywheretest.NewCA(t, rolesanywheretest.P256)
	return &rolesAnywhere{srv: rolesanywheretest.NewServer(t, rolesanywheretest.Options{TrustAnchors: []*x509.Certificate{ca.Cert}}), leaf: ca.Issue(rolesanywheretest.LeafOptions{})}
}

func (f *rolesAnywhere) config() auth.RolesAnywhereConfig {
	return auth.RolesAnywhereConfig{
		RoleARN: f.srv.RoleARN(), ProfileARN: f.srv.ProfileARN(), TrustAnchorARN: f.srv.TrustAnchorARN(),
		Certificate: f.leaf.Cert, Chain: f.leaf.Chain, Signer: f.leaf.Key, Endpoint: f.srv.URL,
	}
}

func writeTestFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
}

// syncBuffer is a bytes.Buffer safe for the library's concurrent logging.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
