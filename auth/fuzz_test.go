package auth

import (
	"crypto/ecdsa"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-sns/connector/internal/rolesanywheretest"
	"software.sslmate.com/src/go-pkcs12"
)

// fuzzFiles are the certificate and key files a fuzzed profile may name;
// the fuzzer never touches the disk.
func fuzzFiles(t testing.TB) map[string][]byte {
	ca := rolesanywheretest.NewCA(t, rolesanywheretest.P256)
	leaf := ca.Issue(rolesanywheretest.LeafOptions{})
	dir := t.TempDir()
	files := leaf.WritePEM(dir, "", rolesanywheretest.PKCS8)
	p12 := leaf.WritePKCS12(dir, "leaf.p12", "pw")
	out := map[string][]byte{}
	for name, path := range map[string]string{"cert.pem": files.Certificate, "key.pem": files.PrivateKey, "leaf.p12": p12} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		out[filepath.Join("/fuzz", name)] = data
	}
	return out
}

const fuzzRA = `profiles:
  prod:
    use_static_credentials: false
    role_arn: arn:aws:iam::111122223333:role/publisher
    profile_arn: arn:aws:rolesanywhere:eu-west-1:111122223333:profile/61f0d2a8-1b2c-4d5e-9f00-112233445566
    trust_anchor_arn: arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f2
    certificate: cert.pem
    private_key: key.pem
    duration: 1h
    session_name: orders-service
    endpoint: http://127.0.0.1:1
`

func FuzzParseProfile(f *testing.F) {
	files := fuzzFiles(f)
	f.Add([]byte(fuzzRA), "prod")
	f.Add([]byte(strings.Replace(fuzzRA, "certificate: cert.pem\n    private_key: key.pem", "pkcs12: leaf.p12\n    pkcs12_password: ${PW}", 1)), "prod")
	f.Add([]byte("profiles:\n  dev:\n    use_static_credentials: true\n    access_key_id: AKIAIOSFODNN7EXAMPLE\n    secret_access_key: ${SECRET}\n    assume_role_arn: arn:aws:iam::111122223333:role/x\n"), "dev")
	f.Add([]byte("profiles:\n  d:\n    use_default_credentials: true\n    region: eu_west_1\n"), "d")
	f.Add([]byte("profiles:\n  a: &x\n    use_default_credentials: true\n  b: *x\n  c:\n    <<: *x\n"), "c")
	f.Add([]byte("profiles: [1, 2]\n"), "x")
	f.Add([]byte("{profiles: {p: {duration: 99999999999999999999}}}"), "p")
	lookup := func(k string) (string, bool) {
		v, ok := map[string]string{"PW": "pw", "SECRET": "s3cr3t"}[k]
		return v, ok
	}
	o := newOptions(nil, WithLookupEnv(lookup))
	o.readFile = func(path string) ([]byte, error) {
		if data, ok := files[path]; ok {
			return data, nil
		}
		return nil, fs.ErrNotExist
	}
	o.statFile = func(string) (fs.FileInfo, error) { return nil, fs.ErrNotExist }
	f.Fuzz(func(t *testing.T, data []byte, name string) {
		p, err := parseProfile(data, "/fuzz/profiles.yaml", name, o)
		if err != nil {
			var pe *ProfileError
			if !errors.As(err, &pe) {
				t.Fatalf("error is not a *ProfileError: %v", err)
			}
			if strings.Contains(err.Error(), "s3cr3t") {
				t.Fatal("error quotes a secret")
			}
			return
		}
		if p.Method == "" || p.Name != name {
			t.Fatalf("profile without method or with the wrong name: %v", p)
		}
		if s := p.String(); strings.Contains(s, "s3cr3t") {
			t.Fatalf("profile prints a secret: %s", s)
		}
	})
}

func FuzzParseKeysAndCertificates(f *testing.F) {
	// Seeds from the vectors. RSA private keys are left out: in a
	// coverage-instrumented worker, parsing one (Go checks the key with a
	// test signature) takes seconds, so a short run would test nothing.
	// RSA certificates stay; their parsing is cheap. The RSA key paths are
	// covered by the unit tests.
	for _, v := range loadVectors(f, "positive") {
		f.Add([]byte(v.Inputs.CertificatePEM + v.Inputs.ChainPEM))
		key, err := ParsePrivateKey([]byte(v.Inputs.PrivateKeyPEM))
		if err != nil {
			f.Fatal(err)
		}
		if _, ok := key.(*ecdsa.PrivateKey); ok {
			f.Add([]byte(v.Inputs.PrivateKeyPEM))
			f.Add(rolesanywheretest.KeyPEM(f, key, rolesanywheretest.SEC1))
		}
	}
	f.Add([]byte("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"))
	f.Add([]byte("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\nAAAA\n-----END RSA PRIVATE KEY-----\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		certs, err := ParseCertificates(data)
		if err == nil && len(certs) == 0 {
			t.Fatal("no error and no certificate")
		}
		key, err := ParsePrivateKey(data)
		if err == nil {
			if _, err := algorithmFor(key.Public()); err != nil {
				t.Fatalf("accepted an unusable key: %v", err)
			}
		}
	})
}

