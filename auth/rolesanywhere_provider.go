package auth

import (
	"bytes"
	"context"
	"crypto"
	"crypto/rand"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/go-sns/connector/internal/arn"
	ep "github.com/go-sns/connector/internal/endpoint"
	"github.com/go-sns/connector/internal/transport"
	"github.com/go-sns/connector/region"
)

// Session duration limits of CreateSession.
const (
	DefaultDuration = time.Hour
	MinDuration     = 15 * time.Minute
	MaxDuration     = 12 * time.Hour
)

// attemptTimeout bounds one CreateSession attempt whatever the HTTP client:
// the credentials cache runs refreshes without the caller's cancellation.
const attemptTimeout = 30 * time.Second

var roleSessionName = regexp.MustCompile(`^[\w+=,.@-]{2,64}$`)

// RolesAnywhereConfig describes IAM Roles Anywhere sessions: which role to
// assume through which trust anchor and profile, with which certificate and
// key. [LoadProfile] fills one from a profiles file; build one in code to
// use a key from an HSM, TPM or KMS (any crypto.Signer).
type RolesAnywhereConfig struct {
	RoleARN        string // the IAM role to assume (role_arn)
	ProfileARN     string // the Roles Anywhere profile (profile_arn)
	TrustAnchorARN string // the trust anchor that vouches for the certificate (trust_anchor_arn)

	Certificate *x509.Certificate   // the leaf (certificate)
	Chain       []*x509.Certificate // intermediates, leaf's issuer first (certificate_chain)
	Signer      crypto.Signer       // the leaf's private key (private_key, pkcs12, or WithSigner)

	Duration    time.Duration // session duration, 15m..12h; zero means 1h (duration)
	SessionName string        // optional role session name (session_name)

	Region               region.Region // zero means the trust anchor's region (region)
	Endpoint             string        // override, e.g. a VPC endpoint (endpoint)
	UseFIPSEndpoint      bool          // rolesanywhere-fips.REGION... (use_fips_endpoint)
	UseDualStackEndpoint bool          // rolesanywhere.REGION.api.aws (use_dualstack_endpoint)
}

// String describes the configuration without its key.
func (c RolesAnywhereConfig) String() string {
	cert := "none"
	if c.Certificate != nil {
		cert = fmt.Sprintf("serial %s %q until %s", c.Certificate.SerialNumber, c.Certificate.Subject.String(), c.Certificate.NotAfter.UTC().Format(time.RFC3339))
	}
	key := "none"
	if c.Signer != nil {
		key = describeKey(c.Signer.Public()) + " " + redacted
	}
	return fmt.Sprintf("RolesAnywhereConfig{RoleARN: %s, ProfileARN: %s, TrustAnchorARN: %s, Certificate: %s, Chain: %d certificates, Key: %s, Duration: %s, SessionName: %q, Region: %s, Endpoint: %q, FIPS: %t, DualStack: %t}",
		c.RoleARN, c.ProfileARN, c.TrustAnchorARN, cert, len(c.Chain), key, c.Duration, c.SessionName, c.Region, c.Endpoint, c.UseFIPSEndpoint, c.UseDualStackEndpoint)
}

// Format prints String for every verb, so %#v does not dump the key.
func (c RolesAnywhereConfig) Format(f fmt.State, verb rune) { formatAs(f, verb, c.String()) }

// MarshalJSON encodes String: encoders never see the key.
func (c RolesAnywhereConfig) MarshalJSON() ([]byte, error) { return json.Marshal(c.String()) }

// LogValue logs the configuration without its key.
func (c RolesAnywhereConfig) LogValue() slog.Value { return slog.StringValue(c.String()) }

// problem is one rule broken by a key; callers add file and profile.
func problem(key string, rule Rule, format string, args ...any) *ProfileError {
	return &ProfileError{Key: key, Rule: rule, Reason: fmt.Sprintf(format, args...)}
}

