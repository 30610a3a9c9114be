package conformance_test

import (
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/harness/conformance"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// TestConformanceOverHTTP runs the behaviour suite a third time: the fake
// behind its HTTP handler, reached by the SDK's own client, so the SDK's
// serializer, error decoding and paginators meet SNS's wire format.
func TestConformanceOverHTTP(t *testing.T) {
	fake := snstest.New()
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close) // the suite's tests run in parallel, after Run returns
	conformance.Run(t, &httpHarness{fakeHarness: fakeHarness{fake}, url: srv.URL, clients: map[region.Region]*sns.Client{}})
}

// httpHarness is fakeHarness with an *sns.Client per region in place of
// the fake's in-process views.
type httpHarness struct {
	fakeHarness
	url     string
	mu      sync.Mutex
	clients map[region.Region]*sns.Client
}

func (h *httpHarness) API(r region.Region) snsconnector.API {
	h.mu.Lock()
	defer h.mu.Unlock()
	if c, ok := h.clients[r]; ok {
		return c
	}
	c := sns.New(sns.Options{
		Region:           string(r),
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDSNSTEST", "secret", ""),
		BaseEndpoint:     aws.String(h.url),
		RetryMaxAttempts: 1,
	})
	h.clients[r] = c
	return c
}
