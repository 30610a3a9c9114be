package auth

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/go-sns/connector/internal/profilecases"
)

// indentBlock writes a YAML block scalar ("|") holding text under a
// profile key.
var indentBlock = profilecases.IndentBlock

// TestLoadProfileInlinePEM: certificate, certificate_chain and private_key
// take the PEM itself, in every form a user pastes it or an environment
// variable holds it, and the profile really works.
func TestLoadProfileInlinePEM(t *testing.T) {
	pf := newProfileFiles(t)
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(pf.dir, "certs", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	cert, key := read("leaf-cert.pem"), read("leaf-key.pem")
	chainCert, chainKey, chain := read("chained-cert.pem"), read("chained-key.pem"), read("chained-chain.pem")
	oneLine := func(pem string) string { return strings.ReplaceAll(strings.TrimSpace(pem), "\n", `\n`) }
	folded := func(pem string) string { // a plain scalar over several lines: YAML folds them into one
		return strings.ReplaceAll(strings.TrimSpace(pem), "\n", "\n      ")
	}
	vars := env(map[string]string{"CERT": cert, "KEY": key, "KEY_ESCAPED": oneLine(key)})
	forms := map[string]map[string]string{
		"block scalars":              {"certificate": indentBlock(cert), "private_key": indentBlock(key)},
		"double-quoted, \\n":         {"certificate": strconv.Quote(cert), "private_key": strconv.Quote(key)},
		"single-quoted, literal \\n": {"certificate": "'" + oneLine(cert) + "'", "private_key": "'" + oneLine(key) + "'"},
		"folded plain scalar":        {"certificate": folded(cert), "private_key": folded(key)},
		"from the environment":       {"certificate": "${CERT}", "private_key": "${KEY}"},
		"environment, literal \\n":   {"certificate": "${CERT}", "private_key": "${KEY_ESCAPED}"},
		"inline key, file cert":      {"private_key": indentBlock(key)},
		"inline chain":               {"certificate": indentBlock(chainCert), "private_key": indentBlock(chainKey), "certificate_chain": indentBlock(chain)},
	}
	for name, over := range forms {
		t.Run(name, func(t *testing.T) {
			path := pf.write(t, "profiles:\n  prod:\n"+pf.ra(over))
			p, err := LoadProfile(path, "prod", vars)
			if err != nil {
				t.Fatal(err)
			}
			ra := p.RolesAnywhere
			if ra.Certificate == nil || ra.Signer == nil || checkKeyMatches(ra.Certificate, ra.Signer) != nil {
				t.Fatalf("certificate %v, signer %v", ra.Certificate, ra.Signer)
			}
			if _, ok := over["certificate_chain"]; ok && len(ra.Chain) != 1 {
				t.Errorf("%d chain certificates; want 1", len(ra.Chain))
			}
			if len(p.Warnings()) != 0 {
				t.Errorf("warnings for a 0600 profiles file: %q", p.Warnings())
			}
			prov, err := p.CredentialsProvider(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			mustRetrieve(t, prov)
		})
	}

	// A private key pasted into a profiles file others can read is a key
	// file others can read.
	path := pf.write(t, "profiles:\n  prod:\n"+pf.ra(forms["block scalars"]))
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := LoadProfile(path, "prod")
	if err != nil {
		t.Fatal(err)
	}
	if w := p.Warnings(); len(w) != 1 || !strings.Contains(w[0], "profiles file holding a private key") || !strings.Contains(w[0], "mode 0644") {
		t.Errorf("warnings %q", w)
	}
	// A variable in a key's file name is named when unset.
	path = pf.write(t, "profiles:\n  prod:\n"+pf.ra(map[string]string{"private_key": "${CERTS}/leaf-key.pem"}))
	if _, err := LoadProfile(path, "prod"); !errors.Is(err, &ProfileError{Key: "private_key", Rule: RuleUnsetVariable}) || !strings.Contains(err.Error(), "CERTS") {
		t.Errorf("unset variable in a file name: %v", err)
	}
	// From the environment, the key is not in the file: no warning.
	path = pf.write(t, "profiles:\n  prod:\n"+pf.ra(forms["from the environment"]))
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if p, err := LoadProfile(path, "prod", vars); err != nil || len(p.Warnings()) != 0 {
		t.Errorf("key from the environment: %v, warnings %q", err, p.Warnings())
	}
}

func TestInlinePEMForms(t *testing.T) {
	const want = "-----BEGIN X-----\n" + "QUJD\n" + "-----END X-----\n"
	for _, in := range []string{
		want,
		"  " + want + "\n\n",
		`-----BEGIN X-----\nQUJD\n-----END X-----`,
		"-----BEGIN X----- QUJD -----END X-----",
		"-----BEGIN X-----  QU JD  -----END X-----  ",
	} {
		if got := string(inlinePEM(in)); got != want {
			t.Errorf("inlinePEM(%q) = %q; want %q", in, got, want)
		}
	}
	long := strings.Repeat("A", 100)
	if got := string(inlinePEM("-----BEGIN K----- " + long + " -----END K-----")); got != "-----BEGIN K-----\n"+long[:64]+"\n"+long[64:]+"\n-----END K-----\n" {
		t.Errorf("a long body is not wrapped at 64: %q", got)
	}
}

func TestLooksLikeKeyMaterial(t *testing.T) {
	for s, want := range map[string]bool{
		"certs/leaf-key.pem":                      false,
		"/home/alice/.config/snsconnector/a.p12":  false,
		"C:\\Users\\alice\\certs\\leaf.pfx":       false,
		"-----BEGIN PRIVATE KEY-----":             true,
		"MIGHAgEAMBMGByqGSM49\nAgEGCCqGSM49":      true,
		`MIGHAgEA\nMBMG`:                          true,
		strings.Repeat("MIGHAgEAMBMGByqGSM49", 4): true,
		"a/" + strings.Repeat("b", 63):            true,
		"certs/" + strings.Repeat("MIGHAgEA", 8):  true,
		"/tmp/TestPKCS12WorkCapsCannotBeSteppedAround2101355503/001/certs/hostile.p12": false,
		"/home/alice/Documents/Certificates/Production/RolesAnywhere/Leaf/key.pem":     false,
	} {
		if got := looksLikeKeyMaterial(s); got != want {
			t.Errorf("looksLikeKeyMaterial(%q) = %v", s, got)
		}
	}
}
