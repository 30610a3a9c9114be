package auth

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-sns/connector/internal/rolesanywheretest"
	"github.com/go-sns/connector/region"
)

// profileFiles writes the certificates and keys the profile tests use.
type profileFiles struct {
	dir   string
	f     *fixture
	other *rolesanywheretest.Leaf // same CA, another key
}

func newProfileFiles(t *testing.T) *profileFiles {
	t.Helper()
	f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{Region: "eu-west-1"})
	dir := f.dir
	certs := filepath.Join(dir, "certs")
	f.leaf.WritePEM(certs, "leaf-", rolesanywheretest.PKCS8)
	f.leaf.WritePEM(certs, "sec1-", rolesanywheretest.SEC1)
	f.leaf.WritePKCS12(certs, "leaf.p12", "p12-secret")
	inter := f.ca.Intermediate(rolesanywheretest.P384)
	inter.Issue(rolesanywheretest.LeafOptions{KeyType: rolesanywheretest.P384}).WritePEM(certs, "chained-", rolesanywheretest.PKCS8)
	inter.Issue(rolesanywheretest.LeafOptions{KeyType: rolesanywheretest.P384}).WritePKCS12(certs, "chained.p12", "")
	rsa := f.ca.Issue(rolesanywheretest.LeafOptions{KeyType: rolesanywheretest.RSA2048})
	rsa.WritePEM(certs, "rsa1-", rolesanywheretest.PKCS1)
	other := f.ca.Issue(rolesanywheretest.LeafOptions{})
	other.WritePEM(certs, "other-", rolesanywheretest.PKCS8)
	f.ca.Issue(rolesanywheretest.LeafOptions{NotBefore: time.Now().Add(-48 * time.Hour), NotAfter: time.Now().Add(-time.Hour)}).WritePEM(certs, "expired-", rolesanywheretest.PKCS8)
	f.ca.Issue(rolesanywheretest.LeafOptions{NotBefore: time.Now().Add(24 * time.Hour), NotAfter: time.Now().Add(48 * time.Hour)}).WritePEM(certs, "future-", rolesanywheretest.PKCS8)
	f.ca.Issue(rolesanywheretest.LeafOptions{KeyType: rolesanywheretest.P521}).WritePEM(certs, "p521-", rolesanywheretest.PKCS8)
	if err := os.WriteFile(filepath.Join(certs, "garbage.pem"), []byte("not pem"), 0o600); err != nil {
		t.Fatal(err)
	}
	return &profileFiles{dir: dir, f: f, other: other}
}

// ra returns the lines of a valid Roles Anywhere profile, with overrides:
// a key mapped to "" is removed.
func (pf *profileFiles) ra(over map[string]string) string {
	kv := map[string]string{
		"use_static_credentials": "false",
		"role_arn":               pf.f.srv.RoleARN(),
		"profile_arn":            pf.f.srv.ProfileARN(),
		"trust_anchor_arn":       pf.f.srv.TrustAnchorARN(),
		"certificate":            "certs/leaf-cert.pem",
		"private_key":            "certs/leaf-key.pem",
		"endpoint":               pf.f.srv.URL,
	}
	for k, v := range over {
		kv[k] = v
	}
	order := []string{"use_static_credentials", "role_arn", "profile_arn", "trust_anchor_arn", "certificate", "private_key"}
	var b strings.Builder
	seen := map[string]bool{}
	for _, k := range order {
		seen[k] = true
		if kv[k] != "" {
			fmt.Fprintf(&b, "    %s: %s\n", k, kv[k])
		}
	}
	for k, v := range kv {
		if !seen[k] && v != "" {
			fmt.Fprintf(&b, "    %s: %s\n", k, v)
		}
	}
	return b.String()
}

