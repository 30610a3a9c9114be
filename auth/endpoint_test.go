package auth

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/internal/rolesanywheretest"
	"github.com/go-sns/connector/internal/ststest"
	"github.com/go-sns/connector/region"
)

func TestRolesAnywhereEndpoint(t *testing.T) {
	cases := []struct {
		r               region.Region
		fips, dualStack bool
		want            string
	}{
		{"eu-west-1", false, false, "https://rolesanywhere.eu-west-1.amazonaws.com"},
		{"us-east-1", true, false, "https://rolesanywhere-fips.us-east-1.amazonaws.com"},
		{"us-east-1", false, true, "https://rolesanywhere.us-east-1.api.aws"},
		{"us-gov-west-1", true, true, "https://rolesanywhere-fips.us-gov-west-1.api.aws"},
		{"cn-north-1", false, false, "https://rolesanywhere.cn-north-1.amazonaws.com.cn"},
		{"cn-north-1", false, true, "https://rolesanywhere.cn-north-1.api.amazonwebservices.com.cn"},
	}
	for _, c := range cases {
		u, err := rolesAnywhereEndpoint(c.r, c.fips, c.dualStack)
		if err != nil || u.String() != c.want {
			t.Errorf("%s fips=%v dual=%v: %v %v, want %s", c.r, c.fips, c.dualStack, u, err, c.want)
		}
	}
	if _, err := rolesAnywhereEndpoint("us-iso-east-1", false, true); err == nil {
		t.Error("dual-stack in aws-iso accepted")
	}
}

func TestParseEndpoint(t *testing.T) {
	ok := map[string]string{
		"https://vpce-1.rolesanywhere.eu-west-1.vpce.amazonaws.com": "https://vpce-1.rolesanywhere.eu-west-1.vpce.amazonaws.com",
		"https://proxy.example.com:8443/":                           "https://proxy.example.com:8443",
		"http://127.0.0.1:4566":                                     "http://127.0.0.1:4566",
		"http://127.1.2.3":                                          "http://127.1.2.3",
		"http://[::1]:8080":                                         "http://[::1]:8080",
		"http://localhost:9000":                                     "http://localhost:9000",
	}
	for in, want := range ok {
		u, err := parseEndpoint(in, false)
		if err != nil || u.String() != want {
			t.Errorf("%s: %v %v", in, u, err)
		}
	}
	for _, in := range []string{"http://10.0.0.1", "http://example.com", "http://localhost.example.com", "ftp://127.0.0.1", "https://", "https://h/path", "https://u:p@h", "https://h?x=1", "127.0.0.1:80"} {
		if _, err := parseEndpoint(in, false); err == nil {
			t.Errorf("%s accepted", in)
		}
	}
	if _, err := parseEndpoint("https://h/path", true); err != nil {
		t.Errorf("path refused where allowed: %v", err)
	}
}

func TestParseErrorResponse(t *testing.T) {
	cases := []struct {
		status   int
		header   string
		body     string
		code     string
		message  string
		sentinel error
		retry    bool
	}{
		{403, "AccessDeniedException:http://internal.amazon.com/coral/com.amazonaws.rolesanywhere/", `{"message":"Untrusted certificate"}`, "AccessDeniedException", "Untrusted certificate", ErrAccessDenied, false},
		{404, "", `{"__type":"com.amazonaws.rolesanywhere#ResourceNotFoundException","Message":"no"}`, "ResourceNotFoundException", "no", ErrResourceNotFound, false},
		{400, "", `{"code":"ValidationException","message":"bad"}`, "ValidationException", "bad", ErrValidation, false},
		{429, "", ``, "TooManyRequests", "", ErrThrottled, true},
		{400, "ThrottlingException", `{}`, "ThrottlingException", "", ErrThrottled, true},
		{502, "", `<html>Bad Gateway</html>`, "BadGateway", "", nil, true},
	}
	for _, c := range cases {
		h := http.Header{}
		if c.header != "" {
			h.Set("X-Amzn-ErrorType", c.header)
		}
		h.Set("X-Amzn-RequestId", "req-1")
		e := parseErrorResponse(c.status, h, []byte(c.body))
		if e.Code != c.code || e.Message != c.message || e.RequestID != "req-1" || e.Retryable() != c.retry {
			t.Errorf("%d %s: %+v", c.status, c.body, e)
		}
		if c.sentinel != nil && !errors.Is(e, c.sentinel) {
			t.Errorf("%s does not match its sentinel", e.Code)
		}
		for _, other := range []error{ErrAccessDenied, ErrResourceNotFound, ErrValidation, ErrThrottled} {
			if other != c.sentinel && errors.Is(e, other) {
				t.Errorf("%s matches %v", e.Code, other)
			}
		}
		var api smithy.APIError
		if !errors.As(error(e), &api) || (api.ErrorFault() == smithy.FaultServer) != c.retry {
			t.Errorf("%s: smithy fault %v", e.Code, api.ErrorFault())
		}
	}
}

