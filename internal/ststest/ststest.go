// Package ststest is a fake AWS STS endpoint (GetCallerIdentity and
// AssumeRole, query protocol) that checks Signature Version 4 itself, for
// tests of credential validation, role chaining and request signing.
//
// The SigV4 verifier here is written from AWS's description and does not
// use the SDK's signer, so it catches mistakes the signer would share.
package ststest

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// Key is a set of credentials the server accepts, and whom they belong to.
type Key struct {
	AccessKeyID     string
	SecretAccessKey string
	SessionToken    string // required on requests when set
	Account         string
	ARN             string
	UserID          string
}

// Server is a fake STS endpoint on 127.0.0.1. Its methods are safe for
// concurrent use.
type Server struct {
	*httptest.Server
	// Lookup finds keys the server was not given with AddKey (for example
	// credentials issued by another fake). Set it before the first request.
	Lookup func(accessKeyID string) (Key, bool)

	mu      sync.Mutex
	keys    map[string]Key
	calls   map[string]int
	lastErr error
	count   atomic.Int64
}

// NewServer starts a fake STS endpoint, closed when the test ends.
func NewServer(t testing.TB) *Server {
	s := &Server{keys: map[string]Key{}, calls: map[string]int{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.handle))
	t.Cleanup(s.Close)
	return s
}

// AddKey makes the server accept k.
func (s *Server) AddKey(k Key) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keys[k.AccessKeyID] = k
}

// Calls returns how many requests of an action ("GetCallerIdentity",
// "AssumeRole") were answered successfully.
func (s *Server) Calls(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[action]
}

// Requests returns how many requests arrived, answered or not.
func (s *Server) Requests() int64 { return s.count.Load() }

// LastError returns why the last refused request was refused.
func (s *Server) LastError() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.lastErr
}

func (s *Server) key(id string) (Key, bool) {
	s.mu.Lock()
	k, ok := s.keys[id]
	s.mu.Unlock()
	if !ok && s.Lookup != nil {
		return s.Lookup(id)
	}
	return k, ok
}

func (s *Server) handle(w http.ResponseWriter, r *http.Request) {
	s.count.Add(1)
	body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	key, err := VerifySigV4(r, body, "sts", s.key)
	if err != nil {
		s.mu.Lock()
		s.lastErr = err
		s.mu.Unlock()
		writeError(w, err.(*Error))
		return
	}
	form, _ := url.ParseQuery(string(body))
	action := form.Get("Action")
	switch action {
	case "GetCallerIdentity":
		s.done(action)
		writeXML(w, "GetCallerIdentityResponse", fmt.Sprintf(
			"<GetCallerIdentityResult><Arn>%s</Arn><UserId>%s</UserId><Account>%s</Account></GetCallerIdentityResult>",
			esc(key.ARN), esc(key.UserID), esc(key.Account)))
	case "AssumeRole":
		s.assumeRole(w, form)
	default:
		writeError(w, &Error{Status: 400, Code: "InvalidAction", Message: "unknown action " + action})
	}
}

var roleARN = regexp.MustCompile(`^arn:aws[a-z-]*:iam::([0-9]{12}):role/(?:[\w+=,.@-]+/)*([\w+=,.@-]+)$`)

