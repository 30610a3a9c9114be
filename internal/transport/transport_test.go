package transport

import (
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/internal/endpoint"
	"github.com/go-sns/connector/internal/sigecho"
)

// A session token with the characters that escaping changes.
const token = "IQoJb3JpZ2luX2VjEXAMPLE/TOKEN+with/slashes+and=="

func TestScrubRemovesEveryEchoedForm(t *testing.T) {
	req := httptest.NewRequest("POST", "http://127.0.0.1/", nil)
	req.Header.Set("X-Amz-Security-Token", token)
	echoes := []string{
		token,
		url.QueryEscape(token),
		lowerHex(url.QueryEscape(token)),
		url.PathEscape(token),
		strings.ReplaceAll(token, "/", `\/`),
		"x-amz-security-token:SOMEOTHERTOKENabc+/=\n",
		"X-Amz-Security-Token=SOMEOTHERTOKENabc%2B%2F%3D&X-Amz-Date=1",
		`"x-amz-security-token": "SOMEOTHERTOKENabc\/def"`,
		"Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
		"X-Amz-Signature=0123456789ABCDEF0123456789ABCDEF",
	}
	for _, e := range echoes {
		body := "<Message>before " + e + " after</Message>"
		resp := &http.Response{StatusCode: 403, Header: http.Header{"Content-Length": {"999"}, "X-Echo": {e}}, Body: io.NopCloser(strings.NewReader(body))}
		scrub(req, resp)
		got, _ := io.ReadAll(resp.Body)
		for _, out := range []string{string(got), resp.Header.Get("X-Echo")} {
			for _, leak := range []string{"IQoJb3JpZ2lu", "TOKEN", "0123456789abcdef", "0123456789ABCDEF", "SOMEOTHER", "slashes"} {
				if strings.Contains(out, leak) {
					t.Errorf("echo %q: %q survives in %q", e, leak, out)
				}
			}
			if !strings.Contains(out, redacted) {
				t.Errorf("echo %q: nothing marked redacted in %q", e, out)
			}
		}
		if !strings.HasPrefix(string(got), "<Message>before ") || !strings.HasSuffix(string(got), " after</Message>") {
			t.Errorf("echo %q: the rest of the message is damaged: %q", e, got)
		}
		if resp.ContentLength != int64(len(got)) || resp.Header.Get("Content-Length") == "999" {
			t.Errorf("echo %q: length not updated (%d, %s) for %d bytes", e, resp.ContentLength, resp.Header.Get("Content-Length"), len(got))
		}
	}

	// A successful answer is what the caller asked for: untouched.
	ok := &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("<SessionToken>" + token + "</SessionToken>"))}
	scrub(req, ok)
	if got, _ := io.ReadAll(ok.Body); !strings.Contains(string(got), token) {
		t.Errorf("a 200 answer was rewritten: %s", got)
	}
}

// The middleware in a real SDK client: the error the SDK builds from an
// echoing server, its text and its message through errors.As, carry no
// token and no signature, and still say what happened.
func TestMiddlewareScrubsWhatTheSDKDecodes(t *testing.T) {
	srv := sigecho.New(t, sigecho.STS)
	client := sts.New(sts.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "SECRETKEYEXAMPLE", token),
		APIOptions:   []func(*smithyMiddlewareStack) error{Middleware(false)},
	})
	_, err := client.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "SignatureDoesNotMatch" {
		t.Fatalf("got %v", err)
	}
	for _, s := range []string{err.Error(), api.ErrorMessage()} {
		if strings.Contains(s, "IQoJb3JpZ2lu") || strings.Contains(s, "SECRETKEYEXAMPLE") || strings.Contains(s, "Signature=0") {
			t.Errorf("leak: %s", s)
		}
		if !strings.Contains(s, "x-amz-security-token:"+redacted) || !strings.Contains(s, "Credential=AKIDEXAMPLE/") {
			t.Errorf("the message lost what it says: %s", s)
		}
	}
}

