package auth

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// vector is one file of testdata/rolesanywhere, requests signed by AWS's
// official credential helper (see testdata/rolesanywhere/README.md).
type vector struct {
	Name       string `json:"-"`
	VectorType string `json:"vector_type"`
	KeyType    string `json:"key_type"`
	Inputs     struct {
		Region          string  `json:"region"`
		EndpointHost    string  `json:"endpoint_host"`
		TrustAnchorARN  string  `json:"trust_anchor_arn"`
		ProfileARN      string  `json:"profile_arn"`
		RoleARN         string  `json:"role_arn"`
		DurationSeconds int     `json:"duration_seconds"`
		RoleSessionName *string `json:"role_session_name"`
		AmzDate         string  `json:"amz_date"`
		CertificatePEM  string  `json:"certificate_pem"`
		ChainPEM        string  `json:"certificate_chain_pem"`
		PrivateKeyPEM   string  `json:"private_key_pem"`
		TrustAnchorPEM  string  `json:"trust_anchor_certificate_pem"`
	} `json:"inputs"`
	Expected struct {
		Outcome             string            `json:"outcome"`
		HTTPMethod          string            `json:"http_method"`
		Path                string            `json:"path"`
		QueryString         string            `json:"query_string"`
		Body                string            `json:"body"`
		SignedHeaders       []string          `json:"signed_headers"`
		SignedHeaderValues  map[string]string `json:"signed_header_values"`
		Algorithm           string            `json:"algorithm"`
		CanonicalRequest    string            `json:"canonical_request"`
		StringToSign        string            `json:"string_to_sign"`
		Authorization       string            `json:"authorization"`
		AuthorizationPrefix string            `json:"authorization_prefix"`
		SignatureHex        string            `json:"signature_hex"`
		PublicKeyPEM        string            `json:"public_key_pem"`
		Deterministic       bool              `json:"signature_deterministic"`
	} `json:"expected"`
}

// loadVectors reads every vector of the given type ("positive", "negative").
func loadVectors(t testing.TB, kind string) []vector {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "rolesanywhere", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no vectors in testdata/rolesanywhere: %v", err)
	}
	var out []vector
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v vector
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		v.Name = filepath.Base(f)
		if v.VectorType == kind {
			out = append(out, v)
		}
	}
	return out
}
