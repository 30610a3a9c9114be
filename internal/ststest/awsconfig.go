package ststest

import (
	"os"
	"path/filepath"
	"testing"
)

// IsolateAWSConfig points the AWS SDK, for the rest of the test, at a
// shared config file holding config and at no credentials file, with no
// AWS_PROFILE and no endpoint variable set but those in env. Tests of
// endpoint resolution use it so that the machine's own configuration
// cannot change their outcome. It calls t.Setenv: not for parallel tests.
func IsolateAWSConfig(t testing.TB, config string, env map[string]string) {
	t.Helper()
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config")
	if err := os.WriteFile(cfg, []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("AWS_CONFIG_FILE", cfg)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(dir, "credentials"))
	for _, k := range []string{"AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SNS", "AWS_ENDPOINT_URL_STS",
		"AWS_ENDPOINT_URL_ROLESANYWHERE", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"} {
		t.Setenv(k, "") // restored when the test ends
		os.Unsetenv(k)  // unset, not empty: the SDK tells the two apart
	}
	for k, v := range env {
		t.Setenv(k, v)
	}
}

// Services returns a shared config file whose default profile sets
// endpoint_url for service ("sns", "sts", "rolesanywhere") in a services
// section, as the SDK reads it.
func Services(service, url string) string {
	return "[default]\nservices = s\n\n[services s]\n" + service + " =\n  endpoint_url = " + url + "\n"
}
