// Package endpoint checks service endpoint URLs given by users: absolute,
// http or https, no credentials in the URL, and plain http only to
// loopback, so messages and signatures never cross a network unencrypted by
// accident.
package endpoint

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Check returns an error unless u is an absolute http or https URL with a
// host, without user information, and plain http only to a loopback host
// (127.0.0.0/8, ::1, localhost) unless insecureOK.
func Check(u string, insecureOK bool) error {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (p.Scheme != "http" && p.Scheme != "https") {
		return fmt.Errorf("endpoint %q is not an absolute http(s) URL with a host", Redact(u))
	}
	if p.User != nil {
		return fmt.Errorf("endpoint %q carries user information; put credentials in a provider, not the URL", Redact(u))
	}
	if p.Scheme == "http" && !insecureOK && !IsLoopback(p.Hostname()) {
		return fmt.Errorf("endpoint %q uses plain http to a host that is not loopback; use https", Redact(u))
	}
	return nil
}

// IsLoopback reports whether host (a name or an IP, without port) is
// localhost or a loopback address.
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
