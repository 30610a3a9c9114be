package snsconnector

import (
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/go-sns/connector/auth"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/offload"
	"github.com/go-sns/connector/region"
)

// Options configure a [Client]. Set them with the With... functions passed
// to [New]; the zero value of each field means "the default".
type Options struct {
	// Config is the base AWS configuration. Default: config.LoadDefaultConfig,
	// which reads the environment and the shared config files (no network).
	Config *aws.Config
	// Credentials replace the configuration's credentials. Default: the AWS
	// default credential chain. New keeps it behind an *auth.Provider, which
	// never prints credentials.
	Credentials aws.CredentialsProvider
	// Profile supplies credentials from a named profile (static keys, IAM
	// Roles Anywhere, the default chain, optionally chained with AssumeRole).
	// Credentials, when also set, win.
	Profile *auth.Profile
	// Endpoint is the SNS endpoint URL. Default: the one the AWS
	// configuration sets, as the SDK resolves it ($AWS_ENDPOINT_URL_SNS,
	// then $AWS_ENDPOINT_URL, then the shared config file's services
	// section and endpoint_url, or Config's BaseEndpoint or endpoint
	// resolver), else AWS's regional one.
	Endpoint string
	// InsecureEndpoint allows plain http to a host that is not loopback, for
	// SNS and STS, whatever set the endpoint. Without it such a request is
	// refused before it is sent (an endpoint known at New fails New), with an
	// error matching ErrInsecureEndpoint.
	InsecureEndpoint bool
	// HTTPClient sends the requests. Default: the configuration's, else the
	// SDK's. Whichever it is, requests pass the plain-http rule and error
	// answers are scrubbed of what they echo of the signed request.
	HTTPClient aws.HTTPClient
	// RetryMaxAttempts is the number of attempts per call, first included;
	// 1 disables retries. Default: the SDK's (3).
	RetryMaxAttempts int
	// RetryMode is aws.RetryModeStandard or aws.RetryModeAdaptive (which adds
	// client-side rate limiting after throttling). Default: standard.
	RetryMode aws.RetryMode
	// Retryer makes the retryer of each SDK client, for full control of
	// attempts, backoff and which errors are retried. It overrides
	// RetryMaxAttempts and RetryMode. Default: the SDK's standard retryer.
	Retryer func() aws.Retryer
	// Timeout bounds each operation, retries included. Default: none beyond
	// the caller's context.
	Timeout time.Duration
	// Logger receives the client's logs under the group "AmazonSNSConnector".
	// Default: none.
	Logger *slog.Logger
	// Limits are the limits messages are validated against before sending.
	// Default: model.DefaultLimits.
	Limits model.Limits
	// AccountID is the account whose topics ResolveTopic addresses. Default:
	// learnt once from STS GetCallerIdentity.
	AccountID string
	// STS answers GetCallerIdentity for ResolveTopic. Default: an *sts.Client
	// from the same configuration, its endpoint resolved as the SDK does
	// ($AWS_ENDPOINT_URL_STS, $AWS_ENDPOINT_URL, the shared config file).
	STS STSAPI
	// BatchConcurrency bounds the requests one PublishBatch call has in
	// flight. Default: DefaultBatchConcurrency.
	BatchConcurrency int
	// PayloadStore, when set, receives the bodies of messages that
	// PayloadOffloading says are too large for SNS; the messages carry a
	// pointer instead (see [WithPayloadOffloading]). Default: none.
	PayloadStore offload.Store
	// PayloadOffloading says which messages go to PayloadStore.
	PayloadOffloading offload.Settings
	// APIFactory makes the SNS API for a region, once per region. Default:
	// an *sns.Client built from the options above. Set it to put a fake
	// behind the client; the other options then do not apply.
	APIFactory func(region.Region) (API, error)
}

// Option sets a field of [Options].
type Option func(*Options)

// WithConfig uses cfg as the base AWS configuration instead of loading the
// default one. The other options override its fields.
func WithConfig(cfg aws.Config) Option {
	return func(o *Options) { o.Config = &cfg }
}

// WithCredentialsProvider uses p for credentials, kept behind an
// *auth.Provider so that no fmt verb prints them. p is asked for every
// request: give one that caches (those of package auth do; wrap others in
// aws.NewCredentialsCache).
func WithCredentialsProvider(p aws.CredentialsProvider) Option {
	return func(o *Options) { o.Credentials = hideCredentials(p) }
}

// hideCredentials puts p behind an *auth.Provider; nil stays nil.
func hideCredentials(p aws.CredentialsProvider) aws.CredentialsProvider {
	if p == nil {
		return nil
	}
	return auth.Redact(p)
}

// WithStaticCredentials uses a fixed access key; sessionToken may be empty.
// Prefer temporary credentials outside tests and demos.
func WithStaticCredentials(accessKeyID, secretAccessKey, sessionToken string) Option {
	return WithCredentialsProvider(credentials.NewStaticCredentialsProvider(accessKeyID, secretAccessKey, sessionToken))
}