func (pf *profileFiles) write(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(pf.dir, "profiles.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func env(vars map[string]string) Option {
	return WithLookupEnv(func(k string) (string, bool) {
		v, ok := vars[k]
		return v, ok
	})
}

// TestLoadProfileErrors: every mistake is a *ProfileError naming the file,
// the profile, the key and the rule, with the line of the key.
func TestLoadProfileErrors(t *testing.T) {
	pf := newProfileFiles(t)
	static := "    use_static_credentials: true\n    access_key_id: AKIAIOSFODNN7EXAMPLE\n    secret_access_key: ${DEV_SECRET}\n"
	cases := []struct {
		name     string
		body     string // profile "prod", or a whole file when it starts with "!"
		key      string
		rule     Rule
		noLine   bool
		contains string
	}{
		{"unknown key", pf.ra(map[string]string{"role_ar": "x"}), "role_ar", RuleUnknownKey, false, `did you mean "role_arn"`},
		{"no method", "    region: eu-west-1\n", "use_static_credentials", RuleRequired, true, "choose a method"},
		{"both methods", static + "    use_default_credentials: true\n", "use_default_credentials", RuleConflict, false, ""},
		{"static without secret", "    use_static_credentials: true\n    access_key_id: AKIAIOSFODNN7EXAMPLE\n", "secret_access_key", RuleRequired, true, ""},
		{"static without key id", "    use_static_credentials: true\n    secret_access_key: x\n", "access_key_id", RuleRequired, true, ""},
		{"static bad key id", "    use_static_credentials: true\n    access_key_id: akia-lower\n    secret_access_key: x\n", "access_key_id", RuleFormat, false, ""},
		{"static with a Roles Anywhere key", static + "    role_arn: arn:aws:iam::111122223333:role/x\n", "role_arn", RuleConflict, false, "roles-anywhere"},
		{"Roles Anywhere with a static key", pf.ra(map[string]string{"access_key_id": "AKIAIOSFODNN7EXAMPLE"}), "access_key_id", RuleConflict, false, ""},
		{"default chain with a certificate", "    use_default_credentials: true\n    certificate: certs/leaf-cert.pem\n", "certificate", RuleConflict, false, ""},
		{"missing role_arn", pf.ra(map[string]string{"role_arn": ""}), "role_arn", RuleRequired, true, ""},
		{"missing trust anchor", pf.ra(map[string]string{"trust_anchor_arn": ""}), "trust_anchor_arn", RuleRequired, true, ""},
		{"missing certificate", pf.ra(map[string]string{"certificate": ""}), "certificate", RuleRequired, true, ""},
		{"missing private key", pf.ra(map[string]string{"private_key": ""}), "private_key", RuleRequired, true, ""},
		{"malformed role ARN", pf.ra(map[string]string{"role_arn": "arn:aws:iam::1111:role/x"}), "role_arn", RuleFormat, false, "12 digits"},
		{"malformed trust anchor ARN", pf.ra(map[string]string{"trust_anchor_arn": "arn:aws:rolesanywhere:eu-west-1:111122223333:anchor/x"}), "trust_anchor_arn", RuleFormat, false, ""},
		{"malformed profile ARN", pf.ra(map[string]string{"profile_arn": "not-an-arn"}), "profile_arn", RuleFormat, false, ""},
		{"bad duration", pf.ra(map[string]string{"duration": "an hour"}), "duration", RuleFormat, false, ""},
		{"duration out of range", pf.ra(map[string]string{"duration": "13h"}), "duration", RuleRange, false, "15m0s..12h0m0s"},
		{"duration seconds out of range", pf.ra(map[string]string{"duration": "60"}), "duration", RuleRange, false, ""},
		{"unreadable certificate", pf.ra(map[string]string{"certificate": "certs/missing.pem"}), "certificate", RuleNotFound, false, "missing.pem"},
		{"certificate is a folder", pf.ra(map[string]string{"certificate": "certs"}), "certificate", RuleUnreadable, false, "not a regular file"},
		{"certificate not PEM", pf.ra(map[string]string{"certificate": "certs/garbage.pem"}), "certificate", RuleFormat, false, ""},
		{"key not PEM", pf.ra(map[string]string{"private_key": "certs/garbage.pem"}), "private_key", RuleFormat, false, ""},
		{"key does not match", pf.ra(map[string]string{"private_key": "certs/other-key.pem"}), "private_key", RuleKeyMismatch, false, ""},
		{"certificate expired", pf.ra(map[string]string{"certificate": "certs/expired-cert.pem", "private_key": "certs/expired-key.pem"}), "certificate", RuleExpired, false, "expired at"},
		{"certificate not yet valid", pf.ra(map[string]string{"certificate": "certs/future-cert.pem", "private_key": "certs/future-key.pem"}), "certificate", RuleNotYetValid, false, ""},
		{"unsupported curve", pf.ra(map[string]string{"certificate": "certs/p521-cert.pem", "private_key": "certs/p521-key.pem"}), "private_key", RuleUnsupported, false, "P-521"},
		{"unset variable", static, "secret_access_key", RuleUnsetVariable, false, "DEV_SECRET"},
		{"unterminated variable", pf.ra(map[string]string{"session_name": "${NAME"}), "session_name", RuleFormat, false, ""},
		{"pkcs12 with PEM keys", pf.ra(map[string]string{"pkcs12": "certs/leaf.p12"}), "certificate", RuleConflict, false, ""},
		{"pkcs12 wrong password", pf.ra(map[string]string{"certificate": "", "private_key": "", "pkcs12": "certs/leaf.p12", "pkcs12_password": "wrong"}), "pkcs12", RuleUnreadable, false, "pkcs12_password"},
		{"pkcs12 password alone", pf.ra(map[string]string{"pkcs12_password": "x"}), "pkcs12_password", RuleConflict, false, ""},
		{"plain http to a remote endpoint", pf.ra(map[string]string{"endpoint": "http://rolesanywhere.example.com"}), "endpoint", RuleInsecure, false, "loopback"},
		{"endpoint not a URL", pf.ra(map[string]string{"endpoint": "ftp://x"}), "endpoint", RuleFormat, false, ""},
		{"region not a code", pf.ra(map[string]string{"region": "Ireland"}), "region", RuleFormat, false, ""},
		{"region not the trust anchor's", pf.ra(map[string]string{"region": "us-east-1"}), "region", RuleConflict, false, "eu-west-1"},
		{"bad session name", pf.ra(map[string]string{"session_name": `"a b"`}), "session_name", RuleFormat, false, ""},
		{"bad boolean", "    use_static_credentials: maybe\n", "use_static_credentials", RuleFormat, false, ""},
		{"list value", pf.ra(map[string]string{"certificate_chain": "[a, b]"}), "certificate_chain", RuleFormat, false, ""},
		{"duplicate key", pf.ra(nil) + "    role_arn: arn:aws:iam::111122223333:role/y\n", "role_arn", RuleConflict, false, "defined twice"},
		{"assume-role key without ARN", static + "    assume_role_external_id: xyz\n", "assume_role_external_id", RuleRequired, false, ""},
		{"assume-role ARN malformed", static + "    assume_role_arn: role/x\n", "assume_role_arn", RuleFormat, false, ""},
		{"assume-role duration", static + "    assume_role_arn: arn:aws:iam::111122223333:role/x\n    assume_role_duration: 5m\n", "assume_role_duration", RuleRange, false, ""},
		{"no such profile", "!profiles:\n  dev:\n" + static, "", RuleNotFound, false, `"dev"`},
		{"empty file", "!", "", RuleSyntax, true, "empty"},
		{"not YAML", "!profiles: [\n", "", RuleSyntax, true, ""},
		{"unknown top-level key", "!profile:\n  prod:\n" + static, "", RuleUnknownKey, false, ""},
		{"profile twice", "!profiles:\n  prod:\n" + static + "  prod:\n" + static, "", RuleConflict, false, ""},
		{"profile not a mapping", "!profiles:\n  prod: yes\n", "", RuleSyntax, false, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			body := "profiles:\n  prod:\n" + c.body
			if rest, ok := strings.CutPrefix(c.body, "!"); ok {
				body = rest
			}
			path := pf.write(t, body)
			_, err := LoadProfile(path, "prod", env(map[string]string{"NAME": "x"}))
			if err == nil {
				t.Fatalf("no error for:\n%s", body)
			}
			var pe *ProfileError
			if !errors.As(err, &pe) || !errors.Is(err, &ProfileError{Key: c.key, Rule: c.rule}) {
				t.Fatalf("got %v\nwant key %q rule %s", err, c.key, c.rule)
			}
			// Find the matching one among joined errors.
			for _, e := range unjoin(err) {
				if errors.Is(e, &ProfileError{Key: c.key, Rule: c.rule}) {
					errors.As(e, &pe)
					break
				}
			}
			msg := pe.Error()
			if pe.File != path || pe.Profile != "prod" || !strings.Contains(msg, path) || !strings.Contains(msg, `profile "prod"`) {
				t.Errorf("error does not name file and profile: %s", msg)
			}
			if c.key != "" && !strings.Contains(msg, fmt.Sprintf("key %q", c.key)) {
				t.Errorf("error does not name the key: %s", msg)
			}
			if !strings.Contains(msg, string(c.rule)) || !strings.Contains(msg, c.contains) {
				t.Errorf("error lacks %q or the rule: %s", c.contains, msg)
			}
			if !c.noLine && pe.Line == 0 {
				t.Errorf("no line number: %s", msg)
			}
		})
	}
	if n := pf.f.srv.Calls(); n != 0 {
		t.Errorf("%d requests reached the server while loading profiles", n)
	}
}

