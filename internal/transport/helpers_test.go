package transport

import (
	"context"
	"errors"
	"net/http"
	"net/url"

	"github.com/aws/aws-sdk-go-v2/service/sts"
	smithyendpoints "github.com/aws/smithy-go/endpoints"
	"github.com/aws/smithy-go/middleware"
)

type smithyMiddlewareStack = middleware.Stack

const afterAll = middleware.After

// finalizeCounter counts the attempts that reach the finalize step's end
// (after the retry loop, once per attempt).
func finalizeCounter(n *int) middleware.FinalizeMiddleware {
	return middleware.FinalizeMiddlewareFunc("count", func(ctx context.Context, in middleware.FinalizeInput, next middleware.FinalizeHandler) (middleware.FinalizeOutput, middleware.Metadata, error) {
		*n++
		return next.HandleFinalize(ctx, in)
	})
}

type fixedResolver string

func (f fixedResolver) ResolveEndpoint(context.Context, sts.EndpointParameters) (smithyendpoints.Endpoint, error) {
	u, err := url.Parse(string(f))
	return smithyendpoints.Endpoint{URI: *u}, err
}

// failingClient stands for a network that answers nothing.
type failingClient struct{}

func (failingClient) Do(*http.Request) (*http.Response, error) {
	return nil, errors.New("sent, but nobody answered")
}
