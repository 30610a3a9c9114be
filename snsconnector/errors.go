package snsconnector

import (
	"errors"
	"strings"

	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/auth"
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

var errRepeatedToken = errors.New("the service returned the same NextToken twice; stopping instead of looping")

var errNoMessageID = errors.New("the service accepted the call but returned no message ID")

var errNoTopicARN = errors.New("the service accepted the call but returned no topic ARN")
