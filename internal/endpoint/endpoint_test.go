package endpoint

import (
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
