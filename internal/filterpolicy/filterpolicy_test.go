package filterpolicy

import (
	"errors"
	"strings"
	"testing"
)

func str(v string) Attribute { return Attribute{DataType: "String", Value: v} }
func num(v string) Attribute { return Attribute{DataType: "Number", Value: v} }
func arr(v string) Attribute { return Attribute{DataType: "String.Array", Value: v} }
func attrs(kv ...any) map[string]Attribute {
	m := map[string]Attribute{}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i].(string)] = kv[i+1].(Attribute)
	}
	return m
}

// The message of the guide's "Amazon SNS example filter policies", as
// attributes and as a body.
var (
	exampleAttrs = attrs(
		"customer_interests", arr(`["soccer", "rugby", "hockey"]`),
		"store", str("example_corp"),
		"event", str("order_placed"),
		"price_usd", num("210.75"),
	)
	exampleBody = `{"customer_interests": ["soccer", "rugby", "hockey"], "store": "example_corp", "event": "order_placed", "price_usd": 210.75}`
)

func TestExamplePoliciesFromTheGuide(t *testing.T) {
	tests := []struct {
		name   string
		policy string
		want   bool
	}{
		{"accepts the example message", `{
			"store": ["example_corp"],
			"event": [{"anything-but": "order_cancelled"}],
			"customer_interests": ["rugby", "football", "baseball"],
			"price_usd": [{"numeric": [">=", 100]}]}`, true},
		{"a key the message lacks", `{"store": ["example_corp"], "encrypted": [false]}`, false},
		{"anything-but the event it has", `{"event": [{"anything-but": ["order_placed", "order_cancelled"]}]}`, false},
		{"price below the range", `{"price_usd": [{"numeric": [">", 0, "<", 200]}]}`, false},
		{"price inside the range", `{"price_usd": [{"numeric": [">", 200, "<=", 210.75]}]}`, true},
		{"one of the interests", `{"customer_interests": ["hockey"]}`, true},
		{"none of the interests", `{"customer_interests": ["tennis", "golf"]}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, scope := range []Scope{ScopeAttributes, ScopeBody} {
				p, err := Parse(tt.policy, scope)
				if err != nil {
					t.Fatalf("%s: %v", scope, err)
				}
				if got := p.Match(exampleBody, exampleAttrs); got != tt.want {
					t.Errorf("%s: Match = %v; want %v", scope, got, tt.want)
				}
			}
		})
	}
}

// TestOperatorsOnAttributes takes each operator's examples from its page of
// the guide: "String value matching", "Numeric value matching", "Key
// matching", "IP address matching", "AND/OR logic".
func TestOperatorsOnAttributes(t *testing.T) {
	type msg = map[string]Attribute
	tests := []struct {
		name    string
		policy  string
		match   []msg
		noMatch []msg
	}{
		{
			name:   "exact string, String.Array elements each compared",
			policy: `{"customer_interests": ["rugby", "tennis"]}`,
			match: []msg{
				attrs("customer_interests", str("rugby")),
				attrs("customer_interests", str("tennis")),
				attrs("customer_interests", arr(`["rugby", "tennis"]`)),
				attrs("customer_interests", arr(`["golf", "tennis"]`)),
			},
			noMatch: []msg{
				attrs("customer_interests", str("baseball")),
				attrs("customer_interests", arr(`["baseball"]`)),
				attrs("customer_interests", str("Rugby")),
				attrs("other", str("rugby")),
				{},
			},
		},
		{
			name:   "anything-but list: no element may be listed, key must exist",
			policy: `{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}`,
			match: []msg{
				attrs("customer_interests", str("baseball")),
				attrs("customer_interests", arr(`["baseball", "golf"]`)),
			},
			noMatch: []msg{
				attrs("customer_interests", str("rugby")),
				attrs("customer_interests", arr(`["baseball", "rugby"]`)),
				attrs("other", str("x")),
			},
		},
		{
			name:    "anything-but combined with exists false",
			policy:  `{"customer_interests": [{"anything-but": "rugby"}, {"exists": false}]}`,
			match:   []msg{attrs("customer_interests", str("golf")), attrs("other", str("x"))},
			noMatch: []msg{attrs("customer_interests", str("rugby"))},
		},
		{
			name:    "anything-but prefix",
			policy:  `{"event": [{"anything-but": {"prefix": "order-"}}]}`,
			match:   []msg{attrs("event", str("data-entry")), attrs("event", str("order_placed"))},
			noMatch: []msg{attrs("event", str("order-cancelled"))},
		},
		{
			name:    "anything-but suffix",
			policy:  `{"customer_interests": [{"anything-but": {"suffix": "ball"}}]}`,
			match:   []msg{attrs("customer_interests", str("rugby"))},
			noMatch: []msg{attrs("customer_interests", str("baseball")), attrs("customer_interests", arr(`["rugby", "football"]`))},
		},
		{
			name:    "anything-but equals-ignore-case list",
			policy:  `{"state": [{"anything-but": {"equals-ignore-case": ["Cancelled", "failed"]}}]}`,
			match:   []msg{attrs("state", str("shipped"))},
			noMatch: []msg{attrs("state", str("CANCELLED")), attrs("state", str("Failed"))},
		},
		{
			name:    "prefix",
			policy:  `{"customer_interests": [{"prefix": "bas"}]}`,
			match:   []msg{attrs("customer_interests", str("baseball")), attrs("customer_interests", str("basketball"))},
			noMatch: []msg{attrs("customer_interests", str("rugby")), attrs("customer_interests", str("Basketball"))},
		},
		{
			name:    "suffix",
			policy:  `{"customer_interests": [{"suffix": "ball"}]}`,
			match:   []msg{attrs("customer_interests", str("baseball")), attrs("customer_interests", arr(`["rugby", "netball"]`))},
			noMatch: []msg{attrs("customer_interests", str("rugby")), attrs("customer_interests", str("balls"))},
		},
		{
			name:    "equals-ignore-case",
			policy:  `{"customer_interests": [{"equals-ignore-case": "tennis"}]}`,
			match:   []msg{attrs("customer_interests", str("TENNIS")), attrs("customer_interests", str("Tennis"))},
			noMatch: []msg{attrs("customer_interests", str("tennis ")), attrs("customer_interests", str("table tennis"))},
		},
		{
			name:    "exact number, compared as numbers to five decimals",
			policy:  `{"price_usd": [301.5]}`,
			match:   []msg{attrs("price_usd", num("301.5")), attrs("price_usd", num("3.015e2")), attrs("price_usd", num("301.500001"))},
			noMatch: []msg{attrs("price_usd", num("301")), attrs("price_usd", str("301.5")), attrs("price_usd", num("301.50001"))},
		},
		{
			name:    "numeric equals",
			policy:  `{"price_usd": [{"numeric": ["=", 301.5]}]}`,
			match:   []msg{attrs("price_usd", num("301.5")), attrs("price_usd", num("+301.50"))},
			noMatch: []msg{attrs("price_usd", num("301.6")), attrs("price_usd", str("301.5")), attrs("price_usd", num("NaN"))},
		},
		{
			name:    "numeric anything-but",
			policy:  `{"price_usd": [{"anything-but": [100, 500]}]}`,
			match:   []msg{attrs("price_usd", num("101")), attrs("price_usd", num("99"))},
			noMatch: []msg{attrs("price_usd", num("100")), attrs("price_usd", num("500.0"))},
		},
		{
			name:    "numeric range",
			policy:  `{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}`,
			match:   []msg{attrs("price_usd", num("0.1")), attrs("price_usd", num("150")), attrs("price_usd", num("1e2"))},
			noMatch: []msg{attrs("price_usd", num("0")), attrs("price_usd", num("150.1")), attrs("price_usd", num("-3"))},
		},
		{
			name:    "numeric element of a String.Array",
			policy:  `{"scores": [{"numeric": [">=", 90]}]}`,
			match:   []msg{attrs("scores", arr(`[12, 95]`))},
			noMatch: []msg{attrs("scores", arr(`[12, "95"]`))},
		},
		{
			name:    "exists true",
			policy:  `{"store": [{"exists": true}]}`,
			match:   []msg{attrs("store", str("fans"), "customer_interests", arr(`["baseball", "basketball"]`))},
			noMatch: []msg{attrs("customer_interests", arr(`["baseball", "basketball"]`)), {}},
		},
		{
			name:   "exists false needs at least one attribute",
			policy: `{"store": [{"exists": false}]}`,
			match:  []msg{attrs("customer_interests", arr(`["baseball", "basketball"]`))},
			noMatch: []msg{
				attrs("store", str("fans"), "customer_interests", arr(`["baseball", "basketball"]`)),
				{},
			},
		},
		{
			name:    "IP address",
			policy:  `{"source_ip": [{"cidr": "10.0.0.0/24"}]}`,
			match:   []msg{attrs("source_ip", str("10.0.0.0")), attrs("source_ip", str("10.0.0.255"))},
			noMatch: []msg{attrs("source_ip", str("10.1.1.0")), attrs("source_ip", str("not an address"))},
		},
		{
			name:    "IPv6 address",
			policy:  `{"source_ip": [{"cidr": "2001:db8::/32"}]}`,
			match:   []msg{attrs("source_ip", str("2001:db8::1"))},
			noMatch: []msg{attrs("source_ip", str("2001:db9::1")), attrs("source_ip", str("10.0.0.1"))},
		},
		{
			name:   "AND across keys, OR within a key",
			policy: `{"customer_interests": ["rugby", "football", "baseball"], "price_usd": [{"numeric": [">", 100]}]}`,
			match:  []msg{attrs("customer_interests", str("football"), "price_usd", num("101"))},
			noMatch: []msg{
				attrs("customer_interests", str("football"), "price_usd", num("100")),
				attrs("customer_interests", str("golf"), "price_usd", num("101")),
				attrs("customer_interests", str("football")),
			},
		},
		{
			name: "$or with a key beside it",
			policy: `{"source": ["aws.cloudwatch"],
				"$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"namespace": ["AWS/EC2", "AWS/ES"]}]}`,
			match: []msg{
				attrs("source", str("aws.cloudwatch"), "metricName", str("ReadLatency")),
				attrs("source", str("aws.cloudwatch"), "namespace", str("AWS/ES")),
			},
			noMatch: []msg{
				attrs("source", str("aws.cloudwatch"), "metricName", str("DiskIO")),
				attrs("source", str("aws.s3"), "namespace", str("AWS/EC2")),
			},
		},
		{
			name:    "null and booleans in a String.Array",
			policy:  `{"flags": [true, null]}`,
			match:   []msg{attrs("flags", arr(`[false, true]`)), attrs("flags", arr(`[null]`))},
			noMatch: []msg{attrs("flags", arr(`[false]`)), attrs("flags", str("true"))},
		},
		{
			name:    "Binary attributes are not compared",
			policy:  `{"blob": [{"exists": true}]}`,
			noMatch: []msg{attrs("blob", Attribute{DataType: "Binary", Value: "AAE="})},
		},
		{
			name:    "custom type labels compare as their base type",
			policy:  `{"weight": [{"numeric": [">", 2]}], "unit": ["kg"]}`,
			match:   []msg{attrs("weight", Attribute{DataType: "Number.float", Value: "2.5"}, "unit", Attribute{DataType: "String.unit", Value: "kg"})},
			noMatch: []msg{attrs("weight", Attribute{DataType: "Number.float", Value: "1.5"}, "unit", Attribute{DataType: "String.unit", Value: "kg"})},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.policy, ScopeAttributes)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range tt.match {
				if !p.MatchAttributes(m) {
					t.Errorf("does not match %v; want a match", m)
				}
			}
			for _, m := range tt.noMatch {
				if p.MatchAttributes(m) {
					t.Errorf("matches %v; want no match", m)
				}
			}
		})
	}
}

