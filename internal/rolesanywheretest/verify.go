package rolesanywheretest

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// This file verifies requests from the protocol description alone. It must
// not import or copy the signer under test (package auth): a shared bug
// would pass both sides.

// Request is a CreateSession request as received.
type Request struct {
	Method   string
	Path     string
	RawQuery string
	Host     string // the Host header
	Header   http.Header
	Body     []byte
}

// VerifyOptions are what the service knows when it checks a request.
type VerifyOptions struct {
	Roots   []*x509.Certificate // trust anchor CA certificates
	Region  string              // the region the endpoint serves
	Now     time.Time           // zero: time.Now()
	MaxSkew time.Duration       // zero: 5 minutes; negative: no check (old vectors)
	// SkipChain skips the check of the chain to Roots (for vectors whose
	// trust anchor is not at hand).
	SkipChain bool
}

// Verified is what a request that passed every check asked for.
type Verified struct {
	Algorithm       string
	Leaf            *x509.Certificate
	Chain           []*x509.Certificate
	Region          string
	Date            time.Time
	ProfileARN      string
	RoleARN         string
	TrustAnchorARN  string
	DurationSeconds int
	RoleSessionName string
}

// Error is a refusal, with the status and error code the service would
// answer with.
type Error struct {
	Status  int
	Code    string
	Message string
}

func (e *Error) Error() string { return fmt.Sprintf("%d %s: %s", e.Status, e.Code, e.Message) }

func denied(format string, args ...any) *Error {
	return &Error{Status: http.StatusForbidden, Code: "AccessDeniedException", Message: fmt.Sprintf(format, args...)}
}

func invalid(format string, args ...any) *Error {
	return &Error{Status: http.StatusBadRequest, Code: "ValidationException", Message: fmt.Sprintf(format, args...)}
}

var (
	authHeader  = regexp.MustCompile(`^(AWS4-X509-(?:RSA|ECDSA)-SHA256) Credential=([0-9]+)/([0-9]{8})/([a-z0-9-]+)/rolesanywhere/aws4_request, SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]+)$`)
	sessionName = regexp.MustCompile(`^[\w+=,.@-]{2,64}$`)
)

