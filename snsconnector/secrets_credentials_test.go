package snsconnector

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/go-sns/connector/auth"
	"github.com/go-sns/connector/internal/rolesanywheretest"
	"github.com/go-sns/connector/internal/sigecho"
	"github.com/go-sns/connector/internal/ststest"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// credentialLeakRows drive AWS credentials of every kind (static, profile,
// Roles Anywhere from PEM and PKCS#12, AssumeRole, the default chain)
// against servers that echo the signed request, through every publishing
// path, auth.Validate and the providers.
var credentialLeakRows = []leakRow{
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
	{"Roles Anywhere profile from a PKCS#12 file and its password, SNS echoes", func(t *testing.T, e *leakEnv) []any {
		sns := sigecho.New(t, sigecho.SNS)
		p, err := e.loadProfile(t, "p12", e.fx.ra(map[string]string{"certificate": "", "private_key": "", "pkcs12": e.fx.path("leaf.p12"), "pkcs12_password": "${P}"}))
		if err != nil {
			t.Fatal(err)
		}
		c := e.client(t, WithProfile(p), WithEndpoint(sns.URL))
		out := e.exercise(t, c, sns)
		e.plantIssued(e.fx.srv)
		return append(out, e.profileValues(t, p)...)
	}},
	{"Roles Anywhere profile from an RSA key in PKCS#1, SNS echoes", func(t *testing.T, e *leakEnv) []any {
		sns := sigecho.New(t, sigecho.SNS)
		p, err := e.loadProfile(t, "rsa", e.fx.ra(map[string]string{"certificate": e.fx.path("rsa-cert.pem"), "private_key": e.fx.path("rsa-key.pem")}))
		if err != nil {
			t.Fatal(err)
		}
		c := e.client(t, WithProfile(p), WithEndpoint(sns.URL))
		out := e.exercise(t, c, sns)
		e.plantIssued(e.fx.srv)
		return append(out, e.profileValues(t, p)...)
	}},
	{"a PKCS#12 file with a wrong password", func(t *testing.T, e *leakEnv) []any {
		_, err := e.loadProfile(t, "p12", e.fx.ra(map[string]string{"certificate": "", "private_key": "", "pkcs12": e.fx.path("leaf.p12"), "pkcs12_password": "${P}x"}))
		var pe *auth.ProfileError
		if !errors.As(err, &pe) || pe.Key != "pkcs12" {
			t.Fatalf("want an error on pkcs12; got %v", err)
		}
		return []any{err}
	}},
	{"Roles Anywhere refuses the session, through the provider and the client", func(t *testing.T, e *leakEnv) []any {
		f := newRolesAnywhere(t)
		path := f.srv.WriteProfile(t, t.TempDir(), rolesanywheretest.ProfileOptions{Name: "ra", Leaf: f.leaf, PKCS12Password: leakP12Password})
		p, err := auth.LoadProfile(path, "ra", auth.WithLogger(e.logger))
		if err != nil {
			t.Fatal(err)
		}
		f.srv.FailAlways(&rolesanywheretest.Fault{Status: 403, Code: "AccessDeniedException", Message: "denied"})
		prov, err := p.CredentialsProvider(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		_, retrieveErr := prov.Retrieve(context.Background())
		if !errors.Is(retrieveErr, auth.ErrAccessDenied) {
			t.Fatalf("got %v", retrieveErr)
		}
		stub := newStub(t, "t")
		c := e.client(t, WithProfile(p), WithEndpoint(stub.URL))
		_, pubErr := c.Publish(context.Background(), region.USEast1, leakPublish)
		if !errors.Is(pubErr, auth.ErrAccessDenied) {
			t.Errorf("Publish: %v", pubErr)
		}
		return []any{retrieveErr, pubErr, prov, p}
	}},
}

// leakPublish is a valid request to a topic the stub knows.
var leakPublish = model.PublishRequest{Topic: model.Topic{ARN: "arn:aws:sns:us-east-1:123456789012:t"}, Message: model.Message{Body: "ok"}}

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

// profileValues returns a loaded profile and what it builds, after the
// credentials were fetched, for rendering: the profile, its parts, its
// provider and a Roles Anywhere provider of its configuration.
func (e *leakEnv) profileValues(t *testing.T, p *auth.Profile) []any {
	t.Helper()
	prov, err := p.CredentialsProvider(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := prov.Retrieve(context.Background()); err != nil {
		t.Fatal(err)
	}
	out := []any{p, *p, p.Static, p.RolesAnywhere, prov, *prov}
	if p.Method == auth.MethodRolesAnywhere {
		ra, err := auth.NewRolesAnywhereProvider(p.RolesAnywhere)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ra, *ra)
	}
	return out
}