func TestParseSessionResponseMalformed(t *testing.T) {
	for _, body := range []string{
		`not json`,
		`{"credentialSet":[]}`,
		`{"credentialSet":[{"credentials":{"accessKeyId":"A","secretAccessKey":"S","sessionToken":"T"}}]}`,
		`{"credentialSet":[{"credentials":{"accessKeyId":"A","secretAccessKey":"S","sessionToken":"T","expiration":"tomorrow"}}]}`,
	} {
		if _, err := parseSessionResponse(201, http.Header{}, []byte(body)); !errors.Is(err, errMalformedResponse) {
			t.Errorf("%s: %v", body, err)
		}
	}
}

// TestRolesAnywhereHonoursConfiguredEndpoint: without an endpoint in the
// profile, Roles Anywhere goes where the AWS configuration sends it, in the
// SDK's order, and plain http to a remote host from there is refused.
func TestRolesAnywhereHonoursConfiguredEndpoint(t *testing.T) {
	f := newFixture(t, rolesanywheretest.P256, rolesanywheretest.Options{})
	services := func(url string) string { return ststest.Services("rolesanywhere", url) }
	dead := "http://127.0.0.1:1"
	cases := []struct {
		name, config string
		env          map[string]string
		want         string
	}{
		{"none", "", nil, "https://rolesanywhere.us-east-1.amazonaws.com"},
		{"AWS_ENDPOINT_URL_ROLESANYWHERE", "", map[string]string{"AWS_ENDPOINT_URL_ROLESANYWHERE": f.srv.URL}, f.srv.URL},
		{"AWS_ENDPOINT_URL", "", map[string]string{"AWS_ENDPOINT_URL": f.srv.URL}, f.srv.URL},
		{"service variable first", "", map[string]string{"AWS_ENDPOINT_URL": dead, "AWS_ENDPOINT_URL_ROLESANYWHERE": f.srv.URL}, f.srv.URL},
		{"shared config services section", services(f.srv.URL), nil, f.srv.URL},
		{"AWS_ENDPOINT_URL before the shared config", services(dead), map[string]string{"AWS_ENDPOINT_URL": f.srv.URL}, f.srv.URL},
		{"ignored when asked", services(dead), map[string]string{"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"}, "https://rolesanywhere.us-east-1.amazonaws.com"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ststest.IsolateAWSConfig(t, c.config, c.env)
			cfg := f.config(f.leaf)
			cfg.Endpoint = ""
			p, err := NewRolesAnywhereProvider(cfg)
			if err != nil || p.Endpoint() != c.want {
				t.Fatalf("endpoint %v (%v), want %s", p, err, c.want)
			}
		})
	}
	t.Run("the configured endpoint is used", func(t *testing.T) {
		ststest.IsolateAWSConfig(t, services(f.srv.URL), nil)
		cfg := f.config(f.leaf)
		cfg.Endpoint = ""
		p, err := NewRolesAnywhereCredentials(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Retrieve(context.Background()); err != nil || f.srv.Calls() != 1 {
			t.Fatalf("%v; %d calls", err, f.srv.Calls())
		}
	})
	for name, env := range map[string]map[string]string{
		"AWS_ENDPOINT_URL":               {"AWS_ENDPOINT_URL": "http://10.1.2.3:4566"},
		"AWS_ENDPOINT_URL_ROLESANYWHERE": {"AWS_ENDPOINT_URL_ROLESANYWHERE": "http://user:hunter2@rolesanywhere.example.com"},
	} {
		t.Run("refuse "+name, func(t *testing.T) {
			ststest.IsolateAWSConfig(t, "", env)
			cfg := f.config(f.leaf)
			cfg.Endpoint = ""
			_, err := NewRolesAnywhereProvider(cfg)
			if !errors.Is(err, &ProfileError{Key: "endpoint"}) || !strings.Contains(err.Error(), "AWS configuration") || strings.Contains(err.Error(), "hunter2") {
				t.Errorf("got %v", err)
			}
		})
	}
}
