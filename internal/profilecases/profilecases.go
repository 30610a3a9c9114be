// Package profilecases is test material shared by the tests of auth and
// snsconnector: profiles files that fail to load with a secret in them.
// auth's test checks that each error points at the right key, line and
// rule; snsconnector's TestSecretsNeverLeave searches every rendering of
// the same errors for the secrets. Writing the cases once keeps the two in
// step.
package profilecases

import (
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"strings"
)

// Secret is the value planted in every YAML construct.
const Secret = "S3cr3tV4lu3xQ"

// Files is what the cases build on: a valid Roles Anywhere profile whose
// certificate and key files exist next to the profiles file.
type Files struct {
	// RA returns the lines of the profile with overrides; a key mapped to
	// "" is left out.
	RA func(over map[string]string) string
	// KeyPEM and CertPEM are the PEM of the profile's key and certificate.
	KeyPEM, CertPEM []byte
	// PKCS12 is the path, as written in the profile, of a PKCS#12 file of
	// the same key and certificate.
	PKCS12 string
}

// Case is a profile "prod" that fails to load: the error must name Key,
// Rule (an auth.Rule) and the key's line, and no rendering of it may hold
// any of Secrets.
type Case struct {
	Name    string
	Body    string // the lines of profile "prod"
	Key     string
	Rule    string
	Secrets []string
}

// File returns the profiles file of c.
func (c Case) File() string { return "profiles:\n  prod:\n" + c.Body }

// The rules the cases expect (the values of auth's Rule constants).
const (
	ruleSyntax   = "syntax"
	ruleFormat   = "format"
	ruleNotFound = "not-found"
	ruleUnset    = "unset-variable"
)

