package rolesanywheretest

import (
	"encoding/json"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The vectors are kept once, with the signer's tests.
const vectorDir = "../../auth/testdata/rolesanywhere"

type vector struct {
	VectorType string `json:"vector_type"`
	Inputs     struct {
		Region         string `json:"region"`
		AmzDate        string `json:"amz_date"`
		TrustAnchorPEM string `json:"trust_anchor_certificate_pem"`
	} `json:"inputs"`
	Expected struct {
		HTTPMethod            string            `json:"http_method"`
		Path                  string            `json:"path"`
		QueryString           string            `json:"query_string"`
		Body                  string            `json:"body"`
		SignedHeaderValues    map[string]string `json:"signed_header_values"`
		Authorization         string            `json:"authorization"`
		ObservedAuthorization string            `json:"observed_authorization"`
	} `json:"expected"`
}

func loadVectors(t *testing.T) map[string]vector {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(vectorDir, "*.json"))
	if len(files) != 6 {
		t.Fatalf("want 6 vectors in %s, found %d", vectorDir, len(files))
	}
	out := map[string]vector{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var v vector
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatal(err)
		}
		out[filepath.Base(f)] = v
	}
	return out
}

// vectorRequest rebuilds the request as the helper sent it.
func vectorRequest(t *testing.T, v vector) (Request, VerifyOptions) {
	t.Helper()
	h := http.Header{}
	for k, val := range v.Expected.SignedHeaderValues {
		if k != "host" {
			h.Set(k, val)
		}
	}
	auth := v.Expected.Authorization
	if auth == "" {
		auth = v.Expected.ObservedAuthorization
	}
	h.Set("Authorization", auth)
	at, err := time.Parse("20060102T150405Z", v.Inputs.AmzDate)
	if err != nil {
		t.Fatal(err)
	}
	roots, err := parseCerts(v.Inputs.TrustAnchorPEM)
	if err != nil {
		t.Fatal(err)
	}
	return Request{
			Method: v.Expected.HTTPMethod, Path: v.Expected.Path, RawQuery: v.Expected.QueryString,
			Host: v.Expected.SignedHeaderValues["host"], Header: h, Body: []byte(v.Expected.Body),
		}, VerifyOptions{
			Roots: roots, Region: v.Inputs.Region, Now: at.Add(time.Minute),
		}
}

func TestVerifyVectors(t *testing.T) {
	for name, v := range loadVectors(t) {
		t.Run(name, func(t *testing.T) {
			req, o := vectorRequest(t, v)
			got, err := Verify(req, o)
			if v.VectorType == "positive" {
				if err != nil {
					t.Fatalf("positive vector refused: %v", err)
				}
				if got.RoleARN == "" || got.Leaf == nil {
					t.Fatalf("verified request lacks fields: %+v", got)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != "AccessDeniedException" {
				t.Fatalf("negative vector: got %v, want AccessDeniedException", err)
			}
		})
	}
}

// TestVerifyRefusesTampering changes one thing at a time in a good request:
// each must be refused, for the stated reason.
func TestVerifyRefusesTampering(t *testing.T) {
	vs := loadVectors(t)
	cases := []struct {
		vector string
		change func(*Request, *VerifyOptions)
		want   string
	}{
		{"rsa2048-selfsigned.json", func(r *Request, _ *VerifyOptions) {
			r.RawQuery = strings.Replace(r.RawQuery, "TestRole", "OtherRole", 1)
		}, "signature validation failed"},
		{"rsa2048-selfsigned.json", func(r *Request, _ *VerifyOptions) { r.Host = "rolesanywhere.us-east-2.amazonaws.com" }, "signature validation failed"},
		{"rsa2048-selfsigned.json", func(r *Request, _ *VerifyOptions) { r.Header.Set("X-Amz-Date", "20250304T050608Z") }, "signature validation failed"},
		{"rsa2048-selfsigned.json", func(_ *Request, o *VerifyOptions) { o.Now = o.Now.Add(time.Hour) }, "server's clock"},
		{"rsa2048-selfsigned.json", func(_ *Request, o *VerifyOptions) { o.Region = "eu-west-1" }, "this endpoint serves"},
		{"rsa2048-selfsigned.json", func(_ *Request, o *VerifyOptions) { o.Roots = nil }, "untrusted certificate"},
		{"rsa2048-chain.json", func(r *Request, _ *VerifyOptions) {
			// Drop one intermediate: unsigned change, and the chain breaks.
			r.Header.Set("X-Amz-X509-Chain", strings.Split(r.Header.Get("X-Amz-X509-Chain"), ",")[0])
		}, "signature validation failed"},
		{"rsa2048-chain.json", func(r *Request, _ *VerifyOptions) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "Credential=256/", "Credential=257/", 1))
		}, "not the certificate's"},
		{"p384-chain.json", func(r *Request, _ *VerifyOptions) { r.Body = []byte(`{"durationSeconds":7200,"roleSessionName":"x"}`) }, "signature validation failed"},
		{"p256-selfsigned.json", func(r *Request, _ *VerifyOptions) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "ECDSA", "RSA", 1))
		}, "signature validation failed"},
	}
	for _, c := range cases {
		req, o := vectorRequest(t, vs[c.vector])
		if _, err := Verify(req, o); err != nil {
			t.Fatalf("%s: untouched request refused: %v", c.vector, err)
		}
		req, o = vectorRequest(t, vs[c.vector])
		c.change(&req, &o)
		_, err := Verify(req, o)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want an error containing %q", c.vector, err, c.want)
		}
	}
}