func TestBodyScope(t *testing.T) {
	tests := []struct {
		name    string
		policy  string
		match   []string
		noMatch []string
	}{
		{
			name:    "nested keys",
			policy:  `{"customer": {"interests": ["rugby"], "tier": [{"prefix": "gold"}]}}`,
			match:   []string{`{"customer": {"interests": ["golf", "rugby"], "tier": "gold-plus"}}`},
			noMatch: []string{`{"customer": {"interests": ["golf"], "tier": "gold"}}`, `{"interests": ["rugby"], "tier": "gold"}`},
		},
		{
			name:   "dotted keys and nesting are the same path",
			policy: `{"customer.tier": ["gold"]}`,
			match:  []string{`{"customer": {"tier": "gold"}}`, `{"customer.tier": "gold"}`},
		},
		{
			name:    "arrays of objects",
			policy:  `{"items": {"sku": ["B-2"]}}`,
			match:   []string{`{"items": [{"sku": "A-1"}, {"sku": "B-2"}]}`},
			noMatch: []string{`{"items": [{"sku": "A-1"}]}`, `{"items": []}`},
		},
		{
			name:    "not a JSON object",
			policy:  `{"a": ["x"]}`,
			noMatch: []string{`plain text`, `["x"]`, `"x"`, `{"a": "x"} trailing`, ``},
		},
		{
			name:    "booleans, null and numbers keep their JSON types",
			policy:  `{"paid": [true], "note": [null], "total": [{"numeric": [">=", 10]}]}`,
			match:   []string{`{"paid": true, "note": null, "total": 10}`},
			noMatch: []string{`{"paid": "true", "note": null, "total": 10}`, `{"paid": true, "note": null, "total": "10"}`},
		},
		{
			name:    "exists true needs a non-null value",
			policy:  `{"store": [{"exists": true}]}`,
			match:   []string{`{"store": "fans"}`},
			noMatch: []string{`{"store": null}`, `{"other": 1}`, `{"store": {"nested": 1}}`},
		},
		{
			name:    "exists false needs a non-empty body",
			policy:  `{"store": [{"exists": false}]}`,
			match:   []string{`{"other": 1}`},
			noMatch: []string{`{}`, `{"store": "x"}`},
		},
		{
			name:    "$or inside a nested object",
			policy:  `{"order": {"$or": [{"state": ["paid"]}, {"total": [{"numeric": [">", 100]}]}]}}`,
			match:   []string{`{"order": {"state": "paid", "total": 5}}`, `{"order": {"state": "new", "total": 500}}`},
			noMatch: []string{`{"order": {"state": "new", "total": 5}}`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse(tt.policy, ScopeBody)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range tt.match {
				if !p.MatchBody(m) {
					t.Errorf("does not match %s; want a match", m)
				}
			}
			for _, m := range tt.noMatch {
				if p.MatchBody(m) {
					t.Errorf("matches %s; want no match", m)
				}
			}
		})
	}
}