// check validates c as of now and returns the resolved region and endpoint.
// Problems name the profile key they concern.
func (c RolesAnywhereConfig) check(now time.Time) (region.Region, *url.URL, []*ProfileError) {
	var errs []*ProfileError
	if c.RoleARN == "" {
		errs = append(errs, problem("role_arn", RuleRequired, "IAM Roles Anywhere needs the ARN of the role to assume"))
	} else if _, err := parseRoleARN(c.RoleARN); err != nil {
		errs = append(errs, problem("role_arn", RuleFormat, "%v", err))
	}
	var ta, pr arn.ARN
	var taErr, prErr error
	if c.TrustAnchorARN == "" {
		taErr = errors.New("missing")
		errs = append(errs, problem("trust_anchor_arn", RuleRequired, "IAM Roles Anywhere needs the trust anchor ARN"))
	} else if ta, taErr = parseRolesAnywhereARN(c.TrustAnchorARN, "trust-anchor"); taErr != nil {
		errs = append(errs, problem("trust_anchor_arn", RuleFormat, "%v", taErr))
	}
	if c.ProfileARN == "" {
		prErr = errors.New("missing")
		errs = append(errs, problem("profile_arn", RuleRequired, "IAM Roles Anywhere needs the profile ARN"))
	} else if pr, prErr = parseRolesAnywhereARN(c.ProfileARN, "profile"); prErr != nil {
		errs = append(errs, problem("profile_arn", RuleFormat, "%v", prErr))
	}
	if taErr == nil && prErr == nil && (ta.Region != pr.Region || ta.AccountID != pr.AccountID) {
		errs = append(errs, problem("profile_arn", RuleConflict, "profile is in %s account %s, trust anchor in %s account %s: both must be in the same region and account", pr.Region, pr.AccountID, ta.Region, ta.AccountID))
	}
	reg := c.Region
	if reg == "" && taErr == nil {
		reg = ta.Region
	} else if reg != "" {
		if err := reg.Validate(); err != nil {
			errs = append(errs, problem("region", RuleFormat, "%q is not a region code", string(reg)))
		} else if taErr == nil && reg != ta.Region {
			errs = append(errs, problem("region", RuleConflict, "region %s differs from the trust anchor's region %s; Roles Anywhere resources are regional", reg, ta.Region))
		}
	}

	if c.Certificate == nil {
		errs = append(errs, problem("certificate", RuleRequired, "IAM Roles Anywhere needs a client certificate (certificate, or pkcs12)"))
	} else {
		if rule, err := checkValidity(c.Certificate, now); err != nil {
			errs = append(errs, problem("certificate", rule, "%v", err))
		}
		if _, err := algorithmFor(c.Certificate.PublicKey); err != nil {
			errs = append(errs, problem("certificate", RuleUnsupported, "%v", err))
		}
	}
	for i, ic := range c.Chain {
		if rule, err := checkValidity(ic, now); err != nil {
			errs = append(errs, problem("certificate_chain", rule, "chain certificate %d: %v", i+1, err))
		}
	}
	if c.Signer == nil {
		errs = append(errs, problem("private_key", RuleRequired, "IAM Roles Anywhere needs the certificate's private key (private_key, pkcs12, or auth.WithSigner)"))
	} else if c.Certificate != nil {
		if err := checkKeyMatches(c.Certificate, c.Signer); err != nil {
			errs = append(errs, problem("private_key", RuleKeyMismatch, "%v (serial %s)", err, c.Certificate.SerialNumber))
		}
	}

	if d := c.Duration; d != 0 && (d < MinDuration || d > MaxDuration) {
		errs = append(errs, problem("duration", RuleRange, "%s is outside %s..%s", d, MinDuration, MaxDuration))
	} else if d%time.Second != 0 {
		errs = append(errs, problem("duration", RuleFormat, "%s is not a whole number of seconds", d))
	}
	if c.SessionName != "" && !roleSessionName.MatchString(c.SessionName) {
		errs = append(errs, problem("session_name", RuleFormat, "%q must be 2 to 64 of letters, digits and +=,.@_-", c.SessionName))
	}

	var endpoint *url.URL
	if c.Endpoint != "" {
		var err error
		if endpoint, err = parseEndpoint(c.Endpoint, false); err != nil {
			rule := RuleFormat
			if isInsecure(c.Endpoint) {
				rule = RuleInsecure
			}
			errs = append(errs, problem("endpoint", rule, "%v", err))
		}
	} else if reg.Validate() == nil {
		var err error
		if endpoint, err = rolesAnywhereEndpoint(reg, c.UseFIPSEndpoint, c.UseDualStackEndpoint); err != nil {
			errs = append(errs, problem("use_dualstack_endpoint", RuleUnsupported, "%v", err))
		}
	}
	return reg, endpoint, errs
}

