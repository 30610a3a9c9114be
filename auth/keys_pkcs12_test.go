package auth

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-sns/connector/internal/rolesanywheretest"
	"software.sslmate.com/src/go-pkcs12"
)

// parseWithin runs ParsePKCS12 and fails the test if it has not returned
// after a generous while: a file that gets past the caps derives keys for
// minutes, and the test should fail, not hang. (The watchdog is not a
// speed target: the refusals take well under a millisecond, see
// BenchmarkParsePKCS12Refusal.)
func parseWithin(t *testing.T, data []byte, password string) error {
	t.Helper()
	done := make(chan error, 1)
	go func() {
		_, _, _, err := ParsePKCS12(data, password)
		done <- err
	}()
	select {
	case err := <-done:
		return err
	case <-time.After(10 * time.Second):
		t.Fatal("ParsePKCS12 still deriving keys after 10s")
		return nil
	}
}

// hostilePKCS12 is the file of issue 8: an empty password, no MAC, and a
// key bag asking for 200,000,000 PBKDF2 iterations inside an EncryptedData
// that asks for one.
func hostilePKCS12(t testing.TB, leaf *rolesanywheretest.Leaf) []byte {
	return (&p12File{parts: []p12Part{{
		pbe: &p12PBE{oid: oidPBES2, declared: 1, real: true},
		bags: []p12Bag{
			{cert: leaf.Cert},
			{key: leaf.Key, pbe: &p12PBE{oid: oidPBES2, declared: 200_000_000}},
		},
	}}}).build(t)
}

