package auth

import (
	"crypto/rand"
	"encoding/asn1"
	"encoding/pem"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/go-sns/connector/internal/rolesanywheretest"
)

// hugeRSAKey returns the PKCS#1 and PKCS#8 DER of an RSA private key of
// about bits bits: random numbers, not a real key. Parsing checks the key
// with arithmetic quadratic in its size before it finds that out.
func hugeRSAKey(t testing.TB, bits int) (pkcs1, pkcs8 []byte) {
	t.Helper()
	n := func(b int) *big.Int {
		x, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), uint(b)))
		if err != nil {
			t.Fatal(err)
		}
		return x.SetBit(x, b-1, 1).SetBit(x, 0, 1)
	}
	key := struct {
		Version               int
		N                     *big.Int
		E                     int
		D, P, Q, Dp, Dq, Qinv *big.Int
	}{0, n(bits), 65537, n(bits), n(bits / 2), n(bits / 2), n(bits / 2), n(bits / 2), n(bits / 2)}
	pkcs1, err := asn1.Marshal(key)
	if err != nil {
		t.Fatal(err)
	}
	oidRSA := asn1.ObjectIdentifier{1, 2, 840, 113549, 1, 1, 1}
	pkcs8, err = asn1.Marshal(struct {
		Version   int
		Algorithm struct {
			OID    asn1.ObjectIdentifier
			Params asn1.RawValue
		}
		PrivateKey []byte
	}{0, struct {
		OID    asn1.ObjectIdentifier
		Params asn1.RawValue
	}{oidRSA, asn1.NullRawValue}, pkcs1})
	if err != nil {
		t.Fatal(err)
	}
	return pkcs1, pkcs8
}

// TestParsePrivateKeyRefusesHugeKeys: a key too big to be a real one is
// refused before it is parsed: checking a 800,000-bit RSA key would take
// minutes.
func TestParsePrivateKeyRefusesHugeKeys(t *testing.T) {
	pkcs1, pkcs8 := hugeRSAKey(t, 800_000)
	for typ, der := range map[string][]byte{"RSA PRIVATE KEY": pkcs1, "PRIVATE KEY": pkcs8} {
		data := pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der})
		done := make(chan error, 1)
		go func() { _, err := ParsePrivateKey(data); done <- err }()
		select {
		case err := <-done:
			if err == nil || !strings.Contains(err.Error(), "more than the 10240 a private key may have") {
				t.Errorf("%s of %d bytes: %v", typ, len(der), err)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s of %d bytes: still parsing after 10s", typ, len(der))
		}
	}
	// Real keys are far from the limit.
	for _, kt := range []rolesanywheretest.KeyType{rolesanywheretest.RSA2048, rolesanywheretest.P384} {
		leaf := rolesanywheretest.NewCA(t, kt).Issue(rolesanywheretest.LeafOptions{KeyType: kt})
		for _, f := range []rolesanywheretest.KeyFormat{rolesanywheretest.PKCS8, rolesanywheretest.PKCS1, rolesanywheretest.SEC1} {
			if kt == rolesanywheretest.RSA2048 && f == rolesanywheretest.SEC1 || kt == rolesanywheretest.P384 && f == rolesanywheretest.PKCS1 {
				continue
			}
			if _, err := ParsePrivateKey(rolesanywheretest.KeyPEM(t, leaf.Key, f)); err != nil {
				t.Errorf("%s %s: %v", kt, f, err)
			}
		}
	}
}
