package snsconnector

import (
	"errors"
	"strings"

	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/auth"
	"github.com/go-sns/connector/internal/nocreds"
	"github.com/go-sns/connector/region"
)

// Error is the error of every Client operation. It says which operation
// failed, in which region and on which topic, and wraps the cause: a
// *model.ValidationError when the input was refused before sending, or the
// SDK's error, so errors.As reaches modeled errors such as
// *types.NotFoundException and *types.AuthorizationErrorException.
type Error struct {
	Op     string        // the SNS operation, "Publish"
	Region region.Region // the region called
	Topic  string        // the topic ARN, when the operation has one
	Err    error         // the cause
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("snsconnector: ")
	b.WriteString(e.Op)
	if e.Region != "" {
		b.WriteString(" in ")
		b.WriteString(string(e.Region))
	}
	if e.Topic != "" {
		b.WriteString(" on ")
		b.WriteString(e.Topic)
	}
	b.WriteString(": ")
	var none *nocreds.Error
	if errors.As(e.Err, &none) {
		// One line that says what to do, not the SDK's chain of wrappers.
		b.WriteString(none.Error())
		return b.String()
	}
	b.WriteString(e.Err.Error())
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// ErrorCode returns the AWS error code of err ("NotFound",
// "AuthorizationError", "Throttling", ...) when err wraps an error the
// service returned, and "" otherwise.
func ErrorCode(err error) string {
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return ""
}

// ErrInsecureEndpoint is matched (errors.Is) by the refusal of plain http to
// a host that is not loopback without [WithInsecureEndpoint]: from New when
// the endpoint is known then (WithEndpoint, AWS_ENDPOINT_URL_SNS or _STS,
// AWS_ENDPOINT_URL, the shared config file, Config's BaseEndpoint), from a
// call when a request is resolved to one (an endpoint resolver). A name
// under localhost counts as loopback only if it resolves to loopback
// addresses alone. It is the same error as auth.ErrInsecureEndpoint.
var ErrInsecureEndpoint = auth.ErrInsecureEndpoint

// ErrNoCredentials is matched (errors.Is) by the error of a call made with
// the AWS default credential chain (no WithProfile, WithCredentialsProvider
// or WithConfig) when the chain found credentials nowhere. The *Error's text
// then says in one line what was tried and how to configure credentials. On
// a machine that is clearly not an EC2 instance the chain does not ask the
// instance metadata service, so this error comes at once instead of after
// seconds of retries; AWS_EC2_METADATA_DISABLED=false asks it anyway. It is
// the same error as auth.ErrNoCredentials.
var ErrNoCredentials = auth.ErrNoCredentials

var errRepeatedToken = errors.New("the service returned the same NextToken twice; stopping instead of looping")

var errNoMessageID = errors.New("the service accepted the call but returned no message ID")

var errNoTopicARN = errors.New("the service accepted the call but returned no topic ARN")
