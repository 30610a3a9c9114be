package model

import (
	"fmt"
	"strings"
	"testing"
)

const (
	queueARN    = "arn:aws:sqs:us-east-1:123456789012:orders"
	functionARN = "arn:aws:lambda:eu-west-1:123456789012:function:notify"
	streamARN   = "arn:aws:firehose:us-east-1:123456789012:deliverystream/archive"
	roleARN     = "arn:aws:iam::123456789012:role/sns-to-firehose"
	pushARN     = "arn:aws:sns:us-east-1:123456789012:endpoint/GCM/my-app/5e3e9847-3183-3f18-a7e8-671c3a57d4b3"
)

func TestEndpointsAccepted(t *testing.T) {
	tests := []struct {
		name    string
		make    func() (Endpoint, error)
		proto   Protocol
		address string
	}{
		{"email", func() (Endpoint, error) { return EmailEndpoint("ops@example.com") }, ProtocolEmail, "ops@example.com"},
		{"email plus tag", func() (Endpoint, error) { return EmailEndpoint("ops+sns@mail.example.co.uk") }, ProtocolEmail, "ops+sns@mail.example.co.uk"},
		{"email-json", func() (Endpoint, error) { return EmailJSONEndpoint("ops@example.com") }, ProtocolEmailJSON, "ops@example.com"},
		{"sms", func() (Endpoint, error) { return SMSEndpoint("+14155550100") }, ProtocolSMS, "+14155550100"},
		{"sms 15 digits", func() (Endpoint, error) { return SMSEndpoint("+123456789012345") }, ProtocolSMS, "+123456789012345"},
		{"http", func() (Endpoint, error) { return HTTPEndpoint("http://example.com/hook?x=1") }, ProtocolHTTP, "http://example.com/hook?x=1"},
		{"https with port", func() (Endpoint, error) { return HTTPSEndpoint("https://example.com:8443/hook") }, ProtocolHTTPS, "https://example.com:8443/hook"},
		{"https with credentials", func() (Endpoint, error) { return HTTPSEndpoint("https://user:pass@example.com/hook") }, ProtocolHTTPS, "https://user:pass@example.com/hook"},
		{"https IPv6 host", func() (Endpoint, error) { return HTTPSEndpoint("https://[2001:db8::1]/hook") }, ProtocolHTTPS, "https://[2001:db8::1]/hook"},
		{"sqs", func() (Endpoint, error) { return SQSEndpoint(queueARN) }, ProtocolSQS, queueARN},
		{"sqs fifo", func() (Endpoint, error) { return SQSEndpoint("arn:aws:sqs:us-east-1:123456789012:orders.fifo") }, ProtocolSQS, "arn:aws:sqs:us-east-1:123456789012:orders.fifo"},
		{"sqs china", func() (Endpoint, error) { return SQSEndpoint("arn:aws-cn:sqs:cn-north-1:123456789012:q") }, ProtocolSQS, "arn:aws-cn:sqs:cn-north-1:123456789012:q"},
		{"lambda", func() (Endpoint, error) { return LambdaEndpoint(functionARN) }, ProtocolLambda, functionARN},
		{"lambda alias", func() (Endpoint, error) { return LambdaEndpoint(functionARN + ":live") }, ProtocolLambda, functionARN + ":live"},
		{"lambda $LATEST", func() (Endpoint, error) { return LambdaEndpoint(functionARN + ":$LATEST") }, ProtocolLambda, functionARN + ":$LATEST"},
		{"lambda version", func() (Endpoint, error) { return LambdaEndpoint(functionARN + ":7") }, ProtocolLambda, functionARN + ":7"},
		{"application", func() (Endpoint, error) { return ApplicationEndpoint(pushARN) }, ProtocolApplication, pushARN},
		{"firehose", func() (Endpoint, error) { return FirehoseEndpoint(streamARN, roleARN) }, ProtocolFirehose, streamARN},
		{"firehose role with path", func() (Endpoint, error) {
			return FirehoseEndpoint(streamARN, "arn:aws:iam::123456789012:role/service/sns/writer")
		}, ProtocolFirehose, streamARN},
		{"NewEndpoint", func() (Endpoint, error) { return NewEndpoint(ProtocolSQS, queueARN) }, ProtocolSQS, queueARN},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := tt.make()
			if err != nil {
				t.Fatal(err)
			}
			if e.Protocol() != tt.proto || e.Address() != tt.address {
				t.Errorf("got %s %s", e.Protocol(), e.Address())
			}
			if err := e.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
			if tt.proto != ProtocolFirehose && e.SubscriptionRoleARN() != "" {
				t.Errorf("role set for %s", tt.proto)
			}
		})
	}
	e, _ := FirehoseEndpoint(streamARN, roleARN)
	if e.SubscriptionRoleARN() != roleARN {
		t.Errorf("role = %q", e.SubscriptionRoleARN())
	}
}

