package rolesanywheretest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// ProfileOptions shape the profile [Server.WriteProfile] writes.
type ProfileOptions struct {
	Name      string    // profile name; default "default"
	Leaf      *Leaf     // the certificate and key to use; required
	KeyFormat KeyFormat // PEM format of the key; default PKCS#8
	// PKCS12Password, when set, writes one PKCS#12 file (pkcs12 and
	// pkcs12_password keys) instead of PEM files.
	PKCS12Password string
	Duration       string // "duration" value, e.g. "15m"; empty: omitted (1h)
	SessionName    string // "session_name"; empty: omitted
	// Extra is appended to the profile, one "key: value" per line.
	Extra []string
}

// WriteProfile writes dir/profiles.yaml with one IAM Roles Anywhere profile
// whose endpoint is this server, plus the certificate and key files it
// names (under dir/certs, relative to the profiles file as users write
// them). It returns the path of profiles.yaml. Load it with
// auth.LoadProfile(path, o.Name).
func (s *Server) WriteProfile(t testing.TB, dir string, o ProfileOptions) string {
	t.Helper()
	if o.Leaf == nil {
		t.Fatal("rolesanywheretest: ProfileOptions.Leaf is nil")
	}
	if o.Name == "" {
		o.Name = "default"
	}
	certs := filepath.Join(dir, "certs")
	lines := []string{
		"use_static_credentials: false",
		"role_arn: " + s.RoleARN(),
		"profile_arn: " + s.ProfileARN(),
		"trust_anchor_arn: " + s.TrustAnchorARN(),
		"endpoint: " + s.URL,
	}
	prefix := o.Name + "-"
	if o.PKCS12Password != "" {
		o.Leaf.WritePKCS12(certs, prefix+"bundle.p12", o.PKCS12Password)
		lines = append(lines, "pkcs12: certs/"+prefix+"bundle.p12", "pkcs12_password: "+quote(o.PKCS12Password))
	} else {
		f := o.Leaf.WritePEM(certs, prefix, o.KeyFormat)
		lines = append(lines, "certificate: certs/"+filepath.Base(f.Certificate), "private_key: certs/"+filepath.Base(f.PrivateKey))
		if f.Chain != "" {
			lines = append(lines, "certificate_chain: certs/"+filepath.Base(f.Chain))
		}
	}
	if o.Duration != "" {
		lines = append(lines, "duration: "+o.Duration)
	}
	if o.SessionName != "" {
		lines = append(lines, "session_name: "+o.SessionName)
	}
	lines = append(lines, o.Extra...)

	var b strings.Builder
	b.WriteString("# Written by rolesanywheretest for a test; throwaway material.\nprofiles:\n")
	fmt.Fprintf(&b, "  %s:\n", o.Name)
	for _, l := range lines {
		b.WriteString("    " + l + "\n")
	}
	path := filepath.Join(dir, "profiles.yaml")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// quote returns s as a YAML double-quoted string.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}
