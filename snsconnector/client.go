package snsconnector

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/auth"
	"github.com/go-sns/connector/internal/endpoint"
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

	cfg         *aws.Config // the resolved configuration; nil with a custom APIFactory
	stsEndpoint string      // STS endpoint override, "" for AWS's
	topics      sync.Map    // topicKey -> message size limit of a topic known to exist
	accts       accounts    // account ID per partition, for ResolveTopic
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
		// STS (for ResolveTopic) has its own endpoint variable; resolve and
		// check it now so a bad one fails here, not on first use.
		c.stsEndpoint, err = resolveEndpoint("", "AWS_ENDPOINT_URL_STS", cfg.BaseEndpoint, o.InsecureEndpoint)
		if err != nil {
			return nil, err
		}
	}
	return c, nil
}

// resolveConfig loads or copies the base configuration and applies the
// options that belong to every AWS client the connector makes.
func resolveConfig(ctx context.Context, o Options) (aws.Config, error) {
	var cfg aws.Config
	if o.Config != nil {
		cfg = o.Config.Copy()
	} else {
		var err error
		// LoadDefaultConfig reads the environment and shared files only;
		// credential providers it sets up do their I/O on first Retrieve.
		cfg, err = config.LoadDefaultConfig(ctx)
		if err != nil {
			return aws.Config{}, fmt.Errorf("snsconnector: loading AWS configuration: %w", err)
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
// from the resolved configuration.
func sdkFactory(cfg aws.Config, o Options) (func(region.Region) (API, error), error) {
	endpoint, err := resolveEndpoint(o.Endpoint, "AWS_ENDPOINT_URL_SNS", cfg.BaseEndpoint, o.InsecureEndpoint)
	if err != nil {
		return nil, err
	}
	return func(r region.Region) (API, error) {
		return sns.NewFromConfig(cfg, func(so *sns.Options) {
			so.Region = string(r)
			if endpoint != "" {
				so.BaseEndpoint = aws.String(endpoint)
			}
		}), nil
	}, nil
}

// resolveEndpoint picks a service's endpoint by the SDK's precedence
// (explicit, then the service's environment variable, then
// AWS_ENDPOINT_URL, then the configuration) and checks that plain http
// stays on loopback.
func resolveEndpoint(explicit, serviceEnv string, fromConfig *string, insecureOK bool) (string, error) {
	ep := explicit
	if ep == "" && !strings.EqualFold(os.Getenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true") {
		ep = os.Getenv(serviceEnv)
		if ep == "" {
			ep = os.Getenv("AWS_ENDPOINT_URL")
		}
	}
	if ep == "" && fromConfig != nil {
		ep = *fromConfig
	}
	if ep == "" {
		return "", nil
	}
	if err := endpoint.Check(ep, insecureOK); err != nil {
		return "", fmt.Errorf("snsconnector: %w", err)
	}
	return ep, nil
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