func (s *Server) assumeRole(w http.ResponseWriter, form url.Values) {
	m := roleARN.FindStringSubmatch(form.Get("RoleArn"))
	session := form.Get("RoleSessionName")
	if m == nil || len(session) < 2 {
		writeError(w, &Error{Status: 400, Code: "ValidationError", Message: "bad RoleArn or RoleSessionName"})
		return
	}
	if ext := form.Get("ExternalId"); ext == "wrong" {
		writeError(w, &Error{Status: 403, Code: "AccessDenied", Message: "external id does not match"})
		return
	}
	duration := 3600
	if d := form.Get("DurationSeconds"); d != "" {
		fmt.Sscan(d, &duration)
	}
	k := Key{
		AccessKeyID:     "ASIA" + random(16),
		SecretAccessKey: random(40),
		SessionToken:    "IQoJb3JpZ2luX2Vj" + random(100),
		Account:         m[1],
		ARN:             fmt.Sprintf("arn:aws:sts::%s:assumed-role/%s/%s", m[1], m[2], session),
		UserID:          "AROA" + random(17) + ":" + session,
	}
	s.AddKey(k)
	s.done("AssumeRole")
	exp := time.Now().Add(time.Duration(duration) * time.Second).UTC().Format(time.RFC3339)
	writeXML(w, "AssumeRoleResponse", fmt.Sprintf(
		"<AssumeRoleResult><Credentials><AccessKeyId>%s</AccessKeyId><SecretAccessKey>%s</SecretAccessKey><SessionToken>%s</SessionToken><Expiration>%s</Expiration></Credentials>"+
			"<AssumedRoleUser><Arn>%s</Arn><AssumedRoleId>%s</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>",
		k.AccessKeyID, esc(k.SecretAccessKey), esc(k.SessionToken), exp, esc(k.ARN), esc(k.UserID)))
}

func (s *Server) done(action string) {
	s.mu.Lock()
	s.calls[action]++
	s.mu.Unlock()
}