func TestEmptyPolicyMatchesEverything(t *testing.T) {
	for _, src := range []string{"", "  ", "{}"} {
		for _, scope := range []Scope{ScopeAttributes, ScopeBody} {
			p, err := Parse(src, scope)
			if err != nil {
				t.Fatalf("%q %s: %v", src, scope, err)
			}
			if !p.Match("not json", nil) || !p.Match(`{"a":1}`, attrs("a", str("x"))) {
				t.Errorf("%q %s: an empty policy filtered a message out", src, scope)
			}
		}
	}
	var nilPolicy *Policy
	if !nilPolicy.Match("x", nil) || nilPolicy.Scope() != ScopeAttributes {
		t.Error("a nil policy must match everything")
	}
}

func TestParseRejects(t *testing.T) {
	six := `{"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"],"f":["1"]}`
	// 4 values at depth 3 and 3 at depth 2: 4*3 * 3*2 = 72, the guide's example.
	nested72 := `{"key_a": {"key_b": {"key_c": ["1","2","3","4"]}}, "key_d": {"key_e": ["1","2","3"]}}`
	tests := []struct {
		name   string
		policy string
		scope  Scope
		reason string // substring of the error
	}{
		{"not JSON", `{"a": [`, ScopeAttributes, "failed to parse JSON"},
		{"not an object", `["a"]`, ScopeAttributes, "JSON object"},
		{"trailing data", `{"a":["x"]} {}`, ScopeAttributes, "failed to parse JSON"},
		{"too long", `{"a":["` + strings.Repeat("x", MaxBytes) + `"]}`, ScopeAttributes, "too long"},
		{"a scalar instead of an array", `{"a": "x"}`, ScopeAttributes, "must be an object or an array"},
		{"an empty array", `{"a": []}`, ScopeAttributes, "Empty arrays"},
		{"nesting in attribute scope", `{"a": {"b": ["x"]}}`, ScopeAttributes, "does not support nested"},
		{"six keys", six, ScopeAttributes, "more than 5 keys"},
		{"151 combinations", `{"a": [` + strings.Repeat(`"x",`, 150) + `"y"]}`, ScopeAttributes, "too complex"},
		{"nested depth counts", strings.Replace(nested72, `"1","2","3"]`, `"1","2","3","4","5","6","7"]`, 1), ScopeBody, "too complex"},
		{"unknown operator", `{"a": [{"regex": "x"}]}`, ScopeAttributes, "Unrecognized match type regex"},
		{"two operators in one object", `{"a": [{"prefix": "x", "suffix": "y"}]}`, ScopeAttributes, "Only one key"},
		{"prefix not a string", `{"a": [{"prefix": 1}]}`, ScopeAttributes, "must be a string"},
		{"exists not a boolean", `{"a": [{"exists": "yes"}]}`, ScopeAttributes, "true or false"},
		{"numeric operator unknown", `{"a": [{"numeric": ["!=", 1]}]}`, ScopeAttributes, "Unrecognized numeric range operator"},
		{"numeric value not a number", `{"a": [{"numeric": [">", "1"]}]}`, ScopeAttributes, "must be numeric"},
		{"numeric odd length", `{"a": [{"numeric": [">", 1, "<"]}]}`, ScopeAttributes, "array of operators"},
		{"numeric range upside down", `{"a": [{"numeric": [">", 5, "<", 1]}]}`, ScopeAttributes, "Bottom must be less than top"},
		{"numeric range wrong order", `{"a": [{"numeric": ["<", 5, ">", 1]}]}`, ScopeAttributes, "numeric expression"},
		{"cidr malformed", `{"a": [{"cidr": "10.0.0.0"}]}`, ScopeAttributes, "Malformed CIDR"},
		{"anything-but empty", `{"a": [{"anything-but": []}]}`, ScopeAttributes, "Empty arrays"},
		{"anything-but of booleans", `{"a": [{"anything-but": [true]}]}`, ScopeAttributes, "not supported"},
		{"anything-but unknown pattern", `{"a": [{"anything-but": {"numeric": [">", 1]}}]}`, ScopeAttributes, "Unsupported anything-but"},
		{"$or not an array", `{"$or": {"a": ["x"]}}`, ScopeAttributes, `"$or" must be`},
		{"$or of strings", `{"$or": ["a"]}`, ScopeAttributes, `"$or" must be`},
		{"nested array value", `{"a": [["x"]]}`, ScopeAttributes, "Match value must be"},
		{"unknown scope", `{"a": ["x"]}`, Scope("Body"), "FilterPolicyScope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.policy, tt.scope)
			var pe *Error
			if !errors.As(err, &pe) || !strings.Contains(pe.Reason, tt.reason) {
				t.Fatalf("Parse = %v; want an *Error containing %q", err, tt.reason)
			}
		})
	}
}

func TestParseAcceptsTheLimits(t *testing.T) {
	five := `{"a":["1"],"b":["1"],"c":["1"],"d":["1"],"e":["1"]}`
	nested72 := `{"key_a": {"key_b": {"key_c": ["1","2","3","4"]}}, "key_d": {"key_e": ["1","2","3"]}}`
	// Two alternatives of 75 values each: 150 combinations in all.
	or150 := `{"$or": [{"a": [` + strings.Repeat(`"x",`, 74) + `"y"]}, {"b": [` + strings.Repeat(`"x",`, 74) + `"y"]}]}`
	for _, tt := range []struct {
		policy string
		scope  Scope
	}{
		{five, ScopeAttributes},
		{nested72, ScopeBody},
		{or150, ScopeAttributes},
	} {
		if _, err := Parse(tt.policy, tt.scope); err != nil {
			t.Errorf("Parse(%.40s…) = %v; want it accepted", tt.policy, err)
		}
	}
	if _, err := Parse(strings.Replace(or150, `"y"]}]}`, `"y","z"]}]}`, 1), ScopeAttributes); err == nil {
		t.Error("151 combinations across $or alternatives accepted")
	}
}
