package auth

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-sns/connector/internal/rolesanywheretest"
)

// TestSecretsNeverLeave runs every path that handles secrets with known
// values (static secret and token, PKCS#12 password, private keys, issued
// credentials) and checks that none of them shows up in fmt output (every
// verb), slog output (JSON and text), JSON encoding, logs or errors.
// AccessKeyID is not secret and may appear.
func TestSecretsNeverLeave(t *testing.T) {
	const (
		staticSecret = "STATICsecretVALUEwJalrXUtnFEMI"
		staticToken  = "STATICsessionTOKENvalueIQoJb3J"
		p12Password  = "P12passwordVALUE-7c1f"
	)
	f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{})
	rsaLeaf := f.ca.Issue(rolesanywheretest.LeafOptions{KeyType: rolesanywheretest.RSA2048})
	dir := f.dir
	f.leaf.WritePKCS12(filepath.Join(dir, "certs"), "leaf.p12", p12Password)
	rsaFiles := rsaLeaf.WritePEM(filepath.Join(dir, "certs"), "rsa-", rolesanywheretest.PKCS1)
	keyPEM, err := os.ReadFile(rsaFiles.PrivateKey)
	if err != nil {
		t.Fatal(err)
	}
	ra := func(extra string) string {
		return fmt.Sprintf("    use_static_credentials: false\n    role_arn: %s\n    profile_arn: %s\n    trust_anchor_arn: %s\n    endpoint: %s\n%s",
			f.srv.RoleARN(), f.srv.ProfileARN(), f.srv.TrustAnchorARN(), f.srv.URL, extra)
	}
	body := "profiles:\n" +
		"  dev:\n    use_static_credentials: true\n    access_key_id: AKIAIOSFODNN7EXAMPLE\n    secret_access_key: ${S}\n    session_token: ${T}\n" +
		"  p12:\n" + ra("    pkcs12: certs/leaf.p12\n    pkcs12_password: ${P}\n") +
		"  rsa:\n" + ra("    certificate: certs/rsa-cert.pem\n    private_key: certs/rsa-key.pem\n") +
		"  badpass:\n" + ra("    pkcs12: certs/leaf.p12\n    pkcs12_password: ${P}x\n")
	path := filepath.Join(dir, "profiles.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}

	var logs logBuffer
	opts := []Option{env(map[string]string{"S": staticSecret, "T": staticToken, "P": p12Password}), WithLogger(newJSONLogger(&logs))}
	secrets := []string{staticSecret, staticToken, p12Password}
	// Key material: PEM body lines and the private scalars in every base.
	for _, line := range strings.Split(string(keyPEM), "\n") {
		if len(line) > 20 && !strings.HasPrefix(line, "-----") {
			secrets = append(secrets, line)
		}
	}
	addKey := func(k any) {
		switch k := k.(type) {
		case *rsa.PrivateKey:
			secrets = append(secrets, k.D.String(), k.D.Text(16), k.Primes[0].String(), k.Primes[0].Text(16))
		case *ecdsa.PrivateKey:
			d, _ := k.Bytes()
			secrets = append(secrets, fmt.Sprint(new(bytesInt).set(d)), fmt.Sprintf("%x", d))
		}
	}
	addKey(rsaLeaf.Key)
	addKey(f.leaf.Key)

	var out bytes.Buffer
	text := slog.New(slog.NewTextHandler(&out, nil))
	jsonLog := slog.New(slog.NewJSONHandler(&out, nil))
	show := func(vals ...any) {
		for _, v := range vals {
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
				fmt.Fprintf(&out, verb+"\n", v)
			}
			text.Info("value", "v", v)
			jsonLog.Info("value", "v", v)
			b, _ := json.Marshal(v)
			out.Write(b)
			if s, ok := v.(fmt.Stringer); ok {
				out.WriteString(s.String())
			}
		}
	}

	ctx := context.Background()
	for _, name := range []string{"dev", "p12", "rsa"} {
		p, err := LoadProfile(path, name, opts...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		show(p, *p, p.Static, p.RolesAnywhere, p.Static.SecretAccessKey, p.Static.SessionToken)
		prov, err := p.CredentialsProvider(ctx)
		if err != nil {
			t.Fatal(err)
		}
		show(prov)
		if name != "dev" {
			raProv, err := NewRolesAnywhereProvider(p.RolesAnywhere)
			if err != nil {
				t.Fatal(err)
			}
			show(raProv, *raProv)
		}
		if _, err := prov.Retrieve(ctx); err != nil {
			t.Fatal(err)
		}
		// Reached through unexported fields, fmt cannot call Format and
		// dumps values raw for verbs like %s: still nothing may leak. The
		// profile and the provider (whose cache holds the last
		// credentials, behind a function) are dumped that way.
		raw := []any{struct{ p *Profile }{p}, struct{ p *Provider }{prov}, *prov}
		for _, v := range raw {
			for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%x", "%d"} {
				fmt.Fprintf(&out, verb+"\n", v)
			}
		}
	}
	// The issued credentials are secret too (we never print them; the
	// logs of Retrieve must not either).
	for _, c := range f.srv.Credentials() {
		secrets = append(secrets, c.SecretAccessKey, c.SessionToken)
	}
	// Errors: a wrong PKCS#12 password, and a failing service.
	if _, err := LoadProfile(path, "badpass", opts...); err == nil {
		t.Fatal("wrong password accepted")
	} else {
		show(err)
	}
	f.srv.FailAlways(&rolesanywheretest.Fault{Status: 403, Code: "AccessDeniedException", Message: "denied"})
	p, _ := LoadProfile(path, "p12", opts...)
	prov, _ := p.CredentialsProvider(ctx)
	if _, err := prov.Retrieve(ctx); !errors.Is(err, ErrAccessDenied) {
		t.Fatalf("got %v", err)
	} else {
		show(err)
	}

	all := out.String() + logs.String()
	for _, s := range secrets {
		if strings.Contains(all, s) {
			i := strings.Index(all, s)
			t.Errorf("secret %.12s... leaked: %q", s, all[max(0, i-300):i])
		}
	}
	if !strings.Contains(all, "AKIAIOSFODNN7EXAMPLE") || !strings.Contains(all, redacted) {
		t.Error("the output does not look like what was expected; is the test still printing?")
	}
}

// bytesInt prints big-endian bytes as a decimal number.
type bytesInt struct{ b []byte }

func (b *bytesInt) set(x []byte) *bytesInt { b.b = x; return b }
func (b *bytesInt) String() string {
	n := new(big.Int)
	n.SetBytes(b.b)
	return n.String()
}

func TestSecretFormats(t *testing.T) {
	s := NewSecret("hunter2")
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%10s"} {
		if got := fmt.Sprintf(verb, s); strings.Contains(got, "hunter2") || !strings.Contains(got, "REDACTED") {
			t.Errorf("%s: %q", verb, got)
		}
	}
	if s.Reveal() != "hunter2" || fmt.Sprint(Secret{}) != "" {
		t.Error("Reveal or empty secret")
	}
	b, _ := json.Marshal(struct{ S Secret }{s})
	if string(b) != `{"S":"[REDACTED]"}` {
		t.Errorf("json: %s", b)
	}
}
