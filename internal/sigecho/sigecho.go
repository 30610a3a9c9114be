// Package sigecho is a loopback server that refuses every request the way
// AWS refuses a bad signature, quoting what the request carried: the
// canonical request (whose signed headers include x-amz-security-token),
// the string to sign, and the Authorization header. It answers in the error
// shape of SNS or STS (the query protocol's XML) or of IAM Roles Anywhere
// (restJson1), so tests can check that nothing secret a server echoes comes
// out of the library.
package sigecho

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/go-sns/connector/internal/ststest"
)

// Shape is the error format of a service.
type Shape int

// The shapes the server answers in.
const (
	SNS           Shape = iota // awsQuery XML, SNS's namespace
	STS                        // awsQuery XML, STS's namespace
	RolesAnywhere              // restJson1, code in X-Amzn-ErrorType
)

// Server is a running echo server on 127.0.0.1, closed when the test ends.
type Server struct {
	*httptest.Server
	shape    Shape
	requests atomic.Int64
}

// New starts a server answering in shape.
func New(t testing.TB, shape Shape) *Server {
	s := &Server{shape: shape}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	return s
}

// Requests returns how many requests the server refused.
func (s *Server) Requests() int64 { return s.requests.Load() }

// Message is what AWS says for a signature that does not match, with the
// canonical request and string to sign it computed, and what it says for
// an incomplete one, which quotes the Authorization header (first, so that
// a client that shortens long messages still gets it).
func Message(r *http.Request, body []byte) string {
	cr, toSign, _ := ststest.Canonical(r, body)
	return "The request signature we calculated does not match the signature you provided. " +
		"Authorization=" + r.Header.Get("Authorization") + "\n" +
		"Check your AWS Secret Access Key and signing method. Consult the service documentation for details.\n\n" +
		"The Canonical String for this request should have been\n'" + cr + "'\n\n" +
		"The String-to-Sign should have been\n'" + toSign + "'\n"
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	msg := Message(r, body)
	switch s.shape {
	case RolesAnywhere:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("X-Amzn-ErrorType", "InvalidSignatureException")
		w.Header().Set("X-Amzn-RequestId", "8c1b9b0e-echo")
		w.WriteHeader(http.StatusForbidden)
		_ = json.NewEncoder(w).Encode(map[string]string{"message": msg})
	default:
		ns := "http://sns.amazonaws.com/doc/2010-03-31/"
		if s.shape == STS {
			ns = "https://sts.amazonaws.com/doc/2011-06-15/"
		}
		var esc strings.Builder
		_ = xml.EscapeText(&esc, []byte(msg))
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, `<ErrorResponse xmlns="%s"><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>%s</Message></Error><RequestId>8c1b9b0e-echo</RequestId></ErrorResponse>`, ns, esc.String())
	}
}
