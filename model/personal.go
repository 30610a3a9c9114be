package model

import (
	"fmt"
	"log/slog"
)

// PersonalData is a value that identifies a person or their device: a phone
// number, a device token, the user data stored with a platform endpoint. It
// is an ordinary string to the program (convert it, or call
// [PersonalData.Reveal], where the value is needed) but never prints: fmt
// under every verb, slog, encoding/json and encoding/text all see
// "[personal data]", or "" when it is empty. So a request or a result that
// holds one can be logged whole without leaking it.
//
// Keep it in exported fields or variables: fmt cannot call the methods of a
// value it reaches through an unexported struct field, and prints that one
// as the plain string it is.
type PersonalData string

// personalMask is what every non-empty PersonalData prints as.
const personalMask = "[personal data]"

// Reveal returns the value.
func (p PersonalData) Reveal() string { return string(p) }

// String returns "[personal data]", or "" when p is empty.
func (p PersonalData) String() string {
	if p == "" {
		return ""
	}
	return personalMask
}

// GoString is like String, so %#v hides the value too.
func (p PersonalData) GoString() string { return fmt.Sprintf("%q", p.String()) }

// Format hides the value whatever the verb (%x and %q included).
func (p PersonalData) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'q', verb == 'v' && f.Flag('#'):
		fmt.Fprintf(f, "%q", p.String())
	default:
		fmt.Fprint(f, p.String())
	}
}

// LogValue hides the value in slog output.
func (p PersonalData) LogValue() slog.Value { return slog.StringValue(p.String()) }

// MarshalText hides the value from encoders (JSON, YAML, slog handlers).
func (p PersonalData) MarshalText() ([]byte, error) { return []byte(p.String()), nil }
