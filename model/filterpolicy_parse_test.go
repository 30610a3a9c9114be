package model

import (
	"fmt"
	"strings"
	"testing"
)

// guidePolicies are filter policies from the SNS developer guide, and ones
// LocalStack's suite saw SNS accept, with the scope they need.
var guidePolicies = []struct {
	name   string
	scope  FilterScope
	policy string
}{
	{"accepts messages", "", `{
	   "store": ["example_corp"],
	   "event": [{"anything-but": "order_cancelled"}],
	   "customer_interests": ["rugby", "football", "baseball"],
	   "price_usd": [{"numeric": [">=", 100]}]
	}`},
	{"rejects messages", "", `{
	   "store": ["example_corp"],
	   "event": ["order_cancelled"],
	   "encrypted": [false],
	   "customer_interests": ["basketball", "baseball"]
	}`},
	{"numeric exact", "", `{"price_usd": [{"numeric": ["=",301.5]}]}`},
	{"numeric exponent", "", `{"price_usd": [{"numeric": ["=",3.015e2]}]}`},
	{"numeric range", "", `{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}`},
	{"numeric anything-but", "", `{"price": [{"anything-but": [100, 500]}]}`},
	{"string anything-but list", "", `{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}`},
	{"anything-but prefix", "", `{"event":[{"anything-but": {"prefix":"order-"}}]}`},
	{"prefix", "", `{"customer_interests": [{"prefix": "bas"}]}`},
	{"suffix", "", `{"customer_interests": [{"suffix": "ball"}]}`},
	{"equals-ignore-case", "", `{"customer_interests": [{"equals-ignore-case": "tennis"}]}`},
	{"cidr", "", `{"source_ip":[{"cidr": "10.0.0.0/24"}]}`},
	{"exists", "", `{"store": [{"exists": true}]}`},
	{"not exists", "", `{"store": [{"exists": false}]}`},
	{"null or anything-but", "", `{"attr1": [null, {"anything-but": "whatever"}]}`},
	{"payload: nested", FilterScopeMessageBody, `{"object": {"key": [{"prefix": "auto-"}]}}`},
	{"payload: S3 records", FilterScopeMessageBody, `{"Records": {"s3": {"object": {"key": [{"prefix": "auto-"}]}}, "eventName": [{"prefix": "ObjectCreated:"}]}}`},
	{"payload: dotted key", FilterScopeMessageBody, `{"object.nested.test": ["string.value"]}`},
	{"OR operator", "", `{"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"namespace": ["AWS/EC2", "AWS/ES"]}]}`},
	{"OR operator nested", FilterScopeMessageBody, `{
		"$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"namespace": ["AWS/EC2", "AWS/ES"]}],
		"detail": {"scope": ["Service"], "$or": [{"source": ["aws.cloudwatch"]}, {"type": ["CloudWatch Alarm State Change"]}]}
	}`},
	{"five leaf keys, one nested", FilterScopeMessageBody, `{"state": ["SUCCESS"], "severity": [{"exists": true}], "finding": {"region": [{"exists": true}], "account": [{"exists": true}]}}`},
}

func TestParseFilterPolicyAcceptsGuideExamples(t *testing.T) {
	for _, tt := range guidePolicies {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseFilterPolicy(tt.scope, tt.policy)
			if err != nil {
				t.Fatal(err)
			}
			got := mustJSON(t, p)
			// The canonical form is the input compacted with sorted keys;
			// only numbers are rewritten to their shortest form.
			want := strings.ReplaceAll(canonical(t, tt.policy), "3.015e2", "301.5")
			if got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
			if p.Scope() != tt.scope && !(tt.scope == "" && p.Scope() == FilterScopeMessageAttributes) {
				t.Errorf("scope = %q, want %q", p.Scope(), tt.scope)
			}
		})
	}
}

func TestParseFilterPolicyRoundTrip(t *testing.T) {
	p := NewFilterPolicy(FilterScopeMessageBody).
		Where("a", StringEquals("x\"\\\u2028", "<>"), StringAnythingBut("one"), NumberAnythingBut(-0.5)).
		Where("n", NumberRange(GreaterThan, -1e9, LessThan, 123.45678), NumberEquals(0)).
		WhereNested("o", FilterPolicy{}.Where("ip", IPAddressIn("192.0.2.0/24"), NotExists())).
		Or(FilterPolicy{}.Where("b", BoolEquals(true), IsNull()), FilterPolicy{}.Where("c", StringSuffix("z"), StringEqualsIgnoreCase("Q")))
	js := mustJSON(t, p)
	q, err := ParseFilterPolicy(FilterScopeMessageBody, js)
	if err != nil {
		t.Fatalf("parse of %s: %v", js, err)
	}
	if again := mustJSON(t, q); again != js {
		t.Errorf("round trip changed the policy:\n%s\n%s", js, again)
	}
}

