package auth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"strings"
	"testing"
	"time"

	"github.com/go-sns/connector/region"
)

// vectorRequest turns a vector's inputs into what signCreateSession takes.
func vectorRequest(t *testing.T, v vector) (sessionRequest, time.Time) {
	t.Helper()
	certs, err := ParseCertificates([]byte(v.Inputs.CertificatePEM))
	if err != nil {
		t.Fatal(err)
	}
	var chain []*x509.Certificate
	if v.Inputs.ChainPEM != "" {
		if chain, err = ParseCertificates([]byte(v.Inputs.ChainPEM)); err != nil {
			t.Fatal(err)
		}
	}
	key, err := ParsePrivateKey([]byte(v.Inputs.PrivateKeyPEM))
	if err != nil {
		t.Fatal(err)
	}
	if err := checkKeyMatches(certs[0], key); err != nil {
		t.Fatal(err)
	}
	at, err := time.Parse(amzDateFormat, v.Inputs.AmzDate)
	if err != nil {
		t.Fatal(err)
	}
	req := sessionRequest{
		Host:           v.Inputs.EndpointHost,
		Region:         region.Region(v.Inputs.Region),
		RoleARN:        v.Inputs.RoleARN,
		ProfileARN:     v.Inputs.ProfileARN,
		TrustAnchorARN: v.Inputs.TrustAnchorARN,
		Duration:       time.Duration(v.Inputs.DurationSeconds) * time.Second,
		Certificate:    certs[0],
		Chain:          chain,
		Signer:         key,
	}
	if v.Inputs.RoleSessionName != nil {
		req.SessionName = *v.Inputs.RoleSessionName
	}
	return req, at
}

// TestSignCreateSessionVectors reproduces the requests AWS's credential
// helper signed: RSA byte for byte, ECDSA up to the randomized signature,
// which must verify with the vector's public key.
func TestSignCreateSessionVectors(t *testing.T) {
	vectors := loadVectors(t, "positive")
	if len(vectors) != 4 {
		t.Fatalf("want 4 positive vectors, found %d", len(vectors))
	}
	for _, v := range vectors {
		t.Run(v.Name, func(t *testing.T) {
			in, at := vectorRequest(t, v)
			got, err := signCreateSession(in, at, rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			e := v.Expected
			if got.Query != e.QueryString {
				t.Errorf("query:\n got %s\nwant %s", got.Query, e.QueryString)
			}
			if string(got.Body) != e.Body {
				t.Errorf("body: got %s, want %s", got.Body, e.Body)
			}
			for name, want := range e.SignedHeaderValues {
				if got.Header[name] != want {
					t.Errorf("header %s:\n got %q\nwant %q", name, got.Header[name], want)
				}
			}
			if _, extra := got.Header["x-amz-x509-chain"]; extra != (len(in.Chain) > 0) {
				t.Errorf("x-amz-x509-chain sent = %v with %d intermediates", extra, len(in.Chain))
			}
			if got.CanonicalRequest != e.CanonicalRequest {
				t.Errorf("canonical request:\n got %q\nwant %q", got.CanonicalRequest, e.CanonicalRequest)
			}
			if got.StringToSign != e.StringToSign {
				t.Errorf("string to sign:\n got %q\nwant %q", got.StringToSign, e.StringToSign)
			}
			auth := got.Header["authorization"]
			if !strings.HasPrefix(auth, e.AuthorizationPrefix) {
				t.Fatalf("authorization:\n got %s\nwant prefix %s", auth, e.AuthorizationPrefix)
			}
			if e.Deterministic {
				if auth != e.Authorization {
					t.Errorf("authorization not byte for byte:\n got %s\nwant %s", auth, e.Authorization)
				}
				return
			}
			sig, err := hex.DecodeString(strings.TrimPrefix(auth, e.AuthorizationPrefix))
			if err != nil {
				t.Fatal(err)
			}
			verifyWithPEM(t, e.PublicKeyPEM, e.StringToSign, sig)
			// The recorded signature verifies against what we rebuilt too.
			recorded, _ := hex.DecodeString(e.SignatureHex)
			verifyWithPEM(t, e.PublicKeyPEM, got.StringToSign, recorded)
		})
	}
}

func verifyWithPEM(t *testing.T, pubPEM, stringToSign string, sig []byte) {
	t.Helper()
	block, _ := pem.Decode([]byte(pubPEM))
	if block == nil {
		t.Fatal("vector public_key_pem is not PEM")
	}
	pub, err := x509.ParsePKIXPublicKey(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	digest := sha256.Sum256([]byte(stringToSign))
	switch k := pub.(type) {
	case *ecdsa.PublicKey:
		if !ecdsa.VerifyASN1(k, digest[:], sig) {
			t.Error("ECDSA signature does not verify with the vector's public key")
		}
	case *rsa.PublicKey:
		if err := rsa.VerifyPKCS1v15(k, crypto.SHA256, digest[:], sig); err != nil {
			t.Error(err)
		}
	default:
		t.Fatalf("unexpected key %T", pub)
	}
}

func TestURIEncode(t *testing.T) {
	cases := map[string]string{
		"arn:aws:iam::1:role/a b": "arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fa%20b",
		"AZaz09-_.~":              "AZaz09-_.~",
		"+=,@":                    "%2B%3D%2C%40",
		"é":                       "%C3%A9",
	}
	for in, want := range cases {
		if got := uriEncode(in); got != want {
			t.Errorf("uriEncode(%q) = %q, want %q", in, got, want)
		}
	}
}
