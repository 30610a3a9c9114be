package transport

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// What a server echoes of a signed request. SigV4's SignatureDoesNotMatch
// quotes the canonical request, whose signed headers include
// x-amz-security-token:<the session token>, and IncompleteSignature quotes
// the Authorization header with its Signature. The secret access key never
// goes on the wire (only a signature derived from it), so it cannot come
// back. Access key IDs (Credential=AKIA...) are kept: AWS does not treat
// them as secret, this library logs them, and they say which key failed.
//
// Error answers (any status outside 2xx) lose, in their body and headers:
// the request's own session tokens, raw and in their URL-, path- and
// JSON-escaped forms; any x-amz-security-token value; any Signature= value;
// and the personal data and secrets the request's form carried (see
// [sensitiveValues]), which SNS quotes in InvalidParameter messages.
// Successful answers are left alone: they are what the caller asked for
// (new credentials among them).

// redacted replaces what is removed.
const redacted = "[REDACTED]"

// maxErrorBody bounds what is read of an error answer; the rest is
// dropped. AWS's are a few KB.
const maxErrorBody = 1 << 20

var (
	tokenValue = regexp.MustCompile(`(?i)(x-amz-security-token["']?\s*[:=]\s*["']?)(?:\\/|[^\s&"'<>,;\\])+`)
	signature  = regexp.MustCompile(`(?i)(signature["']?\s*[:=]\s*["']?)[0-9a-f]{16,}`)
)

// scrub rewrites an error answer to req in place, removing sent too: the
// values the request carried that must not come back.
func scrub(req *http.Request, resp *http.Response, sent ...string) {
	if !isError(resp) {
		return
	}
	clean := cleaner(req, sent)
	for _, vs := range resp.Header {
		for i, v := range vs {
			vs[i] = clean(v)
		}
	}
	if resp.Body == nil || resp.Body == http.NoBody {
		return
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	out := []byte(clean(string(body)))
	var r io.Reader = bytes.NewReader(out)
	if err != nil {
		r = io.MultiReader(r, errReader{err}) // the reader still sees the failure
	}
	resp.Body = io.NopCloser(r)
	resp.ContentLength = int64(len(out))
	if resp.Header.Get("Content-Length") != "" {
		resp.Header.Set("Content-Length", strconv.Itoa(len(out)))
	}
}

// cleaner returns a function that removes req's secrets, and the sent
// values, from a text.
func cleaner(req *http.Request, sent []string) func(string) string {
	var tokens []string
	if req != nil {
		tokens = append(tokens, req.Header.Values("X-Amz-Security-Token")...)
		if req.URL != nil {
			tokens = append(tokens, req.URL.Query()["X-Amz-Security-Token"]...)
		}
	}
	var forms []string
	for _, t := range tokens {
		if t == "" {
			continue
		}
		q, p := url.QueryEscape(t), url.PathEscape(t)
		forms = append(forms, t, q, lowerHex(q), p, lowerHex(p), strings.ReplaceAll(t, "/", `\/`))
	}
	for _, v := range sent {
		forms = append(forms, echoedForms(v)...)
	}
	// Longest first, so a form is never left half replaced by a shorter one.
	slices.SortFunc(forms, func(a, b string) int { return cmp.Or(len(b)-len(a), strings.Compare(a, b)) })
	forms = slices.Compact(forms)
	pairs := make([]string, 0, 2*len(forms))
	for _, f := range forms {
		pairs = append(pairs, f, redacted)
	}
	own := strings.NewReplacer(pairs...)
	return func(s string) string {
		s = own.Replace(s)
		s = tokenValue.ReplaceAllString(s, "${1}"+redacted)
		return signature.ReplaceAllString(s, "${1}"+redacted)
	}
}

// maxSentForm bounds what is read back of a request's form: an SNS
// request is at most a few MiB (a batch of large messages).
const maxSentForm = 8 << 20

// minSent is the shortest sent value scrubbed: shorter ones ("1", "x")
// would cut ordinary words out of the message and hide nothing personal.
const minSent = 4

// sensitiveKeys are the query-protocol parameters, by the last part of
// their name, whose values are personal data or secrets: an endpoint
// (email address, phone number, URL), tokens (subscription confirmation,
// device), phone numbers, one-time passwords, message bodies, subjects and
// attribute values, and custom user data.
var sensitiveKeys = map[string]bool{
	"endpoint": true, "token": true, "phonenumber": true, "onetimepassword": true,
	"message": true, "subject": true, "stringvalue": true, "binaryvalue": true, "customuserdata": true,
}

// sensitiveAttributes are the attributes (Attributes.entry.N.key) whose
// values are: platform credentials and principals, device tokens, user
// data, endpoints.
var sensitiveAttributes = map[string]bool{
	"platformcredential": true, "platformprincipal": true, "token": true, "customuserdata": true, "endpoint": true,
}

// sensitiveValues picks the values of a query-protocol form that must not
// come back in an error answer.
func sensitiveValues(form url.Values) []string {
	var out []string
	for key, vs := range form {
		name := strings.ToLower(key[strings.LastIndexByte(key, '.')+1:])
		if name == "value" { // X.entry.N.value: sensitive by its key
			k := form.Get(strings.TrimSuffix(key, "value") + "key")
			if !sensitiveAttributes[strings.ToLower(k)] {
				continue
			}
		} else if !sensitiveKeys[name] {
			continue
		}
		for _, v := range vs {
			if len(v) >= minSent {
				out = append(out, v)
			}
		}
	}
	return out
}

// echoedForms are the ways a sent value can come back: as sent, XML-
// (both ways) and JSON-escaped, URL-escaped, and a phone number without its '+' (SNS
// quotes some so).
func echoedForms(v string) []string {
	var x strings.Builder
	xml.EscapeText(&x, []byte(v)) // as Go's encoder writes XML text: line breaks as &#xA;
	forms := []string{v, html.EscapeString(v), x.String(), url.QueryEscape(v), strings.ReplaceAll(v, "/", `\/`)}
	if j, err := json.Marshal(v); err == nil {
		forms = append(forms, strings.Trim(string(j), `"`))
	}
	if strings.HasPrefix(v, "+") && len(v) > minSent {
		forms = append(forms, v[1:])
	}
	return forms
}

// lowerHex writes the %XX escapes of s in lower case, as some encoders do.
func lowerHex(s string) string {
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1] = toLower(b[i+1])
			b[i+2] = toLower(b[i+2])
		}
	}
	return string(b)
}

func toLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
