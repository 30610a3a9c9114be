package main

import (
	"bytes"
	"crypto/x509"
	"io"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/go-sns/connector/internal/rolesanywheretest"
	"github.com/go-sns/connector/internal/ststest"
)

// TestRunRolesAnywhere runs the example against the fake Roles Anywhere
// and STS endpoints and checks what it prints, and that it prints no
// secret.
func TestRunRolesAnywhere(t *testing.T) {
	for _, v := range []string{"AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL"} {
		t.Run(v, func(t *testing.T) { runRolesAnywhere(t, v) })
	}
}

// runRolesAnywhere points STS at the fake with the variable v: under the
// emulator setup only AWS_ENDPOINT_URL is set, and validation must not go
// to AWS's STS then.
func runRolesAnywhere(t *testing.T, v string) {
	ca := rolesanywheretest.NewCA(t, rolesanywheretest.P256)
	ra := rolesanywheretest.NewServer(t, rolesanywheretest.Options{TrustAnchors: []*x509.Certificate{ca.Cert}, Region: "eu-west-1"})
	leaf := ca.Issue(rolesanywheretest.LeafOptions{})
	path := ra.WriteProfile(t, t.TempDir(), rolesanywheretest.ProfileOptions{Name: "prod", Leaf: leaf, SessionName: "example"})

	sts := ststest.NewServer(t)
	sts.Lookup = func(id string) (ststest.Key, bool) {
		for _, c := range ra.Credentials() {
			if c.AccessKeyID == id {
				return ststest.Key{AccessKeyID: id, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken,
					Account: ra.Account(), ARN: "arn:aws:sts::" + ra.Account() + ":assumed-role/rolesanywheretest/example", UserID: "AROAEXAMPLE:example"}, true
			}
		}
		return ststest.Key{}, false
	}
	ststest.IsolateAWSConfig(t, "", map[string]string{v: sts.URL})

	out := captureStdout(t, func() {
		if err := run(path, "prod", true, 10*time.Second, slog.New(slog.NewTextHandler(io.Discard, nil))); err != nil {
			t.Fatal(err)
		}
	})
	for _, want := range []string{"profile:  prod (roles-anywhere)", "region:   eu-west-1", "source IAMRolesAnywhere", "account:  123456789012", "assumed-role/rolesanywheretest/example", "refresh:  by"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, c := range ra.Credentials() {
		if strings.Contains(out, c.SecretAccessKey) || strings.Contains(out, c.SessionToken) {
			t.Fatal("a secret was printed")
		}
	}
}

func captureStdout(t *testing.T, fn func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	old := os.Stdout
	os.Stdout = w
	done := make(chan []byte)
	go func() {
		var b bytes.Buffer
		_, _ = io.Copy(&b, r)
		done <- b.Bytes()
	}()
	defer func() { os.Stdout = old }()
	fn()
	w.Close()
	os.Stdout = old
	return string(<-done)
}
