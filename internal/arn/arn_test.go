package arn

import (
	"errors"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	good := []struct {
		s, service string
		scope      Scope
		want       ARN
	}{
		{"arn:aws:sns:us-east-1:123456789012:orders", "sns", Regional, ARN{"aws", "sns", "us-east-1", "123456789012", "orders"}},
		{"arn:aws:sns:us-east-1:123456789012:orders:6a1b", "sns", Regional, ARN{"aws", "sns", "us-east-1", "123456789012", "orders:6a1b"}},
		{"arn:aws-cn:sqs:cn-north-1:123456789012:q.fifo", "sqs", AnyScope, ARN{"aws-cn", "sqs", "cn-north-1", "123456789012", "q.fifo"}},
		{"arn:aws:iam::123456789012:role/a/b", "iam", Global, ARN{"aws", "iam", "", "123456789012", "role/a/b"}},
		{"arn:aws:sts::123456789012:assumed-role/r/s", "", AnyScope, ARN{"aws", "sts", "", "123456789012", "assumed-role/r/s"}},
		{"arn:aws:sns:xx-newplace-1:123456789012:t", "sns", Regional, ARN{"aws", "sns", "xx-newplace-1", "123456789012", "t"}},
	}
	for _, tt := range good {
		got, err := Parse(tt.s, tt.service, tt.scope)
		if err != nil || got != tt.want {
			t.Errorf("Parse(%q) = %+v, %v; want %+v", tt.s, got, err, tt.want)
			continue
		}
		if got.String() != tt.s {
			t.Errorf("String() = %q; want %q", got.String(), tt.s)
		}
	}

	bad := []struct {
		s, service string
		scope      Scope
		reason     string
		conflict   bool
	}{
		{"", "", AnyScope, "not an ARN", false},
		{"orders", "sns", Regional, "not an ARN: want arn:PARTITION:sns:", false},
		{"urn:aws:sns:us-east-1:123456789012:t", "", AnyScope, "not an ARN", false},
		{"arn:aws:sns:us-east-1:123456789012", "", AnyScope, "not an ARN", false},
		{"arn:azure:sns:us-east-1:123456789012:t", "", AnyScope, "partition", false},
		{"arn:aws::us-east-1:123456789012:t", "", AnyScope, "no service", false},
		{"arn:aws:sqs:us-east-1:123456789012:t", "sns", Regional, `not of service "sns"`, false},
		{"arn:aws:sns::123456789012:t", "sns", Regional, "region", false},
		{"arn:aws:iam:us-east-1:123456789012:role/r", "iam", Global, "iam ARNs have no region", false},
		{"arn:aws:sns:useast1:123456789012:t", "", AnyScope, "not a region code", false},
		{"arn:aws:sns:cn-north-1:123456789012:t", "", AnyScope, `belongs to partition "aws-cn"`, true},
		{"arn:aws:sns:us-east-1:12345:t", "", AnyScope, "12 digits", false},
		{"arn:aws:sns:us-east-1:12345678901x:t", "", AnyScope, "12 digits", false},
		{"arn:aws:sns:us-east-1:123456789012:", "", AnyScope, "no resource", false},
		{"arn:aws:sns:us-east-1:123456789012:" + strings.Repeat("n", MaxLength), "", AnyScope, "at most 2048", false},
	}
	for _, tt := range bad {
		_, err := Parse(tt.s, tt.service, tt.scope)
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(e.Reason, tt.reason) || e.Conflict != tt.conflict {
			t.Errorf("Parse(%q) = %v; want an *Error saying %q (conflict %v)", tt.s, err, tt.reason, tt.conflict)
			continue
		}
		if tt.s != "" && strings.Contains(e.Error(), tt.s) {
			t.Errorf("the error quotes the ARN: %v", e)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add("arn:aws:sns:us-east-1:123456789012:orders")
	f.Add("arn:aws:iam::123456789012:role/r")
	f.Add("arn:::::")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := Parse(s, "", AnyScope)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error of type %T", err)
			}
			return
		}
		if a.String() != s {
			t.Fatalf("round trip %q -> %q", s, a.String())
		}
	})
}