// Plain http to a host that is not loopback is refused at the wire, from
// any source of the URL, before anything is sent, and not retried.
func TestMiddlewareRefusesPlainHTTP(t *testing.T) {
	var attempts int
	count := func(s *smithyMiddlewareStack) error {
		return s.Finalize.Add(finalizeCounter(&attempts), afterAll)
	}
	for name, opt := range map[string]func(*sts.Options){
		"BaseEndpoint": func(o *sts.Options) { o.BaseEndpoint = aws.String("http://10.1.2.3:4566") },
		"resolver":     func(o *sts.Options) { o.EndpointResolverV2 = fixedResolver("http://10.1.2.3:4566") },
	} {
		attempts = 0
		client := sts.New(sts.Options{
			Region:      "us-east-1",
			Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
			APIOptions:  []func(*smithyMiddlewareStack) error{count, Middleware(false)},
		}, opt)
		_, err := client.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{})
		if !errors.Is(err, endpoint.ErrInsecure) || !strings.Contains(err.Error(), "http://10.1.2.3:4566") {
			t.Errorf("%s: %v", name, err)
		}
		if attempts != 1 {
			t.Errorf("%s: %d attempts; a refusal must not be retried", name, attempts)
		}
		// Allowed when asked for: the request is sent (and fails to connect).
		client = sts.New(sts.Options{Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
			APIOptions: []func(*smithyMiddlewareStack) error{Middleware(true)}, RetryMaxAttempts: 1}, opt, func(o *sts.Options) {
			o.HTTPClient = failingClient{}
		})
		if _, err := client.GetCallerIdentity(context.Background(), &sts.GetCallerIdentityInput{}); errors.Is(err, endpoint.ErrInsecure) || !strings.Contains(err.Error(), "sent") {
			t.Errorf("%s with insecureOK: %v", name, err)
		}
	}
}

func TestSendChecksAndScrubs(t *testing.T) {
	srv := sigecho.New(t, sigecho.RolesAnywhere)
	req, _ := http.NewRequest("POST", srv.URL+"/sessions", strings.NewReader("{}"))
	req.Header.Set("Authorization", "AWS4-X509-ECDSA-SHA256 Credential=1234/20240101/us-east-1/rolesanywhere/aws4_request, SignedHeaders=host;x-amz-date, Signature=3045022100abcdef0123456789abcdef0123456789")
	req.Header.Set("X-Amz-Date", "20240101T000000Z")
	resp, err := Send(http.DefaultClient, req, false)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 403 || strings.Contains(string(body), "3045022100abcdef") || !strings.Contains(string(body), "Signature="+redacted) {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
	remote, _ := http.NewRequest("POST", "http://10.1.2.3/sessions", nil)
	if _, err := Send(failingClient{}, remote, false); !errors.Is(err, endpoint.ErrInsecure) {
		t.Errorf("plain http to a remote host: %v", err)
	}
}

// An SNS error answer that quotes what the request carried (SNS's
// InvalidParameter messages do) loses the personal data and secrets of the
// request's form, wherever errors.As reaches, and keeps the rest.
func TestMiddlewareScrubsWhatTheRequestCarried(t *testing.T) {
	const (
		email      = "alice.personal@example.com"
		phone      = "+14155550199"
		credential = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----"
		body       = "your code is 481516"
		topic      = "arn:aws:sns:us-east-1:123456789012:orders"
	)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.ParseForm()
		var quoted []string
		for _, vs := range r.PostForm {
			for _, v := range vs {
				quoted = append(quoted, v, strings.TrimPrefix(v, "+"))
			}
		}
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>InvalidParameter</Code><Message>Invalid parameter: %s</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
			html.EscapeString(strings.Join(quoted, " | ")))
	}))
	t.Cleanup(srv.Close)
	client := sns.New(sns.Options{
		Region:       "us-east-1",
		BaseEndpoint: aws.String(srv.URL),
		Credentials:  credentials.NewStaticCredentialsProvider("AKID", "SECRET", ""),
		APIOptions:   []func(*smithyMiddlewareStack) error{Middleware(true)},
		Retryer:      aws.NopRetryer{},
	})
	ctx := context.Background()
	calls := map[string]func() error{
		"Subscribe": func() error {
			_, err := client.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("email"), Endpoint: aws.String(email)})
			return err
		},
		"Publish to a phone": func() error {
			_, err := client.Publish(ctx, &sns.PublishInput{PhoneNumber: aws.String(phone), Message: aws.String(body)})
			return err
		},
		"CreatePlatformApplication": func() error {
			_, err := client.CreatePlatformApplication(ctx, &sns.CreatePlatformApplicationInput{Name: aws.String("app"), Platform: aws.String("APNS"),
				Attributes: map[string]string{"PlatformCredential": credential, "PlatformPrincipal": "principal-" + email}})
			return err
		},
	}
	for name, call := range calls {
		err := call()
		var api smithy.APIError
		if !errors.As(err, &api) || api.ErrorCode() != "InvalidParameter" {
			t.Fatalf("%s: %v", name, err)
		}
		for _, s := range []string{err.Error(), api.ErrorMessage()} {
			for _, secret := range []string{email, phone, phone[1:], "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", body} {
				if strings.Contains(s, secret) || strings.Contains(s, html.EscapeString(secret)) {
					t.Errorf("%s: the answer still quotes %.12s...: %s", name, secret, s)
				}
			}
			if name == "Subscribe" && !strings.Contains(s, topic) {
				t.Errorf("%s: the answer lost what is not personal (the topic ARN): %s", name, s)
			}
		}
	}
}