// Cases returns every case over f: each YAML construct that eats, breaks or
// quotes an unquoted secret, on each key that holds one (secret_access_key,
// session_token, pkcs12_password, private_key), and key material pasted
// where it does not belong, or broken.
func Cases(f Files) []Case {
	block, _ := pem.Decode(f.KeyPEM)
	keyLines, certLines := BodyLines(f.KeyPEM), BodyLines(f.CertPEM)
	keyB64 := base64.StdEncoding.EncodeToString(block.Bytes)
	// A PEM with its body cut short: armour right, content broken.
	brokenKey := "-----BEGIN PRIVATE KEY-----\n" + strings.Join(keyLines[:len(keyLines)-1], "\n") + "\n-----END PRIVATE KEY-----\n"
	brokenCert := "-----BEGIN CERTIFICATE-----\n" + strings.Join(certLines[:2], "\n") + "\n-----END CERTIFICATE-----\n"

	static := func(key, value string) string {
		lines := map[string]string{"secret_access_key": "x", "session_token": "t"}
		lines[key] = value
		return "    use_static_credentials: true\n    access_key_id: AKIAIOSFODNN7EXAMPLE\n" +
			"    secret_access_key: " + lines["secret_access_key"] + "\n" +
			"    session_token: " + lines["session_token"] + "\n"
	}
	p12 := func(_, value string) string {
		return f.RA(map[string]string{"certificate": "", "private_key": "", "pkcs12": f.PKCS12, "pkcs12_password": value})
	}
	key := func(_, value string) string { return f.RA(map[string]string{"private_key": value}) }

	constructs := []struct{ name, value, rule string }{
		{"alias", "*" + Secret, ruleSyntax},
		{"anchor", "&" + Secret, ruleSyntax},
		{"anchor and value", "&" + Secret + " more", ruleSyntax},
		{"tag", "!" + Secret, ruleSyntax},
		{"standard tag", "!!binary " + Secret, ruleSyntax},
		{"undefined tag handle", "!a!" + Secret + " x", ruleSyntax},
		{"open flow mapping", "{" + Secret, ruleSyntax},
		{"open flow sequence", "[" + Secret, ruleSyntax},
		{"flow mapping", "{" + Secret + ": 1}", ruleFormat},
		{"flow sequence", "[" + Secret + "]", ruleFormat},
		{"literal indicator", "|" + Secret, ruleSyntax},
		{"folded indicator", ">" + Secret, ruleSyntax},
		{"directive", "%" + Secret, ruleSyntax},
		{"reserved @", "@" + Secret, ruleSyntax},
		{"reserved backquote", "`" + Secret, ruleSyntax},
		{"open double quote", `"` + Secret, ruleSyntax},
		{"open single quote", "'" + Secret, ruleSyntax},
		{"bad escape", `"` + Secret + `\q"`, ruleSyntax},
		{"bad hex escape", `"\xZZ` + Secret + `"`, ruleSyntax},
		{"comment", "#" + Secret, ruleSyntax},
		{"colon and space", Secret + ": x", ruleSyntax},
		{"sequence entry", "- " + Secret, ruleSyntax},
		{"complex key", "? " + Secret, ruleSyntax},
		{"control character", Secret + "\x01", ruleSyntax},
		{"invalid UTF-8", Secret + "\xff", ruleSyntax},
		{"unterminated variable", "${" + Secret, ruleFormat},
		{"not a variable name", "${1" + Secret + "}", ruleFormat},
		{"unset variable inside", "p${" + Secret + "}q", ruleUnset},
	}
	var cases []Case
	for _, k := range []struct {
		key  string
		body func(key, value string) string
	}{{"secret_access_key", static}, {"session_token", static}, {"pkcs12_password", p12}, {"private_key", key}} {
		for _, c := range constructs {
			if k.key == "private_key" && strings.Contains(c.value, "${") {
				continue // a file name's variables are no secret (a PEM has no "${")
			}
			cases = append(cases, Case{k.key + "/" + c.name, k.body(k.key, c.value), k.key, c.rule, []string{Secret}})
		}
		// A tab in the indentation, and an alias to an anchor defined on
		// another key.
		tabbed := strings.Replace(k.body(k.key, Secret), "    "+k.key+":", "\t"+k.key+":", 1)
		cases = append(cases, Case{k.key + "/tab indentation", tabbed, k.key, ruleSyntax, []string{Secret}})
		aliased := "    region: &" + Secret + " eu-west-1\n" + k.body(k.key, "*"+Secret)
		cases = append(cases, Case{k.key + "/alias to an anchor", aliased, k.key, ruleSyntax, []string{"*" + Secret}})
	}

	material := append(append([]string{keyB64}, keyLines...), certLines...)
	return append(cases,
		Case{"pasted key, broken", key("", IndentBlock(brokenKey)), "private_key", ruleFormat, material},
		Case{"pasted key on one line, broken", key("", fmt.Sprintf("%q", brokenKey)), "private_key", ruleFormat, material},
		Case{"pasted certificate, broken", f.RA(map[string]string{"certificate": IndentBlock(brokenCert)}), "certificate", ruleFormat, material},
		Case{"pasted chain, broken", f.RA(map[string]string{"certificate_chain": IndentBlock(brokenCert)}), "certificate_chain", ruleFormat, material},
		Case{"key as base64 for a file name", key("", keyB64), "private_key", ruleNotFound, material},
		Case{"key in a path", key("", "certs/"+keyB64), "private_key", ruleNotFound, material},
		Case{"certificate as base64", f.RA(map[string]string{"certificate": keyB64}), "certificate", ruleNotFound, material},
		Case{"PEM for pkcs12", f.RA(map[string]string{"certificate": "", "private_key": "", "pkcs12": IndentBlock(string(f.KeyPEM))}), "pkcs12", ruleFormat, material},
		Case{"base64 for pkcs12", f.RA(map[string]string{"certificate": "", "private_key": "", "pkcs12": keyB64}), "pkcs12", ruleNotFound, material},
		Case{"secret key as access key ID", "    use_static_credentials: true\n    access_key_id: " + Secret + "\n    secret_access_key: x\n", "access_key_id", ruleFormat, []string{Secret}},
	)
}

// BodyLines returns the base64 lines of a PEM.
func BodyLines(data []byte) []string {
	var out []string
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" && !strings.HasPrefix(l, "-----") {
			out = append(out, l)
		}
	}
	return out
}

// IndentBlock writes text as a YAML literal block under a profile key.
func IndentBlock(text string) string {
	return "|\n      " + strings.ReplaceAll(strings.TrimSuffix(text, "\n"), "\n", "\n      ")
}

// KeyLine returns the 1-based line of key in a profiles file.
func KeyLine(file, key string) int {
	for i, l := range strings.Split(file, "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " \t"), key+":") {
			return i + 1
		}
	}
	return 0
}
