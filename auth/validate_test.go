package auth

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/smithy-go"
	"github.com/go-sns/connector/internal/rolesanywheretest"
	"github.com/go-sns/connector/internal/ststest"
)

var alice = ststest.Key{
	AccessKeyID: "AKIAIOSFODNN7EXAMPLE", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
	Account: "111122223333", ARN: "arn:aws:iam::111122223333:user/alice", UserID: "AIDAEXAMPLEALICE",
}

func TestValidateStatic(t *testing.T) {
	sts := ststest.NewServer(t)
	sts.AddKey(alice)
	good := credentials.NewStaticCredentialsProvider(alice.AccessKeyID, alice.SecretAccessKey, "")
	id, err := Validate(context.Background(), good, "eu-west-1", WithSTSEndpoint(sts.URL))
	if err != nil {
		t.Fatalf("Validate: %v (server: %v)", err, sts.LastError())
	}
	if *id != (Identity{Account: alice.Account, ARN: alice.ARN, UserID: alice.UserID}) {
		t.Errorf("identity %+v", id)
	}

	bad := credentials.NewStaticCredentialsProvider(alice.AccessKeyID, "wrong-secret", "")
	_, err = Validate(context.Background(), bad, "eu-west-1", WithSTSEndpoint(sts.URL))
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "SignatureDoesNotMatch" {
		t.Fatalf("wrong secret: %v", err)
	}
	if strings.Contains(err.Error(), "wrong-secret") {
		t.Error("the error quotes the secret")
	}
	if sts.Calls("GetCallerIdentity") != 1 {
		t.Errorf("%d successful calls", sts.Calls("GetCallerIdentity"))
	}
}

// TestValidateHonoursConfiguredEndpoint: the STS endpoint comes from
// wherever the SDK would take it, in the SDK's order, and plain http to a
// host that is not loopback is refused from every source before anything
// is sent.
func TestValidateHonoursConfiguredEndpoint(t *testing.T) {
	sts := ststest.NewServer(t)
	sts.AddKey(alice)
	good := credentials.NewStaticCredentialsProvider(alice.AccessKeyID, alice.SecretAccessKey, "")
	dead := "http://127.0.0.1:1"
	services := func(url string) string { return ststest.Services("sts", url) }
	reach := []struct {
		name, config string
		env          map[string]string
		opts         []Option
	}{
		{"AWS_ENDPOINT_URL_STS", "", map[string]string{EnvSTSEndpoint: sts.URL}, nil},
		{"AWS_ENDPOINT_URL", "", map[string]string{"AWS_ENDPOINT_URL": sts.URL}, nil},
		{"the service variable wins", "", map[string]string{"AWS_ENDPOINT_URL": dead, EnvSTSEndpoint: sts.URL}, nil},
		{"shared config services section", services(sts.URL), nil, nil},
		{"AWS_ENDPOINT_URL before the shared config", services(dead), map[string]string{"AWS_ENDPOINT_URL": sts.URL}, nil},
		{"shared config endpoint_url", "[default]\nendpoint_url = " + sts.URL + "\n", nil, nil},
		{"WithSTSEndpoint wins", services(dead), map[string]string{"AWS_ENDPOINT_URL": dead}, []Option{WithSTSEndpoint(sts.URL)}},
	}
	for i, c := range reach {
		t.Run(c.name, func(t *testing.T) {
			ststest.IsolateAWSConfig(t, c.config, c.env)
			id, err := Validate(context.Background(), good, "eu-west-1", c.opts...)
			if err != nil || id.Account != alice.Account {
				t.Fatalf("%v %v", id, err)
			}
			if n := sts.Calls("GetCallerIdentity"); n != i+1 {
				t.Errorf("%d calls reached the fake, want %d", n, i+1)
			}
		})
	}

	remote := "http://10.1.2.3:4566"
	refuse := []struct {
		name, config string
		env          map[string]string
		opts         []Option
	}{
		{"WithSTSEndpoint", "", nil, []Option{WithSTSEndpoint("http://sts.example.com")}},
		{"AWS_ENDPOINT_URL", "", map[string]string{"AWS_ENDPOINT_URL": remote}, nil},
		{"AWS_ENDPOINT_URL_STS", "", map[string]string{EnvSTSEndpoint: remote}, nil},
		{"shared config services section", services(remote), nil, nil},
	}
	for _, c := range refuse {
		t.Run("refuse "+c.name, func(t *testing.T) {
			ststest.IsolateAWSConfig(t, c.config, c.env)
			before := sts.Requests()
			_, err := Validate(context.Background(), good, "us-east-1", c.opts...)
			if !errors.Is(err, &ProfileError{Rule: RuleInsecure}) || !errors.Is(err, ErrInsecureEndpoint) {
				t.Errorf("got %v", err)
			}
			if sts.Requests() != before {
				t.Error("a request was sent")
			}
		})
	}
}

