package snsconnector

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"

	"github.com/go-sns/connector/auth"
	"github.com/go-sns/connector/internal/endpoint"
	"github.com/go-sns/connector/internal/nocreds"
	"github.com/go-sns/connector/internal/transport"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// LogGroup is the slog group the client logs under: the Mendix connector's
// log node.
const LogGroup = "AmazonSNSConnector"

// Client publishes to and manages Amazon SNS topics. It is safe for
// concurrent use by many goroutines; make one and share it.
type Client struct {
	opts    Options
	log     *slog.Logger
	limits  model.Limits
	factory func(region.Region) (API, error)

	mu   sync.RWMutex
	apis map[region.Region]API

	cfg    *aws.Config // the resolved configuration; nil with a custom APIFactory
	topics sync.Map    // topicKey -> message size limit of a topic known to exist
	accts  accounts    // account ID per partition, for ResolveTopic
}

// New returns a Client configured by opts. It does no network I/O: SDK
// clients are created per region on first use, and credentials are fetched
// when the first request needs them.
func New(ctx context.Context, opts ...Option) (*Client, error) {
	var o Options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	if o.RetryMaxAttempts < 0 {
		return nil, fmt.Errorf("snsconnector: RetryMaxAttempts is %d; want 1 or more (0 for the default)", o.RetryMaxAttempts)
	}
	if o.BatchConcurrency < 0 {
		return nil, fmt.Errorf("snsconnector: BatchConcurrency is %d; want 1 or more (0 for the default)", o.BatchConcurrency)
	}
	if o.Timeout < 0 {
		return nil, fmt.Errorf("snsconnector: Timeout is %v; want a positive duration (0 for none)", o.Timeout)
	}
	if err := checkOffloading(o); err != nil {
		return nil, err
	}
	o.Credentials = hideCredentials(o.Credentials) // an Option of the caller's may have set it raw
	c := &Client{opts: o, limits: o.Limits, apis: map[region.Region]API{}}
	c.log = slog.New(slog.DiscardHandler)
	if o.Logger != nil {
		c.log = o.Logger.WithGroup(LogGroup)
	}
	c.factory = o.APIFactory
	if c.factory == nil {
		cfg, err := resolveConfig(ctx, o)
		if err != nil {
			return nil, err
		}
		c.cfg = &cfg
		c.factory, err = sdkFactory(cfg, o)
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// resolveConfig loads or copies the base configuration and applies the
// options that belong to every AWS client the connector makes.
func resolveConfig(ctx context.Context, o Options) (aws.Config, error) {
	// Every client built from the configuration, the default credential
	// chain's included, sends through the transport middleware: plain http
	// only to loopback, error answers scrubbed of what they echo.
	guard := transport.Middleware(o.InsecureEndpoint)
	var cfg aws.Config
	if o.Config != nil {
		cfg = o.Config.Copy()
		cfg.APIOptions = append(slices.Clip(cfg.APIOptions), guard)
	} else {
		var err error
		// LoadDefaultConfig reads the environment and shared files only;
		// credential providers it sets up do their I/O on first Retrieve.
		// Off EC2 the chain does not wait on instance metadata.
		loadOpts := append(nocreds.LoadOptions(), config.WithAPIOptions([]func(*middleware.Stack) error{guard}))
		cfg, err = config.LoadDefaultConfig(ctx, loadOpts...)
		if err != nil {
			return aws.Config{}, fmt.Errorf("snsconnector: loading AWS configuration: %w", err)
		}
		if o.Profile == nil && o.Credentials == nil {
			// The default chain: when it finds nothing, say what was tried.
			cfg.Credentials = nocreds.Explain(cfg.Credentials, nocreds.SkipIMDS())
		}
	}
	if o.Profile != nil && o.Credentials == nil {
		var authOpts []auth.Option
		if o.Logger != nil {
			authOpts = append(authOpts, auth.WithLogger(o.Logger.WithGroup(LogGroup)))
		}
		p, err := o.Profile.CredentialsProvider(ctx, authOpts...)
		if err != nil {
			return aws.Config{}, fmt.Errorf("snsconnector: credentials from profile %q: %w", o.Profile.Name, err)
		}
		cfg.Credentials = p
	}
	if o.Credentials != nil {
		cfg.Credentials = o.Credentials
	}
	// The SDK clients keep the provider in options that fmt can walk.
	cfg.Credentials = hideCredentials(cfg.Credentials)
	if o.HTTPClient != nil {
		cfg.HTTPClient = o.HTTPClient
	}
	if o.RetryMaxAttempts > 0 {
		cfg.RetryMaxAttempts = o.RetryMaxAttempts
	}
	if o.RetryMode != "" {
		cfg.RetryMode = o.RetryMode
	}
	if o.Retryer != nil {
		cfg.Retryer = o.Retryer
	}
	return cfg, nil
}

// sdkFactory returns a function that builds an *sns.Client for a region
// from the resolved configuration. The SDK resolves the endpoint itself
// (WithEndpoint's wins); the one it resolves for SNS and for STS is checked
// here, so a bad one fails New rather than the first call, and each request
// is checked again as it leaves, for endpoints only a resolver decides.
func sdkFactory(cfg aws.Config, o Options) (func(region.Region) (API, error), error) {
	snsOpts := func(so *sns.Options) {
		if o.Endpoint != "" {
			so.BaseEndpoint = aws.String(o.Endpoint)
		}
		if so.Retryer != nil {
			so.Retryer = teachThrottling(so.Retryer) // every operation, not only batches
		}
	}
	if err := checkEndpoint("SNS", sns.NewFromConfig(cfg, snsOpts).Options().BaseEndpoint, o.Endpoint != "", o.InsecureEndpoint); err != nil {
		return nil, err
	}
	if err := checkEndpoint("STS", sts.NewFromConfig(cfg).Options().BaseEndpoint, false, o.InsecureEndpoint); err != nil {
		return nil, err
	}
	return func(r region.Region) (API, error) {
		return sns.NewFromConfig(cfg, snsOpts, func(so *sns.Options) { so.Region = string(r) }), nil
	}, nil
}

// checkEndpoint applies the endpoint rule to the base endpoint the SDK
// resolved for a service, naming where it came from.
func checkEndpoint(service string, ep *string, explicit, insecureOK bool) error {
	if ep == nil {
		return nil
	}
	err := endpoint.Check(*ep, insecureOK)
	if err == nil {
		return nil
	}
	source := "the AWS configuration (AWS_ENDPOINT_URL_" + service + ", AWS_ENDPOINT_URL, the shared config file, or WithConfig's BaseEndpoint)"
	if explicit {
		source = "WithEndpoint"
	}
	return fmt.Errorf("snsconnector: %s endpoint from %s: %w", service, source, err)
}

// api returns the region's SNS API, creating it on first use.
func (c *Client) api(r region.Region) (API, error) {
	c.mu.RLock()
	a, ok := c.apis[r]
	c.mu.RUnlock()
	if ok {
		return a, nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if a, ok := c.apis[r]; ok {
		return a, nil
	}
	a, err := c.factory(r)
	if err != nil {
		return nil, err
	}
	if a == nil {
		return nil, errors.New("API factory returned nil")
	}
	c.apis[r] = a
	return a, nil
}

// API returns the SNS API the client uses for region r, creating it on first
// use: the escape hatch for an SNS operation this package does not wrap.
// With the default factory it is an *sns.Client.
func (c *Client) API(r region.Region) (API, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return c.api(r)
}

// call is the prologue every operation shares: it bounds the context,
// checks the region and fetches the region's API.
func (c *Client) call(ctx context.Context, op string, r region.Region, topic string) (context.Context, context.CancelFunc, API, error) {
	cancel := context.CancelFunc(func() {})
	if c.opts.Timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, c.opts.Timeout)
	}
	if err := r.Validate(); err != nil {
		return ctx, cancel, nil, &Error{Op: op, Region: r, Topic: topic, Err: err}
	}
	a, err := c.api(r)
	if err != nil {
		return ctx, cancel, nil, &Error{Op: op, Region: r, Topic: topic, Err: err}
	}
	return ctx, cancel, a, nil
}

// done logs the outcome of an operation and wraps a failure in *Error.
func (c *Client) done(ctx context.Context, op string, r region.Region, topic string, start time.Time, err error) error {
	if err == nil {
		if c.log.Enabled(ctx, slog.LevelDebug) {
			c.log.LogAttrs(ctx, slog.LevelDebug, op+" succeeded",
				slog.String("op", op), slog.String("region", string(r)),
				slog.String("topic", topic), slog.Duration("elapsed", time.Since(start)))
		}
		return nil
	}
	e := &Error{Op: op, Region: r, Topic: topic, Err: err}
	if c.log.Enabled(ctx, slog.LevelWarn) {
		c.log.LogAttrs(ctx, slog.LevelWarn, op+" failed",
			slog.String("op", op), slog.String("region", string(r)),
			slog.String("topic", topic), slog.Duration("elapsed", time.Since(start)),
			slog.String("error", err.Error()))
	}
	return e
}
