package model

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/mail"
	"net/url"
	"strconv"
)

// Protocol is how SNS delivers to a subscription: the Protocol parameter of
// Subscribe.
type Protocol string

// The protocols SNS delivers with (Subscribe API reference).
const (
	ProtocolEmail       Protocol = "email"       // the message as an email
	ProtocolEmailJSON   Protocol = "email-json"  // the JSON notification as an email
	ProtocolSMS         Protocol = "sms"         // a text message to a phone number
	ProtocolHTTP        Protocol = "http"        // a JSON POST to a URL
	ProtocolHTTPS       Protocol = "https"       // a JSON POST to a URL over TLS
	ProtocolSQS         Protocol = "sqs"         // a message in an SQS queue
	ProtocolLambda      Protocol = "lambda"      // an invocation of a Lambda function
	ProtocolFirehose    Protocol = "firehose"    // a record in a Firehose delivery stream
	ProtocolApplication Protocol = "application" // a push to a mobile platform endpoint
)

// Endpoint is where a subscription delivers: a protocol and the address SNS
// expects for it (the Endpoint parameter of Subscribe), plus the IAM role a
// Firehose subscription needs. Build one with the constructor of its
// protocol, which checks the address; the zero Endpoint is no endpoint and
// fails [Endpoint.Validate].
//
// An Endpoint is a small immutable value, safe to copy and share. Email
// addresses, phone numbers and URLs are personal data: an Endpoint prints
// them as "[personal data]" under every fmt verb, in slog and in JSON (ARNs
// print as they are), and holds the address behind a pointer so that even
// fmt's raw dump of a struct that holds an Endpoint in an unexported field
// shows an address in memory, not the value.
type Endpoint struct {
	protocol Protocol
	address  *string
	roleARN  string
}

// Protocol returns the delivery protocol.
func (e Endpoint) Protocol() Protocol { return e.protocol }

// Address returns the endpoint as SNS expects it: an email address, a phone
// number, a URL or an ARN.
func (e Endpoint) Address() string {
	if e.address == nil {
		return ""
	}
	return *e.address
}

// personal reports whether the protocol's address is personal data.
func (p Protocol) personal() bool {
	switch p {
	case ProtocolEmail, ProtocolEmailJSON, ProtocolSMS, ProtocolHTTP, ProtocolHTTPS:
		return true
	}
	return false
}

// String returns the protocol and the address, the address hidden when it
// is personal data: "email [personal data]", "sqs arn:aws:sqs:...".
func (e Endpoint) String() string {
	if e.protocol == "" {
		return "no endpoint"
	}
	addr := e.Address()
	if e.protocol.personal() {
		addr = PersonalData(addr).String()
	}
	return string(e.protocol) + " " + addr
}

// Format prints [Endpoint.String] whatever the verb.
func (e Endpoint) Format(f fmt.State, verb rune) {
	if verb == 'q' || (verb == 'v' && f.Flag('#')) {
		fmt.Fprintf(f, "%q", e.String())
		return
	}
	fmt.Fprint(f, e.String())
}

// LogValue logs [Endpoint.String].
func (e Endpoint) LogValue() slog.Value { return slog.StringValue(e.String()) }

// MarshalJSON encodes [Endpoint.String], never a personal address.
func (e Endpoint) MarshalJSON() ([]byte, error) { return json.Marshal(e.String()) }

// SubscriptionRoleARN returns the IAM role SNS assumes to write to a
// Firehose delivery stream; "" for other protocols. It goes into the
// subscription attribute SubscriptionRoleArn.
func (e Endpoint) SubscriptionRoleARN() string { return e.roleARN }

// Validate checks the endpoint as its constructor did. The zero Endpoint is
// invalid.
func (e Endpoint) Validate() error {
	if e.protocol == "" {
		return invalid("Endpoint.Protocol", RuleRequired, "the endpoint is empty; build it with the constructor of its protocol")
	}
	_, err := newEndpoint(e.protocol, e.Address(), e.roleARN)
	return err
}

// EmailEndpoint delivers the message text to an email address. SNS sends a
// confirmation email first. addr is a bare address ("ops@example.com"),
// without display name or angle brackets.
func EmailEndpoint(addr string) (Endpoint, error) {
	return newEndpoint(ProtocolEmail, addr, "")
}

// EmailJSONEndpoint delivers the JSON notification (message, attributes,
// signature) to an email address.
func EmailJSONEndpoint(addr string) (Endpoint, error) {
	return newEndpoint(ProtocolEmailJSON, addr, "")
}

// SMSEndpoint delivers text messages to a phone number in E.164 format
// ("+14155550100"); see [ValidatePhoneNumber].
func SMSEndpoint(phone string) (Endpoint, error) {
	return newEndpoint(ProtocolSMS, phone, "")
}

// HTTPEndpoint POSTs notifications to an absolute http URL. The URL must not
// carry credentials: over plain HTTP they would cross the network in clear
// text. Prefer [HTTPSEndpoint].
func HTTPEndpoint(rawURL string) (Endpoint, error) {
	return newEndpoint(ProtocolHTTP, rawURL, "")
}

// HTTPSEndpoint POSTs notifications to an absolute https URL. The URL may
// carry a user name and password ("https://user:pass@example.com/hook"),
// which SNS uses for basic or digest access authentication.
func HTTPSEndpoint(rawURL string) (Endpoint, error) {
	return newEndpoint(ProtocolHTTPS, rawURL, "")
}