func TestEndpointsRejected(t *testing.T) {
	const addr = "Endpoint.Address"
	tests := []struct {
		name  string
		make  func() (Endpoint, error)
		field string
		rule  Rule
	}{
		{"email empty", func() (Endpoint, error) { return EmailEndpoint("") }, addr, RuleRequired},
		{"email no at", func() (Endpoint, error) { return EmailEndpoint("ops.example.com") }, addr, RuleFormat},
		{"email display name", func() (Endpoint, error) { return EmailEndpoint("Ops <ops@example.com>") }, addr, RuleFormat},
		{"email brackets", func() (Endpoint, error) { return EmailEndpoint("<ops@example.com>") }, addr, RuleFormat},
		{"email spaces", func() (Endpoint, error) { return EmailEndpoint(" ops@example.com") }, addr, RuleFormat},
		{"email two", func() (Endpoint, error) { return EmailJSONEndpoint("a@example.com, b@example.com") }, addr, RuleFormat},
		{"email too long", func() (Endpoint, error) {
			return EmailEndpoint(strings.Repeat("a", 64) + "@" + strings.Repeat("b", 190) + ".com")
		}, addr, RuleMaxLength},
		{"sms empty", func() (Endpoint, error) { return SMSEndpoint("") }, addr, RuleRequired},
		{"sms no plus", func() (Endpoint, error) { return SMSEndpoint("14155550100") }, addr, RuleFormat},
		{"sms spaces", func() (Endpoint, error) { return SMSEndpoint("+1 415 555 0100") }, addr, RuleFormat},
		{"sms leading zero", func() (Endpoint, error) { return SMSEndpoint("+04155550100") }, addr, RuleFormat},
		{"sms one digit", func() (Endpoint, error) { return SMSEndpoint("+1") }, addr, RuleFormat},
		{"sms 16 digits", func() (Endpoint, error) { return SMSEndpoint("+1234567890123456") }, addr, RuleMaxLength},
		{"http empty", func() (Endpoint, error) { return HTTPEndpoint("") }, addr, RuleRequired},
		{"http relative", func() (Endpoint, error) { return HTTPEndpoint("/hook") }, addr, RuleFormat},
		{"http no host", func() (Endpoint, error) { return HTTPEndpoint("http:///hook") }, addr, RuleFormat},
		{"http opaque", func() (Endpoint, error) { return HTTPEndpoint("http:example.com") }, addr, RuleFormat},
		{"http given https", func() (Endpoint, error) { return HTTPEndpoint("https://example.com") }, addr, RuleConflict},
		{"https given http", func() (Endpoint, error) { return HTTPSEndpoint("http://example.com") }, addr, RuleConflict},
		{"https ftp", func() (Endpoint, error) { return HTTPSEndpoint("ftp://example.com") }, addr, RuleFormat},
		{"http credentials", func() (Endpoint, error) { return HTTPEndpoint("http://user:pass@example.com") }, addr, RuleForbidden},
		{"https bad port", func() (Endpoint, error) { return HTTPSEndpoint("https://example.com:70000/") }, addr, RuleFormat},
		{"https control character", func() (Endpoint, error) { return HTTPSEndpoint("https://example.com/\n") }, addr, RuleFormat},
		{"sqs empty", func() (Endpoint, error) { return SQSEndpoint("") }, addr, RuleRequired},
		{"sqs URL instead of ARN", func() (Endpoint, error) {
			return SQSEndpoint("https://sqs.us-east-1.amazonaws.com/123456789012/orders")
		}, addr, RuleFormat},
		{"sqs lambda ARN", func() (Endpoint, error) { return SQSEndpoint(functionARN) }, addr, RuleFormat},
		{"sqs bad partition", func() (Endpoint, error) { return SQSEndpoint("arn:azure:sqs:us-east-1:123456789012:q") }, addr, RuleFormat},
		{"sqs region of other partition", func() (Endpoint, error) { return SQSEndpoint("arn:aws:sqs:cn-north-1:123456789012:q") }, addr, RuleConflict},
		{"sqs no region", func() (Endpoint, error) { return SQSEndpoint("arn:aws:sqs::123456789012:q") }, addr, RuleFormat},
		{"sqs short account", func() (Endpoint, error) { return SQSEndpoint("arn:aws:sqs:us-east-1:12345:q") }, addr, RuleFormat},
		{"sqs bad name", func() (Endpoint, error) { return SQSEndpoint("arn:aws:sqs:us-east-1:123456789012:or/ders") }, addr, RuleFormat},
		{"sqs name too long", func() (Endpoint, error) {
			return SQSEndpoint("arn:aws:sqs:us-east-1:123456789012:" + strings.Repeat("q", 76) + ".fifo")
		}, addr, RuleFormat},
		{"sqs only .fifo", func() (Endpoint, error) { return SQSEndpoint("arn:aws:sqs:us-east-1:123456789012:.fifo") }, addr, RuleFormat},
		{"lambda not a function", func() (Endpoint, error) { return LambdaEndpoint("arn:aws:lambda:eu-west-1:123456789012:layer:x") }, addr, RuleFormat},
		{"lambda bad qualifier", func() (Endpoint, error) { return LambdaEndpoint(functionARN + ":a:b") }, addr, RuleFormat},
		{"lambda name too long", func() (Endpoint, error) {
			return LambdaEndpoint("arn:aws:lambda:eu-west-1:123456789012:function:" + strings.Repeat("f", 65))
		}, addr, RuleFormat},
		{"application topic ARN", func() (Endpoint, error) { return ApplicationEndpoint("arn:aws:sns:us-east-1:123456789012:topic") }, addr, RuleFormat},
		{"application app ARN", func() (Endpoint, error) {
			return ApplicationEndpoint("arn:aws:sns:us-east-1:123456789012:app/GCM/my-app")
		}, addr, RuleFormat},
		{"application lower platform", func() (Endpoint, error) {
			return ApplicationEndpoint("arn:aws:sns:us-east-1:123456789012:endpoint/gcm/my-app/1")
		}, addr, RuleFormat},
		{"application bad app name", func() (Endpoint, error) {
			return ApplicationEndpoint("arn:aws:sns:us-east-1:123456789012:endpoint/GCM/my app/1")
		}, addr, RuleFormat},
		{"application bad id", func() (Endpoint, error) {
			return ApplicationEndpoint("arn:aws:sns:us-east-1:123456789012:endpoint/GCM/my-app/id_1")
		}, addr, RuleFormat},
		{"firehose bad stream", func() (Endpoint, error) { return FirehoseEndpoint(queueARN, roleARN) }, addr, RuleFormat},
		{"firehose no role", func() (Endpoint, error) { return FirehoseEndpoint(streamARN, "") }, "Endpoint.SubscriptionRoleARN", RuleRequired},
		{"firehose user not role", func() (Endpoint, error) { return FirehoseEndpoint(streamARN, "arn:aws:iam::123456789012:user/bob") }, "Endpoint.SubscriptionRoleARN", RuleFormat},
		{"firehose role with region", func() (Endpoint, error) {
			return FirehoseEndpoint(streamARN, "arn:aws:iam:us-east-1:123456789012:role/r")
		}, "Endpoint.SubscriptionRoleARN", RuleFormat},
		{"firehose role bad name", func() (Endpoint, error) { return FirehoseEndpoint(streamARN, "arn:aws:iam::123456789012:role/a b") }, "Endpoint.SubscriptionRoleARN", RuleFormat},
		{"NewEndpoint firehose", func() (Endpoint, error) { return NewEndpoint(ProtocolFirehose, streamARN) }, "Endpoint.SubscriptionRoleARN", RuleRequired},
		{"NewEndpoint unknown", func() (Endpoint, error) { return NewEndpoint("smtp", "x") }, "Endpoint.Protocol", RuleFormat},
		{"NewEndpoint no protocol", func() (Endpoint, error) { return NewEndpoint("", "x") }, "Endpoint.Protocol", RuleRequired},
		{"zero endpoint", func() (Endpoint, error) { return Endpoint{}, Endpoint{}.Validate() }, "Endpoint.Protocol", RuleRequired},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e, err := tt.make()
			expectProblem(t, err, tt.field, tt.rule)
			if e != (Endpoint{}) {
				t.Errorf("a rejected endpoint is not zero: %+v", e)
			}
		})
	}
	// Both parts of a Firehose endpoint are reported at once.
	_, err := FirehoseEndpoint("", "")
	expectProblem(t, err, "Endpoint.Address", RuleRequired)
	expectProblem(t, err, "Endpoint.SubscriptionRoleARN", RuleRequired)
}