func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

func TestLoadProfileReportsAllMistakes(t *testing.T) {
	pf := newProfileFiles(t)
	path := pf.write(t, "profiles:\n  prod:\n"+pf.ra(map[string]string{"role_arn": "x", "duration": "1y", "colour": "blue"}))
	_, err := LoadProfile(path, "prod")
	for _, want := range []*ProfileError{{Key: "role_arn", Rule: RuleFormat}, {Key: "duration", Rule: RuleFormat}, {Key: "colour", Rule: RuleUnknownKey}} {
		if !errors.Is(err, want) {
			t.Errorf("missing %s error on %s in %v", want.Rule, want.Key, err)
		}
	}
}

func TestLoadProfileUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	_, err := LoadProfile(filepath.Join(dir, "nope.yaml"), "x")
	if !errors.Is(err, &ProfileError{Rule: RuleNotFound}) || !errors.Is(err, os.ErrNotExist) || !strings.Contains(err.Error(), "nope.yaml") {
		t.Errorf("missing file: %v", err)
	}
	_, err = LoadProfile(dir, "x")
	if !errors.Is(err, &ProfileError{Rule: RuleUnreadable}) {
		t.Errorf("folder: %v", err)
	}
}

func TestLoadProfileMethods(t *testing.T) {
	pf := newProfileFiles(t)
	srv := pf.f.srv
	file := "profiles:\n" +
		"  dev:\n    use_static_credentials: true\n    access_key_id: AKIAIOSFODNN7EXAMPLE\n    secret_access_key: ${DEV_SECRET}\n    region: eu_west_1\n" +
		"  prod:\n" + pf.ra(map[string]string{"duration": "2h", "session_name": "orders-service", "certificate_chain": "certs/leaf-cert.pem"}) +
		"  p12:\n" + pf.ra(map[string]string{"certificate": "", "private_key": "", "pkcs12": "certs/leaf.p12", "pkcs12_password": "${P12_PASSWORD}", "duration": "3600"}) +
		"  chained:\n" + pf.ra(map[string]string{"certificate": "certs/chained-cert.pem", "private_key": "certs/chained-key.pem", "certificate_chain": "certs/chained-chain.pem"}) +
		"  chainedp12:\n" + pf.ra(map[string]string{"certificate": "", "private_key": "", "pkcs12": "certs/chained.p12"}) +
		"  sec1:\n" + pf.ra(map[string]string{"private_key": "certs/sec1-key.pem"}) +
		"  rsa1:\n" + pf.ra(map[string]string{"certificate": "certs/rsa1-cert.pem", "private_key": "certs/rsa1-key.pem"}) +
		"  fips:\n" + pf.ra(map[string]string{"endpoint": "", "use_fips_endpoint": "true"}) +
		"  chain:\n    use_default_credentials: true\n    aws_profile: ops\n    assume_role_arn: arn:aws:iam::111122223333:role/publisher\n    assume_role_external_id: ext-42\n    assume_role_session_name: orders\n    assume_role_duration: 30m\n"
	path := pf.write(t, file)
	vars := env(map[string]string{"DEV_SECRET": "dev-secret-value", "P12_PASSWORD": "p12-secret"})

	dev, err := LoadProfile(path, "dev", vars)
	if err != nil {
		t.Fatal(err)
	}
	if dev.Method != MethodStatic || dev.Static.AccessKeyID != "AKIAIOSFODNN7EXAMPLE" || dev.Static.SecretAccessKey.Reveal() != "dev-secret-value" || dev.Region != region.EUWest1 {
		t.Errorf("dev = %v", dev)
	}

	prod, err := LoadProfile(path, "prod", vars)
	if err != nil {
		t.Fatal(err)
	}
	ra := prod.RolesAnywhere
	if prod.Method != MethodRolesAnywhere || ra.Duration != 2*time.Hour || ra.SessionName != "orders-service" ||
		prod.Region != "eu-west-1" || ra.Certificate.SerialNumber.Cmp(pf.f.leaf.Cert.SerialNumber) != 0 || len(ra.Chain) != 1 {
		t.Errorf("prod = %v", prod)
	}

	for name, chain := range map[string]int{"p12": 0, "chained": 1, "chainedp12": 1, "sec1": 0, "rsa1": 0} {
		p, err := LoadProfile(path, name, vars)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(p.RolesAnywhere.Chain) != chain {
			t.Errorf("%s: %d chain certificates, want %d", name, len(p.RolesAnywhere.Chain), chain)
		}
		if name == "p12" && p.RolesAnywhere.Duration != time.Hour {
			t.Errorf("duration in seconds read as %s", p.RolesAnywhere.Duration)
		}
		// The fake checks signature and chain: these profiles really work.
		prov, err := p.CredentialsProvider(t.Context())
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, err := prov.Retrieve(t.Context()); err != nil {
			t.Errorf("%s: Retrieve: %v (server: %v)", name, err, srv.LastError())
		}
	}

	fips, err := LoadProfile(path, "fips", vars)
	if err != nil {
		t.Fatal(err)
	}
	prov, err := NewRolesAnywhereProvider(fips.RolesAnywhere)
	if err != nil {
		t.Fatal(err)
	}
	if prov.Endpoint() != "https://rolesanywhere-fips.eu-west-1.amazonaws.com" {
		t.Errorf("FIPS endpoint %s", prov.Endpoint())
	}

	chain, err := LoadProfile(path, "chain", vars)
	if err != nil {
		t.Fatal(err)
	}
	want := AssumeRole{RoleARN: "arn:aws:iam::111122223333:role/publisher", ExternalID: "ext-42", SessionName: "orders", Duration: 30 * time.Minute}
	if chain.Method != MethodDefaultChain || chain.AWSProfile != "ops" || chain.AssumeRole == nil || *chain.AssumeRole != want {
		t.Errorf("chain = %v", chain)
	}
}

