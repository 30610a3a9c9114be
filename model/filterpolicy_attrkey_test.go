package model

import (
	"strings"
	"testing"
)

// With scope MessageAttributes every key is a message attribute name, so a
// key no attribute can have is refused, at the key's path, with the rule the
// attribute name breaks. With scope MessageBody keys are JSON properties,
// which may be anything.
func TestFilterPolicyAttributeScopeKeysAreAttributeNames(t *testing.T) {
	attrs := NewFilterPolicy(FilterScopeMessageAttributes)
	alt := FilterPolicy{}.Where("ok", Exists())
	tests := []struct {
		name  string
		p     FilterPolicy
		field string
		rule  Rule
	}{
		{"reserved AWS. prefix", attrs.Where("AWS.SNS.SMS.SMSType", StringEquals("Promotional")), `FilterPolicy["AWS.SNS.SMS.SMSType"]`, RuleReserved},
		{"reserved Amazon. prefix, any case", attrs.Where("amazon.x", Exists()), `FilterPolicy["amazon.x"]`, RuleReserved},
		{"space", attrs.Where("order id", Exists()), `FilterPolicy["order id"]`, RuleCharset},
		{"leading dot", attrs.Where(".a", Exists()), `FilterPolicy[".a"]`, RuleFormat},
		{"double dot", attrs.Where("a..b", Exists()), `FilterPolicy["a..b"]`, RuleFormat},
		{"too long", attrs.Where(strings.Repeat("k", 257), Exists()), `FilterPolicy["` + strings.Repeat("k", 64) + `…"]`, RuleMaxLength},
		{"inside $or", attrs.Where("a", Exists()).Or(alt, FilterPolicy{}.Where("b c", Exists())), `FilterPolicy["$or"][1]["b c"]`, RuleCharset},
		{"unscoped policy is MessageAttributes", NewFilterPolicy("").Where("no/slash", Exists()), `FilterPolicy["no/slash"]`, RuleCharset},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectProblem(t, tt.p.Validate(), tt.field, tt.rule)
		})
	}

	// The same keys are fine as message body properties.
	body := NewFilterPolicy(FilterScopeMessageBody).Where("order id", Exists()).Where("AWS.x", Exists())
	if err := body.Validate(); err != nil {
		t.Errorf("MessageBody keys: %v", err)
	}
	// Parsing applies the rule too.
	_, err := ParseFilterPolicy(FilterScopeMessageAttributes, `{"bad key": ["x"]}`)
	expectProblem(t, err, `FilterPolicy["bad key"]`, RuleCharset)
	if _, err := ParseFilterPolicy(FilterScopeMessageBody, `{"bad key": ["x"]}`); err != nil {
		t.Errorf("MessageBody parse: %v", err)
	}
}

// A key already reported while building is not reported a second time as a
// bad attribute name.
func TestFilterPolicyBuildProblemsAreNotRepeated(t *testing.T) {
	for _, key := range []string{"", "$or", "\xff"} {
		errs := problems(t, NewFilterPolicy(FilterScopeMessageAttributes).Where(key, Exists()).Validate())
		if len(errs) != 1 {
			t.Errorf("key %q: %d problems, want 1: %v", key, len(errs), errs)
		}
	}
}