// Verify checks a CreateSession request: X.509 SigV4 signature with the
// certificate in X-Amz-X509, signed headers, region, clock skew, body, and
// the chain from the certificate through X-Amz-X509-Chain to one of Roots.
func Verify(req Request, o VerifyOptions) (*Verified, error) {
	now := o.Now
	if now.IsZero() {
		now = time.Now()
	}
	skew := o.MaxSkew
	if skew == 0 {
		skew = 5 * time.Minute
	}
	if req.Method != http.MethodPost || req.Path != "/sessions" {
		return nil, &Error{Status: http.StatusNotFound, Code: "UnknownOperationException", Message: req.Method + " " + req.Path}
	}
	m := authHeader.FindStringSubmatch(req.Header.Get("Authorization"))
	if m == nil {
		return nil, denied("missing or malformed Authorization header")
	}
	alg, serial, day, reg, signedList, sigHex := m[1], m[2], m[3], m[4], m[5], m[6]

	leaf, err := decodeCert(req.Header.Get("X-Amz-X509"))
	if err != nil {
		return nil, denied("X-Amz-X509: %v", err)
	}
	var chain []*x509.Certificate
	if h := req.Header.Get("X-Amz-X509-Chain"); h != "" {
		for part := range strings.SplitSeq(h, ",") {
			c, err := decodeCert(part)
			if err != nil {
				return nil, denied("X-Amz-X509-Chain: %v", err)
			}
			chain = append(chain, c)
		}
	}
	if leaf.SerialNumber.String() != serial {
		return nil, denied("credential serial %s is not the certificate's %s", serial, leaf.SerialNumber)
	}
	signed := strings.Split(signedList, ";")
	if !slices.IsSorted(signed) {
		return nil, denied("signed headers not sorted")
	}
	for _, need := range []string{"content-type", "host", "x-amz-date", "x-amz-x509"} {
		if !slices.Contains(signed, need) {
			return nil, denied("header %s is not signed", need)
		}
	}
	if chain != nil && !slices.Contains(signed, "x-amz-x509-chain") {
		return nil, denied("x-amz-x509-chain is sent but not signed")
	}

	// Canonical request, rebuilt from what arrived.
	query, err := canonicalQuery(req.RawQuery)
	if err != nil {
		return nil, invalid("query: %v", err)
	}
	var cr strings.Builder
	cr.WriteString(req.Method + "\n" + req.Path + "\n" + query + "\n")
	for _, h := range signed {
		v := strings.Join(req.Header.Values(h), ",")
		if h == "host" {
			v = req.Host
		}
		cr.WriteString(h + ":" + strings.Join(strings.Fields(v), " ") + "\n")
	}
	bodySum := sha256.Sum256(req.Body)
	cr.WriteString("\n" + signedList + "\n" + hex.EncodeToString(bodySum[:]))
	crSum := sha256.Sum256([]byte(cr.String()))

	amzDate := req.Header.Get("X-Amz-Date")
	toSign := alg + "\n" + amzDate + "\n" + day + "/" + reg + "/rolesanywhere/aws4_request\n" + hex.EncodeToString(crSum[:])
	digest := sha256.Sum256([]byte(toSign))
	sig, err := hex.DecodeString(sigHex)
	if err != nil {
		return nil, denied("signature is not hex")
	}
	switch pub := leaf.PublicKey.(type) {
	case *rsa.PublicKey:
		if alg != "AWS4-X509-RSA-SHA256" || rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig) != nil {
			return nil, denied("signature validation failed")
		}
	case *ecdsa.PublicKey:
		if alg != "AWS4-X509-ECDSA-SHA256" || !ecdsa.VerifyASN1(pub, digest[:], sig) {
			return nil, denied("signature validation failed")
		}
	default:
		return nil, denied("unsupported certificate key %T", leaf.PublicKey)
	}

	// The signature is good; now is the request acceptable?
	at, err := time.Parse("20060102T150405Z", amzDate)
	if err != nil || at.Format("20060102") != day {
		return nil, denied("X-Amz-Date %q does not match the credential scope date %s", amzDate, day)
	}
	if skew > 0 && (at.Before(now.Add(-skew)) || at.After(now.Add(skew))) {
		return nil, denied("signature date %s is more than %s away from the server's clock %s", amzDate, skew, now.UTC().Format(time.RFC3339))
	}
	if o.Region != "" && reg != o.Region {
		return nil, denied("credential scope region %s, but this endpoint serves %s", reg, o.Region)
	}
	if !o.SkipChain {
		inter := x509.NewCertPool()
		for _, c := range chain {
			inter.AddCert(c)
		}
		roots := x509.NewCertPool()
		for _, c := range o.Roots {
			roots.AddCert(c)
		}
		if _, err := leaf.Verify(x509.VerifyOptions{
			Roots: roots, Intermediates: inter, CurrentTime: now,
			KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
		}); err != nil {
			return nil, denied("untrusted certificate: %v", err)
		}
	}

	v := &Verified{Algorithm: alg, Leaf: leaf, Chain: chain, Region: reg, Date: at}
	q, _ := url.ParseQuery(req.RawQuery)
	v.ProfileARN, v.RoleARN, v.TrustAnchorARN = q.Get("profileArn"), q.Get("roleArn"), q.Get("trustAnchorArn")
	if req.Header.Get("Content-Type") != "application/json" {
		return nil, invalid("content type %q, want application/json", req.Header.Get("Content-Type"))
	}
	var body struct {
		DurationSeconds *int    `json:"durationSeconds"`
		RoleSessionName *string `json:"roleSessionName"`
	}
	if err := json.Unmarshal(req.Body, &body); err != nil {
		return nil, invalid("body: %v", err)
	}
	if body.DurationSeconds != nil {
		v.DurationSeconds = *body.DurationSeconds
		if v.DurationSeconds < 900 || v.DurationSeconds > 43200 {
			return nil, invalid("durationSeconds %d is outside 900..43200", v.DurationSeconds)
		}
	} else {
		v.DurationSeconds = 3600
	}
	if body.RoleSessionName != nil {
		v.RoleSessionName = *body.RoleSessionName
		if !sessionName.MatchString(v.RoleSessionName) {
			return nil, invalid("roleSessionName %q is not 2..64 of [\\w+=,.@-]", v.RoleSessionName)
		}
	}
	return v, nil
}

func decodeCert(b64 string) (*x509.Certificate, error) {
	der, err := base64.StdEncoding.DecodeString(b64)
	if err != nil {
		return nil, err
	}
	return x509.ParseCertificate(der)
}

// canonicalQuery decodes the query and encodes it again the SigV4 way:
// sorted by name, then value; unreserved bytes as they are, others %XX.
func canonicalQuery(raw string) (string, error) {
	type kv struct{ k, v string }
	var pairs []kv
	for part := range strings.SplitSeq(raw, "&") {
		if part == "" {
			continue
		}
		k, v, _ := strings.Cut(part, "=")
		dk, err := url.PathUnescape(k)
		if err != nil {
			return "", err
		}
		dv, err := url.PathUnescape(v)
		if err != nil {
			return "", err
		}
		pairs = append(pairs, kv{dk, dv})
	}
	slices.SortFunc(pairs, func(a, b kv) int {
		if c := strings.Compare(a.k, b.k); c != 0 {
			return c
		}
		return strings.Compare(a.v, b.v)
	})
	parts := make([]string, len(pairs))
	for i, p := range pairs {
		parts[i] = escape(p.k) + "=" + escape(p.v)
	}
	return strings.Join(parts, "&"), nil
}

func escape(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', strings.IndexByte("-_.~", c) >= 0:
			b.WriteByte(c)
		default:
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

// parseCerts decodes concatenated PEM certificates.
func parseCerts(pemData string) ([]*x509.Certificate, error) {
	var out []*x509.Certificate
	rest := []byte(pemData)
	for {
		var block *pem.Block
		block, rest = pem.Decode(rest)
		if block == nil {
			break
		}
		c, err := x509.ParseCertificate(block.Bytes)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