// WithProfile takes credentials from a profile loaded with
// auth.LoadProfile. New builds the profile's provider (which validates its
// files, keys and ARNs, but does no network I/O); its credentials are
// fetched, cached and refreshed when requests need them.
func WithProfile(p *auth.Profile) Option {
	return func(o *Options) { o.Profile = p }
}

// WithEndpoint sends SNS requests to url, for a local emulator or a VPC
// endpoint. Plain http is accepted only for loopback hosts (see
// [WithInsecureEndpoint]); a URL with user information is refused.
func WithEndpoint(url string) Option {
	return func(o *Options) { o.Endpoint = url }
}

// WithInsecureEndpoint allows plain http to a host that is not loopback,
// such as an emulator in a container network, for SNS and STS whatever set
// the endpoint. Requests, signatures and messages then cross the network
// unencrypted.
func WithInsecureEndpoint() Option {
	return func(o *Options) { o.InsecureEndpoint = true }
}

// WithHTTPClient sends requests through c. The library's checks still
// apply to them (see [Options].HTTPClient).
func WithHTTPClient(c aws.HTTPClient) Option {
	return func(o *Options) { o.HTTPClient = c }
}

// WithRetryMaxAttempts sets the attempts per call, the first included; 1
// disables retries.
func WithRetryMaxAttempts(n int) Option {
	return func(o *Options) { o.RetryMaxAttempts = n }
}

// WithRetryMode selects aws.RetryModeStandard or aws.RetryModeAdaptive.
func WithRetryMode(m aws.RetryMode) Option {
	return func(o *Options) { o.RetryMode = m }
}

// WithRetryer makes each SDK client's retryer with f, e.g. retry.NewStandard
// with a shorter MaxBackoff, or aws.NopRetryer for none.
func WithRetryer(f func() aws.Retryer) Option {
	return func(o *Options) { o.Retryer = f }
}

// WithTimeout bounds each operation, retries included (the Mendix "API
// timeout"). The caller's context still applies.
func WithTimeout(d time.Duration) Option {
	return func(o *Options) { o.Timeout = d }
}

// WithLogger sends the client's logs to l, under the group
// "AmazonSNSConnector". Successful calls log at Debug, failures at Warn.
func WithLogger(l *slog.Logger) Option {
	return func(o *Options) { o.Logger = l }
}

// WithLimits validates messages against l instead of model.DefaultLimits,
// for example for a topic with a larger MaximumMessageSize.
func WithLimits(l model.Limits) Option {
	return func(o *Options) { o.Limits = l }
}

// WithPayloadOffloading sends messages larger than SNS takes through
// store (an *offload.S3Store), compatible with AWS's extended client
// libraries: on every publish path (Publish, PublishWithResponse,
// PublishBatch and the Publisher) a message whose payload is over
// settings.Threshold (0: the topic's limit, 262,144 bytes unless its
// MaximumMessageSize is raised), or every message with settings.Always,
// has its body stored and replaced by a pointer to it, with a Number
// attribute ExtendedPayloadSize holding the body's size; see
// offload.Apply for the rules. Consumers resolve the pointer with
// offload.S3Store.Resolve, or with an SQS extended client; the SNS to SQS
// subscription needs raw message delivery.
//
// Failures lose nothing silently: nothing is published when the store
// fails; when the publish fails after the payload was stored, the object
// is deleted, or, if that fails or SNS may have taken the message anyway
// (a timeout), kept and reported: the message's error then holds an
// *offload.UndeletedError naming it.
//
// On a FIFO topic group and deduplication IDs are the message's own; with
// content-based deduplication SNS deduplicates on the pointer, which is
// new for each publish, so give large messages a DeduplicationID.
// Messages to phone numbers and platform endpoints are never offloaded:
// those subscribers could not fetch the payload.
func WithPayloadOffloading(store offload.Store, settings offload.Settings) Option {
	return func(o *Options) { o.PayloadStore, o.PayloadOffloading = store, settings }
}

// WithAPIFactory makes each region's SNS API with f instead of creating an
// *sns.Client: the way to put a fake or an instrumented client behind the
// [Client]. f is called at most once per region.
func WithAPIFactory(f func(region.Region) (API, error)) Option {
	return func(o *Options) { o.APIFactory = f }
}

// WithAPI serves every region with api. It is shorthand for a factory that
// returns api, convenient for a fake in tests.
func WithAPI(api API) Option {
	return WithAPIFactory(func(region.Region) (API, error) { return api, nil })
}

// WithAccountID tells ResolveTopic which account's topics to address,
// sparing its one STS call.
func WithAccountID(id string) Option {
	return func(o *Options) { o.AccountID = id }
}

// WithSTSAPI gives ResolveTopic the STS API to learn the account from.
func WithSTSAPI(api STSAPI) Option {
	return func(o *Options) { o.STS = api }
}

// WithBatchConcurrency lets one [Client.PublishBatch] call have up to n
// requests in flight (default [DefaultBatchConcurrency]).
func WithBatchConcurrency(n int) Option {
	return func(o *Options) { o.BatchConcurrency = n }
}