// TestEndpointErrorsQuoteNoAddress: addresses are personal data or may hold
// passwords; reasons never repeat them.
func TestEndpointErrorsQuoteNoAddress(t *testing.T) {
	for _, make := range []func() (Endpoint, error){
		func() (Endpoint, error) { return EmailEndpoint("secret-person@") },
		func() (Endpoint, error) { return SMSEndpoint("+0secret") },
		func() (Endpoint, error) { return HTTPEndpoint("http://user:secret@example.com") },
		func() (Endpoint, error) { return HTTPSEndpoint("http://user:secret@example.com") },
		func() (Endpoint, error) { return SQSEndpoint("arn:aws:sqs:us-east-1:123456789012:secret/q") },
		func() (Endpoint, error) { return FirehoseEndpoint(streamARN, "arn:aws:iam::123456789012:user/secret") },
	} {
		_, err := make()
		if err == nil {
			t.Fatal("accepted")
		}
		if strings.Contains(err.Error(), "secret") {
			t.Errorf("the error repeats the address: %v", err)
		}
	}
}

func TestValidatePhoneNumber(t *testing.T) {
	for _, ok := range []string{"+14155550100", "+442071838750", "+12", "+919876543210"} {
		if err := ValidatePhoneNumber(ok); err != nil {
			t.Errorf("%s: %v", ok, err)
		}
	}
	for _, tt := range []struct {
		in   string
		rule Rule
	}{
		{"", RuleRequired},
		{"+", RuleFormat},
		{"+1-415-555-0100", RuleFormat},
		{"(415) 555-0100", RuleFormat},
		{"+1415555010０", RuleFormat}, // a full-width digit
		{"+1234567890123456", RuleMaxLength},
	} {
		expectProblem(t, ValidatePhoneNumber(tt.in), "PhoneNumber", tt.rule)
	}
}

// TestEndpointMasksPersonalAddresses: an endpoint gives its address back,
// prints a mask for a personal one and the ARN for the others. That no
// rendering shows a personal address is snsconnector's
// TestSecretsNeverLeave's to check.
func TestEndpointMasksPersonalAddresses(t *testing.T) {
	for address, build := range map[string]func() (Endpoint, error){
		"alice.personal@example.com": func() (Endpoint, error) { return EmailEndpoint("alice.personal@example.com") },
		"+447700900123":              func() (Endpoint, error) { return SMSEndpoint("+447700900123") },
		"https://hooks.example.com/": func() (Endpoint, error) { return HTTPSEndpoint("https://hooks.example.com/") },
	} {
		e, err := build()
		if err != nil {
			t.Fatal(err)
		}
		if e.Address() != address {
			t.Fatalf("Address() = %q, want the value back", e.Address())
		}
		if got, want := fmt.Sprint(e), string(e.Protocol())+" [personal data]"; got != want {
			t.Errorf("%s prints as %q; want %q", e.Protocol(), got, want)
		}
	}
	q, err := SQSEndpoint(queueARN)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(q); got != "sqs "+queueARN {
		t.Errorf("an SQS endpoint prints as %q; an ARN is not personal data", got)
	}
}
