package auth

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/go-sns/connector/region"
)

// unsignedPayload is the payload hash of a request whose body is not signed.
const unsignedPayload = "UNSIGNED-PAYLOAD"

// SignOptions tune [SignHTTP]. The zero value signs the body, at the
// current time, the way most AWS services expect.
type SignOptions struct {
	Time time.Time // signing time; zero means now
	// UnsignedPayload signs "UNSIGNED-PAYLOAD" instead of the body's hash
	// (S3 over TLS accepts it; most services do not).
	UnsignedPayload bool
	// ContentSHA256Header adds X-Amz-Content-Sha256 (S3 requires it).
	ContentSHA256Header bool
	// DisableURIPathEscaping: S3 wants the path escaped once, not twice.
	DisableURIPathEscaping bool
}

// SignHTTP signs req with Signature Version 4 for service ("sns", "sqs",
// "execute-api", ...) in region r, with credentials from provider: the
// Mendix connector's GetSigV4Headers, for services without a client. It
// sets Authorization, X-Amz-Date and, for temporary credentials,
// X-Amz-Security-Token; read them from req.Header or just send req.
//
// The body is read to hash it and replaced by an equivalent reader, so req
// can still be sent. Signing uses aws-sdk-go-v2's v4 signer.
func SignHTTP(ctx context.Context, provider aws.CredentialsProvider, req *http.Request, service string, r region.Region, so SignOptions) error {
	if provider == nil || req == nil || req.URL == nil {
		return errors.New("auth: SignHTTP: nil provider or request")
	}
	if service == "" {
		return errors.New("auth: SignHTTP: empty service name")
	}
	if err := r.Validate(); err != nil {
		return fmt.Errorf("auth: SignHTTP: %w", err)
	}
	creds, err := provider.Retrieve(ctx)
	if err != nil {
		return fmt.Errorf("auth: SignHTTP: retrieving credentials: %w", err)
	}
	hash := unsignedPayload
	if !so.UnsignedPayload {
		if hash, err = hashBody(req); err != nil {
			return fmt.Errorf("auth: SignHTTP: reading the body: %w", err)
		}
	}
	if so.ContentSHA256Header {
		req.Header.Set("X-Amz-Content-Sha256", hash)
	}
	at := so.Time
	if at.IsZero() {
		at = time.Now()
	}
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = so.DisableURIPathEscaping })
	if err := signer.SignHTTP(ctx, creds, req, hash, service, string(r), at.UTC()); err != nil {
		return fmt.Errorf("auth: SignHTTP: %w", err)
	}
	return nil
}

// hashBody returns the hex SHA-256 of req's body and leaves the body
// readable again.
func hashBody(req *http.Request) (string, error) {
	var body []byte
	switch {
	case req.GetBody != nil:
		rc, err := req.GetBody()
		if err != nil {
			return "", err
		}
		defer rc.Close()
		if body, err = io.ReadAll(rc); err != nil {
			return "", err
		}
	case req.Body != nil && req.Body != http.NoBody:
		var err error
		body, err = io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return "", err
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(body)), nil }
		req.ContentLength = int64(len(body))
	}
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:]), nil
}
