package faults

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
)

// Answer is an SNS-shaped error answer: status and awsQuery error code.
type Answer struct {
	Status int
	Code   string
	Sender bool // a client fault (Type Sender) rather than a server fault
}

// The answers SNS gives when it is unwell or busy.
var (
	InternalError      = Answer{http.StatusInternalServerError, "InternalError", false}
	ServiceUnavailable = Answer{http.StatusServiceUnavailable, "ServiceUnavailable", false}
	Throttling         = Answer{http.StatusBadRequest, "Throttling", true}
)

// HTTPFaults is a reverse proxy that answers a share of requests with an
// SNS-shaped error instead of the upstream's answer. Before decides which
// side of the upstream the fault falls on: false forwards the request first
// (it takes effect, but the caller is told it failed: the ambiguous case a
// publisher must survive without losing or, with FIFO deduplication,
// duplicating a message), true answers without forwarding.
type HTTPFaults struct {
	URL      string
	Share    float64  // of requests, 0 to 1
	Answers  []Answer // chosen at random per fault
	Before   bool
	Injected atomic.Int64 // faults answered so far

	mu  sync.Mutex
	rnd *rand.Rand
}

// NewHTTPFaults starts the proxy in front of upstream (an http:// URL) and
// closes it when the test ends. seed makes the fault sequence repeatable.
func NewHTTPFaults(t testing.TB, upstream string, share float64, seed uint64, answers ...Answer) *HTTPFaults {
	t.Helper()
	u, err := url.Parse(upstream)
	if err != nil {
		t.Fatalf("faults: upstream %q: %v", upstream, err)
	}
	if len(answers) == 0 {
		answers = []Answer{InternalError, ServiceUnavailable, Throttling}
	}
	f := &HTTPFaults{Share: share, Answers: answers, rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	rp := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		answer, fault := f.pick()
		if !fault {
			rp.ServeHTTP(w, r)
			return
		}
		f.Injected.Add(1)
		if !f.Before {
			rp.ServeHTTP(discard{header: http.Header{}}, r) // the upstream acts on it
		}
		writeAnswer(w, answer)
	}))
	t.Cleanup(srv.Close)
	f.URL = srv.URL
	return f
}

func (f *HTTPFaults) pick() (Answer, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.rnd.Float64() >= f.Share {
		return Answer{}, false
	}
	return f.Answers[f.rnd.IntN(len(f.Answers))], true
}

func writeAnswer(w http.ResponseWriter, a Answer) {
	kind := "Receiver"
	if a.Sender {
		kind = "Sender"
	}
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(a.Status)
	fmt.Fprintf(w, `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>%s</Type><Code>%s</Code><Message>injected fault</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`, kind, a.Code)
}

// discard is a ResponseWriter that drops the upstream's answer.
type discard struct{ header http.Header }

func (d discard) Header() http.Header         { return d.header }
func (d discard) Write(p []byte) (int, error) { return len(p), nil }
func (d discard) WriteHeader(int)             {}
