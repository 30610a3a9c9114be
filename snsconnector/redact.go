package snsconnector

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Formatting a Client or its Options must never print a secret key: fmt
// walks unexported fields by reflection, and a static credentials provider
// holds the secret in plain fields. So both print a fixed summary for every
// verb, and for slog and JSON.

// Format prints a summary of the client, without credentials, for every verb.
func (c *Client) Format(f fmt.State, _ rune) {
	c.mu.RLock()
	n := len(c.apis)
	c.mu.RUnlock()
	fmt.Fprintf(f, "snsconnector.Client{regions in use: %d, endpoint: %q}", n, c.opts.Endpoint)
}

// LogValue logs the same summary as Format.
func (c *Client) LogValue() slog.Value { return slog.StringValue(fmt.Sprint(c)) }

// Format prints the options with credentials redacted, for every verb.
func (o Options) Format(f fmt.State, _ rune) {
	creds := "none"
	switch {
	case o.Credentials != nil:
		creds = "REDACTED"
	case o.Profile != nil:
		creds = fmt.Sprintf("profile %q", o.Profile.Name)
	}
	fmt.Fprintf(f, "snsconnector.Options{Credentials: %s, Endpoint: %q, InsecureEndpoint: %v, RetryMaxAttempts: %d, RetryMode: %q, Timeout: %v, Limits: %+v, AccountID: %q, custom API: %v}",
		creds, o.Endpoint, o.InsecureEndpoint, o.RetryMaxAttempts, o.RetryMode, o.Timeout, o.Limits, o.AccountID, o.APIFactory != nil)
}

// LogValue logs the same summary as Format.
func (o Options) LogValue() slog.Value { return slog.StringValue(fmt.Sprint(o)) }

// MarshalJSON encodes the same summary as Format, never the credentials.
func (o Options) MarshalJSON() ([]byte, error) { return json.Marshal(fmt.Sprint(o)) }

// redactedProvider hides the credentials a provider holds from fmt, slog
// and encoding/json, whatever a caller does with it.
type redactedProvider struct{ p aws.CredentialsProvider }

func (r redactedProvider) Retrieve(ctx context.Context) (aws.Credentials, error) {
	return r.p.Retrieve(ctx)
}

func (redactedProvider) Format(f fmt.State, _ rune)   { fmt.Fprint(f, "CredentialsProvider(REDACTED)") }
func (redactedProvider) LogValue() slog.Value         { return slog.StringValue("REDACTED") }
func (redactedProvider) MarshalJSON() ([]byte, error) { return []byte(`"REDACTED"`), nil }
