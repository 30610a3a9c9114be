package endpoint

import (
	"context"
	"errors"
	"net"
	"net/url"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	ok := []string{
		"https://sns.eu-west-1.amazonaws.com",
		"https://vpce-1.sns.us-east-1.vpce.amazonaws.com/",
		"http://127.0.0.1:4566",
		"http://127.9.9.9",
		"http://localhost:4566",
		"http://LOCALHOST",
		"http://emu.localhost:1",
		"http://[::1]:4566",
	}
	for _, u := range ok {
		if err := Check(u, false); err != nil {
			t.Errorf("Check(%q): %v", u, err)
		}
	}
	bad := map[string]string{
		"http://10.0.0.5:4566":             "not loopback",
		"http://localstack:4566":           "not loopback",
		"http://127.0.0.1.evil.example":    "not loopback",
		"ftp://127.0.0.1":                  "absolute http(s)",
		"127.0.0.1:4566":                   "absolute http(s)",
		"/relative":                        "absolute http(s)",
		"https://user:hunter2@example.com": "user information",
		"":                                 "absolute http(s)",
	}
	for u, want := range bad {
		err := Check(u, false)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Check(%q) = %v; want error containing %q", u, err, want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("error leaks the password: %v", err)
		}
	}
	if err := Check("http://localstack:4566", true); err != nil {
		t.Errorf("insecureOK did not allow http: %v", err)
	}
	if err := Check("https://user:pw@x", true); err == nil {
		t.Error("insecureOK allowed user information")
	}
}

func TestCheckRequest(t *testing.T) {
	// Names under localhost are resolved; answer without DNS.
	answers := map[string][]string{
		"emu.localhost":    {"127.0.0.1", "::1"},
		"evil.localhost":   {"127.0.0.1", "10.1.2.3"},
		"localhost":        {"::1", "127.0.0.1"},
		"gone.localhost":   nil, // does not resolve
		"public.localhost": {"203.0.113.7"},
	}
	old := lookupIPAddr
	lookupIPAddr = func(_ context.Context, host string) ([]net.IPAddr, error) {
		ips, ok := answers[host]
		if !ok || ips == nil {
			return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
		}
		var out []net.IPAddr
		for _, s := range ips {
			out = append(out, net.IPAddr{IP: net.ParseIP(s)})
		}
		return out, nil
	}
	t.Cleanup(func() { lookupIPAddr = old })

	ctx := context.Background()
	ok := []string{
		"https://sns.us-east-1.amazonaws.com/",
		"https://10.1.2.3/",
		"http://127.0.0.1:4566/",
		"http://[::1]:4566/",
		"http://localhost:4566/",
		"http://emu.localhost:4566/",
		"http://gone.localhost:4566/",
		// AWS's on-host credential services, plain http by design.
		"http://169.254.169.254/latest/api/token",
		"http://[fd00:ec2::254]/latest/meta-data/",
		"http://169.254.170.2/v2/credentials/x",
		"http://169.254.170.23/v1/credentials",
	}
	for _, s := range ok {
		u, _ := url.Parse(s)
		if err := CheckRequest(ctx, u, false); err != nil {
			t.Errorf("%s: %v", s, err)
		}
	}
	bad := map[string]string{
		"http://10.1.2.3:4566/":                 "http://10.1.2.3:4566;",
		"http://sns.example.com/x?Signature=ab": "http://sns.example.com;",
		"http://user:hunter2@10.0.0.1/":         "http://10.0.0.1;",
		"http://evil.localhost:1/":              "http://evil.localhost:1 resolves to 10.1.2.3",
		"http://public.localhost/":              "resolves to 203.0.113.7",
		"http://169.254.1.1/":                   "http://169.254.1.1;",
	}
	for s, want := range bad {
		u, _ := url.Parse(s)
		err := CheckRequest(ctx, u, false)
		if !errors.Is(err, ErrInsecure) || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v; want ErrInsecure containing %q", s, err, want)
			continue
		}
		if strings.Contains(err.Error(), "hunter2") || strings.Contains(err.Error(), "Signature") {
			t.Errorf("%s: the error quotes the URL's user information or query: %v", s, err)
		}
		if r, ok := err.(interface{ RetryableError() bool }); !ok || r.RetryableError() {
			t.Errorf("%s: the refusal does not tell the SDK not to retry", s)
		}
		if err := CheckRequest(ctx, u, true); err != nil {
			t.Errorf("%s with insecureOK: %v", s, err)
		}
	}
	if err := Check("http://10.1.2.3", false); !errors.Is(err, ErrInsecure) {
		t.Errorf("Check does not match ErrInsecure: %v", err)
	}
}
