package snstest

import (
	"context"
	"errors"
	"net/http"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/traits"
)

// wireError is an error as the query protocol carries it:
// <ErrorResponse><Error><Type>Sender</Type><Code>NotFound</Code>
// <Message>...</Message></Error><RequestId>...</RequestId></ErrorResponse>
// with the HTTP status of the code.
type wireError struct {
	status              int
	kind, code, message string
}

// commonStatus is the HTTP status of the errors every AWS query API can
// return ("Common Errors" of the API references), for an error that does
// not carry its own.
var commonStatus = map[string]int{
	"IncompleteSignature":         http.StatusBadRequest,
	"InternalFailure":             http.StatusInternalServerError,
	"InvalidAction":               http.StatusBadRequest,
	"InvalidClientTokenId":        http.StatusForbidden,
	"InvalidParameterCombination": http.StatusBadRequest,
	"InvalidParameterValue":       http.StatusBadRequest,
	"InvalidQueryParameter":       http.StatusBadRequest,
	"MalformedQueryString":        http.StatusNotFound,
	"MissingAction":               http.StatusBadRequest,
	"MissingAuthenticationToken":  http.StatusForbidden,
	"MissingParameter":            http.StatusBadRequest,
	"OptInRequired":               http.StatusForbidden,
	"RequestExpired":              http.StatusBadRequest,
	"ServiceUnavailable":          http.StatusServiceUnavailable,
	"Throttling":                  http.StatusBadRequest,
	"ValidationError":             http.StatusBadRequest,
}

// toWire turns what an operation of the fake returned into the error SNS
// would send. A modeled error (*types.NotFoundException, ...) gets the code
// and status its schema declares, so the SDK decodes it back into the same
// type; an unmodeled smithy.APIError (FailNext with a
// *smithy.GenericAPIError{Code: "Throttling"}) its code, with the status of
// an HTTPStatusCode method or of AWS's common errors; the SDK client's own
// check of required members becomes ValidationError; anything else is an
// InternalFailure.
func toWire(err error) wireError {
	var apiErr smithy.APIError
	if errors.As(err, &apiErr) {
		e := wireError{status: http.StatusBadRequest, kind: "Sender", code: apiErr.ErrorCode(), message: apiErr.ErrorMessage()}
		if apiErr.ErrorFault() == smithy.FaultServer {
			e.status, e.kind = http.StatusInternalServerError, "Receiver"
		}
		if s, ok := commonStatus[e.code]; ok {
			e.status = s
		}
		var modeled interface {
			smithy.APIError
			smithy.Serializable
		}
		if errors.As(err, &modeled) {
			var w xmlResult
			modeled.Serialize(&w) // only to learn the error's schema
			if t, ok := smithy.SchemaTrait[*traits.AWSQueryError](w.schema); ok && t.StatusCode != 0 {
				e.status = t.StatusCode
			} else if t, ok := smithy.SchemaTrait[*traits.HTTPError](w.schema); ok {
				e.status = t.Code
			}
		}
		var withStatus interface{ HTTPStatusCode() int }
		if errors.As(err, &withStatus) && withStatus.HTTPStatusCode() != 0 {
			e.status = withStatus.HTTPStatusCode()
		}
		return e
	}
	var params smithy.InvalidParamsError
	if errors.As(err, &params) {
		return wireError{status: http.StatusBadRequest, kind: "Sender", code: "ValidationError", message: params.Error()}
	}
	var fe *formError
	if errors.As(err, &fe) {
		return wireError{status: http.StatusBadRequest, kind: "Sender", code: "InvalidParameter", message: fe.Error()}
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return wireError{status: http.StatusServiceUnavailable, kind: "Receiver", code: "ServiceUnavailable", message: err.Error()}
	}
	return wireError{status: http.StatusInternalServerError, kind: "Receiver", code: "InternalFailure", message: err.Error()}
}
