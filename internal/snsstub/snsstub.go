// Package snsstub is a minimal in-process SNS endpoint for tests and
// benchmarks: it answers Publish, PublishBatch and ListTopics with fixed,
// well-formed awsQuery responses, so the cost measured is the client's, not
// a peer's.
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
	// Topics is how many topics ListTopics reports, 100 a page.
	Topics int
	// Answer, when set, may answer request n (from 1) itself: ok false
	// leaves it to the stub.
	Answer func(n int64, form url.Values) (status int, body string, ok bool)
}

// MissingTopic is a topic ARN the stub answers with NotFound.
const MissingTopic = "arn:aws:sns:us-east-1:123456789012:missing"

// New starts a stub on a loopback port; Close it when done.
func New() *Server {
	s := &Server{}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

const publishResponse = `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>94f20ce6-13c5-43a0-9a9e-ca52d816e90b</MessageId></PublishResult><ResponseMetadata><RequestId>f187a3c1-376f-11df-8963-01868b7c937a</RequestId></ResponseMetadata></PublishResponse>`

const notFoundResponse = `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>9dd01905-5012-5f99-8663-4b3ecd0dfaef</RequestId></ErrorResponse>`

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	n := s.Requests.Add(1)
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
	if s.Answer != nil {
		if status, body, ok := s.Answer(n, form); ok {
			w.WriteHeader(status)
			io.WriteString(w, body)
			return
		}
	}
	switch form.Get("Action") {
	case "Publish":
		if form.Get("TopicArn") == MissingTopic {
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, notFoundResponse)
			return
		}
		io.WriteString(w, publishResponse)
	case "PublishBatch":
		publishBatch(w, form)
	case "ListTopics":
		s.listTopics(w, form.Get("NextToken"))
	default:
		http.Error(w, "snsstub: unsupported action", http.StatusBadRequest)
	}
}

func (s *Server) listTopics(w http.ResponseWriter, token string) {
	start, _ := strconv.Atoi(token)
	end := min(start+100, s.Topics)
	fmt.Fprint(w, `<ListTopicsResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ListTopicsResult><Topics>`)
	for i := start; i < end; i++ {
		fmt.Fprintf(w, "<member><TopicArn>arn:aws:sns:us-east-1:123456789012:topic-%04d</TopicArn></member>", i)
	}
	fmt.Fprint(w, `</Topics>`)
	if end < s.Topics {
		fmt.Fprintf(w, "<NextToken>%d</NextToken>", end)
	}
	fmt.Fprint(w, `</ListTopicsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></ListTopicsResponse>`)
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
