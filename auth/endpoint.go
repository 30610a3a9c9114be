package auth

import (
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/go-sns/connector/region"
)

// rolesAnywhereEndpoint returns the base URL of the Roles Anywhere API in r:
// https://rolesanywhere[-fips].REGION.SUFFIX, where SUFFIX is the
// partition's DNS suffix, or its dual-stack one.
func rolesAnywhereEndpoint(r region.Region, fips, dualStack bool) (*url.URL, error) {
	suffix := r.Partition().DNSSuffix()
	if dualStack {
		switch r.Partition() {
		case region.PartitionAWS, region.PartitionGovUS:
			suffix = "api.aws"
		case region.PartitionChina:
			suffix = "api.amazonwebservices.com.cn"
		default:
			return nil, fmt.Errorf("no dual-stack endpoints in partition %s", r.Partition())
		}
	}
	service := "rolesanywhere"
	if fips {
		service += "-fips"
	}
	return &url.URL{Scheme: "https", Host: service + "." + string(r) + "." + suffix}, nil
}

// parseEndpoint checks an endpoint override: https anywhere, plain http
// only to a loopback host (local fakes and emulators), no user info, query
// or fragment, and no path beyond "/" (the signed path is fixed).
func parseEndpoint(s string, allowPath bool) (*url.URL, error) {
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("%q is not a URL", s)
	}
	if u.Host == "" || u.Opaque != "" {
		return nil, fmt.Errorf("%q has no host (want https://HOST[:PORT])", s)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q: user info, query and fragment are not allowed", s)
	}
	if !allowPath && strings.TrimSuffix(u.Path, "/") != "" {
		return nil, fmt.Errorf("%q: a path is not allowed (the request path is signed as /sessions)", s)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("%q: plain http is allowed only to a loopback host (127.0.0.0/8, ::1, localhost); use https", s)
		}
	default:
		return nil, fmt.Errorf("%q: scheme %q, want https", s, u.Scheme)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