func TestLoadProfileLocation(t *testing.T) {
	dir := t.TempDir()
	write := func(path, name string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		body := fmt.Sprintf("profiles:\n  %s:\n    use_default_credentials: true\n", name)
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	explicit := filepath.Join(dir, "explicit.yaml")
	fromEnv := filepath.Join(dir, "env.yaml")
	xdg := filepath.Join(dir, "xdg")
	write(explicit, "default")
	write(fromEnv, "staging")
	write(filepath.Join(xdg, "snsconnector", "profiles.yaml"), "default")

	cases := []struct {
		path, name string
		env        map[string]string
		file, prof string
	}{
		{explicit, "", map[string]string{}, explicit, "default"},
		{"", "", map[string]string{"SNSCONNECTOR_CONFIG": fromEnv, "SNSCONNECTOR_PROFILE": "staging"}, fromEnv, "staging"},
		{"", "", map[string]string{"XDG_CONFIG_HOME": xdg}, filepath.Join(xdg, "snsconnector", "profiles.yaml"), "default"},
		{"", "staging", map[string]string{"SNSCONNECTOR_CONFIG": fromEnv, "SNSCONNECTOR_PROFILE": "other"}, fromEnv, "staging"},
	}
	for _, c := range cases {
		p, err := LoadProfile(c.path, c.name, env(c.env))
		if err != nil {
			t.Errorf("%v: %v", c, err)
			continue
		}
		if p.File != c.file || p.Name != c.prof {
			t.Errorf("%v: loaded %s / %s", c, p.File, p.Name)
		}
	}
	def, err := DefaultPath()
	if err != nil || !strings.HasSuffix(def, filepath.Join("snsconnector", "profiles.yaml")) {
		t.Errorf("DefaultPath() = %s, %v", def, err)
	}
}

func TestLoadProfileWarnsOnOpenKeyFile(t *testing.T) {
	pf := newProfileFiles(t)
	key := filepath.Join(pf.dir, "certs", "leaf-key.pem")
	if err := os.Chmod(key, 0o644); err != nil {
		t.Fatal(err)
	}
	var logs logBuffer
	p, err := LoadProfile(pf.write(t, "profiles:\n  prod:\n"+pf.ra(nil)), "prod", WithLogger(newJSONLogger(&logs)))
	if err != nil {
		t.Fatal(err)
	}
	w := p.Warnings()
	if len(w) != 1 || !strings.Contains(w[0], "readable by group or others (mode 0644)") || !strings.Contains(logs.String(), "chmod 600") {
		t.Errorf("warnings %q, log %s", w, logs.String())
	}
	if err := os.Chmod(key, 0o600); err != nil {
		t.Fatal(err)
	}
	p, err = LoadProfile(filepath.Join(pf.dir, "profiles.yaml"), "prod")
	if err != nil || len(p.Warnings()) != 0 {
		t.Errorf("mode 0600: %v %q", err, p.Warnings())
	}
}

func TestLoadProfileWithSigner(t *testing.T) {
	pf := newProfileFiles(t)
	path := pf.write(t, "profiles:\n  hsm:\n"+pf.ra(map[string]string{"private_key": ""}))
	// An HSM-held key is any crypto.Signer; here the leaf's own key.
	p, err := LoadProfile(path, "hsm", WithSigner(opaqueSigner{pf.f.leaf.Key}))
	if err != nil {
		t.Fatal(err)
	}
	prov, err := p.CredentialsProvider(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	mustRetrieve(t, prov)
	// A signer for another key is refused at load.
	_, err = LoadProfile(path, "hsm", WithSigner(pf.other.Key))
	if !errors.Is(err, &ProfileError{Key: "private_key", Rule: RuleKeyMismatch}) {
		t.Errorf("mismatched signer: %v", err)
	}
}

func TestExpand(t *testing.T) {
	lookup := func(k string) (string, bool) {
		v, ok := map[string]string{"A": "x", "EMPTY": ""}[k]
		return v, ok
	}
	cases := map[string]string{
		"plain":       "plain",
		"${A}":        "x",
		"a${A}b${A}c": "axbxc",
		"$${A}":       "${A}",
		"${EMPTY}-":   "-",
		"cost $5":     "cost $5",
		"$A":          "$A",
	}
	for in, want := range cases {
		if got, err := expand(in, lookup); err != nil || got != want {
			t.Errorf("expand(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"${UNSET}", "${A", "${1A}", "${}"} {
		if _, err := expand(in, lookup); err == nil {
			t.Errorf("expand(%q): no error", in)
		}
	}
}