// TestPKCS12WorkCapsCannotBeSteppedAround: files whose key derivation is
// hidden where the old check did not look (inside an encrypted part,
// behind an empty password), or spread over many parts, or that are too
// big or hold too many bags, are refused with a *PKCS12LimitError before
// the decoder derives anything.
func TestPKCS12WorkCapsCannotBeSteppedAround(t *testing.T) {
	leaf := rolesanywheretest.NewCA(t, "").Issue(rolesanywheretest.LeafOptions{})
	key := func(pbe *p12PBE) p12Bag { return p12Bag{key: leaf.Key, pbe: pbe} }
	cert := p12Bag{cert: leaf.Cert}
	opened := func(oid []int) *p12PBE { return &p12PBE{oid: oid, declared: 1, real: true} }
	huge := func(oid []int) *p12PBE { return &p12PBE{oid: oid, declared: 200_000_000} }
	_, hugeKey := hugeRSAKey(t, 200_000) // checking it would take 10 s
	many := make([]p12Bag, MaxPKCS12Bags)
	for i := range many {
		many[i] = cert
	}
	cases := []struct {
		name  string
		data  []byte
		pw    string
		limit PKCS12Limit
	}{
		{"issue 8: PBES2 key bag inside a 1-iteration EncryptedData, no MAC, empty password", hostilePKCS12(t, leaf), "", PKCS12LimitWork},
		{"3DES key bag inside a 3DES EncryptedData", (&p12File{parts: []p12Part{{pbe: opened(oidPBEWithSHA3DES), bags: []p12Bag{cert, key(huge(oidPBEWithSHA3DES))}}}}).build(t), "", PKCS12LimitWork},
		{"key bag inside an RC2-40 EncryptedData", (&p12File{parts: []p12Part{{pbe: opened(oidPBEWithSHARC2_40), bags: []p12Bag{cert, key(huge(oidPBES2))}}}}).build(t), "", PKCS12LimitWork},
		{"with a password and a valid MAC", (&p12File{password: "pw", macIterations: 1, macReal: true, parts: []p12Part{{pbe: opened(oidPBES2), bags: []p12Bag{cert, key(huge(oidPBES2))}}}}).build(t), "pw", PKCS12LimitWork},
		{"empty password with a MAC", (&p12File{macIterations: 1, macReal: true, parts: []p12Part{{pbe: opened(oidPBEWithSHA3DES), bags: []p12Bag{cert, key(huge(oidPBEWithSHA3DES))}}}}).build(t), "", PKCS12LimitWork},
		{"many parts each under the cap", (&p12File{parts: []p12Part{{bags: []p12Bag{cert,
			key(&p12PBE{oid: oidPBES2, declared: 150_000}), key(&p12PBE{oid: oidPBES2, declared: 150_000}),
			key(&p12PBE{oid: oidPBES2, declared: 150_000}), key(&p12PBE{oid: oidPBES2, declared: 150_000}),
			key(&p12PBE{oid: oidPBES2, declared: 150_000})}}}}).build(t), "", PKCS12LimitWork},
		{"an EncryptedData asking too much itself", (&p12File{parts: []p12Part{{pbe: &p12PBE{oid: oidPBEWithSHA3DES, declared: 1 << 40}, bags: []p12Bag{cert}}}}).build(t), "", PKCS12LimitWork},
		{"PBKDF2 over SHA-1 for an AES-256 key: two blocks an iteration", (&p12File{parts: []p12Part{{bags: []p12Bag{cert, key(&p12PBE{oid: oidPBES2, declared: 400_000, prf: oidHMACSHA1})}}}}).build(t), "", PKCS12LimitWork},
		{"PKCS#12 MAC", (&p12File{password: "pw", macIterations: 200_000_000, parts: []p12Part{{bags: []p12Bag{cert, key(nil)}}}}).build(t), "pw", PKCS12LimitWork},
		{"PBMAC1 MAC", (&p12File{password: "pw", macIterations: 200_000_000, macPBMAC1: true, parts: []p12Part{{bags: []p12Bag{cert, key(nil)}}}}).build(t), "pw", PKCS12LimitWork},
		{"too many bags", (&p12File{parts: []p12Part{{bags: append(many, key(nil))}}}).build(t), "", PKCS12LimitBags},
		{"too many bags inside an EncryptedData", (&p12File{parts: []p12Part{{pbe: opened(oidPBES2), bags: append(many, key(nil))}}}).build(t), "", PKCS12LimitBags},
		{"a huge RSA key in a plain key bag", (&p12File{parts: []p12Part{{bags: []p12Bag{cert, {pkcs8: hugeKey}}}}}).build(t), "", PKCS12LimitKey},
		{"a huge RSA key, encrypted, inside an EncryptedData", (&p12File{parts: []p12Part{{pbe: opened(oidPBES2), bags: []p12Bag{cert, {pkcs8: hugeKey, pbe: opened(oidPBES2)}}}}}).build(t), "", PKCS12LimitKey},
		{"too big", append((&p12File{parts: []p12Part{{bags: []p12Bag{cert, key(nil)}}}}).build(t), make([]byte, MaxPKCS12Size)...), "", PKCS12LimitSize},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := parseWithin(t, c.data, c.pw)
			var le *PKCS12LimitError
			if !errors.As(err, &le) || le.Limit != c.limit || le.Got <= le.Max {
				t.Fatalf("got %v; want a %s limit error", err, c.limit)
			}
		})
	}

	// Through LoadProfile, the refusal names the key and the rule.
	pf := newProfileFiles(t)
	if err := os.WriteFile(filepath.Join(pf.dir, "certs", "hostile.p12"), hostilePKCS12(t, pf.f.leaf), 0o600); err != nil {
		t.Fatal(err)
	}
	path := pf.write(t, "profiles:\n  prod:\n"+pf.ra(map[string]string{"certificate": "", "private_key": "", "pkcs12": "certs/hostile.p12"}))
	done := make(chan error, 1)
	go func() { _, err := LoadProfile(path, "prod"); done <- err }()
	select {
	case err := <-done:
		var le *PKCS12LimitError
		if !errors.Is(err, &ProfileError{Key: "pkcs12", Rule: RuleRange}) || !errors.As(err, &le) || strings.Contains(err.Error(), "wrong pkcs12_password") {
			t.Errorf("LoadProfile: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("LoadProfile still deriving keys after 10s")
	}
}

// TestPKCS12HandBuiltFilesDecode: the hand-built files are real PKCS#12
// files: with sane counts the decoder opens them (so the refusals above
// are for their counts alone), and so does the check's own decryption, for
// every cipher.
func TestPKCS12HandBuiltFilesDecode(t *testing.T) {
	leaf := rolesanywheretest.NewCA(t, "").Issue(rolesanywheretest.LeafOptions{})
	for _, oid := range [][]int{oidPBES2, oidPBEWithSHA3DES, oidPBEWithSHARC2_128, oidPBEWithSHARC2_40} {
		for _, pw := range []string{"", "pw-ü"} {
			f := &p12File{password: pw, parts: []p12Part{{
				pbe:  &p12PBE{oid: oid, declared: 3, real: true},
				bags: []p12Bag{{cert: leaf.Cert}, {key: leaf.Key, pbe: &p12PBE{oid: oidPBES2, declared: 2048, real: true}}},
			}}}
			if pw != "" {
				f.macIterations, f.macReal = 2048, true
			}
			data := f.build(t)
			if _, _, _, err := pkcs12.DecodeChain(data, pw); err != nil {
				t.Fatalf("%v, password %q: the decoder refuses the hand-built file: %v", oid, pw, err)
			}
			key, cert, _, err := ParsePKCS12(data, pw)
			if err != nil || !cert.Equal(leaf.Cert) || checkKeyMatches(cert, key) != nil {
				t.Errorf("%v, password %q: %v", oid, pw, err)
			}
			if _, _, _, err := ParsePKCS12(data, pw+"x"); err == nil {
				t.Errorf("%v: a wrong password was accepted", oid)
			}
		}
	}
}

// TestPKCS12EncodersAccepted: what real tools write is accepted, with and
// without a password, with a chain, at Java's 10,000 iterations.
func TestPKCS12EncodersAccepted(t *testing.T) {
	ca := rolesanywheretest.NewCA(t, "")
	leaf := ca.Intermediate(rolesanywheretest.P256).Issue(rolesanywheretest.LeafOptions{})
	encoders := map[string]*pkcs12.Encoder{
		"LegacyRC2": pkcs12.LegacyRC2, "LegacyDES": pkcs12.LegacyDES, "Modern2023": pkcs12.Modern2023,
		"Modern2026": pkcs12.Modern2026, "Java 10,000": pkcs12.Modern2023.WithIterations(10_000),
	}
	for name, enc := range encoders {
		for _, pw := range []string{"pw", ""} {
			data, err := enc.Encode(leaf.Key, leaf.Cert, leaf.Chain, pw)
			if err != nil {
				t.Fatal(err)
			}
			key, cert, cas, err := ParsePKCS12(data, pw)
			if err != nil || !cert.Equal(leaf.Cert) || len(cas) != len(leaf.Chain) || checkKeyMatches(cert, key) != nil {
				t.Errorf("%s, password %q: %v", name, pw, err)
			}
			var le *PKCS12LimitError
			if _, _, _, err := ParsePKCS12(data, pw+"x"); err == nil || errors.As(err, &le) {
				t.Errorf("%s, wrong password: %v", name, err)
			}
		}
	}
	data, err := pkcs12.Passwordless.Encode(leaf.Key, leaf.Cert, nil, "")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := ParsePKCS12(data, ""); err != nil {
		t.Errorf("Passwordless: %v", err)
	}
}

// TestPKCS12IterationCap: a file of an encoder, its counts patched to 8
// million in place, is refused at once.
func TestPKCS12IterationCap(t *testing.T) {
	leaf := rolesanywheretest.NewCA(t, "").Issue(rolesanywheretest.LeafOptions{})
	for _, enc := range []*pkcs12.Encoder{pkcs12.Modern, pkcs12.Modern2026, pkcs12.LegacyDES} {
		// Encoding ten million iterations would take a minute: encode 65536
		// (DER 02 03 01 00 00) and patch the counts to 8388607 in place.
		huge, err := enc.WithIterations(65536).Encode(leaf.Key, leaf.Cert, nil, "pw")
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Count(huge, []byte{2, 3, 1, 0, 0}) < 2 {
			t.Fatal("iteration counts not found in the encoding")
		}
		huge = bytes.ReplaceAll(huge, []byte{2, 3, 1, 0, 0}, []byte{2, 3, 0x7f, 0xff, 0xff})
		var le *PKCS12LimitError
		if err := parseWithin(t, huge, "pw"); !errors.As(err, &le) || !strings.Contains(err.Error(), "iterations") {
			t.Errorf("8 million iterations: %v", err)
		}
	}
}

// BenchmarkParsePKCS12Refusal measures refusing the file of issue 8,
// beside decoding an ordinary one.
func BenchmarkParsePKCS12Refusal(b *testing.B) {
	leaf := rolesanywheretest.NewCA(b, "").Issue(rolesanywheretest.LeafOptions{})
	ordinary, err := pkcs12.Modern.Encode(leaf.Key, leaf.Cert, nil, "pw")
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct {
		name string
		data []byte
		pw   string
	}{{"file=issue8", hostilePKCS12(b, leaf), ""}, {"file=modern", ordinary, "pw"}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				ParsePKCS12(c.data, c.pw)
			}
		})
	}
}
