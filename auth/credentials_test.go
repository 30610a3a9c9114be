package auth

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/go-sns/connector/internal/rolesanywheretest"
)

// The SDK sees through a Provider: it caches once, and anonymous
// credentials stay anonymous (so requests go unsigned, as without it).
func TestProviderIsTransparentToTheSDK(t *testing.T) {
	f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{})
	p, err := NewRolesAnywhereCredentials(f.config(f.leaf))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for range 3 {
		if _, err := p.Retrieve(ctx); err != nil {
			t.Fatal(err)
		}
	}
	if n := f.srv.Calls(); n != 1 {
		t.Fatalf("%d sessions for three Retrieves; the cache is not behind the Provider", n)
	}
	p.Invalidate()
	if _, err := p.Retrieve(ctx); err != nil || f.srv.Calls() != 2 {
		t.Fatalf("Invalidate did not force a refresh: %v, %d sessions", err, f.srv.Calls())
	}

	anon := Redact(aws.AnonymousCredentials{})
	if !aws.IsCredentialsProvider(anon, aws.AnonymousCredentials{}) || aws.IsCredentialsProvider(p, aws.AnonymousCredentials{}) {
		t.Error("IsCredentialsProvider does not answer for the provider underneath")
	}
	if Redact(p) != p || Redact(nil) != nil {
		t.Error("Redact wraps twice, or wraps nil")
	}
	var zero Provider
	if _, err := zero.Retrieve(ctx); err == nil {
		t.Error("the zero Provider returned credentials")
	}
	zero.Invalidate() // must not panic
}