func isInsecure(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme == "http" && u.Host != "" && !ep.IsLoopback(u.Hostname())
}

// RolesAnywhereProvider is an aws.CredentialsProvider that trades an X.509
// certificate for temporary credentials with IAM Roles Anywhere
// CreateSession, natively: no cgo, no AWS helper binary. Each Retrieve
// makes one CreateSession call (retrying 5xx, throttling and network
// failures as the SDK's standard retryer does: jittered exponential
// backoff, within a budget of retry tokens); wrap it in a cache, as
// [Profile.CredentialsProvider] and [NewRolesAnywhereCredentials] do. It is
// safe for concurrent use.
type RolesAnywhereProvider struct {
	cfg      RolesAnywhereConfig
	region   region.Region
	endpoint *url.URL
	opts     *options
	retryer  aws.Retryer
}

// NewRolesAnywhereProvider checks cfg (ARNs, certificate validity, key
// match, duration, endpoint) and returns a provider; nothing is sent yet.
// Without cfg.Endpoint, the endpoint is the one the AWS configuration sets
// for Roles Anywhere, as for any SDK client ($AWS_ENDPOINT_URL_ROLESANYWHERE,
// then $AWS_ENDPOINT_URL, then the shared config file's services section
// and endpoint_url), else the regional one; plain http only to loopback.
// Problems are *ProfileError values naming the profile key at fault, joined.
func NewRolesAnywhereProvider(cfg RolesAnywhereConfig, opts ...Option) (*RolesAnywhereProvider, error) {
	o := newOptions(nil, opts...)
	if cfg.Signer == nil && o.signer != nil {
		cfg.Signer = o.signer
	}
	if cfg.Duration == 0 {
		cfg.Duration = DefaultDuration
	}
	fromConfig := false
	if cfg.Endpoint == "" {
		configured, err := configuredEndpoint(context.Background(), "RolesAnywhere")
		if err != nil {
			return nil, &ProfileError{Key: "endpoint", Rule: RuleUnreadable, Reason: "reading the AWS configuration for a Roles Anywhere endpoint", Err: err}
		}
		cfg.Endpoint, fromConfig = configured, configured != ""
	}
	reg, endpoint, problems := cfg.check(o.now())
	for _, p := range problems {
		if fromConfig && p.Key == "endpoint" {
			p.Reason += " (from the AWS configuration: AWS_ENDPOINT_URL_ROLESANYWHERE, AWS_ENDPOINT_URL or the shared config file)"
		}
	}
	if len(problems) > 0 {
		errs := make([]error, len(problems))
		for i, p := range problems {
			errs[i] = p
		}
		return nil, errors.Join(errs...)
	}
	cfg.Region = reg
	return &RolesAnywhereProvider{cfg: cfg, region: reg, endpoint: endpoint, opts: o, retryer: newRetryer(o.maxAttempts)}, nil
}

// Region returns the region sessions are created in.
func (p *RolesAnywhereProvider) Region() region.Region { return p.region }

// Endpoint returns the base URL CreateSession is sent to.
func (p *RolesAnywhereProvider) Endpoint() string { return p.endpoint.String() }

// String describes the provider without its key.
func (p *RolesAnywhereProvider) String() string {
	return "RolesAnywhereProvider{" + p.cfg.String() + ", Endpoint: " + p.endpoint.String() + "}"
}

// Format prints String for every verb, so %#v does not dump the key.
func (p *RolesAnywhereProvider) Format(f fmt.State, verb rune) { formatAs(f, verb, p.String()) }

