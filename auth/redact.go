package auth

import (
	"fmt"
	"log/slog"
)

// redacted is what every secret prints as.
const redacted = "[REDACTED]"

// Secret is a string that never prints: fmt (every verb, %#v included),
// slog, encoding/json and encoding/text all see "[REDACTED]" when it is set
// and "" when it is empty. Call [Secret.Reveal] where the value is really
// needed, and nowhere else. The zero value is the empty secret.
//
// The value sits behind a pointer: when fmt cannot call Format (a Secret
// reached through an unexported field and printed with a verb such as %s
// makes fmt dump the struct raw), it prints an address, not the secret.
//
// Secret access keys, session tokens and PKCS#12 passwords are Secrets.
// Access key IDs are not secret and print as they are.
type Secret struct{ v *string }

// NewSecret wraps s; an empty s gives the empty secret.
func NewSecret(s string) Secret {
	if s == "" {
		return Secret{}
	}
	return Secret{&s}
}

// Reveal returns the secret value.
func (s Secret) Reveal() string {
	if s.v == nil {
		return ""
	}
	return *s.v
}

// IsSet reports whether the secret is not empty.
func (s Secret) IsSet() bool { return s.v != nil && *s.v != "" }

// String returns "[REDACTED]", or "" for an empty secret.
func (s Secret) String() string {
	if !s.IsSet() {
		return ""
	}
	return redacted
}

// GoString is like String, so %#v redacts too.
func (s Secret) GoString() string { return fmt.Sprintf("%q", s.String()) }

// Format redacts the secret whatever the verb (%x and %q included).
func (s Secret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'q':
		fmt.Fprintf(f, "%q", s.String())
	case 'v':
		if f.Flag('#') {
			fmt.Fprint(f, s.GoString())
			return
		}
		fmt.Fprint(f, s.String())
	default:
		fmt.Fprint(f, s.String())
	}
}

// LogValue redacts the secret in slog output.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }

// MarshalText redacts the secret in encoders (JSON, YAML, slog handlers).
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// formatAs writes the value of str for every fmt verb. Types that carry
// secrets use it as their Format method so that %#v, which would otherwise
// dump unexported fields, prints the same redacted summary as %v.
func formatAs(f fmt.State, verb rune, str string) {
	if verb == 'q' {
		fmt.Fprintf(f, "%q", str)
		return
	}
	fmt.Fprint(f, str)
}