// TestValidateRolesAnywhereProfile: credentials from a Roles Anywhere
// profile are accepted by STS and belong to the assumed role.
func TestValidateRolesAnywhereProfile(t *testing.T) {
	f := newFixture(t, rolesanywheretest.P384, rolesanywheretest.Options{})
	sts := ststest.NewServer(t)
	sts.Lookup = issuedBy(f.srv)
	path := f.srv.WriteProfile(t, f.dir, rolesanywheretest.ProfileOptions{Name: "prod", Leaf: f.leaf, SessionName: "orders"})
	p, err := LoadProfile(path, "prod")
	if err != nil {
		t.Fatal(err)
	}
	prov, err := p.CredentialsProvider(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	id, err := Validate(context.Background(), prov, p.Region, WithSTSEndpoint(sts.URL))
	if err != nil {
		t.Fatalf("%v (sts: %v)", err, sts.LastError())
	}
	if id.ARN != "arn:aws:sts::123456789012:assumed-role/rolesanywheretest/orders" {
		t.Errorf("identity %+v", id)
	}
}

// issuedBy lets the fake STS accept credentials the fake Roles Anywhere
// endpoint issued.
func issuedBy(srv *rolesanywheretest.Server) func(string) (ststest.Key, bool) {
	return func(id string) (ststest.Key, bool) {
		for _, c := range srv.Credentials() {
			if c.AccessKeyID == id {
				role := c.Request.RoleARN[strings.LastIndex(c.Request.RoleARN, "/")+1:]
				return ststest.Key{
					AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken,
					Account: srv.Account(), ARN: "arn:aws:sts::" + srv.Account() + ":assumed-role/" + role + "/" + c.Request.RoleSessionName,
					UserID: "AROAEXAMPLE:" + c.Request.RoleSessionName,
				}, true
			}
		}
		return ststest.Key{}, false
	}
}

// TestAssumeRoleChain: assume_role_arn chains STS AssumeRole on top of a
// Roles Anywhere profile; the result is cached like any other.
func TestAssumeRoleChain(t *testing.T) {
	f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{})
	sts := ststest.NewServer(t)
	sts.Lookup = issuedBy(f.srv)
	path := f.srv.WriteProfile(t, f.dir, rolesanywheretest.ProfileOptions{Leaf: f.leaf, Extra: []string{
		"assume_role_arn: arn:aws:iam::444455556666:role/cross-account/publisher",
		"assume_role_external_id: ext-42",
		"assume_role_session_name: orders",
	}})
	p, err := LoadProfile(path, "", WithSTSEndpoint(sts.URL))
	if err != nil {
		t.Fatal(err)
	}
	prov, err := p.CredentialsProvider(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		mustRetrieve(t, prov)
	}
	if f.srv.Calls() != 1 || sts.Calls("AssumeRole") != 1 {
		t.Fatalf("%d CreateSession, %d AssumeRole calls; want 1 and 1 (sts: %v)", f.srv.Calls(), sts.Calls("AssumeRole"), sts.LastError())
	}
	id, err := Validate(context.Background(), prov, "", WithSTSEndpoint(sts.URL))
	if err != nil {
		t.Fatal(err)
	}
	if id.ARN != "arn:aws:sts::444455556666:assumed-role/publisher/orders" {
		t.Errorf("identity %+v", id)
	}

	// A refused AssumeRole is an error of Retrieve.
	p.AssumeRole.ExternalID = "wrong"
	prov, _ = p.CredentialsProvider(context.Background())
	if _, err := prov.Retrieve(context.Background()); err == nil || !strings.Contains(err.Error(), "AccessDenied") {
		t.Errorf("wrong external id: %v", err)
	}
}

