package notification

import (
	"errors"
)

// ErrNotVerified is matched (with errors.Is) by every error of
// [Verifier.Verify]: the body was not shown to come from Amazon SNS and must
// not be acted on. The error is a *[VerificationError] naming the rule that
// failed.
var ErrNotVerified = errors.New("notification not verified")

// ErrUnsigned is matched, as well as [ErrNotVerified], by the error for an
// envelope that carries no signature at all. SNS sends such envelopes from
// FIFO topics to Amazon SQS queues: nothing in them proves where they came
// from. Trust them only through the queue: a queue policy that lets nothing
// but the topic send to it (aws:SourceArn), and read them with
// [Parse], not Verify.
var ErrUnsigned = errors.New("notification is unsigned")

// Rule names the check a body failed. Callers may switch on it; the set
// only grows.
type Rule string

// The checks of [Verifier.Verify], in the order it applies them.
const (
	RuleSize            Rule = "size"             // the body is larger than the limit
	RuleShape           Rule = "shape"            // not an SNS envelope: bad JSON, unknown Type, a required field missing or malformed
	RuleUnsigned        Rule = "unsigned"         // no signature at all (FIFO envelopes)
	RuleAlgorithm       Rule = "algorithm"        // a SignatureVersion other than 1 or 2, or a key that is not RSA of 2048 bits or more
	RuleTopic           Rule = "topic"            // the TopicArn is not in the allow-list
	RuleTimestamp       Rule = "timestamp"        // older than the maximum age, or in the future
	RuleCertURL         Rule = "cert-url"         // the SigningCertURL is not where SNS keeps its certificates
	RuleCertUnavailable Rule = "cert-unavailable" // the certificate could not be fetched (network, status, size): worth retrying
	RuleCertificate     Rule = "certificate"      // not PEM, not chained to a trusted root, outside its validity, or not SNS's name
	RuleSignature       Rule = "signature"        // the signature does not match the signed fields
)

// VerificationError says why a body was refused. Its message names the rule
// and the field, never a value from the body: bodies carry tokens, URLs and
// message text that may be secret or personal.
type VerificationError struct {
	Rule   Rule
	Field  string // the envelope field at fault, "" when none is
	Reason string // what is wrong, in words
	// Err is the underlying error, when there is one (a network error, an
	// x509 error). It is not part of the message, since it may quote a
	// URL; read it with errors.As.
	Err error
}

// Error names the rule, the field and the reason.
func (e *VerificationError) Error() string {
	s := "notification: not verified (" + string(e.Rule) + "): "
	if e.Field != "" {
		s += e.Field + ": "
	}
	return s + e.Reason
}

// Unwrap returns the underlying error, if any.
func (e *VerificationError) Unwrap() error { return e.Err }

// Is reports whether target is [ErrNotVerified], [ErrUnsigned] for an
// unsigned envelope, or a *VerificationError with the same non-empty Rule:
// errors.Is(err, &VerificationError{Rule: RuleTimestamp}) asks "was it
// too old?".
func (e *VerificationError) Is(target error) bool {
	switch target {
	case ErrNotVerified:
		return true
	case ErrUnsigned:
		return e.Rule == RuleUnsigned
	}
	t, ok := target.(*VerificationError)
	return ok && t.Rule != "" && t.Rule == e.Rule && (t.Field == "" || t.Field == e.Field)
}

// Retryable reports whether the same body might verify later: the
// certificate could not be fetched. A handler answers such a failure with a
// 5xx so SNS delivers again instead of dropping the message.
func (e *VerificationError) Retryable() bool { return e.Rule == RuleCertUnavailable }

func fail(rule Rule, field, reason string) *VerificationError {
	return &VerificationError{Rule: rule, Field: field, Reason: reason}
}
