package auth

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-sns/connector/internal/nocreds"
	"github.com/go-sns/connector/internal/ststest"
)

// TestDefaultChainWithoutCredentialsSaysHow: a use_default_credentials
// profile on a machine with no credentials and not on EC2 fails at once
// with ErrNoCredentials, without asking instance metadata.
func TestDefaultChainWithoutCredentialsSaysHow(t *testing.T) {
	old := nocreds.NotEC2
	nocreds.NotEC2 = func() bool { return true }
	t.Cleanup(func() { nocreds.NotEC2 = old })
	// Instance metadata at an address that would hang: it must not be asked.
	ststest.IsolateAWSConfig(t, "", map[string]string{"AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:9"})
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_EC2_METADATA_DISABLED"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	path := filepath.Join(t.TempDir(), "profiles.yaml")
	if err := writeFile(path, "profiles:\n  chain:\n    use_default_credentials: true\n    region: eu-west-1\n"); err != nil {
		t.Fatal(err)
	}
	p, err := LoadProfile(path, "chain")
	if err != nil {
		t.Fatal(err)
	}
	prov, err := p.CredentialsProvider(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	_, err = prov.Retrieve(context.Background())
	if !errors.Is(err, ErrNoCredentials) || !strings.Contains(err.Error(), "not EC2 instance metadata") {
		t.Fatalf("err = %v; want ErrNoCredentials saying instance metadata was skipped", err)
	}
}