func FuzzParsePKCS12(f *testing.F) {
	ca := rolesanywheretest.NewCA(f, rolesanywheretest.P256)
	chained := ca.Intermediate(rolesanywheretest.P256).Issue(rolesanywheretest.LeafOptions{})
	leaf := ca.Issue(rolesanywheretest.LeafOptions{})
	// Seeds with one key-derivation iteration: in a coverage-instrumented
	// worker each iteration is costly, and the parsing is what is fuzzed.
	// Small ones (one certificate, mostly): the engine minimises every
	// input it finds interesting, byte by byte.
	for _, enc := range []*pkcs12.Encoder{pkcs12.Modern.WithIterations(1), pkcs12.LegacyRC2.WithIterations(1), pkcs12.Passwordless} {
		pw := "pw"
		if enc == pkcs12.Passwordless {
			pw = ""
		}
		data, err := enc.Encode(leaf.Key, leaf.Cert, nil, pw)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, pw)
	}
	data, err := pkcs12.LegacyDES.WithIterations(1).Encode(chained.Key, chained.Cert, chained.Chain, "pw")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data, "pw")
	// The shape of issue 8, with counts the fuzzer may raise: a key bag
	// inside an encrypted part.
	f.Add((&p12File{parts: []p12Part{{
		pbe:  &p12PBE{oid: oidPBES2, declared: 1, real: true},
		bags: []p12Bag{{cert: leaf.Cert}, {key: leaf.Key, pbe: &p12PBE{oid: oidPBEWithSHA3DES, declared: 1, real: true}}},
	}}}).build(f), "")
	// The caps themselves are tested in TestPKCS12WorkCapsCannotBeSteppedAround.
	defer func(n int64) { maxPKCS12Work = n }(maxPKCS12Work)
	maxPKCS12Work = 20_000
	f.Fuzz(func(t *testing.T, data []byte, password string) {
		start := time.Now()
		key, cert, _, err := ParsePKCS12(data, password)
		if err == nil && checkKeyMatches(cert, key) != nil {
			t.Fatal("accepted a key that does not match")
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("took %s", d)
		}
	})
}

func FuzzParseSessionResponse(f *testing.F) {
	f.Add(201, "", []byte(`{"credentialSet":[{"assumedRoleUser":{"arn":"arn:aws:sts::123456789012:assumed-role/r/s","assumedRoleId":"AROA:s"},"credentials":{"accessKeyId":"ASIA","expiration":"2026-01-01T00:00:00Z","secretAccessKey":"s","sessionToken":"t"},"packedPolicySize":0,"roleArn":"arn:aws:iam::123456789012:role/r","sourceIdentity":"CN=x"}],"subjectArn":"arn"}`))
	f.Add(201, "", []byte(`{"credentialSet":[]}`))
	f.Add(403, "AccessDeniedException:http://internal.amazon.com/coral/", []byte(`{"message":"denied"}`))
	f.Add(400, "", []byte(`{"__type":"com.amazonaws.rolesanywhere#ValidationException","Message":"bad"}`))
	f.Add(500, "", []byte(`<html>oops</html>`))
	f.Fuzz(func(t *testing.T, status int, errType string, body []byte) {
		h := http.Header{}
		h.Set("X-Amzn-Errortype", errType)
		c, err := parseSessionResponse(status, h, body)
		if err == nil {
			if !c.HasKeys() || !c.CanExpire || c.SessionToken == "" {
				t.Fatalf("success without complete credentials: %+v", c)
			}
			return
		}
		var re *RolesAnywhereError
		if errors.As(err, &re) {
			if re.Code == "" || re.StatusCode != status {
				t.Fatalf("error without code or status: %+v", re)
			}
		} else if !errors.Is(err, errMalformedResponse) {
			t.Fatalf("unexpected error type: %v", err)
		}
	})
}
