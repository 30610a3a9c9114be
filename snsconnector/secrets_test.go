package snsconnector

import (
	"bytes"
	"context"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/auth"
	"github.com/go-sns/connector/internal/rolesanywheretest"
	"github.com/go-sns/connector/internal/sigecho"
	"github.com/go-sns/connector/internal/ststest"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// TestSecretsNeverLeave is the regression net for SECURITY.md's "Secrets
// never leave". Each row drives one path of the library with recognisable
// secret values planted in it (and the library's own loggers attached) and
// returns what the path produced: errors, results, clients, providers.
// Every rendering of each (err.Error() and every error in its chain, what
// errors.As reaches as a smithy.APIError, fmt's %v %+v %#v %s %q %x %X %d
// directly and through an unexported field, JSON, slog text and JSON, the
// text a panic with it would print) and every log line is searched for the
// secrets, plain, hex and URL-escaped, and for a SigV4 signature.
//
// To cover a new path, add a row; a row that plants a value it learns only
// while running (credentials a fake issued) adds it with e.plant.
func TestSecretsNeverLeave(t *testing.T) {
	for _, row := range leakRows {
		t.Run(row.name, func(t *testing.T) {
			e := newLeakEnv()
			out := row.run(t, e)
			if len(out) == 0 {
				t.Fatal("the row produced nothing to search")
			}
			e.check(t, out)
		})
	}
}

// The planted values. The token holds the characters that URL and JSON
// escaping change.
const (
	leakSecret = "wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY"
	leakToken  = "FwoGZXIvYXdzEXAMPLE/SESSION+TOKEN/for=the+net=="
	leakKeyID  = "AKIAIOSFODNN7EXAMPLE" // not secret: may appear
)

var leakRows = []struct {
	name string
	run  func(t *testing.T, e *leakEnv) []any
}{
	{"static credentials, SNS echoes the signed request", func(t *testing.T, e *leakEnv) []any {
		echo := sigecho.New(t, sigecho.SNS)
		c := e.client(t, WithStaticCredentials(leakKeyID, leakSecret, leakToken), WithEndpoint(echo.URL))
		return e.exercise(t, c, echo)
	}},
	{"profile with static credentials, SNS and STS echo", func(t *testing.T, e *leakEnv) []any {
		sns, sts := sigecho.New(t, sigecho.SNS), sigecho.New(t, sigecho.STS)
		p := e.staticProfile(t, "")
		c := e.client(t, WithProfile(p), WithEndpoint(sns.URL))
		out := e.exercise(t, c, sns)
		prov, err := p.CredentialsProvider(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		_, err = auth.Validate(context.Background(), prov, region.USEast1, auth.WithSTSEndpoint(sts.URL))
		return append(out, mustScrub(t, err), prov, p)
	}},
	{"Roles Anywhere credentials, SNS and STS echo", func(t *testing.T, e *leakEnv) []any {
		f := newRolesAnywhere(t)
		sns, sts := sigecho.New(t, sigecho.SNS), sigecho.New(t, sigecho.STS)
		path := f.srv.WriteProfile(t, t.TempDir(), rolesanywheretest.ProfileOptions{Name: "ra", Leaf: f.leaf})
		p, err := auth.LoadProfile(path, "ra", auth.WithLogger(e.logger))
		if err != nil {
			t.Fatal(err)
		}
		c := e.client(t, WithProfile(p), WithEndpoint(sns.URL))
		out := e.exercise(t, c, sns)
		prov, err := auth.NewRolesAnywhereCredentials(p.RolesAnywhere, auth.WithLogger(e.logger))
		if err != nil {
			t.Fatal(err)
		}
		_, err = auth.Validate(context.Background(), prov, region.USEast1, auth.WithSTSEndpoint(sts.URL))
		e.plantIssued(f.srv)
		return append(out, mustScrub(t, err), prov, p)
	}},
	{"Roles Anywhere CreateSession echoes its signed request", func(t *testing.T, e *leakEnv) []any {
		f := newRolesAnywhere(t)
		echo := sigecho.New(t, sigecho.RolesAnywhere)
		cfg := f.config()
		cfg.Endpoint = echo.URL
		prov, err := auth.NewRolesAnywhereCredentials(cfg, auth.WithLogger(e.logger), auth.WithMaxAttempts(1))
		if err != nil {
			t.Fatal(err)
		}
		_, retrieveErr := prov.Retrieve(context.Background())
		var ra *auth.RolesAnywhereError
		if !errors.As(retrieveErr, &ra) || !strings.Contains(ra.Message, "Signature=[REDACTED]") {
			t.Errorf("the echo was not scrubbed or did not happen: %v", retrieveErr)
		}
		stub := newStub(t, "t")
		c := e.client(t, WithCredentialsProvider(prov), WithEndpoint(stub.URL))
		_, pubErr := c.Publish(context.Background(), region.USEast1, leakPublish)
		return []any{retrieveErr, pubErr, prov, cfg}
	}},
	{"AssumeRole on static credentials, STS echoes", func(t *testing.T, e *leakEnv) []any {
		sts := sigecho.New(t, sigecho.STS)
		stub := newStub(t, "t")
		p := e.staticProfile(t, "    assume_role_arn: arn:aws:iam::123456789012:role/publisher\n", auth.WithSTSEndpoint(sts.URL))
		c := e.client(t, WithProfile(p), WithEndpoint(stub.URL))
		_, err := c.Publish(context.Background(), region.USEast1, leakPublish)
		if sts.Requests() == 0 {
			t.Error("AssumeRole never reached the echo server")
		}
		return []any{mustScrub(t, err), p}
	}},
	{"AWS default chain with AssumeRole, STS and SNS from the shared config echo", func(t *testing.T, e *leakEnv) []any {
		sts, sns := sigecho.New(t, sigecho.STS), sigecho.New(t, sigecho.SNS)
		ststest.IsolateAWSConfig(t, "[default]\nrole_arn = arn:aws:iam::123456789012:role/publisher\nsource_profile = src\nservices = s\n\n"+
			"[profile src]\naws_access_key_id = "+leakKeyID+"\naws_secret_access_key = "+leakSecret+"\naws_session_token = "+leakToken+"\n\n"+
			"[services s]\nsts =\n  endpoint_url = "+sts.URL+"\nsns =\n  endpoint_url = "+sns.URL+"\n", nil)
		c := e.client(t)
		_, pubErr := c.Publish(context.Background(), region.USEast1, leakPublish)
		path := filepath.Join(t.TempDir(), "profiles.yaml")
		writeTestFile(t, path, "profiles:\n  chain:\n    use_default_credentials: true\n")
		p, err := auth.LoadProfile(path, "chain")
		if err != nil {
			t.Fatal(err)
		}
		prov, err := p.CredentialsProvider(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		_, retrieveErr := prov.Retrieve(context.Background())
		if sts.Requests() < 2 {
			t.Errorf("%d AssumeRole requests reached the echo server, want 2", sts.Requests())
		}
		return []any{mustScrub(t, pubErr), mustScrub(t, retrieveErr), prov}
	}},
	{"Validate with static credentials, STS echoes", func(t *testing.T, e *leakEnv) []any {
		sts := sigecho.New(t, sigecho.STS)
		prov := credentials.NewStaticCredentialsProvider(leakKeyID, leakSecret, leakToken)
		_, err := auth.Validate(context.Background(), prov, region.EUWest1, auth.WithSTSEndpoint(sts.URL))
		return []any{mustScrub(t, err)}
	}},
	{"validation, transport and endpoint errors", func(t *testing.T, e *leakEnv) []any {
		stub := newStub(t, "t")
		c := e.client(t, WithStaticCredentials(leakKeyID, leakSecret, leakToken), WithEndpoint(stub.URL))
		_, notFound := c.Publish(context.Background(), region.USEast1, model.PublishRequest{Topic: model.Topic{ARN: missingTopic}, Message: model.Message{Body: "x"}})
		_, invalid := c.Publish(context.Background(), region.USEast1, model.PublishRequest{Message: model.Message{Body: leakSecret}})
		dead := e.client(t, WithStaticCredentials(leakKeyID, leakSecret, leakToken), WithEndpoint("http://127.0.0.1:1"))
		_, unreachable := dead.ListTopics(context.Background(), region.USEast1)
		_, withPassword := New(context.Background(), WithEndpoint("http://user:"+leakSecret+"@sns.example.com"))
		return []any{notFound, invalid, unreachable, withPassword}
	}},
	{"the client, its options, its SDK client and a publisher, formatted", func(t *testing.T, e *leakEnv) []any {
		stub := newStub(t, "t")
		c := e.client(t, WithStaticCredentials(leakKeyID, leakSecret, leakToken), WithEndpoint(stub.URL))
		if _, err := c.Publish(context.Background(), region.USEast1, leakPublish); err != nil {
			t.Fatal(err) // credentials retrieved and cached: they are there to leak
		}
		api, err := c.API(region.USEast1)
		if err != nil {
			t.Fatal(err)
		}
		pub, err := c.NewPublisher(region.USEast1, leakPublish.Topic, PublishSettings{})
		if err != nil {
			t.Fatal(err)
		}
		res := pub.Publish(context.Background(), model.Message{Body: "ok"}) // the stub knows no PublishBatch: it fails
		live := []string{fmt.Sprint(pub), fmt.Sprintf("%s", pub), fmt.Sprintf("%q", pub), fmt.Sprintf("%+v", pub), fmt.Sprintf("%#v", pub)}
		closeErr := pub.Close(context.Background())
		var o Options
		WithStaticCredentials(leakKeyID, leakSecret, leakToken)(&o)
		return []any{c, o, o.Credentials, api, fmt.Sprintln(c.API(region.USEast1)), pub, live, res, closeErr,
			struct{ C *Client }{c}, struct{ c *Client }{c}, struct{ P *Publisher }{pub}}
	}},
	{"providers after Retrieve, formatted", func(t *testing.T, e *leakEnv) []any {
		f := newRolesAnywhere(t)
		ra, err := auth.NewRolesAnywhereCredentials(f.config())
		if err != nil {
			t.Fatal(err)
		}
		static, err := e.staticProfile(t, "").CredentialsProvider(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		redacted := auth.Redact(credentials.NewStaticCredentialsProvider(leakKeyID, leakSecret, leakToken))
		out := []any{}
		for _, p := range []*auth.Provider{ra, static, redacted} {
			if _, err := p.Retrieve(context.Background()); err != nil {
				t.Fatal(err)
			}
			out = append(out, p, *p, struct{ p *auth.Provider }{p})
		}
		e.plantIssued(f.srv)
		return out
	}},
}

// leakPublish is a valid request to a topic the stub knows.
var leakPublish = model.PublishRequest{Topic: model.Topic{ARN: "arn:aws:sns:us-east-1:123456789012:t"}, Message: model.Message{Body: "ok"}}

// leakEnv holds the secrets a row planted and the logs of the library.
type leakEnv struct {
	secrets []string
	logs    syncBuffer
	logger  *slog.Logger // the library's logs: JSON and text, Debug and up
}

func newLeakEnv() *leakEnv {
	e := &leakEnv{secrets: []string{leakSecret, leakToken}}
	opts := &slog.HandlerOptions{Level: slog.LevelDebug}
	e.logger = slog.New(slog.NewMultiHandler(slog.NewJSONHandler(&e.logs, opts), slog.NewTextHandler(&e.logs, opts)))
	return e
}

func (e *leakEnv) plant(s ...string) { e.secrets = append(e.secrets, s...) }

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

// staticProfile loads a static profile with the planted secret and token,
// extra appended to it.
func (e *leakEnv) staticProfile(t *testing.T, extra string, opts ...auth.Option) *auth.Profile {
	t.Helper()
	path := filepath.Join(t.TempDir(), "profiles.yaml")
	writeTestFile(t, path, "profiles:\n  dev:\n    use_static_credentials: true\n    access_key_id: "+leakKeyID+
		"\n    secret_access_key: ${S}\n    session_token: ${T}\n"+extra)
	vars := map[string]string{"S": leakSecret, "T": leakToken}
	lookup := auth.WithLookupEnv(func(k string) (string, bool) { v, ok := vars[k]; return v, ok })
	p, err := auth.LoadProfile(path, "dev", append([]auth.Option{lookup, auth.WithLogger(e.logger)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// exercise sends through every publishing path of c to an echo server and
// returns what came back: Publish's error, PublishBatch's error and
// per-message results, a Publisher's results and Close, ListTopics' error.
func (e *leakEnv) exercise(t *testing.T, c *Client, echo *sigecho.Server) []any {
	t.Helper()
	ctx := context.Background()
	_, pubErr := c.Publish(ctx, region.USEast1, leakPublish)
	resp, batchErr := c.PublishBatch(ctx, region.USEast1, leakPublish.Topic, []model.Message{{Body: "a"}, {Body: "b"}})
	pub, err := c.NewPublisher(region.USEast1, leakPublish.Topic, PublishSettings{})
	if err != nil {
		t.Fatal(err)
	}
	res := pub.Publish(ctx, model.Message{Body: "c"})
	closeErr := pub.Close(ctx)
	_, resErr := res.Get(ctx)
	_, listErr := c.ListTopics(ctx, region.USEast1)
	if echo.Requests() < 4 {
		t.Errorf("only %d requests reached the echo server", echo.Requests())
	}
	out := []any{mustScrub(t, pubErr), batchErr, resp, closeErr, mustScrub(t, resErr), listErr}
	for _, r := range resp.Results {
		out = append(out, mustScrub(t, r.Err))
	}
	return out
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

// check searches every rendering of every value, and the logs.
func (e *leakEnv) check(t *testing.T, values []any) {
	t.Helper()
	var all []string
	for _, v := range values {
		all = append(all, renderings(v)...)
	}
	all = append(all, e.logs.String())
	var forms []string
	for _, s := range e.secrets {
		forms = append(forms, s, hex.EncodeToString([]byte(s)), strings.ToUpper(hex.EncodeToString([]byte(s))), url.QueryEscape(s), strings.ReplaceAll(s, "/", `\/`))
	}
	for i, out := range all {
		for _, f := range forms {
			if j := strings.Index(out, f); j >= 0 {
				t.Errorf("rendering %d leaks %.10s...: ...%s", i, f, out[max(0, j-200):min(len(out), j+len(f)+20)])
			}
		}
		if m := signatureValue.FindString(out); m != "" {
			t.Errorf("rendering %d leaks a request signature: %s", i, m)
		}
	}
}

var signatureValue = regexp.MustCompile(`(?i)signature=[0-9a-f]{16}`)

// renderings returns every way v can be shown.
func renderings(v any) []string {
	var out []string
	if err, ok := v.(error); ok && err != nil {
		walkErrors(err, func(e error) {
			out = append(out, e.Error())
			if api, ok := e.(smithy.APIError); ok {
				out = append(out, api.ErrorCode(), api.ErrorMessage())
			}
		})
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		out = append(out, fmt.Sprintf(verb, v), fmt.Sprintf(verb, struct{ v any }{v}))
	}
	b, _ := json.Marshal(v)
	out = append(out, string(b), panicText(v))
	var logs bytes.Buffer
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("value", "v", v)
	slog.New(slog.NewTextHandler(&logs, nil)).Info("value", "v", v)
	return append(out, logs.String())
}

// walkErrors calls fn for err and every error it wraps.
func walkErrors(err error, fn func(error)) {
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

// rolesAnywhere is a fake Roles Anywhere endpoint, a CA it trusts and a
// leaf certificate.
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
