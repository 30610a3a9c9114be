// Package endpoint holds the rule for service endpoint URLs: absolute, http
// or https, no credentials in the URL, and plain http only to loopback, so
// messages and signatures never cross a network unencrypted by accident.
// [Check] applies it to a URL a user gives; [CheckRequest] applies it to a
// request about to be sent, whatever decided its URL.
package endpoint

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ErrInsecure is matched (errors.Is) by every refusal of plain http to a
// host that is not loopback.
var ErrInsecure = errors.New("plain http to a host that is not loopback")

// Check returns an error unless u is an absolute http or https URL with a
// host, without user information, and plain http only to a loopback host
// (127.0.0.0/8, ::1, localhost and names under it) unless insecureOK. It
// does no I/O: a name under localhost is checked again, resolved, by
// [CheckRequest].
func Check(u string, insecureOK bool) error {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
		return fmt.Errorf("endpoint %q is not an absolute http(s) URL with a host", Redact(u))
	}
	if p.User != nil {
		return fmt.Errorf("endpoint %q carries user information; put credentials in a provider, not the URL", Redact(u))
	}
	if p.Scheme == "http" && !insecureOK && !IsLoopback(p.Hostname()) {
		return fmt.Errorf("endpoint %q uses %w; use https", Redact(u), ErrInsecure)
	}
	return nil
}

// CheckRequest applies the plain-http rule to the URL a request is about to
// be sent to, wherever it came from (an option, an environment variable,
// the shared config file, a custom endpoint resolver). A name under
// localhost passes only if it resolves to loopback addresses alone, or not
// at all (then the request cannot go anywhere). The error names only the
// scheme and host, and matches [ErrInsecure].
func CheckRequest(ctx context.Context, u *url.URL, insecureOK bool) error {
	if u == nil || u.Scheme != "http" || insecureOK {
		return nil
	}
	host := u.Hostname()
	if onHostAWSService(host) {
		return nil
	}
	if !IsLoopback(host) {
		return &insecureRequest{host: u.Host}
	}
	if net.ParseIP(host) != nil {
		return nil
	}
	addrs, err := lookupIPAddr(ctx, host)
	if err != nil {
		return nil
	}
	for _, a := range addrs {
		if !a.IP.IsLoopback() {
			return &insecureRequest{host: u.Host, resolved: a.IP.String()}
		}
	}
	return nil
}

// onHostAWSService reports whether host is one of the link-local addresses
// where AWS serves credentials on the host itself, always over plain http:
// the EC2 instance metadata service (IMDS), ECS task credentials and EKS
// Pod Identity. The default credential chain's own clients send there, and
// those requests never leave the machine.
func onHostAWSService(host string) bool {
	ip := net.ParseIP(host)
	if ip == nil {
		return false
	}
	for _, s := range []string{"169.254.169.254", "fd00:ec2::254", "169.254.170.2", "169.254.170.23", "fd00:ec2::23"} {
		if ip.Equal(net.ParseIP(s)) {
			return true
		}
	}
	return false
}

// lookupIPAddr resolves names under localhost; tests replace it.
var lookupIPAddr = net.DefaultResolver.LookupIPAddr

// insecureRequest refuses a plain-http request. It is not retryable: the
// same request would be refused again.
type insecureRequest struct {
	host     string // host[:port] of the URL; a URL's user information is never kept
	resolved string // the address that is not loopback, when host is a name
}

func (e *insecureRequest) Error() string {
	msg := "refused to send a request over " + ErrInsecure.Error() + ": http://" + e.host
	if e.resolved != "" {
		msg += " resolves to " + e.resolved
	}
	return msg + "; use https (the endpoint comes from an option, AWS_ENDPOINT_URL*, the shared config file or an endpoint resolver)"
}

func (e *insecureRequest) Is(target error) bool { return target == ErrInsecure }

// RetryableError tells the SDK's retryer not to try again.
func (e *insecureRequest) RetryableError() bool { return false }

// IsLoopback reports whether host (a name or an IP, without port) is
// localhost, a name under it, or a loopback address. It does no I/O.
func IsLoopback(host string) bool {
	h := strings.ToLower(strings.TrimSuffix(host, "."))
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}

// Redact returns u with any user information replaced, for messages.
func Redact(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		if i := strings.LastIndex(u, "@"); i >= 0 {
			return "REDACTED" + u[i:]
		}
		return u
	}
	if p.User != nil {
		p.User = url.User("REDACTED")
	}
	return p.String()
}
