package auth

import (
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-sns/connector/region"
)

// The two X.509 variants of SigV4 IAM Roles Anywhere accepts.
const (
	algRSA   = "AWS4-X509-RSA-SHA256"
	algECDSA = "AWS4-X509-ECDSA-SHA256"
)

const (
	amzDateFormat   = "20060102T150405Z"
	rolesAnywhereSv = "rolesanywhere"
	sessionsPath    = "/sessions"
)

// sessionRequest is everything that goes into one signed CreateSession call.
type sessionRequest struct {
	Host           string // the Host header as sent (and signed)
	Region         region.Region
	RoleARN        string
	ProfileARN     string
	TrustAnchorARN string
	Duration       time.Duration
	SessionName    string
	Certificate    *x509.Certificate
	Chain          []*x509.Certificate // intermediates, the leaf's issuer first
	Signer         crypto.Signer
}

// signedRequest is the wire form of a signed CreateSession call.
type signedRequest struct {
	Query            string            // canonical and sent query string
	Body             []byte            // exact JSON body
	Header           map[string]string // every header to send, Authorization included
	CanonicalRequest string
	StringToSign     string
}

// sessionBody fixes the JSON field order the service (and the vectors) use.
type sessionBody struct {
	DurationSeconds int64  `json:"durationSeconds"`
	RoleSessionName string `json:"roleSessionName,omitempty"`
}

// signCreateSession builds and signs a CreateSession request at time t.
// rand feeds ECDSA; RSA PKCS#1 v1.5 is deterministic and ignores it, which
// is what lets the tests reproduce AWS's vectors byte for byte.
func signCreateSession(in sessionRequest, t time.Time, rand io.Reader) (signedRequest, error) {
	alg, err := algorithmFor(in.Signer.Public())
	if err != nil {
		return signedRequest{}, err
	}
	body, err := json.Marshal(sessionBody{
		DurationSeconds: int64(in.Duration / time.Second),
		RoleSessionName: in.SessionName,
	})
	if err != nil {
		return signedRequest{}, err
	}
	query := "profileArn=" + uriEncode(in.ProfileARN) +
		"&roleArn=" + uriEncode(in.RoleARN) +
		"&trustAnchorArn=" + uriEncode(in.TrustAnchorARN)

	amzDate := t.UTC().Format(amzDateFormat)
	header := map[string]string{
		"content-type": "application/json",
		"host":         in.Host,
		"x-amz-date":   amzDate,
		"x-amz-x509":   base64.StdEncoding.EncodeToString(in.Certificate.Raw),
	}
	signed := []string{"content-type", "host", "x-amz-date", "x-amz-x509"}
	if len(in.Chain) > 0 {
		parts := make([]string, len(in.Chain))
		for i, c := range in.Chain {
			parts[i] = base64.StdEncoding.EncodeToString(c.Raw)
		}
		header["x-amz-x509-chain"] = strings.Join(parts, ",")
		signed = append(signed, "x-amz-x509-chain")
	}
	signedHeaders := strings.Join(signed, ";")

	var cr strings.Builder
	cr.WriteString("POST\n" + sessionsPath + "\n" + query + "\n")
	for _, h := range signed {
		cr.WriteString(h + ":" + strings.TrimSpace(header[h]) + "\n")
	}
	cr.WriteString("\n" + signedHeaders + "\n" + hexSHA256(body))

	scope := t.UTC().Format("20060102") + "/" + string(in.Region) + "/" + rolesAnywhereSv + "/aws4_request"
	sts := alg + "\n" + amzDate + "\n" + scope + "\n" + hexSHA256([]byte(cr.String()))

	digest := sha256.Sum256([]byte(sts))
	sig, err := in.Signer.Sign(rand, digest[:], crypto.SHA256)
	if err != nil {
		// A Signer's error may come from an HSM; it names no key bytes.
		return signedRequest{}, fmt.Errorf("signing CreateSession with the certificate's key: %w", err)
	}
	header["authorization"] = alg + " Credential=" + in.Certificate.SerialNumber.String() + "/" + scope +
		", SignedHeaders=" + signedHeaders + ", Signature=" + hex.EncodeToString(sig)

	return signedRequest{
		Query:            query,
		Body:             body,
		Header:           header,
		CanonicalRequest: cr.String(),
		StringToSign:     sts,
	}, nil
}

func hexSHA256(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// uriEncode percent-encodes s the SigV4 way: unreserved characters
// (A-Z a-z 0-9 - _ . ~) stay, every other byte becomes %XX in upper case, a
// space included (never '+').
func uriEncode(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) * 3 / 2)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
			c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}
