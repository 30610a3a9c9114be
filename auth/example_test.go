package auth_test

import (
	"context"
	"crypto"
	"crypto/x509"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/go-sns/connector/auth"
	"github.com/go-sns/connector/region"
)

// writeExampleProfiles writes a profiles file for the examples.
func writeExampleProfiles(body string) (path string, cleanup func()) {
	dir, err := os.MkdirTemp("", "auth-example")
	if err != nil {
		log.Fatal(err)
	}
	path = filepath.Join(dir, "profiles.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		log.Fatal(err)
	}
	return path, func() { os.RemoveAll(dir) }
}

func ExampleLoadProfile() {
	path, cleanup := writeExampleProfiles(`
profiles:
  dev:
    use_static_credentials: true
    access_key_id: AKIAIOSFODNN7EXAMPLE
    secret_access_key: ${DEV_SECRET}   # from the environment
    region: eu-west-1
`)
	defer cleanup()
	env := auth.WithLookupEnv(func(name string) (string, bool) {
		if name == "DEV_SECRET" {
			return "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", true
		}
		return "", false
	})

	p, err := auth.LoadProfile(path, "dev", env)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Method, p.Region)
	fmt.Println(p.Static) // the secret never prints
	// Output:
	// static eu-west-1
	// StaticCredentials{AccessKeyID: AKIAIOSFODNN7EXAMPLE, SecretAccessKey: [REDACTED], SessionToken: none}
}

func ExampleLoadProfile_mistake() {
	path, cleanup := writeExampleProfiles(`
profiles:
  prod:
    use_static_credentials: false
    role_arn: arn:aws:iam::111122223333:role/publisher
    profile_arn: arn:aws:rolesanywhere:eu-west-1:111122223333:profile/61f0d2a8-1b2c-4d5e-9f00-112233445566
    trust_anchor_arn: arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f2
    certificat: certs/leaf.pem
`)
	defer cleanup()

	_, err := auth.LoadProfile(path, "prod")
	var pe *auth.ProfileError
	if errors.As(err, &pe) {
		fmt.Printf("line %d, key %q: %s (%s)\n", pe.Line, pe.Key, pe.Reason, pe.Rule)
	}
	fmt.Println(errors.Is(err, &auth.ProfileError{Key: "certificate", Rule: auth.RuleRequired}))
	// Output:
	// line 8, key "certificat": unknown key (did you mean "certificate"?) (unknown-key)
	// true
}

func ExampleProfile_CredentialsProvider() {
	path, cleanup := writeExampleProfiles(`
profiles:
  dev:
    use_static_credentials: true
    access_key_id: AKIAIOSFODNN7EXAMPLE
    secret_access_key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY
`)
	defer cleanup()
	p, err := auth.LoadProfile(path, "dev")
	if err != nil {
		log.Fatal(err)
	}
	// Give the provider to any aws-sdk-go-v2 client:
	// sns.New(sns.Options{Region: "eu-west-1", Credentials: provider}).
	provider, err := p.CredentialsProvider(context.Background(),
		auth.WithLogger(slog.Default())) // failed refreshes are logged here
	if err != nil {
		log.Fatal(err)
	}
	creds, err := provider.Retrieve(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(creds.AccessKeyID, creds.CanExpire)
	// Output: AKIAIOSFODNN7EXAMPLE false
}

func ExampleSignHTTP() {
	provider := credentials.NewStaticCredentialsProvider("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "")
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.com/prod/orders?status=open", nil)
	err := auth.SignHTTP(context.Background(), provider, req, "execute-api", region.EUWest1, auth.SignOptions{
		Time: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), // fixed for the example; zero means now
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(req.Header.Get("X-Amz-Date"))
	fmt.Println(strings.SplitAfter(req.Header.Get("Authorization"), ", ")[0])
	// Output:
	// 20260102T030405Z
	// AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20260102/eu-west-1/execute-api/aws4_request,
}

func ExampleValidate() {
	p, err := auth.LoadProfile("", "") // $SNSCONNECTOR_CONFIG / $SNSCONNECTOR_PROFILE, or the defaults
	if err != nil {
		log.Fatal(err)
	}
	provider, err := p.CredentialsProvider(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	id, err := auth.Validate(context.Background(), provider, p.Region)
	if err != nil {
		log.Fatal(err) // the credentials do not work
	}
	fmt.Println(id.Account, id.ARN)
}

func ExampleRolesAnywhereError() {
	var err error = &auth.RolesAnywhereError{StatusCode: 403, Code: "AccessDeniedException", Message: "Untrusted certificate"}
	fmt.Println(errors.Is(err, auth.ErrAccessDenied), errors.Is(err, auth.ErrValidation))
	var re *auth.RolesAnywhereError
	if errors.As(err, &re) {
		fmt.Println(re.Code, re.Retryable())
	}
	// Output:
	// true false
	// AccessDeniedException false
}

// A key held in an HSM, a TPM or a KMS signs through crypto.Signer; the
// certificate is ordinary.
func ExampleNewRolesAnywhereCredentials() {
	var hsmKey crypto.Signer          // from your PKCS#11 or TPM library
	var certificate *x509.Certificate // from auth.ParseCertificates
	provider, err := auth.NewRolesAnywhereCredentials(auth.RolesAnywhereConfig{
		RoleARN:        "arn:aws:iam::111122223333:role/publisher",
		ProfileARN:     "arn:aws:rolesanywhere:eu-west-1:111122223333:profile/61f0d2a8-1b2c-4d5e-9f00-112233445566",
		TrustAnchorARN: "arn:aws:rolesanywhere:eu-west-1:111122223333:trust-anchor/0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f2",
		Certificate:    certificate,
		Signer:         hsmKey,
		Duration:       time.Hour,
	})
	if err != nil {
		log.Fatal(err)
	}
	_ = provider // aws.Config{Credentials: provider, Region: "eu-west-1"}
}

func ExampleSecret() {
	s := auth.NewSecret("hunter2")
	fmt.Printf("%v %s %#v %q\n", s, s, s, s)
	fmt.Println(len(s.Reveal()))
	// Output:
	// [REDACTED] [REDACTED] "[REDACTED]" "[REDACTED]"
	// 7
}
