package auth

import (
	"encoding/base64"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// profileLeakCase is one way of writing a profile that fails to load with
// a secret in it: the error must name the key, the rule and the line, and
// no rendering of it may contain any of the secrets.
type profileLeakCase struct {
	name    string
	body    string // the lines of profile "prod"
	key     string
	rule    Rule
	secrets []string
}

// TestProfileErrorsNeverQuoteSecrets drives every error path of the
// profile loader that a secret value can reach (YAML syntax of every
// kind, YAML anchors, aliases and tags, ${VAR} mistakes, key material
// pasted where a file name belongs) and searches every rendering of the
// error (Error, each fmt verb, every wrapped error) for the secrets.
func TestProfileErrorsNeverQuoteSecrets(t *testing.T) {
	pf := newProfileFiles(t)
	for _, c := range profileLeakCases(t, pf) {
		t.Run(c.name, func(t *testing.T) {
			body := "profiles:\n  prod:\n" + c.body
			path := pf.write(t, body)
			_, err := LoadProfile(path, "prod")
			if err == nil {
				t.Fatalf("loaded:\n%s", body)
			}
			var pe *ProfileError
			for _, e := range unjoin(err) {
				if errors.Is(e, &ProfileError{Key: c.key, Rule: c.rule}) {
					errors.As(e, &pe)
					break
				}
			}
			if pe == nil {
				t.Fatalf("no %s error on %s in: %v", c.rule, c.key, err)
			}
			if want := keyLineOf(body, c.key); pe.Line != want || pe.File != path || pe.Profile != "prod" {
				t.Errorf("line %d, file %q, profile %q; want line %d of %s: %v", pe.Line, pe.File, pe.Profile, want, path, pe)
			}
			for _, out := range renderings(err) {
				for _, s := range c.secrets {
					if i := strings.Index(out, s); i >= 0 {
						t.Errorf("a secret (%.6s...) is quoted: %s", s, out)
					}
				}
			}
		})
	}
}

// profileLeakCases are the cases of TestProfileErrorsNeverQuoteSecrets,
// over the files pf wrote.
func profileLeakCases(t *testing.T, pf *profileFiles) []profileLeakCase {
	keyPEM, err := os.ReadFile(filepath.Join(pf.dir, "certs", "leaf-key.pem"))
	if err != nil {
		t.Fatal(err)
	}
	certPEM, err := os.ReadFile(filepath.Join(pf.dir, "certs", "leaf-cert.pem"))
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(keyPEM)
	keyLines := pemBodyLines(keyPEM)
	certLines := pemBodyLines(certPEM)
	keyB64 := base64.StdEncoding.EncodeToString(block.Bytes)
	// A PEM with its body cut short: armour right, content broken.
	brokenKey := "-----BEGIN PRIVATE KEY-----\n" + strings.Join(keyLines[:len(keyLines)-1], "\n") + "\n-----END PRIVATE KEY-----\n"
	brokenCert := "-----BEGIN CERTIFICATE-----\n" + strings.Join(certLines[:2], "\n") + "\n-----END CERTIFICATE-----\n"

	const secret = "S3cr3tV4lu3xQ"
	static := func(key, value string) string {
		lines := map[string]string{"secret_access_key": "x", "session_token": "t"}
		lines[key] = value
		return "    use_static_credentials: true\n    access_key_id: AKIAIOSFODNN7EXAMPLE\n" +
			"    secret_access_key: " + lines["secret_access_key"] + "\n" +
			"    session_token: " + lines["session_token"] + "\n"
	}
	p12 := func(_, value string) string {
		return pf.ra(map[string]string{"certificate": "", "private_key": "", "pkcs12": "certs/leaf.p12", "pkcs12_password": value})
	}
	key := func(_, value string) string { return pf.ra(map[string]string{"private_key": value}) }

	// YAML that eats, breaks or quotes an unquoted secret, for each key
	// that holds one.
	constructs := []struct {
		name, value string
		rule        Rule
	}{
		{"alias", "*" + secret, RuleSyntax},
		{"anchor", "&" + secret, RuleSyntax},
		{"anchor and value", "&" + secret + " more", RuleSyntax},
		{"tag", "!" + secret, RuleSyntax},
		{"standard tag", "!!binary " + secret, RuleSyntax},
		{"undefined tag handle", "!a!" + secret + " x", RuleSyntax},
		{"open flow mapping", "{" + secret, RuleSyntax},
		{"open flow sequence", "[" + secret, RuleSyntax},
		{"flow mapping", "{" + secret + ": 1}", RuleFormat},
		{"flow sequence", "[" + secret + "]", RuleFormat},
		{"literal indicator", "|" + secret, RuleSyntax},
		{"folded indicator", ">" + secret, RuleSyntax},
		{"directive", "%" + secret, RuleSyntax},
		{"reserved @", "@" + secret, RuleSyntax},
		{"reserved backquote", "`" + secret, RuleSyntax},
		{"open double quote", `"` + secret, RuleSyntax},
		{"open single quote", "'" + secret, RuleSyntax},
		{"bad escape", `"` + secret + `\q"`, RuleSyntax},
		{"bad hex escape", `"\xZZ` + secret + `"`, RuleSyntax},
		{"comment", "#" + secret, RuleSyntax},
		{"colon and space", secret + ": x", RuleSyntax},
		{"sequence entry", "- " + secret, RuleSyntax},
		{"complex key", "? " + secret, RuleSyntax},
		{"control character", secret + "\x01", RuleSyntax},
		{"invalid UTF-8", secret + "\xff", RuleSyntax},
		{"unterminated variable", "${" + secret, RuleFormat},
		{"not a variable name", "${1" + secret + "}", RuleFormat},
		{"unset variable inside", "p${" + secret + "}q", RuleUnsetVariable},
	}
	var cases []profileLeakCase
	for _, k := range []struct {
		key  string
		body func(key, value string) string
	}{{"secret_access_key", static}, {"session_token", static}, {"pkcs12_password", p12}, {"private_key", key}} {
		for _, c := range constructs {
			if k.key == "private_key" && strings.Contains(c.value, "${") {
				continue // a file name's variables are no secret (a PEM has no "${")
			}
			cases = append(cases, profileLeakCase{k.key + "/" + c.name, k.body(k.key, c.value), k.key, c.rule, []string{secret}})
		}
		// A tab in the indentation, and an alias to an anchor defined on
		// another key.
		tabbed := strings.Replace(k.body(k.key, secret), "    "+k.key+":", "\t"+k.key+":", 1)
		cases = append(cases, profileLeakCase{k.key + "/tab indentation", tabbed, k.key, RuleSyntax, []string{secret}})
		aliased := "    region: &" + secret + " eu-west-1\n" + k.body(k.key, "*"+secret)
		cases = append(cases, profileLeakCase{k.key + "/alias to an anchor", aliased, k.key, RuleSyntax, []string{"*" + secret}})
	}

	// Key material pasted where it does not belong, or broken.
	material := append(append([]string{keyB64}, keyLines...), certLines...)
	cases = append(cases,
		profileLeakCase{"pasted key, broken", key("", indentBlock(brokenKey)), "private_key", RuleFormat, material},
		profileLeakCase{"pasted key on one line, broken", key("", fmt.Sprintf("%q", brokenKey)), "private_key", RuleFormat, material},
		profileLeakCase{"pasted certificate, broken", pf.ra(map[string]string{"certificate": indentBlock(brokenCert)}), "certificate", RuleFormat, material},
		profileLeakCase{"pasted chain, broken", pf.ra(map[string]string{"certificate_chain": indentBlock(brokenCert)}), "certificate_chain", RuleFormat, material},
		profileLeakCase{"key as base64 for a file name", key("", keyB64), "private_key", RuleNotFound, material},
		profileLeakCase{"key in a path", key("", "certs/"+keyB64), "private_key", RuleNotFound, material},
		profileLeakCase{"certificate as base64", pf.ra(map[string]string{"certificate": keyB64}), "certificate", RuleNotFound, material},
		profileLeakCase{"PEM for pkcs12", pf.ra(map[string]string{"certificate": "", "private_key": "", "pkcs12": indentBlock(string(keyPEM))}), "pkcs12", RuleFormat, material},
		profileLeakCase{"base64 for pkcs12", pf.ra(map[string]string{"certificate": "", "private_key": "", "pkcs12": keyB64}), "pkcs12", RuleNotFound, material},
		profileLeakCase{"secret key as access key ID", "    use_static_credentials: true\n    access_key_id: " + secret + "\n    secret_access_key: x\n", "access_key_id", RuleFormat, []string{secret}},
	)
	return cases
}

// pemBodyLines returns the base64 lines of a PEM.
func pemBodyLines(data []byte) []string {
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" && !strings.HasPrefix(l, "-----") {
			out = append(out, l)
		}
	}
	return out
}

// keyLineOf returns the 1-based line of key in a profiles file.
func keyLineOf(body, key string) int {
	for i, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), key+":") {
			return i + 1
		}
	}
	return 0
}

// renderings returns every way an error may be shown: its text under each
// fmt verb, and the same for every error it wraps.
func renderings(err error) []string {
	var out []string
	var walk func(error)
	walk = func(e error) {
		if e == nil {
			return
		}
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q"} {
			out = append(out, fmt.Sprintf(verb, e))
		}
		out = append(out, e.Error())
		switch u := e.(type) {
		case interface{ Unwrap() error }:
			walk(u.Unwrap())
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				walk(e)
			}
		}
	}
	walk(err)
	return out
}
