package auth

import (
	"fmt"
	"net/url"
	"strings"

	ep "github.com/go-sns/connector/internal/endpoint"
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
	shown := ep.Redact(s) // an endpoint with credentials in it must not be echoed
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("%q is not a URL", shown)
	}
	if u.Host == "" || u.Opaque != "" {
		return nil, fmt.Errorf("%q has no host (want https://HOST[:PORT])", shown)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q: user info, query and fragment are not allowed", shown)
	}
	if !allowPath && strings.TrimSuffix(u.Path, "/") != "" {
		return nil, fmt.Errorf("%q: a path is not allowed (the request path is signed as /sessions)", shown)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !ep.IsLoopback(u.Hostname()) {
			return nil, fmt.Errorf("%q: plain http is allowed only to a loopback host (127.0.0.0/8, ::1, localhost); use https", shown)
		}
	default:
		return nil, fmt.Errorf("%q: scheme %q, want https", shown, u.Scheme)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u, nil
}