// SQSEndpoint delivers to the SQS queue with this ARN
// ("arn:aws:sqs:us-east-1:123456789012:orders"). The queue's access policy
// must let the topic send to it.
func SQSEndpoint(queueARN string) (Endpoint, error) {
	return newEndpoint(ProtocolSQS, queueARN, "")
}

// LambdaEndpoint invokes the Lambda function with this ARN, optionally
// qualified by a version or alias
// ("arn:aws:lambda:us-east-1:123456789012:function:notify:live").
func LambdaEndpoint(functionARN string) (Endpoint, error) {
	return newEndpoint(ProtocolLambda, functionARN, "")
}

// FirehoseEndpoint writes to the Firehose delivery stream with this ARN
// ("arn:aws:firehose:us-east-1:123456789012:deliverystream/archive"). SNS
// assumes the IAM role subscriptionRoleARN
// ("arn:aws:iam::123456789012:role/sns-to-firehose") to do so.
func FirehoseEndpoint(deliveryStreamARN, subscriptionRoleARN string) (Endpoint, error) {
	return newEndpoint(ProtocolFirehose, deliveryStreamARN, subscriptionRoleARN)
}

// ApplicationEndpoint pushes to a mobile device through its SNS platform
// endpoint, the EndpointArn that CreatePlatformEndpoint returned
// ("arn:aws:sns:us-east-1:123456789012:endpoint/GCM/my-app/5e3e9847-...").
func ApplicationEndpoint(platformEndpointARN string) (Endpoint, error) {
	return newEndpoint(ProtocolApplication, platformEndpointARN, "")
}

// NewEndpoint builds the endpoint of a protocol named at run time, for
// example in configuration. Firehose needs a role as well: use
// [FirehoseEndpoint].
func NewEndpoint(protocol Protocol, address string) (Endpoint, error) {
	if protocol == ProtocolFirehose {
		return Endpoint{}, invalid("Endpoint.SubscriptionRoleARN", RuleRequired, "a firehose endpoint needs an IAM role; use FirehoseEndpoint")
	}
	return newEndpoint(protocol, address, "")
}

func newEndpoint(p Protocol, address, roleARN string) (Endpoint, error) {
	const field = "Endpoint.Address"
	var err error
	switch p {
	case ProtocolEmail, ProtocolEmailJSON:
		err = validateEmailAddress(field, address)
	case ProtocolSMS:
		err = validatePhone(field, address)
	case ProtocolHTTP, ProtocolHTTPS:
		err = validateEndpointURL(field, address, p)
	case ProtocolSQS:
		err = checkSQSQueueARN(field, address)
	case ProtocolLambda:
		err = checkLambdaFunctionARN(field, address)
	case ProtocolApplication:
		err = checkPlatformEndpointARN(field, address)
	case ProtocolFirehose:
		var c collector
		c.add(checkFirehoseStreamARN(field, address))
		c.add(checkIAMRoleARN("Endpoint.SubscriptionRoleARN", roleARN))
		err = c.err()
	case "":
		err = invalid("Endpoint.Protocol", RuleRequired, "a protocol is required")
	default:
		err = invalid("Endpoint.Protocol", RuleFormat, "protocol %q is not one SNS delivers with", shorten(string(p), 32))
	}
	if err != nil {
		return Endpoint{}, err
	}
	return Endpoint{protocol: p, address: &address, roleARN: roleARN}, nil
}

// maxEmailLen: RFC 5321 limits a forward path to 256 octets including the
// angle brackets, so an address to 254.
const maxEmailLen = 254

func validateEmailAddress(field, s string) error {
	if s == "" {
		return invalid(field, RuleRequired, "an email address is required")
	}
	if len(s) > maxEmailLen {
		return invalid(field, RuleMaxLength, "%d characters; an email address has at most %d", len(s), maxEmailLen)
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return invalid(field, RuleFormat, "not a bare email address (local-part@domain, without display name, brackets or spaces)")
	}
	return nil
}

// validateEndpointURL checks an http or https subscription URL. The reason
// never repeats the URL: it may hold a password.
func validateEndpointURL(field, raw string, p Protocol) error {
	if raw == "" {
		return invalid(field, RuleRequired, "a URL is required")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return invalid(field, RuleFormat, "not a URL")
	}
	if !u.IsAbs() || u.Opaque != "" {
		return invalid(field, RuleFormat, "want an absolute URL such as %s://example.com/path", p)
	}
	switch {
	case u.Scheme == string(p):
	case u.Scheme == "http" || u.Scheme == "https":
		return invalid(field, RuleConflict, "the URL's scheme is %s but the protocol is %s", u.Scheme, p)
	default:
		return invalid(field, RuleFormat, "the URL's scheme must be %s", p)
	}
	if u.Hostname() == "" {
		return invalid(field, RuleFormat, "the URL has no host")
	}
	if port := u.Port(); port != "" {
		if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
			return invalid(field, RuleFormat, "the URL's port is not 1 to 65535")
		}
	}
	if u.User != nil && p == ProtocolHTTP {
		return invalid(field, RuleForbidden, "credentials in an http URL cross the network in clear text; use https")
	}
	return nil
}
