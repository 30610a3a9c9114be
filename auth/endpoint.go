package auth

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"

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
			return nil, fmt.Errorf("%q: %w; plain http is allowed only to a loopback host (127.0.0.0/8, ::1, localhost); use https", shown, ep.ErrInsecure)
		}
	default:
		return nil, fmt.Errorf("%q: scheme %q, want https", shown, u.Scheme)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u, nil
}

// configuredEndpoint returns the endpoint the AWS configuration sets for
// the service the SDK calls sdkID ("RolesAnywhere"), as the SDK's generated
// clients resolve their BaseEndpoint: AWS_ENDPOINT_URL_<SDKID>, then
// AWS_ENDPOINT_URL, then the shared config file's services section, then
// its endpoint_url; none when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true.
// It reads the environment and the shared files, nothing more. (STS gets
// this from its SDK client; Roles Anywhere has none here.)
func configuredEndpoint(ctx context.Context, sdkID string) (string, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return "", err
	}
	global := aws.ToString(cfg.BaseEndpoint) // nil when ignored
	_, g := os.LookupEnv("AWS_ENDPOINT_URL")
	_, s := os.LookupEnv("AWS_ENDPOINT_URL_" + strings.ToUpper(sdkID))
	if g && !s {
		return global, nil
	}
	type ignorer interface {
		GetIgnoreConfiguredEndpoints(context.Context) (bool, bool, error)
	}
	type serviceEndpoint interface {
		GetServiceBaseEndpoint(context.Context, string) (string, bool, error)
	}
	for _, src := range cfg.ConfigSources {
		if i, ok := src.(ignorer); ok {
			if ignore, found, _ := i.GetIgnoreConfiguredEndpoints(ctx); found {
				if ignore {
					return "", nil
				}
				break
			}
		}
	}
	for _, src := range cfg.ConfigSources {
		if se, ok := src.(serviceEndpoint); ok {
			if v, found, err := se.GetServiceBaseEndpoint(ctx, sdkID); err != nil || found {
				return v, err
			}
		}
	}
	return global, nil
}
