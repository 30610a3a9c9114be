package auth

import (
	"crypto"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"time"
)

// HTTPClient sends HTTP requests; *http.Client is one. It matches
// aws.HTTPClient, so the client an application gives the SDK fits here too.
type HTTPClient interface {
	Do(*http.Request) (*http.Response, error)
}

// Option configures [LoadProfile], [Profile.CredentialsProvider],
// [NewRolesAnywhereProvider], [Validate] and [SignHTTP]. Each function reads
// the options that concern it and ignores the rest, so one list can be
// passed everywhere.
type Option func(*options)

type options struct {
	logger      *slog.Logger
	httpClient  HTTPClient
	clientSet   bool // WithHTTPClient was given
	lookupEnv   func(string) (string, bool)
	signer      crypto.Signer
	maxAttempts int
	stsEndpoint string
	window      time.Duration
	now         func() time.Time
	sleep       func(time.Duration) <-chan time.Time
	readFile    func(string) ([]byte, error)
	statFile    func(string) (fs.FileInfo, error)
}

// defaultHTTPClient is shared by every provider that is not given a client,
// so connections to the Roles Anywhere and STS endpoints are reused. The
// timeout bounds a request the credentials cache runs without the caller's
// cancellation (it shares one refresh among all callers).
var defaultHTTPClient = &http.Client{
	Timeout:   30 * time.Second,
	Transport: http.DefaultTransport.(*http.Transport).Clone(),
}

// discard is the default logger: quiet unless the application asks.
var discard = slog.New(slog.NewTextHandler(io.Discard, nil))

func newOptions(base []Option, more ...Option) *options {
	o := &options{
		logger:      discard,
		httpClient:  defaultHTTPClient,
		lookupEnv:   os.LookupEnv,
		maxAttempts: 3,
		now:         time.Now,
		sleep:       time.After,
		readFile:    readRegularFile,
		statFile:    os.Stat,
	}
	for _, fn := range base {
		if fn != nil {
			fn(o)
		}
	}
	for _, fn := range more {
		if fn != nil {
			fn(o)
		}
	}
	return o
}

// WithLogger sends warnings (a private key readable by others, a refresh
// that failed while the old credentials still work, retries) and debug
// events to l. Nothing secret is ever logged. The default logs nothing.
func WithLogger(l *slog.Logger) Option {
	return func(o *options) {
		if l != nil {
			o.logger = l
		}
	}
}

// WithHTTPClient sets the client for IAM Roles Anywhere and STS calls. The
// default is a shared client with a 30 second timeout.
func WithHTTPClient(c HTTPClient) Option {
	return func(o *options) {
		if c != nil {
			o.httpClient, o.clientSet = c, true
		}
	}
}

// WithLookupEnv replaces os.LookupEnv for ${VAR} expansion in profiles
// and for SNSCONNECTOR_CONFIG and SNSCONNECTOR_PROFILE. (Endpoint variables
// such as AWS_ENDPOINT_URL_STS are the SDK's: it reads them from the
// process environment.)
func WithLookupEnv(lookup func(string) (string, bool)) Option {
	return func(o *options) {
		if lookup != nil {
			o.lookupEnv = lookup
		}
	}
}

// WithSigner supplies the private key of an IAM Roles Anywhere profile as a
// crypto.Signer: a key in an HSM, a TPM or a KMS. The profile then names the
// certificate but no private_key or pkcs12. The signer's public key must
// match the certificate.
func WithSigner(s crypto.Signer) Option {
	return func(o *options) { o.signer = s }
}

// WithMaxAttempts sets how many times a CreateSession call is tried when
// the service answers with a 5xx, throttles, or the network fails. The
// default is 3; 1 disables retries.
func WithMaxAttempts(n int) Option {
	return func(o *options) {
		if n > 0 {
			o.maxAttempts = n
		}
	}
}

// WithSTSEndpoint sends STS calls ([Validate], assume_role_arn) to url
// instead of the regional endpoint. Without it, the AWS configuration's
// endpoint for STS is honoured ($AWS_ENDPOINT_URL_STS, $AWS_ENDPOINT_URL,
// the shared config file), as the SDK resolves it.
func WithSTSEndpoint(url string) Option {
	return func(o *options) { o.stsEndpoint = url }
}

// WithExpiryWindow sets how long before expiry cached credentials are
// refreshed; the default is 5 minutes, as AWS's helper does, shortened to a
// quarter of the lifetime for short-lived credentials.
func WithExpiryWindow(d time.Duration) Option {
	return func(o *options) {
		if d > 0 {
			o.window = d
		}
	}
}
