package model

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

// ErrInvalid is matched (with errors.Is) by every *[ValidationError], so a
// caller can tell bad input from a failure of the service or the network.
var ErrInvalid = errors.New("invalid input")

// Rule names the documented limit a value broke. Callers may switch on it;
// the set only grows.
type Rule string

// The rules validation enforces.
const (
	RuleRequired  Rule = "required"   // the value must be set
	RuleForbidden Rule = "forbidden"  // the value must not be set in this context
	RuleMaxLength Rule = "max-length" // too many characters
	RuleMinLength Rule = "min-length" // too few characters
	RuleMaxSize   Rule = "max-size"   // too many bytes (payload, batch)
	RuleMaxCount  Rule = "max-count"  // too many items (attributes, entries, tags)
	RuleCharset   Rule = "charset"    // a character outside the allowed set
	RuleFormat    Rule = "format"     // not shaped as required (ARN, number, JSON, phone number)
	RuleRange     Rule = "range"      // a number outside its allowed range
	RuleReserved  Rule = "reserved"   // a prefix or name AWS keeps for itself
	RuleDuplicate Rule = "duplicate"  // must be unique, and is not
	RuleConflict  Rule = "conflict"   // contradicts another field
)

// ValidationError reports one value that breaks one of Amazon SNS's
// documented rules. It is returned before anything is sent.
//
// Field is a path into the request ("Message.Attributes[\"price\"].Value").
// Reason says what is wrong in words; it never quotes message bodies or
// attribute values, which may be confidential.
type ValidationError struct {
	Field  string
	Rule   Rule
	Reason string
}

func (e *ValidationError) Error() string {
	return fmt.Sprintf("invalid %s (%s): %s", e.Field, e.Rule, e.Reason)
}

// Is reports whether target is [ErrInvalid], or a *ValidationError whose
// non-empty Field and Rule equal e's: errors.Is(err,
// &ValidationError{Rule: RuleMaxSize}) asks "was it too large?".
func (e *ValidationError) Is(target error) bool {
	if target == ErrInvalid {
		return true
	}
	t, ok := target.(*ValidationError)
	if !ok {
		return false
	}
	return (t.Field == "" || t.Field == e.Field) && (t.Rule == "" || t.Rule == e.Rule)
}

// invalid builds a *ValidationError; reason is formatted with args.
func invalid(field string, rule Rule, reason string, args ...any) *ValidationError {
	if len(args) > 0 {
		reason = fmt.Sprintf(reason, args...)
	}
	return &ValidationError{Field: field, Rule: rule, Reason: reason}
}

// collector gathers the problems of one value so a caller sees all of them
// at once instead of fixing one per round trip.
type collector struct{ errs []error }

func (c *collector) add(err error) {
	if err != nil {
		c.errs = append(c.errs, err)
	}
}

// err returns nil, the only error, or all of them joined (errors.As finds
// the first *ValidationError, errors.Is checks each).
func (c *collector) err() error {
	switch len(c.errs) {
	case 0:
		return nil
	case 1:
		return c.errs[0]
	}
	return errors.Join(c.errs...)
}

// shorten cuts s for an error message, at a rune boundary, so that a hostile
// input cannot make the message huge.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
