package auth

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"

	"github.com/go-sns/connector/internal/nocreds"
	"github.com/go-sns/connector/internal/transport"
	"github.com/go-sns/connector/region"
)

// EnvSTSEndpoint is the SDK's variable for an STS endpoint override. It is
// honoured by [Validate] and assume_role_arn unless [WithSTSEndpoint] is
// given, before AWS_ENDPOINT_URL and the shared config file, as the SDK
// orders them.
const EnvSTSEndpoint = "AWS_ENDPOINT_URL_STS"

// CredentialsProvider returns the profile's credentials provider, ready for
// any aws-sdk-go-v2 client (aws.Config.Credentials, or a service's
// Options.Credentials).
//
// The provider is a [*Provider] in front of an *aws.CredentialsCache, so it
// prints no credentials whatever is done with it: concurrent callers share
// one refresh; expiring credentials are refreshed 5 minutes before they expire
// (with 20% jitter; a quarter of the lifetime for short-lived ones); and if
// a refresh fails while the previous credentials are still valid, callers
// keep getting those and the failure is logged to [WithLogger]'s logger.
// For MethodDefaultChain it is the SDK's own cached chain.
//
// Nothing is sent over the network here, except that the default chain may
// read local files. Options given to [LoadProfile] apply first, then opts.
func (p *Profile) CredentialsProvider(ctx context.Context, opts ...Option) (*Provider, error) {
	if p == nil {
		return nil, errors.New("auth: CredentialsProvider of a nil *Profile")
	}
	o := newOptions(p.opts, opts...)
	var (
		base   aws.CredentialsProvider
		cached bool // base is already a cache
	)
	switch p.Method {
	case MethodStatic:
		if p.Static.AccessKeyID == "" || !p.Static.SecretAccessKey.IsSet() {
			return nil, p.errorf("access_key_id", RuleRequired, "static credentials need access_key_id and secret_access_key")
		}
		static := credentials.NewStaticCredentialsProvider(p.Static.AccessKeyID, p.Static.SecretAccessKey.Reveal(), p.Static.SessionToken.Reveal())
		// A func, not the struct: fmt prints funcs as addresses even when
		// it dumps the cache raw, so the secret cannot leak that way.
		base = aws.CredentialsProviderFunc(static.Retrieve)

	case MethodRolesAnywhere:
		ra, err := NewRolesAnywhereProvider(p.RolesAnywhere, p.allOpts(opts)...)
		if err != nil {
			return nil, p.adopt(err)
		}
		base = ra
	case MethodDefaultChain:
		// The chain's own clients (STS, SSO) scrub what servers echo too.
		// Off EC2 the chain does not wait on instance metadata.
		loadOpts := append(nocreds.LoadOptions(), config.WithAPIOptions([]func(*middleware.Stack) error{transport.Middleware(false)}))
		if o.clientSet {
			// Only when asked: the SDK's own client honours AWS_CA_BUNDLE,
			// which it cannot apply to a client it did not build.
			loadOpts = append(loadOpts, config.WithHTTPClient(o.httpClient))
		}
		if p.AWSProfile != "" {
			loadOpts = append(loadOpts, config.WithSharedConfigProfile(p.AWSProfile))
		}
		if p.Region != "" {
			loadOpts = append(loadOpts, config.WithRegion(string(p.Region)))
		}
		cfg, err := config.LoadDefaultConfig(ctx, loadOpts...)
		if err != nil {
			return nil, fmt.Errorf("auth: profile %q: AWS default credential chain: %w", p.Name, err)
		}
		if cfg.Credentials == nil {
			return nil, fmt.Errorf("auth: profile %q: the AWS default credential chain found no credentials", p.Name)
		}
		base, cached = nocreds.Explain(cfg.Credentials, nocreds.SkipIMDS()), true
	default:
		return nil, p.errorf("use_static_credentials", RuleRequired, "unknown method %q", p.Method)
	}

	if p.AssumeRole != nil {
		client, err := newSTSClient(ctx, p.stsRegion(), base, o)
		if err != nil {
			return nil, p.adopt(err)
		}
		a := *p.AssumeRole
		if a.SessionName == "" {
			a.SessionName = "snsconnector-" + strconv.FormatInt(o.now().Unix(), 10)
		}
		arp := stscreds.NewAssumeRoleProvider(client, a.RoleARN, func(ao *stscreds.AssumeRoleOptions) {
			ao.RoleSessionName = a.SessionName
			if a.Duration != 0 {
				ao.Duration = a.Duration
			}
			if a.ExternalID != "" {
				ao.ExternalID = aws.String(a.ExternalID)
			}
		})
		return newProvider(p.describe()+" with AssumeRole", newCache(arp, p.Name, o)), nil
	}
	if !cached {
		base = newCache(base, p.Name, o)
	}
	return newProvider(p.describe(), base), nil
}

