package snstest

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/arn"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// DefaultAccountID is the account that owns the fake's topics unless
// [WithAccountID] says otherwise.
const DefaultAccountID = "123456789012"

// DefaultRegion is the region of calls that name none, unless [WithRegion]
// says otherwise.
const DefaultRegion = region.USEast1

// Server is an in-memory Amazon SNS. Its methods with SDK signatures make it
// an [snsconnector.API]; the others let a test read back what happened and
// inject failures. Make one with [New]; the zero value is not usable.
type Server struct {
	region  region.Region
	account string
	now     func() time.Time

	mu         sync.Mutex
	topics     map[string]*topic        // by ARN, every region
	subs       map[string]*subscription // by ARN
	tokens     map[string]string        // confirmation token → subscription ARN
	published  []Message
	deliveries []Delivery
	faults     faults
	push       httpPush // http/https deliveries (delivery_http.go)

	apps      map[string]*platformApp      // by ARN, every region
	endpoints map[string]*platformEndpoint // by ARN
	sms       map[region.Region]*smsAccount
}

// The fake must keep satisfying the interface the client calls.
var _ snsconnector.API = (*Server)(nil)

// Option configures a [Server].
type Option func(*Server)

// WithRegion sets the region of calls whose options name none, such as the
// calls of a client made with snsconnector.WithAPI. Default: us-east-1.
func WithRegion(r region.Region) Option {
	return func(s *Server) { s.region = r }
}

// WithAccountID sets the 12-digit account that owns the fake's topics and
// appears in its ARNs. Default: 123456789012.
func WithAccountID(id string) Option {
	return func(s *Server) { s.account = id }
}

// WithClock makes the fake read time from now instead of time.Now: it
// stamps messages and drives the five-minute FIFO deduplication window and
// the two-day validity of confirmation tokens, so a test can move time on.
func WithClock(now func() time.Time) Option {
	return func(s *Server) { s.now = now }
}

// New returns an empty fake SNS. It panics if an option is invalid (a
// malformed region or account ID), a mistake in the test itself.
func New(opts ...Option) *Server {
	s := &Server{
		region:  DefaultRegion,
		account: DefaultAccountID,
		now:     time.Now,
		topics:  map[string]*topic{},
		subs:    map[string]*subscription{},
		tokens:  map[string]string{},

		apps:      map[string]*platformApp{},
		endpoints: map[string]*platformEndpoint{},
		sms:       map[region.Region]*smsAccount{},
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	if err := s.region.Validate(); err != nil {
		panic("snstest: WithRegion: " + err.Error())
	}
	if !arn.IsAccountID(s.account) {
		panic(fmt.Sprintf("snstest: WithAccountID: %q is not 12 digits", s.account))
	}
	if s.now == nil {
		s.now = time.Now
	}
	return s
}

// AccountID returns the account that owns the fake's topics.
func (s *Server) AccountID() string { return s.account }

// API returns a view of the fake bound to region r, as an *sns.Client made
// for r is: calls go to r unless their options name another region.
func (s *Server) API(r region.Region) snsconnector.API {
	return regionAPI{s: s, region: r}
}

// APIFactory returns [Server.API] for r. Pass it to
// snsconnector.WithAPIFactory so a Client reaches each region's topics.
func (s *Server) APIFactory(r region.Region) (snsconnector.API, error) {
	if err := r.Validate(); err != nil {
		return nil, err
	}
	return s.API(r), nil
}

// callRegion returns the region a call goes to: what its options set, as
// with the SDK client, else the fake's default region.
func (s *Server) callRegion(optFns []func(*sns.Options)) (region.Region, error) {
	o := sns.Options{Region: string(s.region)}
	for _, f := range optFns {
		if f != nil {
			f(&o)
		}
	}
	r := region.Region(o.Region)
	if err := r.Validate(); err != nil {
		return "", fmt.Errorf("snstest: the call's region: %w", err)
	}
	return r, nil
}

// begin is the prologue of every operation: it honours the context, works
// out the region, counts the call and applies injected faults. The error it
// returns is ready to return to the caller.
func (s *Server) begin(ctx context.Context, op string, input any, optFns []func(*sns.Options)) (region.Region, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return "", opError(op, err)
	}
	r, err := s.callRegion(optFns)
	if err != nil {
		return "", opError(op, err)
	}
	if err := s.inject(ctx, Call{Op: op, Region: r, Input: input}); err != nil {
		return "", opError(op, err)
	}
	if err := ctx.Err(); err != nil { // an interceptor may have waited
		return "", opError(op, err)
	}
	return r, nil
}

// clock returns the fake's current time in UTC.
func (s *Server) clock() time.Time { return s.now().UTC() }