// TestParseFilterPolicyRejects covers malformed JSON, shapes SNS refuses
// (the cases LocalStack's suite recorded SNS rejecting), and the limits.
func TestParseFilterPolicyRejects(t *testing.T) {
	values := func(n int) string {
		v := make([]string, n)
		for i := range v {
			v[i] = fmt.Sprintf(`"v%d"`, i)
		}
		return "[" + strings.Join(v, ",") + "]"
	}
	body := FilterScopeMessageBody
	tests := []struct {
		name   string
		scope  FilterScope
		policy string
		field  string
		rule   Rule
	}{
		{"empty text", "", ``, "FilterPolicy", RuleRequired},
		{"empty object, bad scope", "Attributes", `{}`, "FilterPolicyScope", RuleFormat},
		{"not JSON", "", `{"a": [`, "FilterPolicy", RuleFormat},
		{"array", "", `[]`, "FilterPolicy", RuleFormat},
		{"string", "", `"x"`, "FilterPolicy", RuleFormat},
		{"trailing text", "", `{"a": ["x"]} {}`, "FilterPolicy", RuleFormat},
		{"invalid UTF-8", "", "{\"a\": [\"\xff\"]}", "FilterPolicy", RuleCharset},
		{"over 256 KB", "", `{"a": ["` + strings.Repeat("x", maxFilterPolicyBytes) + `"]}`, "FilterPolicy", RuleMaxSize},
		{"duplicate key", "", `{"a": ["x"], "a": ["y"]}`, `FilterPolicy["a"]`, RuleDuplicate},
		{"duplicate nested key", body, `{"o": {"a": ["x"], "a": ["y"]}}`, `FilterPolicy["o"]["a"]`, RuleDuplicate},
		{"value not in a list", "", `{"key_a": "value_one"}`, `FilterPolicy["key_a"]`, RuleFormat},
		{"number not in a list", "", `{"key_a": 1}`, `FilterPolicy["key_a"]`, RuleFormat},
		{"empty list", "", `{"a": []}`, `FilterPolicy["a"]`, RuleRequired},
		{"list in list", "", `{"key": [["value"]]}`, `FilterPolicy["key"][0]`, RuleFormat},
		{"unknown operator", "", `{"key": [{"wrong-operator": true}]}`, `FilterPolicy["key"][0]["wrong-operator"]`, RuleFormat},
		{"two operators", "", `{"key": [{"suffix": "value", "prefix": "value2"}]}`, `FilterPolicy["key"][0]`, RuleFormat},
		{"empty match expression", "", `{"key": [{}]}`, `FilterPolicy["key"][0]`, RuleFormat},
		{"suffix number", "", `{"key": [{"suffix": 100}]}`, `FilterPolicy["key"][0]["suffix"]`, RuleFormat},
		{"suffix null", "", `{"key": [{"suffix": null}]}`, `FilterPolicy["key"][0]["suffix"]`, RuleFormat},
		{"suffix list", "", `{"key": [{"suffix": ["test", "test2"]}]}`, `FilterPolicy["key"][0]["suffix"]`, RuleFormat},
		{"operator outside a list", "", `{"key": {"suffix": "value"}}`, `FilterPolicy["key"]["suffix"]`, RuleFormat},
		{"nested with MessageAttributes", "", `{"object": {"key": [{"prefix": "auto-"}]}}`, `FilterPolicy["object"]`, RuleForbidden},
		{"empty nested object", body, `{"object": {}}`, `FilterPolicy["object"]`, RuleRequired},
		{"cidr without length", "", `{"ip": [{"cidr": "10.0.0.1"}]}`, `FilterPolicy["ip"][0]["cidr"]`, RuleFormat},
		{"cidr number", "", `{"ip": [{"cidr": 10}]}`, `FilterPolicy["ip"][0]["cidr"]`, RuleFormat},
		{"exists null", "", `{"key": [{"exists": null}]}`, `FilterPolicy["key"][0]["exists"]`, RuleFormat},
		{"exists string", "", `{"key": [{"exists": "no"}]}`, `FilterPolicy["key"][0]["exists"]`, RuleFormat},
		{"exists both ways", "", `{"key": [{"exists": true}, {"exists": false}]}`, `FilterPolicy["key"]`, RuleConflict},
		{"numeric empty", "", `{"key": [{"numeric": []}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleFormat},
		{"numeric operator only", "", `{"key": [{"numeric": ["operator"]}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleFormat},
		{"numeric wrong order", "", `{"key": [{"numeric": [1, "<="]}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleFormat},
		{"numeric string value", "", `{"key": [{"numeric": ["=", "000"]}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleFormat},
		{"numeric missing value", "", `{"key": [{"numeric": [">="]}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleFormat},
		{"numeric unknown operator", "", `{"key": [{"numeric": ["!=", 1]}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleFormat},
		{"range upper bound first", "", `{"key": [{"numeric": ["<", 100, ">", 10]}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleFormat},
		{"range two lower bounds", "", `{"key": [{"numeric": [">=", 1, ">", 2]}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleFormat},
		{"range upside down", "", `{"key": [{"numeric": [">", 3, "<", 1]}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleConflict},
		{"range missing value", "", `{"key": [{"numeric": [">", 20, "<="]}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleFormat},
		{"range missing operator", "", `{"key": [{"numeric": [">", 20, 30]}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleFormat},
		{"range string operand", "", `{"key": [{"numeric": [">", 20, "<", "30"]}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleFormat},
		{"range too long", "", `{"key": [{"numeric": [">", 20, "<", 30, "<", 50]}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleFormat},
		{"number too large", "", `{"key": [{"numeric": ["=", 1e10]}]}`, `FilterPolicy["key"][0]["numeric"]`, RuleRange},
		{"number overflows float", "", `{"key": [1e400]}`, `FilterPolicy["key"][0]`, RuleRange},
		{"too many decimals", "", `{"key": [{"anything-but": 0.123456}]}`, `FilterPolicy["key"][0]["anything-but"]`, RuleRange},
		{"anything-but empty suffix", "", `{"key": [{"anything-but": {"suffix": ""}}]}`, `FilterPolicy["key"][0]["anything-but"]["suffix"]`, RuleRequired},
		{"anything-but equals-ignore-case", "", `{"key": [{"anything-but": {"equals-ignore-case": "x"}}]}`, `FilterPolicy["key"][0]["anything-but"]`, RuleFormat},
		{"anything-but prefix list", "", `{"key": [{"anything-but": {"prefix": ["a", "b"]}}]}`, `FilterPolicy["key"][0]["anything-but"]`, RuleFormat},
		{"wildcard number", "", `{"key": [{"wildcard": 1}]}`, `FilterPolicy["key"][0]["wildcard"]`, RuleFormat},
		{"wildcard two stars in a row", "", `{"key": [{"wildcard": "a**b"}]}`, `FilterPolicy["key"][0]["wildcard"]`, RuleFormat},
		{"wildcard four stars", "", `{"key": [{"wildcard": "*a*b*c*"}]}`, `FilterPolicy["key"][0]["wildcard"]`, RuleFormat},
		{"wildcard bad escape", "", `{"key": [{"wildcard": "a\\b"}]}`, `FilterPolicy["key"][0]["wildcard"]`, RuleFormat},
		{"anything-but wildcard bad", "", `{"key": [{"anything-but": {"wildcard": "**"}}]}`, `FilterPolicy["key"][0]["anything-but"]["wildcard"]`, RuleFormat},
		{"anything-but exists", "", `{"key": [{"anything-but": {"exists": false}}]}`, `FilterPolicy["key"][0]["anything-but"]`, RuleFormat},
		{"anything-but prefix not a string", "", `{"key": [{"anything-but": {"prefix": false}}]}`, `FilterPolicy["key"][0]["anything-but"]`, RuleFormat},
		{"anything-but unknown operator", "", `{"key": [{"anything-but": {"wrong-operator": null}}]}`, `FilterPolicy["key"][0]["anything-but"]`, RuleFormat},
		{"anything-but mixed list", "", `{"key": [{"anything-but": ["a", 1]}]}`, `FilterPolicy["key"][0]["anything-but"]`, RuleFormat},
		{"anything-but boolean", "", `{"key": [{"anything-but": true}]}`, `FilterPolicy["key"][0]["anything-but"]`, RuleFormat},
		{"anything-but empty list", "", `{"key": [{"anything-but": []}]}`, `FilterPolicy["key"][0]["anything-but"]`, RuleRequired},
		{"anything-but duplicate", "", `{"key": [{"anything-but": ["a", "b", "a"]}]}`, `FilterPolicy["key"][0]["anything-but"][2]`, RuleDuplicate},
		{"duplicate value", "", `{"key": ["a", "a"]}`, `FilterPolicy["key"][1]`, RuleDuplicate},
		{"empty prefix", "", `{"key": [{"prefix": ""}]}`, `FilterPolicy["key"][0]["prefix"]`, RuleRequired},
		{"$or with one alternative", "", `{"$or": [{"a": ["x"]}]}`, `FilterPolicy["$or"]`, RuleFormat},
		// A "$or" that is not SNS's OR is a key named "$or" (AND/OR logic),
		// which no message attribute can have.
		{"$or not a list", "", `{"$or": {"a": ["x"]}}`, `FilterPolicy["$or"]`, RuleForbidden},
		{"$or of strings", "", `{"$or": ["a", "b"]}`, `FilterPolicy["$or"]`, RuleCharset},
		{"$or with a string", "", `{"$or": [{"a": ["x"]}, "b"]}`, `FilterPolicy["$or"]`, RuleFormat},
		{"$or empty alternative", "", `{"$or": [{"a": ["x"]}, {}]}`, `FilterPolicy["$or"][1]`, RuleRequired},
		{"$or operator key", "", `{"$or": [{"prefix": ["x"]}, {"b": ["y"]}]}`, `FilterPolicy["$or"]`, RuleFormat},
		{"$or of operators as a body key", body, `{"$or": [{"numeric": 123}, {"prefix": "abc"}]}`, `FilterPolicy["$or"]`, RuleFormat},
		{"$or nested with MessageAttributes", "", `{"$or": [{"a": {"b": ["x"]}}, {"c": ["y"]}]}`, `FilterPolicy["$or"][0]["a"]`, RuleForbidden},
		{"unknown scope", "Attributes", `{"a": ["x"]}`, "FilterPolicyScope", RuleFormat},
		{"151 values", "", `{"key": ` + values(151) + `}`, "FilterPolicy", RuleMaxCount},
		{"100 x 51 values", "", `{"key1": ` + values(100) + `, "key2": ` + values(51) + `}`, "FilterPolicy", RuleMaxCount},
		{"six keys", "", `{"key1": ["value1"], "key2": ["value2"], "key3": ["value3"], "key4": ["value4"], "key5": ["value5"], "key6": ["value6"]}`, "FilterPolicy", RuleMaxCount},
		{"six leaf keys nested", body, `{"a": {"k1": ["v"], "k2": ["v"], "k3": ["v"]}, "b": {"k4": ["v"], "k5": ["v"], "k6": ["v"]}}`, "FilterPolicy", RuleMaxCount},
		{"nested too deep", body, strings.Repeat(`{"a":`, 1000) + `["x"]` + strings.Repeat(`}`, 1000), "FilterPolicy", RuleMaxCount},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ParseFilterPolicy(tt.scope, tt.policy)
			expectProblem(t, err, tt.field, tt.rule)
			if !p.IsEmpty() {
				t.Error("a rejected policy is not the zero policy")
			}
		})
	}
}

// TestParseFilterPolicyQuotesNoValues: reasons may name keys and limits but
// never repeat the values of the policy.
func TestParseFilterPolicyQuotesNoValues(t *testing.T) {
	const secret = "s3cr3t-value"
	for _, policy := range []string{
		`{"a": ["` + secret + `", "` + secret + `"]}`,
		`{"a": [{"cidr": "` + secret + `"}]}`,
		`{"a": [{"numeric": ["` + secret + `", 1]}]}`,
		`{"a": [{"anything-but": {"equals-ignore-case": "` + secret + `"}}]}`,
		`{"a": [{"wildcard": "` + secret + `**"}]}`,
		`{"a": ["` + secret + `"`,
		`{"a": ["x"]} "` + secret + `"`,
	} {
		_, err := ParseFilterPolicy("", policy)
		if err == nil {
			t.Fatalf("%s accepted", policy)
		}
		if strings.Contains(err.Error(), secret) {
			t.Errorf("the error repeats a value: %v", err)
		}
	}
}