// describe names the profile and its method, for a Provider's String.
func (p *Profile) describe() string { return fmt.Sprintf("profile %q, %s", p.Name, p.Method) }

// allOpts is the option list for providers built from the profile.
func (p *Profile) allOpts(more []Option) []Option {
	return append(append([]Option(nil), p.opts...), more...)
}

// stsRegion is where AssumeRole goes: the profile's region, else STS's
// home region us-east-1.
func (p *Profile) stsRegion() region.Region {
	if p.Region != "" {
		return p.Region
	}
	return region.USEast1
}

func (p *Profile) errorf(key string, rule Rule, format string, args ...any) error {
	return &ProfileError{File: p.File, Profile: p.Name, Key: key, Rule: rule, Reason: fmt.Sprintf(format, args...)}
}

// adopt names the profile's file and name in the *ProfileError values of
// err (from checks that do not know them).
func (p *Profile) adopt(err error) error {
	var list []error
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		list = j.Unwrap()
	} else {
		list = []error{err}
	}
	for _, e := range list {
		var pe *ProfileError
		if errors.As(e, &pe) && pe.Profile == "" {
			pe.File, pe.Profile = p.File, p.Name
		}
	}
	return err
}

// NewRolesAnywhereCredentials returns a cached IAM Roles Anywhere
// credentials provider for cfg, as Profile.CredentialsProvider builds for a
// Roles Anywhere profile: use it with a key in an HSM, TPM or KMS.
func NewRolesAnywhereCredentials(cfg RolesAnywhereConfig, opts ...Option) (*Provider, error) {
	ra, err := NewRolesAnywhereProvider(cfg, opts...)
	if err != nil {
		return nil, err
	}
	return newProvider("IAM Roles Anywhere, role "+cfg.RoleARN, newCache(ra, "roles-anywhere", newOptions(nil, opts...))), nil
}

// newSTSClient builds an STS client for r with creds. Its endpoint is
// WithSTSEndpoint's, else the one the AWS configuration sets, resolved by
// the SDK itself (AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, the shared config
// file's services section, its endpoint_url), else STS's regional one.
// Plain http only to loopback, checked here and again for each request.
func newSTSClient(ctx context.Context, r region.Region, creds aws.CredentialsProvider, o *options) (*sts.Client, error) {
	if err := r.Validate(); err != nil {
		return nil, &ProfileError{Key: "region", Rule: RuleFormat, Reason: "STS needs a region", Err: err}
	}
	cfg, err := config.LoadDefaultConfig(ctx, config.WithRegion(string(r)))
	if err != nil {
		return nil, fmt.Errorf("auth: loading the AWS configuration for STS: %w", err)
	}
	client := sts.NewFromConfig(cfg, func(so *sts.Options) {
		so.Credentials = creds
		so.HTTPClient = o.httpClient
		so.APIOptions = append(so.APIOptions, transport.Middleware(false))
		if o.stsEndpoint != "" {
			so.BaseEndpoint = aws.String(o.stsEndpoint)
		}
	})
	if ep := client.Options().BaseEndpoint; ep != nil {
		source := "the AWS configuration (" + EnvSTSEndpoint + ", AWS_ENDPOINT_URL or the shared config file)"
		if o.stsEndpoint != "" {
			source = "auth.WithSTSEndpoint"
		}
		if _, err := parseEndpoint(*ep, true); err != nil {
			rule := RuleFormat
			if isInsecure(*ep) {
				rule = RuleInsecure
			}
			return nil, &ProfileError{Rule: rule, Reason: "STS endpoint from " + source, Err: err}
		}
	}
	return client, nil
}
