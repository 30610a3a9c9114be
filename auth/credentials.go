package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Provider is the credentials provider this package returns, and wraps
// around any other with [Redact]: an aws.CredentialsProvider that never
// shows the credentials it serves. fmt (every verb, %#v, %s and %x
// included), slog and encoding/json print only its description. The
// provider underneath, and the credentials it caches, sit behind a
// function: fmt prints a function as an address even when it dumps a
// struct raw (a Provider reached through an unexported field, or with a
// verb that does not fit), so there is no value for it to walk.
//
// The SDK sees through it (see [Provider.IsCredentialsProvider]). It is
// safe for concurrent use; the zero value returns an error.
type Provider struct {
	desc  string
	inner func() aws.CredentialsProvider
}

func newProvider(desc string, p aws.CredentialsProvider) *Provider {
	return &Provider{desc: desc, inner: func() aws.CredentialsProvider { return p }}
}

// Redact returns p behind a [Provider] that prints as p's type, never its
// credentials; p itself when it is a *Provider already, nil when nil. It
// adds no caching. Give the SDK a redacted provider where a client's
// options could be printed.
func Redact(p aws.CredentialsProvider) *Provider {
	switch v := p.(type) {
	case nil:
		return nil
	case *Provider:
		return v
	}
	return newProvider(fmt.Sprintf("%T", p), p)
}

var errZeroProvider = errors.New("auth: Retrieve on a nil or zero Provider")

// Retrieve returns credentials from the provider underneath.
func (p *Provider) Retrieve(ctx context.Context) (aws.Credentials, error) {
	if p == nil || p.inner == nil {
		return aws.Credentials{}, errZeroProvider
	}
	return p.inner().Retrieve(ctx)
}

// Invalidate makes the next Retrieve fetch fresh credentials, when the
// provider underneath caches (as those of [Profile.CredentialsProvider] and
// [NewRolesAnywhereCredentials] do); otherwise it does nothing.
func (p *Provider) Invalidate() {
	if p == nil || p.inner == nil {
		return
	}
	if c, ok := p.inner().(interface{ Invalidate() }); ok {
		c.Invalidate()
	}
}

// IsCredentialsProvider reports whether the provider underneath is of
// target's type (aws.IsCredentialsProvider), so that SDK code asking what
// it is given (anonymous credentials, say) gets the same answer as
// without the wrapper.
func (p *Provider) IsCredentialsProvider(target aws.CredentialsProvider) bool {
	if p == nil || p.inner == nil {
		return false
	}
	return aws.IsCredentialsProvider(p.inner(), target)
}

// String describes the provider: where its credentials come from.
func (p *Provider) String() string {
	if p == nil {
		return "auth.Provider(nil)"
	}
	return "auth.Provider(" + p.desc + ")"
}

// Format prints String for every verb.
func (p *Provider) Format(f fmt.State, verb rune) { formatAs(f, verb, p.String()) }

// LogValue logs String.
func (p *Provider) LogValue() slog.Value { return slog.StringValue(p.String()) }

// MarshalJSON encodes String.
func (p *Provider) MarshalJSON() ([]byte, error) { return json.Marshal(p.String()) }

var _ aws.CredentialsProvider = (*Provider)(nil)
