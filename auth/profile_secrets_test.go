package auth

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/go-sns/connector/internal/profilecases"
)

// TestProfileErrorsPointAtTheKey: every profile that fails to load with a
// secret in it (YAML syntax of every kind on every secret-bearing key,
// ${VAR} mistakes, key material pasted where a file name belongs) fails
// with a *ProfileError naming the file, the profile, the key, the rule and
// the key's line. That none of these errors quotes the secret is
// snsconnector's TestSecretsNeverLeave's to check, over the same cases.
func TestProfileErrorsPointAtTheKey(t *testing.T) {
	pf := newProfileFiles(t)
	keyPEM, err := os.ReadFile(filepath.Join(pf.dir, "certs", "leaf-key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	certPEM, err := os.ReadFile(filepath.Join(pf.dir, "certs", "leaf-cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range profilecases.Cases(profilecases.Files{RA: pf.ra, KeyPEM: keyPEM, CertPEM: certPEM, PKCS12: "certs/leaf.p12"}) {
		t.Run(c.Name, func(t *testing.T) {
			path := pf.write(t, c.File())
			_, err := LoadProfile(path, "prod")
			if err == nil {
				t.Fatalf("loaded:\n%s", c.File())
			}
			var pe *ProfileError
			for _, e := range unjoin(err) {
				if errors.Is(e, &ProfileError{Key: c.Key, Rule: Rule(c.Rule)}) {
					errors.As(e, &pe)
					break
				}
			}
			if pe == nil {
				t.Fatalf("no %s error on %s in: %v", c.Rule, c.Key, err)
			}
			if want := profilecases.KeyLine(c.File(), c.Key); pe.Line != want || pe.File != path || pe.Profile != "prod" {
				t.Errorf("line %d, file %q, profile %q; want line %d of %s: %v", pe.Line, pe.File, pe.Profile, want, path, pe)
			}
		})
	}
}