// Error is a refusal with the status and code STS would answer.
type Error struct {
	Status  int
	Code    string
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

func writeError(w http.ResponseWriter, e *Error) {
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(e.Status)
	fmt.Fprintf(w, `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error><RequestId>%s</RequestId></ErrorResponse>`,
		esc(e.Code), esc(e.Message), random(8))
}

func writeXML(w http.ResponseWriter, root, inner string) {
	w.Header().Set("Content-Type", "text/xml")
	fmt.Fprintf(w, `<%s xmlns="https://sts.amazonaws.com/doc/2011-06-15/">%s<ResponseMetadata><RequestId>%s</RequestId></ResponseMetadata></%s>`, root, inner, random(8), root)
}

func esc(s string) string {
	var b strings.Builder
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

func random(n int) string {
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	b := make([]byte, n)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

var sigV4Header = regexp.MustCompile(`^AWS4-HMAC-SHA256 Credential=([A-Z0-9]+)/([0-9]{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$`)

// VerifySigV4 checks a request signed with Signature Version 4 (header
// form) for service, finding the secret with lookup. It returns the key
// that signed, or an *Error as STS would answer.
func VerifySigV4(r *http.Request, body []byte, service string, lookup func(string) (Key, bool)) (Key, error) {
	m := sigV4Header.FindStringSubmatch(r.Header.Get("Authorization"))
	if m == nil {
		return Key{}, &Error{Status: 403, Code: "IncompleteSignature", Message: "missing or malformed Authorization"}
	}
	akid, day, region, svc, signedList, sig := m[1], m[2], m[3], m[4], m[5], m[6]
	key, ok := lookup(akid)
	if !ok {
		return Key{}, &Error{Status: 403, Code: "InvalidClientTokenId", Message: "the security token included in the request is invalid"}
	}
	if svc != service {
		return Key{}, &Error{Status: 403, Code: "SignatureDoesNotMatch", Message: "credential scope service " + svc + ", want " + service}
	}
	signed := strings.Split(signedList, ";")
	if !slices.Contains(signed, "host") || !slices.Contains(signed, "x-amz-date") {
		return Key{}, &Error{Status: 403, Code: "SignatureDoesNotMatch", Message: "host and x-amz-date must be signed"}
	}
	if key.SessionToken != "" && r.Header.Get("X-Amz-Security-Token") != key.SessionToken {
		return Key{}, &Error{Status: 403, Code: "InvalidClientTokenId", Message: "session token missing or wrong"}
	}
	amzDate := r.Header.Get("X-Amz-Date")
	at, err := time.Parse("20060102T150405Z", amzDate)
	if err != nil || at.Format("20060102") != day {
		return Key{}, &Error{Status: 403, Code: "SignatureDoesNotMatch", Message: "bad X-Amz-Date"}
	}
	if d := time.Since(at); d > 5*time.Minute || d < -5*time.Minute {
		return Key{}, &Error{Status: 403, Code: "SignatureDoesNotMatch", Message: "signature expired or from the future"}
	}

	payload := r.Header.Get("X-Amz-Content-Sha256")
	if sum := sha256.Sum256(body); payload != "" && payload != "UNSIGNED-PAYLOAD" && payload != hex.EncodeToString(sum[:]) {
		return Key{}, &Error{Status: 400, Code: "XAmzContentSHA256Mismatch", Message: "body hash mismatch"}
	}
	_, toSign := canonical(r, body, "AWS4-HMAC-SHA256", signedList, amzDate, day+"/"+region+"/"+svc+"/aws4_request")

	k := mac([]byte("AWS4"+key.SecretAccessKey), day)
	k = mac(k, region)
	k = mac(k, svc)
	k = mac(k, "aws4_request")
	want := hex.EncodeToString(mac(k, toSign))
	if !hmac.Equal([]byte(want), []byte(sig)) {
		return Key{}, &Error{Status: 403, Code: "SignatureDoesNotMatch", Message: "the request signature we calculated does not match the signature you provided"}
	}
	return key, nil
}

// Canonical returns the canonical request and the string to sign of r,
// signed with Signature Version 4 (header form), as AWS computes them to
// check the signature, and false when r's Authorization header is not
// SigV4's. A server refusing a signature quotes both.
// The algorithm may be another of SigV4's family (IAM Roles Anywhere's
// AWS4-X509-...-SHA256).
func Canonical(r *http.Request, body []byte) (canonicalRequest, stringToSign string, ok bool) {
	m := anySigV4Header.FindStringSubmatch(r.Header.Get("Authorization"))
	if m == nil {
		return "", "", false
	}
	cr, toSign := canonical(r, body, m[1], m[6], r.Header.Get("X-Amz-Date"), m[3]+"/"+m[4]+"/"+m[5]+"/aws4_request")
	return cr, toSign, true
}

var anySigV4Header = regexp.MustCompile(`^(AWS4-[A-Z0-9-]+) Credential=([^/]+)/([0-9]{8})/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=[0-9a-f]+$`)

func canonical(r *http.Request, body []byte, algorithm, signedList, amzDate, scope string) (canonicalRequest, stringToSign string) {
	var cr strings.Builder
	cr.WriteString(r.Method + "\n")
	cr.WriteString(canonicalPath(r.URL.EscapedPath()) + "\n")
	cr.WriteString(canonicalQuery(r.URL.RawQuery) + "\n")
	for _, h := range strings.Split(signedList, ";") {
		v := strings.Join(r.Header.Values(h), ",")
		if h == "host" {
			v = r.Host
		}
		cr.WriteString(h + ":" + strings.Join(strings.Fields(v), " ") + "\n")
	}
	payload := r.Header.Get("X-Amz-Content-Sha256")
	if payload == "" {
		sum := sha256.Sum256(body)
		payload = hex.EncodeToString(sum[:])
	}
	cr.WriteString("\n" + signedList + "\n" + payload)
	crSum := sha256.Sum256([]byte(cr.String()))
	return cr.String(), algorithm + "\n" + amzDate + "\n" + scope + "\n" + hex.EncodeToString(crSum[:])
}

func mac(key []byte, data string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(data))
	return h.Sum(nil)
}

// canonicalPath encodes each segment of the (already escaped) path once
// more, as SigV4 does for every service but S3.
func canonicalPath(escaped string) string {
	if escaped == "" {
		return "/"
	}
	segs := strings.Split(escaped, "/")
	for i, s := range segs {
		segs[i] = encode(s)
	}
	return strings.Join(segs, "/")
}

func canonicalQuery(raw string) string {
	var pairs [][2]string
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		dk, _ := url.QueryUnescape(k)
		dv, _ := url.QueryUnescape(v)
		pairs = append(pairs, [2]string{encode(dk), encode(dv)})
	}
	slices.SortFunc(pairs, func(a, b [2]string) int {
		if c := strings.Compare(a[0], b[0]); c != 0 {
			return c
		}
		return strings.Compare(a[1], b[1])
	})
	out := make([]string, len(pairs))
	for i, p := range pairs {
		out[i] = p[0] + "=" + p[1]
	}
	return strings.Join(out, "&")
}

func encode(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}