func TestStaticAndDefaultChainProfiles(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/profiles.yaml"
	body := "profiles:\n" +
		"  dev:\n    use_static_credentials: true\n    access_key_id: " + alice.AccessKeyID + "\n    secret_access_key: ${SECRET}\n" +
		"  chain:\n    use_default_credentials: true\n    region: eu-west-1\n"
	if err := writeFile(path, body); err != nil {
		t.Fatal(err)
	}
	sts := ststest.NewServer(t)
	sts.AddKey(alice)

	dev, err := LoadProfile(path, "dev", env(map[string]string{"SECRET": alice.SecretAccessKey}))
	if err != nil {
		t.Fatal(err)
	}
	prov, err := dev.CredentialsProvider(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if id, err := Validate(context.Background(), prov, "", WithSTSEndpoint(sts.URL)); err != nil || id.ARN != alice.ARN {
		t.Fatalf("static: %v %v", id, err)
	}

	// The default chain, fed by the environment, with nothing else on
	// this machine to find (no shared files, no instance metadata).
	t.Setenv("AWS_ACCESS_KEY_ID", alice.AccessKeyID)
	t.Setenv("AWS_SECRET_ACCESS_KEY", alice.SecretAccessKey)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", dir+"/none")
	t.Setenv("AWS_CONFIG_FILE", dir+"/none")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	chain, err := LoadProfile(path, "chain")
	if err != nil {
		t.Fatal(err)
	}
	prov, err = chain.CredentialsProvider(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if id, err := Validate(context.Background(), prov, chain.Region, WithSTSEndpoint(sts.URL)); err != nil || id.ARN != alice.ARN {
		t.Fatalf("default chain: %v %v", id, err)
	}
}

func TestSignHTTP(t *testing.T) {
	keys := map[string]ststest.Key{alice.AccessKeyID: alice}
	temp := ststest.Key{AccessKeyID: "ASIAEXAMPLETEMP00001", SecretAccessKey: "temp-secret", SessionToken: "temp-token"}
	keys[temp.AccessKeyID] = temp
	var got http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body := make([]byte, r.ContentLength)
		_, _ = r.Body.Read(body)
		if _, err := ststest.VerifySigV4(r, body, "execute-api", func(id string) (ststest.Key, bool) { k, ok := keys[id]; return k, ok }); err != nil {
			http.Error(w, err.Error(), http.StatusForbidden)
			return
		}
		got = r.Header.Clone()
	}))
	t.Cleanup(srv.Close)

	send := func(prov aws.CredentialsProvider, so SignOptions, tamper func(*http.Request)) int {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/prod/orders?b=2&a=1%202", strings.NewReader(`{"order":42}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Custom", "  spaced   value ")
		if err := SignHTTP(context.Background(), prov, req, "execute-api", "eu-west-1", so); err != nil {
			t.Fatal(err)
		}
		if tamper != nil {
			tamper(req)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	static := credentials.NewStaticCredentialsProvider(alice.AccessKeyID, alice.SecretAccessKey, "")
	if code := send(static, SignOptions{}, nil); code != 200 {
		t.Fatalf("signed request refused: %d", code)
	}
	if !strings.HasPrefix(got.Get("Authorization"), "AWS4-HMAC-SHA256 Credential="+alice.AccessKeyID+"/") || got.Get("X-Amz-Date") == "" {
		t.Errorf("headers %v", got)
	}
	tempProv := credentials.NewStaticCredentialsProvider(temp.AccessKeyID, temp.SecretAccessKey, temp.SessionToken)
	if code := send(tempProv, SignOptions{ContentSHA256Header: true}, nil); code != 200 || got.Get("X-Amz-Security-Token") != temp.SessionToken {
		t.Fatalf("temporary credentials: %d", code)
	}
	if code := send(static, SignOptions{UnsignedPayload: true, ContentSHA256Header: true}, nil); code != 200 || got.Get("X-Amz-Content-Sha256") != "UNSIGNED-PAYLOAD" {
		t.Fatalf("unsigned payload: %d", code)
	}
	tampered := func(r *http.Request) { r.URL.RawQuery = "a=1&b=3" }
	if code := send(static, SignOptions{}, tampered); code != http.StatusForbidden {
		t.Errorf("tampered query accepted: %d", code)
	}
	old := SignOptions{Time: time.Now().Add(-time.Hour)}
	if code := send(static, old, nil); code != http.StatusForbidden {
		t.Errorf("an hour-old signature accepted: %d", code)
	}
}
