package auth

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/aws/smithy-go"

	ep "github.com/go-sns/connector/internal/endpoint"
	"github.com/go-sns/connector/internal/nocreds"
)

// Rule names the rule a profile broke. Callers may switch on it; the set
// only grows.
type Rule string

// The rules a profile is checked against, all before anything is sent.
const (
	RuleNotFound      Rule = "not-found"        // no such file or profile
	RuleUnreadable    Rule = "unreadable"       // a file cannot be read or decoded
	RuleSyntax        Rule = "syntax"           // the file is not valid YAML of the expected shape
	RuleUnknownKey    Rule = "unknown-key"      // a key this package does not know (a typo?)
	RuleRequired      Rule = "required"         // a key the chosen method needs is missing
	RuleConflict      Rule = "conflict"         // keys of two methods mixed, or two sources for one value
	RuleFormat        Rule = "format"           // malformed ARN, duration, region, URL or name
	RuleRange         Rule = "range"            // a number or duration outside its allowed range
	RuleUnsetVariable Rule = "unset-variable"   // ${VAR} names an unset environment variable
	RuleKeyMismatch   Rule = "key-mismatch"     // the private key does not belong to the certificate
	RuleExpired       Rule = "expired"          // the certificate's NotAfter has passed
	RuleNotYetValid   Rule = "not-yet-valid"    // the certificate's NotBefore is in the future
	RuleUnsupported   Rule = "unsupported"      // a key or certificate Roles Anywhere cannot use
	RuleInsecure      Rule = "insecure"         // plain http to a host that is not loopback
	RulePermissions   Rule = "file-permissions" // a private key readable by others (a warning only)
)

// ErrInsecureEndpoint is matched (errors.Is) by every refusal of plain
// http to a host that is not loopback: the *[ProfileError] ([RuleInsecure])
// for such an endpoint in a profile, an option or the AWS configuration,
// and the error of a request whose URL was resolved to one. A name under
// localhost counts as loopback only if it resolves to loopback addresses
// alone (or not at all).
var ErrInsecureEndpoint = ep.ErrInsecure

// ErrNoCredentials is matched (errors.Is) by the error of the AWS default
// credential chain (use_default_credentials) when it found credentials
// nowhere. Its text says in one line what was tried and how to configure
// credentials. On a machine that is clearly not an EC2 instance the chain
// does not ask the instance metadata service, so this error comes at once
// instead of after seconds of retries; AWS_EC2_METADATA_DISABLED=false asks
// it anyway.
var ErrNoCredentials = nocreds.ErrNoCredentials

// ErrInvalidProfile is matched (with errors.Is) by every *[ProfileError]:
// the configuration is wrong, and retrying will not help.
var ErrInvalidProfile = errors.New("invalid profile")

// ProfileError reports one mistake in a profiles file or in a profile built
// in code. It names the file, the profile, the key and the rule, and never
// quotes a secret value. It is the caller's fault (a client error): fix the
// configuration.
type ProfileError struct {
	File    string // the profiles file, "" for a profile built in code
	Profile string // the profile name, "" for a file-level problem
	Key     string // the YAML key, "" when the problem is not one key's
	Line    int    // 1-based line of the key in File, 0 when unknown
	Rule    Rule
	Reason  string // what is wrong, in words
	Err     error  // the underlying cause, if any (os, x509, yaml errors)
}

func (e *ProfileError) Error() string {
	var b strings.Builder
	b.WriteString("auth: ")
	if e.File != "" {
		b.WriteString(e.File)
		if e.Line > 0 {
			fmt.Fprintf(&b, ":%d", e.Line)
		}
		b.WriteString(": ")
	}
	if e.Profile != "" {
		fmt.Fprintf(&b, "profile %q: ", e.Profile)
	}
	if e.Key != "" {
		fmt.Fprintf(&b, "key %q: ", e.Key)
	}
	b.WriteString(e.Reason)
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	fmt.Fprintf(&b, " (%s)", e.Rule)
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *ProfileError) Unwrap() error { return e.Err }

// Is reports whether target is [ErrInvalidProfile], or a *ProfileError whose
// non-empty Profile, Key and Rule equal e's: errors.Is(err,
// &ProfileError{Key: "duration", Rule: RuleRange}) asks "was the duration out
// of range?".
func (e *ProfileError) Is(target error) bool {
	if target == ErrInvalidProfile {
		return true
	}
	t, ok := target.(*ProfileError)
	if !ok {
		return false
	}
	return (t.Profile == "" || t.Profile == e.Profile) &&
		(t.Key == "" || t.Key == e.Key) &&
		(t.Rule == "" || t.Rule == e.Rule)
}

// PKCS12Limit names a limit [ParsePKCS12] puts on a file.
type PKCS12Limit string

