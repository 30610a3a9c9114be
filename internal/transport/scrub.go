package transport

import (
	"bytes"
	"cmp"
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
// JSON-escaped forms; any x-amz-security-token value; any Signature= value.
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

// scrub rewrites an error answer to req in place.
func scrub(req *http.Request, resp *http.Response) {
	if resp == nil || resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return
	}
	clean := cleaner(req)
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

// cleaner returns a function that removes req's secrets from a text.
func cleaner(req *http.Request) func(string) string {
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
