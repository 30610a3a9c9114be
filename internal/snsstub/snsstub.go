// Package snsstub is an SNS endpoint for benchmarks of the client's own
// cost: it answers Publish and PublishBatch with fixed, well-formed awsQuery
// responses, accepting everything, whatever the input. A client-cost
// benchmark measures the process's CPU, the in-process server's included,
// so the server must cost little and the same for both sides of a
// comparison; snstest's fake checks SNS's rules and costs far more.
// Behaviour tests use snstest over HTTP (FailNext, SetEntryFault), not this.
package snsstub

import (
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync/atomic"
)

// Server is a running stub. Requests counts the calls it answered.
type Server struct {
	*httptest.Server
	Requests atomic.Int64
}

// New starts a stub on a loopback port; Close it when done.
func New() *Server {
	s := &Server{}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

const publishResponse = `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult><ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata></PublishResponse>`

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.Requests.Add(1)
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	switch form.Get("Action") {
	case "Publish":
		io.WriteString(w, publishResponse)
	case "PublishBatch":
		publishBatch(w, form)
	default:
		http.Error(w, "snsstub: unsupported action", http.StatusBadRequest)
	}
}

// publishBatch accepts every entry. It answers as SNS does, each entry by
// its Id, with a message ID, and a sequence number when the entry has a
// message group.
func publishBatch(w http.ResponseWriter, form url.Values) {
	io.WriteString(w, `<PublishBatchResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishBatchResult><Successful>`)
	for i := 1; ; i++ {
		prefix := "PublishBatchRequestEntries.member." + strconv.Itoa(i) + "."
		id, ok := form[prefix+"Id"]
		if !ok {
			break
		}
		fmt.Fprintf(w, "<member><Id>%s</Id><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e%03d</MessageId>", html.EscapeString(id[0]), i)
		if form.Has(prefix + "MessageGroupId") {
			fmt.Fprintf(w, "<SequenceNumber>100000000000000000%02d</SequenceNumber>", i)
		}
		io.WriteString(w, "</member>")
	}
	io.WriteString(w, `</Successful><Failed></Failed></PublishBatchResult><ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata></PublishBatchResponse>`)
}
