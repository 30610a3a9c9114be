package snsconnector

import (
	"encoding/json"
	"fmt"
	"log/slog"
)

// Formatting a Client, its Options or a Publisher must never print a
// secret. Each prints a fixed summary for every verb, and for slog and
// JSON. Where fmt cannot call these methods (one of them reached through an
// unexported field, or a verb such as %s on a pointer, which makes fmt dump
// the pointee raw), nothing secret is there to walk: credentials sit behind
// an *auth.Provider, whose only state is a function.

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

// Format prints a summary of the publisher for every verb. (fmt would
// otherwise read its locked state while its goroutines change it.)
func (p *Publisher) Format(f fmt.State, _ rune) {
	fmt.Fprintf(f, "snsconnector.Publisher{region: %s, topic: %q}", p.region, p.topic.ARN)
}

// LogValue logs the same summary as Format.
func (p *Publisher) LogValue() slog.Value { return slog.StringValue(fmt.Sprint(p)) }
