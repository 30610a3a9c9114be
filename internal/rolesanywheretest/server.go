package rolesanywheretest

import (
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Options configure a [Server]. Only TrustAnchors is required.
type Options struct {
	TrustAnchors []*x509.Certificate // the trust anchor's CA certificates

	Region         string // default "us-east-1"
	Account        string // default "123456789012"
	TrustAnchorARN string // default arn:aws:rolesanywhere:REGION:ACCOUNT:trust-anchor/<uuid>
	ProfileARN     string // default arn:aws:rolesanywhere:REGION:ACCOUNT:profile/<uuid>
	RoleARN        string // default arn:aws:iam::ACCOUNT:role/rolesanywheretest

	// Lifetime of the credentials handed out; zero means what the request
	// asked for. Set it short to test refreshing.
	Lifetime time.Duration
	// MaxSessionDuration is the role's maximum; longer requests fail with
	// ValidationException. Zero means 12 hours.
	MaxSessionDuration time.Duration
	// RejectRoleSessionName: the profile does not accept role session
	// names (acceptRoleSessionName false); requests with one fail.
	RejectRoleSessionName bool
	MaxSkew               time.Duration    // zero: 5 minutes
	Now                   func() time.Time // the server's clock; nil: time.Now
}

// Fault is an injected error answer.
type Fault struct {
	Status  int    // zero: 500
	Code    string // zero: InternalServerException (ThrottlingException when Status is 429)
	Message string
	// InBody puts the code in the body's __type instead of the
	// X-Amzn-ErrorType header, as some restJson1 services do.
	InBody bool
}

// Credentials are one set the server handed out.
type Credentials struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string
	Expiration      time.Time
	Request         *Verified
}

// Server is a fake CreateSession endpoint. Its methods are safe for
// concurrent use.
type Server struct {
	*httptest.Server
	opts Options

	calls   atomic.Int64 // every request to /sessions
	issued  atomic.Int64 // successful answers
	refused atomic.Int64 // requests refused by verification

	closeOnce sync.Once
	closed    chan struct{} // closed by Close: ends injected delays

	mu        sync.Mutex
	failNext  []Fault
	always    *Fault
	delay     time.Duration
	creds     []Credentials
	lastError error
}

// NewServer starts a fake CreateSession endpoint on 127.0.0.1, closed when
// the test ends.
func NewServer(t testing.TB, o Options) *Server {
	t.Helper()
	if len(o.TrustAnchors) == 0 {
		t.Fatal("rolesanywheretest: Options.TrustAnchors is empty")
	}
	if o.Region == "" {
		o.Region = "us-east-1"
	}
	if o.Account == "" {
		o.Account = "123456789012"
	}
	if o.TrustAnchorARN == "" {
		o.TrustAnchorARN = fmt.Sprintf("arn:aws:rolesanywhere:%s:%s:trust-anchor/%s", o.Region, o.Account, uuid())
	}
	if o.ProfileARN == "" {
		o.ProfileARN = fmt.Sprintf("arn:aws:rolesanywhere:%s:%s:profile/%s", o.Region, o.Account, uuid())
	}
	if o.RoleARN == "" {
		o.RoleARN = fmt.Sprintf("arn:aws:iam::%s:role/rolesanywheretest", o.Account)
	}
	if o.MaxSessionDuration == 0 {
		o.MaxSessionDuration = 12 * time.Hour
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &Server{opts: o, closed: make(chan struct{})}
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	t.Cleanup(s.Close)
	return s
}

// Close ends pending delayed answers, then shuts the server down. It may
// be called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		close(s.closed)
		s.Server.Close()
	})
}

// Region returns the region the server serves.
func (s *Server) Region() string { return s.opts.Region }

// TrustAnchorARN returns the trust anchor ARN the server expects.
func (s *Server) TrustAnchorARN() string { return s.opts.TrustAnchorARN }

// ProfileARN returns the profile ARN the server expects.
func (s *Server) ProfileARN() string { return s.opts.ProfileARN }

// RoleARN returns the role ARN the server expects.
func (s *Server) RoleARN() string { return s.opts.RoleARN }

// Account returns the account of the ARNs.
func (s *Server) Account() string { return s.opts.Account }

// Calls returns how many requests reached /sessions, answered or not.
func (s *Server) Calls() int64 { return s.calls.Load() }

// Issued returns how many requests were answered with credentials.
func (s *Server) Issued() int64 { return s.issued.Load() }

// Refused returns how many requests failed verification.
func (s *Server) Refused() int64 { return s.refused.Load() }

// Credentials returns every set handed out, oldest first.
func (s *Server) Credentials() []Credentials {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Credentials(nil), s.creds...)
}

// LastError returns the reason the last refused request was refused.
func (s *Server) LastError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastError
}

// FailNext answers the next len(faults) requests with these faults, in
// order, before checking them.
func (s *Server) FailNext(faults ...Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failNext = append(s.failNext, faults...)
}

// FailAlways answers every request with f until it is called with nil.
func (s *Server) FailAlways(f *Fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.always = f
}

