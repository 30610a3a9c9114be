// Package transport is what the library puts between every client it
// builds and the network, in one place: the plain-http rule of package
// endpoint, applied to each request as it leaves (whatever chose its URL),
// and the scrubbing of what a server echoes of a signed request in an error
// answer, before the SDK or anyone else reads it.
//
// SDK clients get both through [Middleware], in their APIOptions; the
// library's own HTTP calls (IAM Roles Anywhere) go through [Send].
package transport

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"

	"github.com/go-sns/connector/internal/endpoint"
)

// middlewareID names the middleware in an SDK client's stack.
const middlewareID = "github.com/go-sns/connector/internal/transport"

// Middleware returns an APIOptions entry (aws.Config.APIOptions, or a
// service client's Options.APIOptions) that refuses plain http to a host
// that is not loopback unless insecureOK, and scrubs error answers. It sits
// last in the deserialize step, next to the HTTP client, so the request it
// sees is the one sent (endpoint resolved, signed), and the SDK's
// deserializers, loggers and interceptors see only the scrubbed answer.
// Adding it to a stack that has it already does nothing.
func Middleware(insecureOK bool) func(*middleware.Stack) error {
	return func(s *middleware.Stack) error {
		if _, ok := s.Deserialize.Get(middlewareID); ok {
			return nil
		}
		return s.Deserialize.Add(middleware.DeserializeMiddlewareFunc(middlewareID, func(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (middleware.DeserializeOutput, middleware.Metadata, error) {
			req, ok := in.Request.(*smithyhttp.Request)
			if !ok {
				return next.HandleDeserialize(ctx, in)
			}
			if err := endpoint.CheckRequest(ctx, req.URL, insecureOK); err != nil {
				return middleware.DeserializeOutput{}, middleware.Metadata{}, err
			}
			out, md, err := next.HandleDeserialize(ctx, in)
			if resp, ok := out.RawResponse.(*smithyhttp.Response); ok && isError(resp.Response) {
				scrub(req.Request, resp.Response, sentValues(req)...)
			}
			return out, md, err
		}), middleware.After)
	}
}

// Doer sends HTTP requests; *http.Client and aws.HTTPClient are Doers.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Send sends req with c as [Middleware] does for SDK clients: plain http
// only to loopback unless insecureOK, and an error answer scrubbed.
func Send(c Doer, req *http.Request, insecureOK bool) (*http.Response, error) {
	if err := endpoint.CheckRequest(req.Context(), req.URL, insecureOK); err != nil {
		return nil, err
	}
	resp, err := c.Do(req)
	if err == nil && isError(resp) {
		scrub(req, resp)
	}
	return resp, err
}

// isError reports an answer outside 2xx: only those are scrubbed.
func isError(resp *http.Response) bool {
	return resp != nil && (resp.StatusCode < 200 || resp.StatusCode >= 300)
}

// sentValues returns the personal data and secrets a form-encoded (query
// protocol: SNS, STS) request carried, read back from its stream, which the
// SDK keeps seekable for retries. Only an error answer asks for them, so a
// successful call pays nothing.
func sentValues(req *smithyhttp.Request) []string {
	if !strings.HasPrefix(req.Header.Get("Content-Type"), "application/x-www-form-urlencoded") || !req.IsStreamSeekable() || req.GetStream() == nil {
		return nil
	}
	if req.RewindStream() != nil {
		return nil
	}
	body, err := io.ReadAll(io.LimitReader(req.GetStream(), maxSentForm))
	req.RewindStream() // as the SDK left it, should anything read it again
	if err != nil {
		return nil
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil
	}
	return sensitiveValues(form)
}