// The limits of [ParsePKCS12].
const (
	PKCS12LimitSize PKCS12Limit = "size"                // MaxPKCS12Size bytes
	PKCS12LimitBags PKCS12Limit = "bags"                // MaxPKCS12Bags keys and certificates
	PKCS12LimitWork PKCS12Limit = "key-derivation work" // MaxPKCS12Work iterations
	PKCS12LimitKey  PKCS12Limit = "key size"            // MaxPrivateKeySize bytes
)

// PKCS12LimitError reports a PKCS#12 file that asks for more than
// [ParsePKCS12] does: it was refused before any key was derived from the
// password (beyond opening the file's encrypted parts, whose cost is
// counted). Got is at least what the file asks for: counting stops at the
// limit.
type PKCS12LimitError struct {
	Limit    PKCS12Limit
	Max, Got int64
}

func (e *PKCS12LimitError) Error() string {
	switch e.Limit {
	case PKCS12LimitSize:
		return fmt.Sprintf("PKCS#12: the file has %d bytes, more than the %d accepted", e.Got, e.Max)
	case PKCS12LimitBags:
		return fmt.Sprintf("PKCS#12: the file has more than %d keys and certificates (bags)", e.Max)
	case PKCS12LimitKey:
		return fmt.Sprintf("PKCS#12: a private key of about %d bytes, more than the %d accepted (RSA-16384 takes 9.3 KiB)", e.Got, e.Max)
	}
	return fmt.Sprintf("PKCS#12: the file asks for at least %d key-derivation iterations in all, more than the %d accepted", e.Got, e.Max)
}

// Sentinels matched (with errors.Is) by a *[RolesAnywhereError] with the
// corresponding error code.
var (
	// ErrAccessDenied: the trust anchor, profile or role refused the
	// certificate (wrong role, role trust policy, disabled profile, ...).
	ErrAccessDenied = errors.New("access denied")
	// ErrResourceNotFound: the trust anchor or profile does not exist in
	// the region asked.
	ErrResourceNotFound = errors.New("resource not found")
	// ErrValidation: the service rejected the request's shape (duration
	// above the role's maximum, session name not accepted, bad signature).
	ErrValidation = errors.New("request rejected by validation")
	// ErrThrottled: too many requests; retried before it is returned.
	ErrThrottled = errors.New("request throttled")
)

// RolesAnywhereError is an error answer of the IAM Roles Anywhere
// CreateSession API. It implements smithy.APIError, so code written for the
// SDK's errors handles it too.
type RolesAnywhereError struct {
	StatusCode int    // HTTP status
	Code       string // "AccessDeniedException", "ValidationException", ...
	Message    string // the service's message
	RequestID  string // x-amzn-RequestId, for AWS support
}

func (e *RolesAnywhereError) Error() string {
	msg := fmt.Sprintf("auth: IAM Roles Anywhere CreateSession: %s (HTTP %d)", e.Code, e.StatusCode)
	if e.Message != "" {
		msg += ": " + e.Message
	}
	if e.RequestID != "" {
		msg += " [request id " + e.RequestID + "]"
	}
	return msg
}

// Is matches the sentinels [ErrAccessDenied], [ErrResourceNotFound],
// [ErrValidation] and [ErrThrottled].
func (e *RolesAnywhereError) Is(target error) bool {
	switch target {
	case ErrAccessDenied:
		return e.Code == "AccessDeniedException" || e.Code == "AccessDenied"
	case ErrResourceNotFound:
		return e.Code == "ResourceNotFoundException"
	case ErrValidation:
		return e.Code == "ValidationException"
	case ErrThrottled:
		return e.throttled()
	}
	return false
}

func (e *RolesAnywhereError) throttled() bool {
	switch e.Code {
	case "ThrottlingException", "Throttling", "TooManyRequestsException",
		"RequestLimitExceeded", "SlowDown":
		return true
	}
	return e.StatusCode == http.StatusTooManyRequests
}

// Retryable reports whether trying again may succeed: server errors (5xx)
// and throttling are retryable; access, validation and missing resources
// are not.
func (e *RolesAnywhereError) Retryable() bool {
	return e.StatusCode >= 500 || e.throttled()
}

// ErrorCode returns Code (smithy.APIError).
func (e *RolesAnywhereError) ErrorCode() string { return e.Code }

// ErrorMessage returns Message (smithy.APIError).
func (e *RolesAnywhereError) ErrorMessage() string { return e.Message }

// ErrorFault says whose fault the error is: the server's for 5xx and
// throttling, the client's (the configuration's) otherwise.
func (e *RolesAnywhereError) ErrorFault() smithy.ErrorFault {
	if e.Retryable() {
		return smithy.FaultServer
	}
	return smithy.FaultClient
}

var _ smithy.APIError = (*RolesAnywhereError)(nil)