// SetDelay makes the server wait d before answering (or until the client
// goes away).
func (s *Server) SetDelay(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.delay = d
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/sessions" {
		http.NotFound(w, r)
		return
	}
	s.calls.Add(1)
	s.mu.Lock()
	delay := s.delay
	var fault *Fault
	if len(s.failNext) > 0 {
		f := s.failNext[0]
		s.failNext = s.failNext[1:]
		fault = &f
	} else if s.always != nil {
		f := *s.always
		fault = &f
	}
	s.mu.Unlock()

	if delay > 0 {
		select {
		case <-time.After(delay):
		case <-r.Context().Done():
			return
		case <-s.closed:
			writeFault(w, Fault{Status: http.StatusServiceUnavailable, Message: "server closing"})
			return
		}
	}
	if fault != nil {
		writeFault(w, *fault)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		writeFault(w, Fault{Status: 400, Code: "ValidationException", Message: err.Error()})
		return
	}
	v, err := s.check(Request{Method: r.Method, Path: r.URL.Path, RawQuery: r.URL.RawQuery, Host: r.Host, Header: r.Header, Body: body})
	if err != nil {
		s.refused.Add(1)
		s.mu.Lock()
		s.lastError = err
		s.mu.Unlock()
		e, _ := err.(*Error)
		writeFault(w, Fault{Status: e.Status, Code: e.Code, Message: e.Message})
		return
	}
	s.answer(w, v)
}

func (s *Server) check(req Request) (*Verified, error) {
	o := s.opts
	v, err := Verify(req, VerifyOptions{Roots: o.TrustAnchors, Region: o.Region, Now: o.Now(), MaxSkew: o.MaxSkew})
	if err != nil {
		return nil, err
	}
	switch {
	case v.TrustAnchorARN != o.TrustAnchorARN:
		return nil, &Error{Status: 404, Code: "ResourceNotFoundException", Message: "trust anchor " + v.TrustAnchorARN + " not found"}
	case v.ProfileARN != o.ProfileARN:
		return nil, &Error{Status: 404, Code: "ResourceNotFoundException", Message: "profile " + v.ProfileARN + " not found"}
	case v.RoleARN != o.RoleARN:
		return nil, denied("role %s is not in the profile", v.RoleARN)
	case time.Duration(v.DurationSeconds)*time.Second > o.MaxSessionDuration:
		return nil, invalid("durationSeconds %d exceeds the role's maximum session duration", v.DurationSeconds)
	case v.RoleSessionName != "" && o.RejectRoleSessionName:
		return nil, invalid("the profile does not accept role session names")
	}
	return v, nil
}

func (s *Server) answer(w http.ResponseWriter, v *Verified) {
	lifetime := s.opts.Lifetime
	if lifetime == 0 {
		lifetime = time.Duration(v.DurationSeconds) * time.Second
	}
	c := Credentials{
		AccessKeyID:     "ASIA" + randomString(16, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"),
		SecretAccessKey: randomString(40, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
		SessionToken:    "FwoGZXIvYXdzE" + randomString(120, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"),
		Expiration:      s.opts.Now().Add(lifetime).UTC().Truncate(time.Second),
		Request:         v,
	}
	s.mu.Lock()
	s.creds = append(s.creds, c)
	s.mu.Unlock()
	s.issued.Add(1)

	roleName := v.RoleARN[strings.LastIndex(v.RoleARN, "/")+1:]
	session := v.RoleSessionName
	if session == "" {
		session = v.Leaf.SerialNumber.Text(16)
	}
	type (
		creds struct {
			AccessKeyID     string `json:"accessKeyId"`
			Expiration      string `json:"expiration"`
			SecretAccessKey string `json:"secretAccessKey"`
			SessionToken    string `json:"sessionToken"`
		}
		user struct {
			Arn           string `json:"arn"`
			AssumedRoleID string `json:"assumedRoleId"`
		}
		set struct {
			AssumedRoleUser  user   `json:"assumedRoleUser"`
			Credentials      creds  `json:"credentials"`
			PackedPolicySize int    `json:"packedPolicySize"`
			RoleArn          string `json:"roleArn"`
			SourceIdentity   string `json:"sourceIdentity"`
		}
	)
	resp := struct {
		CredentialSet []set  `json:"credentialSet"`
		SubjectArn    string `json:"subjectArn"`
	}{
		CredentialSet: []set{{
			AssumedRoleUser: user{
				Arn:           fmt.Sprintf("arn:aws:sts::%s:assumed-role/%s/%s", s.opts.Account, roleName, session),
				AssumedRoleID: "AROA" + randomString(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") + ":" + session,
			},
			Credentials: creds{
				AccessKeyID:     c.AccessKeyID,
				Expiration:      c.Expiration.Format(time.RFC3339),
				SecretAccessKey: c.SecretAccessKey,
				SessionToken:    c.SessionToken,
			},
			RoleArn:        v.RoleARN,
			SourceIdentity: v.Leaf.Subject.String(),
		}},
		SubjectArn: fmt.Sprintf("arn:aws:rolesanywhere:%s:%s:subject/%s", s.opts.Region, s.opts.Account, uuid()),
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-Requestid", uuid())
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(resp)
}

func writeFault(w http.ResponseWriter, f Fault) {
	if f.Status == 0 {
		f.Status = http.StatusInternalServerError
	}
	if f.Code == "" {
		f.Code = "InternalServerException"
		if f.Status == http.StatusTooManyRequests {
			f.Code = "ThrottlingException"
		}
	}
	if f.Message == "" {
		f.Message = "injected fault"
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("X-Amzn-Requestid", uuid())
	body := map[string]string{"message": f.Message}
	if f.InBody {
		body["__type"] = "com.amazonaws.rolesanywhere#" + f.Code
	} else {
		w.Header().Set("X-Amzn-Errortype", f.Code+":http://internal.amazon.com/coral/com.amazonaws.rolesanywhere/")
	}
	w.WriteHeader(f.Status)
	_ = json.NewEncoder(w).Encode(body)
}

func uuid() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

func randomString(n int, alphabet string) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}
