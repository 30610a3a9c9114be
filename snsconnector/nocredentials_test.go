package snsconnector

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/go-sns/connector/internal/nocreds"
	"github.com/go-sns/connector/internal/ststest"
	"github.com/go-sns/connector/region"
)

// fakeIMDS answers like the EC2 instance metadata service: a session token,
// then the instance's role and its credentials, or no role at all.
func fakeIMDS(t *testing.T, role string) (url string, requests *atomic.Int32) {
	requests = new(atomic.Int32)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		const creds = "/latest/meta-data/iam/security-credentials/"
		switch {
		case r.Method == http.MethodPut && r.URL.Path == "/latest/api/token":
			w.Header().Set("X-Aws-Ec2-Metadata-Token-Ttl-Seconds", "21600")
			w.Write([]byte("imds-token"))
		case role == "":
			http.NotFound(w, r)
		case r.URL.Path == creds:
			w.Write([]byte(role))
		case r.URL.Path == creds+role:
			json.NewEncoder(w).Encode(map[string]string{
				"Code": "Success", "Type": "AWS-HMAC", "AccessKeyId": "AKIDIMDS", "SecretAccessKey": "imds-secret", "Token": "imds-token",
				"LastUpdated": time.Now().UTC().Format(time.RFC3339), "Expiration": time.Now().Add(time.Hour).UTC().Format(time.RFC3339),
			})
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL, requests
}

// noCredentialsAnywhere gives the test a machine with no AWS credentials:
// no variables, no shared files, IMDS at url.
func noCredentialsAnywhere(t *testing.T, imdsURL, metadataDisabled string) {
	ststest.IsolateAWSConfig(t, "", map[string]string{"AWS_EC2_METADATA_SERVICE_ENDPOINT": imdsURL})
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_WEB_IDENTITY_TOKEN_FILE",
		"AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_EC2_METADATA_DISABLED"} {
		t.Setenv(k, "")
		os.Unsetenv(k)
	}
	if metadataDisabled != "" {
		t.Setenv("AWS_EC2_METADATA_DISABLED", metadataDisabled)
	}
}

// TestNoCredentialsFailsFastAndSaysHow: with no credentials anywhere, a call
// fails with ErrNoCredentials in one line that says what was tried and how
// to configure credentials; off EC2 it does not ask instance metadata (the
// seconds of retries a newcomer waited), on EC2 or when asked it does.
func TestNoCredentialsFailsFastAndSaysHow(t *testing.T) {
	stub := newStub(t, "t")
	for _, tc := range []struct {
		name             string
		notEC2           bool
		metadataDisabled string
		role             string
		wantIMDS         bool
		wantOK           bool
	}{
		{name: "laptop", notEC2: true},
		{name: "laptop, metadata asked for", notEC2: true, metadataDisabled: "false", wantIMDS: true},
		{name: "EC2 without a role", wantIMDS: true},
		{name: "EC2 with a role", role: "publisher", wantIMDS: true, wantOK: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			old := nocreds.NotEC2
			nocreds.NotEC2 = func() bool { return tc.notEC2 }
			t.Cleanup(func() { nocreds.NotEC2 = old })
			imdsURL, imdsRequests := fakeIMDS(t, tc.role)
			noCredentialsAnywhere(t, imdsURL, tc.metadataDisabled)

			c, err := New(context.Background(), WithEndpoint(stub.URL), WithRetryMaxAttempts(1))
			if err != nil {
				t.Fatal(err)
			}
			_, err = c.ListTopics(context.Background(), region.USEast1)
			if asked := imdsRequests.Load() > 0; asked != tc.wantIMDS {
				t.Errorf("instance metadata asked: %v, want %v", asked, tc.wantIMDS)
			}
			if tc.wantOK {
				if err != nil {
					t.Fatalf("credentials from instance metadata: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrNoCredentials) {
				t.Fatalf("err = %v; want ErrNoCredentials", err)
			}
			msg := err.Error()
			for _, want := range []string{"ListTopics in us-east-1: no AWS credentials found", "AWS_ACCESS_KEY_ID", "AWS_PROFILE", "WithProfile"} {
				if !strings.Contains(msg, want) {
					t.Errorf("the error does not say %q: %s", want, msg)
				}
			}
			if strings.Contains(msg, "operation error") || strings.Contains(msg, "\n") {
				t.Errorf("the error is not one plain line: %s", msg)
			}
			if tc.notEC2 && tc.metadataDisabled == "" && !strings.Contains(msg, "not EC2 instance metadata") {
				t.Errorf("the error does not say instance metadata was skipped: %s", msg)
			}
		})
	}
}