// Retrieve calls CreateSession and returns the session's credentials,
// which expire when the service says. ctx bounds the whole call, retries
// included. Service errors are *RolesAnywhereError (errors.Is matches
// ErrAccessDenied, ErrResourceNotFound, ErrValidation, ErrThrottled).
func (p *RolesAnywhereProvider) Retrieve(ctx context.Context) (aws.Credentials, error) {
	var lastErr error
	release := func(error) error { return nil }
	for attempt := 1; ; attempt++ {
		creds, err := p.attempt(ctx)
		release(err)
		if err == nil {
			p.opts.logger.LogAttrs(ctx, slog.LevelDebug, "auth: IAM Roles Anywhere session created",
				slog.String("access_key_id", creds.AccessKeyID),
				slog.Time("expires", creds.Expires),
				slog.Int("attempt", attempt))
			return creds, nil
		}
		lastErr = err
		if ctx.Err() != nil {
			return aws.Credentials{}, fmt.Errorf("auth: IAM Roles Anywhere CreateSession: %w", ctx.Err())
		}
		if !p.retryer.IsErrorRetryable(err) || attempt >= p.retryer.MaxAttempts() {
			break
		}
		wait, werr := p.retryer.RetryDelay(attempt, err)
		if werr == nil {
			release, werr = p.retryer.GetRetryToken(ctx, err)
		}
		if werr != nil {
			p.opts.logger.LogAttrs(ctx, slog.LevelWarn, "auth: IAM Roles Anywhere CreateSession failed; not retried",
				slog.Int("attempt", attempt), slog.String("reason", werr.Error()), slog.String("error", err.Error()))
			break
		}
		p.opts.logger.LogAttrs(ctx, slog.LevelWarn, "auth: IAM Roles Anywhere CreateSession failed; retrying",
			slog.Int("attempt", attempt), slog.Duration("backoff", wait), slog.String("error", err.Error()))
		select {
		case <-ctx.Done():
			release(ctx.Err())
			return aws.Credentials{}, fmt.Errorf("auth: IAM Roles Anywhere CreateSession: %w (last error: %v)", ctx.Err(), lastErr)
		case <-p.opts.sleep(wait):
		}
	}
	var re *RolesAnywhereError
	if errors.As(lastErr, &re) {
		return aws.Credentials{}, lastErr
	}
	return aws.Credentials{}, fmt.Errorf("auth: IAM Roles Anywhere CreateSession at %s: %w", p.endpoint.Host, lastErr)
}

// newRetryer is the SDK's standard retryer (its backoff, jitter and retry
// tokens) with WithMaxAttempts' attempts, retrying what retryable says.
func newRetryer(attempts int) aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.MaxAttempts = attempts
		o.Retryables = []retry.IsErrorRetryable{retry.IsErrorRetryableFunc(func(err error) aws.Ternary {
			return aws.BoolTernary(retryable(err))
		})}
	})
}

// retryable: service errors say so themselves; transport failures
// (refused, reset, timed out) are worth another try; malformed answers and
// signing failures are not.
func retryable(err error) bool {
	var re *RolesAnywhereError
	if errors.As(err, &re) {
		return re.Retryable()
	}
	var te *transportError
	return errors.As(err, &te)
}

// transportError is a failure to get an answer at all.
type transportError struct{ err error }

func (e *transportError) Error() string { return e.err.Error() }
func (e *transportError) Unwrap() error { return e.err }

func (p *RolesAnywhereProvider) attempt(ctx context.Context) (aws.Credentials, error) {
	ctx, cancel := context.WithTimeout(ctx, attemptTimeout)
	defer cancel()
	signed, err := signCreateSession(sessionRequest{
		Host:           p.endpoint.Host,
		Region:         p.region,
		RoleARN:        p.cfg.RoleARN,
		ProfileARN:     p.cfg.ProfileARN,
		TrustAnchorARN: p.cfg.TrustAnchorARN,
		Duration:       p.cfg.Duration,
		SessionName:    p.cfg.SessionName,
		Certificate:    p.cfg.Certificate,
		Chain:          p.cfg.Chain,
		Signer:         p.cfg.Signer,
	}, p.opts.now(), rand.Reader)
	if err != nil {
		return aws.Credentials{}, err
	}
	u := *p.endpoint
	u.Path += sessionsPath
	u.RawQuery = signed.Query
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u.String(), bytes.NewReader(signed.Body))
	if err != nil {
		return aws.Credentials{}, err
	}
	for k, v := range signed.Header {
		if k != "host" {
			req.Header.Set(k, v)
		}
	}
	req.Host = signed.Header["host"]
	req.Header.Set("User-Agent", "snsconnector-auth")
	resp, err := transport.Send(p.opts.httpClient, req, false)
	if errors.Is(err, ErrInsecureEndpoint) {
		return aws.Credentials{}, err // refused before sending: not a failure to retry
	}
	if err != nil {
		return aws.Credentials{}, &transportError{err}
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseSize))
	if err != nil {
		return aws.Credentials{}, &transportError{fmt.Errorf("reading the answer: %w", err)}
	}
	return parseSessionResponse(resp.StatusCode, resp.Header, body)
}
