package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"sync"
	"testing"
)

// problems flattens err (possibly joined) into its validation errors and
// fails the test if anything else is in it.
func problems(t *testing.T, err error) []*ValidationError {
	t.Helper()
	var out []*ValidationError
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		var ve *ValidationError
		if !errors.As(e, &ve) {
			t.Fatalf("error %v (%T) is not a *ValidationError", e, e)
		}
		out = append(out, ve)
	}
	walk(err)
	return out
}

// expectProblem fails unless err reports field breaking rule. It also checks
// that err matches ErrInvalid and that no reason is empty.
func expectProblem(t *testing.T, err error, field string, rule Rule) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %s (%s)", field, rule)
	}
	if !errors.Is(err, ErrInvalid) {
		t.Errorf("error does not match ErrInvalid: %v", err)
	}
	var first *ValidationError
	if !errors.As(err, &first) {
		t.Fatalf("errors.As finds no *ValidationError in %v", err)
	}
	found := false
	for _, p := range problems(t, err) {
		if p.Reason == "" {
			t.Errorf("%s (%s) has no reason", p.Field, p.Rule)
		}
		if p.Field == field && p.Rule == rule {
			found = true
		}
	}
	if !found {
		t.Fatalf("want %s (%s); got: %v", field, rule, err)
	}
}

// canonical compacts a JSON document and sorts its object keys, keeping
// number literals as written, to compare with a policy's JSON.
func canonical(t *testing.T, doc string) string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("test document is not JSON: %v\n%s", err, doc)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(buf.String())
}

func mustJSON(t *testing.T, p FilterPolicy) string {
	t.Helper()
	js, err := p.JSON()
	if err != nil {
		t.Fatalf("JSON: %v", err)
	}
	return js
}

// TestFilterPolicyGolden builds every Mendix filter kind, and the further
// operators SNS has, and compares the JSON with the examples of the SNS
// developer guide ("String value matching", "Numeric value matching", "Key
// matching").
func TestFilterPolicyGolden(t *testing.T) {
	attrs := FilterScopeMessageAttributes
	tests := []struct {
		name string
		key  string
		cond []Condition
		doc  string // the guide's policy property
	}{
		{"attribute exists", "store", []Condition{Exists()}, `"store": [{"exists": true}]`},
		{"attribute does not exist", "store", []Condition{NotExists()}, `"store": [{"exists": false}]`},
		{"string equals", "store", []Condition{StringEquals("example_corp")}, `"store": ["example_corp"]`},
		{"string in list", "customer_interests", []Condition{StringEquals("rugby", "tennis")}, `"customer_interests": ["rugby", "tennis"]`},
		{"string prefix", "customer_interests", []Condition{StringPrefix("bas")}, `"customer_interests": [{"prefix": "bas"}]`},
		{"string anything-but", "event", []Condition{StringAnythingBut("order_cancelled")}, `"event": [{"anything-but": "order_cancelled"}]`},
		{"string anything-but list", "customer_interests", []Condition{StringAnythingBut("rugby", "tennis")}, `"customer_interests": [{"anything-but": ["rugby", "tennis"]}]`},
		{"number equals", "price_usd", []Condition{NumberEquals(301.5)}, `"price_usd": [{"numeric": ["=",301.5]}]`},
		{"number compare >=", "price_usd", []Condition{NumberCompare(GreaterThanOrEqual, 100)}, `"price_usd": [{"numeric": [">=", 100]}]`},
		{"number compare <", "price_usd", []Condition{NumberCompare(LessThan, 0)}, `"price_usd": [{"numeric": ["<", 0]}]`},
		{"number range", "price_usd", []Condition{NumberRange(GreaterThan, 0, LessThanOrEqual, 150)}, `"price_usd": [{"numeric": [">", 0, "<=", 150]}]`},
		{"number between", "price_usd", []Condition{NumberBetween(100, 500)}, `"price_usd": [{"numeric": [">=", 100, "<=", 500]}]`},
		{"number anything-but", "price", []Condition{NumberAnythingBut(100)}, `"price": [{"anything-but": 100}]`},
		{"number anything-but list", "price", []Condition{NumberAnythingBut(100, 500)}, `"price": [{"anything-but": [100, 500]}]`},
		{"source IP", "source_ip", []Condition{IPAddressIn("10.0.0.0/24")}, `"source_ip":[{"cidr": "10.0.0.0/24"}]`},
		{"suffix", "customer_interests", []Condition{StringSuffix("ball")}, `"customer_interests": [{"suffix": "ball"}]`},
		{"equals-ignore-case", "customer_interests", []Condition{StringEqualsIgnoreCase("RuGbY")}, `"customer_interests": [{"equals-ignore-case": "RuGbY"}]`},
		{"anything-but prefix", "event", []Condition{StringAnythingButPrefix("order-")}, `"event":[{"anything-but": {"prefix":"order-"}}]`},
		{"anything-but or absent", "event", []Condition{StringAnythingBut("order_cancelled"), NotExists()}, `"event": [{"anything-but": "order_cancelled"}, {"exists": false}]`},
		{"several kinds on one key", "color", []Condition{StringEquals("red", "orange"), StringPrefix("bl")}, `"color": ["red", "orange", {"prefix": "bl"}]`},
		{"null", "attr1", []Condition{IsNull(), StringAnythingBut("whatever")}, `"attr1": [null, {"anything-but": "whatever"}]`},
		{"boolean", "encrypted", []Condition{BoolEquals(false)}, `"encrypted": [false]`},
		{"IPv6 network", "source_ip", []Condition{IPAddressIn("2001:db8::/32")}, `"source_ip": [{"cidr": "2001:db8::/32"}]`},
		{"bare address gets a full-length prefix", "source_ip", []Condition{IPAddressIn("192.0.2.7", "2001:db8::1")}, `"source_ip": [{"cidr": "192.0.2.7/32"}, {"cidr": "2001:db8::1/128"}]`},
		{"no HTML escaping", "note", []Condition{StringEquals("<&>")}, `"note": ["<&>"]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mustJSON(t, NewFilterPolicy(attrs).Where(tt.key, tt.cond...))
			if want := canonical(t, "{"+tt.doc+"}"); got != want {
				t.Errorf("got  %s\nwant %s", got, want)
			}
		})
	}
}

// TestFilterPolicyGuideExample builds the policy of the guide's "A policy
// that accepts messages" example.
func TestFilterPolicyGuideExample(t *testing.T) {
	p := NewFilterPolicy(FilterScopeMessageAttributes).
		Where("store", StringEquals("example_corp")).
		Where("event", StringAnythingBut("order_cancelled")).
		Where("customer_interests", StringEquals("rugby", "football", "baseball")).
		Where("price_usd", NumberCompare(GreaterThanOrEqual, 100))
	want := canonical(t, `{
	   "store": ["example_corp"],
	   "event": [{"anything-but": "order_cancelled"}],
	   "customer_interests": [
	      "rugby",
	      "football",
	      "baseball"
	   ],
	   "price_usd": [{"numeric": [">=", 100]}]
	}`)
	if got := mustJSON(t, p); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestFilterPolicyNestedAndOr(t *testing.T) {
	// The OR operator example of the guide, with a nested property.
	p := NewFilterPolicy(FilterScopeMessageBody).
		Or(
			FilterPolicy{}.Where("metricName", StringEquals("CPUUtilization", "ReadLatency")),
			FilterPolicy{}.Where("namespace", StringEquals("AWS/EC2", "AWS/ES")),
		).
		WhereNested("detail", FilterPolicy{}.
			Where("scope", StringEquals("Service")).
			Or(
				FilterPolicy{}.Where("source", StringEquals("aws.cloudwatch")),
				FilterPolicy{}.Where("type", StringEquals("CloudWatch Alarm State Change")),
			))
	want := canonical(t, `{
		"$or": [
			{"metricName": ["CPUUtilization", "ReadLatency"]},
			{"namespace": ["AWS/EC2", "AWS/ES"]}
		],
		"detail": {
			"scope": ["Service"],
			"$or": [
				{"source": ["aws.cloudwatch"]},
				{"type": ["CloudWatch Alarm State Change"]}
			]
		}
	}`)
	if got := mustJSON(t, p); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if p.Scope() != FilterScopeMessageBody {
		t.Errorf("Scope() = %q", p.Scope())
	}
}

func TestFilterPolicyScope(t *testing.T) {
	if got := (FilterPolicy{}).Scope(); got != FilterScopeMessageAttributes {
		t.Errorf("zero policy scope = %q, want MessageAttributes (SNS's default)", got)
	}
	if got := NewFilterPolicy(FilterScopeMessageBody).Where("a", Exists()).Scope(); got != FilterScopeMessageBody {
		t.Errorf("scope = %q", got)
	}
	if !(FilterPolicy{}).IsEmpty() || NewFilterPolicy("").Where("a", Exists()).IsEmpty() {
		t.Error("IsEmpty is wrong")
	}
}

// TestFilterPolicyRejects checks each rule the builder enforces, with the
// field and rule reported.
func TestFilterPolicyRejects(t *testing.T) {
	attrs := NewFilterPolicy(FilterScopeMessageAttributes)
	body := NewFilterPolicy(FilterScopeMessageBody)
	tenth := 0.1 // a variable: constant arithmetic would be exact
	manyValues := func(n int) []string {
		v := make([]string, n)
		for i := range v {
			v[i] = fmt.Sprintf("value%d", i)
		}
		return v
	}
	tests := []struct {
		name  string
		p     FilterPolicy
		field string
		rule  Rule
	}{
		{"empty policy", attrs, "FilterPolicy", RuleRequired},
		{"unknown scope", NewFilterPolicy("Body").Where("a", Exists()), "FilterPolicyScope", RuleFormat},
		{"empty key", attrs.Where("", Exists()), `FilterPolicy[""]`, RuleRequired},
		{"key $or", attrs.Where("$or", Exists()), `FilterPolicy["$or"]`, RuleReserved},
		{"key twice", attrs.Where("a", Exists()).Where("a", StringEquals("x")), `FilterPolicy["a"]`, RuleDuplicate},
		{"key without condition", attrs.Where("a"), `FilterPolicy["a"]`, RuleRequired},
		{"StringEquals without values", attrs.Where("a", StringEquals()), `FilterPolicy["a"][0]`, RuleRequired},
		{"StringAnythingBut without values", attrs.Where("a", StringAnythingBut()), `FilterPolicy["a"][0]`, RuleRequired},
		{"NumberAnythingBut without values", attrs.Where("a", NumberAnythingBut()), `FilterPolicy["a"][0]`, RuleRequired},
		{"IPAddressIn without values", attrs.Where("a", IPAddressIn()), `FilterPolicy["a"][0]`, RuleRequired},
		{"value twice", attrs.Where("a", StringEquals("x", "y", "x")), `FilterPolicy["a"][2]`, RuleDuplicate},
		{"anything-but value twice", attrs.Where("a", NumberAnythingBut(1, 2, 1)), `FilterPolicy["a"][0]["anything-but"][2]`, RuleDuplicate},
		{"exists and not exists", attrs.Where("a", Exists(), NotExists()), `FilterPolicy["a"]`, RuleConflict},
		{"empty prefix", attrs.Where("a", StringPrefix("")), `FilterPolicy["a"][0]["prefix"]`, RuleRequired},
		{"empty suffix", attrs.Where("a", StringSuffix("")), `FilterPolicy["a"][0]["suffix"]`, RuleRequired},
		{"empty anything-but prefix", attrs.Where("a", StringAnythingButPrefix("")), `FilterPolicy["a"][0]["anything-but"]["prefix"]`, RuleRequired},
		{"invalid UTF-8 value", attrs.Where("a", StringEquals("\xff")), `FilterPolicy["a"][0]`, RuleCharset},
		{"invalid UTF-8 key", attrs.Where("\xff", Exists()), `FilterPolicy["\xff"]`, RuleCharset},
		{"range upside down", attrs.Where("p", NumberBetween(500, 100)), `FilterPolicy["p"][0]["numeric"]`, RuleConflict},
		{"empty range", attrs.Where("p", NumberRange(GreaterThan, 5, LessThan, 5)), `FilterPolicy["p"][0]["numeric"]`, RuleConflict},
		{"range operators reversed", attrs.Where("p", NumberRange(LessThan, 100, GreaterThan, 10)), `FilterPolicy["p"][0]["numeric"]`, RuleFormat},
		{"range with equals", attrs.Where("p", NumberRange(Equal, 1, LessThan, 10)), `FilterPolicy["p"][0]["numeric"]`, RuleFormat},
		{"unknown operator", attrs.Where("p", NumberCompare("!=", 1)), `FilterPolicy["p"][0]["numeric"]`, RuleFormat},
		{"number above 10^9", attrs.Where("p", NumberEquals(1e9+1)), `FilterPolicy["p"][0]["numeric"]`, RuleRange},
		{"number below -10^9", attrs.Where("p", NumberAnythingBut(-2e9)), `FilterPolicy["p"][0]["anything-but"]`, RuleRange},
		{"six decimals", attrs.Where("p", NumberCompare(LessThan, 0.000001)), `FilterPolicy["p"][0]["numeric"]`, RuleRange},
		{"float noise", attrs.Where("p", NumberEquals(tenth+0.2)), `FilterPolicy["p"][0]["numeric"]`, RuleRange},
		{"NaN", attrs.Where("p", NumberEquals(math.NaN())), `FilterPolicy["p"][0]["numeric"]`, RuleRange},
		{"infinity", attrs.Where("p", NumberBetween(0, math.Inf(1))), `FilterPolicy["p"][0]["numeric"]`, RuleRange},
		{"malformed network", attrs.Where("ip", IPAddressIn("10.0.0.300/24")), `FilterPolicy["ip"][0]["cidr"]`, RuleFormat},
		{"prefix length too long", attrs.Where("ip", IPAddressIn("10.0.0.0/33")), `FilterPolicy["ip"][0]["cidr"]`, RuleFormat},
		{"not an address", attrs.Where("ip", IPAddressIn("example.com")), `FilterPolicy["ip"][0]["cidr"]`, RuleFormat},
		{"nesting with MessageAttributes", attrs.WhereNested("detail", FilterPolicy{}.Where("a", Exists())), `FilterPolicy["detail"]`, RuleForbidden},
		{"empty nested object", body.WhereNested("detail", FilterPolicy{}), `FilterPolicy["detail"]`, RuleRequired},
		{"nested key twice", body.Where("d", Exists()).WhereNested("d", FilterPolicy{}.Where("a", Exists())), `FilterPolicy["d"]`, RuleDuplicate},
		{"nested empty key", body.WhereNested("", FilterPolicy{}.Where("a", Exists())), `FilterPolicy[""]`, RuleRequired},
		{"long key cut in the path", attrs.Where(strings.Repeat("k", 100), StringEquals()), `FilterPolicy["` + strings.Repeat("k", 64) + `…"][0]`, RuleRequired},
		{"problem inside nested object", body.WhereNested("detail", FilterPolicy{}.Where("a", StringPrefix(""))), `FilterPolicy["detail"]["a"][0]["prefix"]`, RuleRequired},
		{"one alternative", attrs.Or(FilterPolicy{}.Where("a", Exists())), `FilterPolicy["$or"]`, RuleFormat},
		{"Or twice", attrs.Or(FilterPolicy{}.Where("a", Exists()), FilterPolicy{}.Where("b", Exists())).
			Or(FilterPolicy{}.Where("c", Exists()), FilterPolicy{}.Where("d", Exists())), `FilterPolicy["$or"]`, RuleDuplicate},
		{"empty alternative", attrs.Or(FilterPolicy{}.Where("a", Exists()), FilterPolicy{}), `FilterPolicy["$or"][1]`, RuleRequired},
		{"operator as key in alternative", attrs.Or(FilterPolicy{}.Where("prefix", Exists()), FilterPolicy{}.Where("b", Exists())), `FilterPolicy["$or"][0]["prefix"]`, RuleReserved},
		{"problem inside alternative", attrs.Or(FilterPolicy{}.Where("a", Exists()), FilterPolicy{}.Where("b", NumberEquals(2e9))), `FilterPolicy["$or"][1]["b"][0]["numeric"]`, RuleRange},
		{"six keys", attrs.Where("k1", Exists()).Where("k2", Exists()).Where("k3", Exists()).
			Where("k4", Exists()).Where("k5", Exists()).Where("k6", Exists()), "FilterPolicy", RuleMaxCount},
		{"151 values in one key", attrs.Where("key", StringEquals(manyValues(151)...)), "FilterPolicy", RuleMaxCount},
		{"100 x 2 values", attrs.Where("a", StringEquals(manyValues(100)...)).Where("b", StringEquals("x", "y")), "FilterPolicy", RuleMaxCount},
		{"over 256 KB", attrs.Where("a", StringEquals(strings.Repeat("x", maxFilterPolicyBytes))), "FilterPolicy", RuleMaxSize},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			js, err := tt.p.JSON()
			if js != "" {
				t.Errorf("JSON returned text with an error: %s", js)
			}
			expectProblem(t, err, tt.field, tt.rule)
			if verr := tt.p.Validate(); verr == nil || verr.Error() != err.Error() {
				t.Errorf("Validate() = %v, JSON() error = %v", verr, err)
			}
		})
	}
}

// TestFilterPolicyLimitsAccepted checks the policies at the limits pass.
func TestFilterPolicyLimitsAccepted(t *testing.T) {
	values := make([]string, 150)
	for i := range values {
		values[i] = fmt.Sprint(i)
	}
	tests := []struct {
		name string
		p    FilterPolicy
	}{
		{"150 values", NewFilterPolicy("").Where("key", StringEquals(values...))},
		{"five keys", NewFilterPolicy("").Where("k1", Exists()).Where("k2", Exists()).Where("k3", Exists()).
			Where("k4", Exists()).Where("k5", Exists())},
		{"numbers at the limits", NewFilterPolicy("").Where("p", NumberBetween(-1e9, 1e9)).Where("q", NumberAnythingBut(0.00001, -123.45678))},
		{"one alternative's keys counted at a time", NewFilterPolicy("").Where("shared", Exists()).Or(
			FilterPolicy{}.Where("a1", Exists()).Where("a2", Exists()).Where("a3", Exists()).Where("a4", Exists()),
			FilterPolicy{}.Where("b1", Exists()).Where("b2", Exists()).Where("b3", Exists()).Where("b4", Exists()))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.p.Validate(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestFilterPolicyCombinations checks the count against the guide's worked
// examples and against policies LocalStack's suite ran on SNS itself.
func TestFilterPolicyCombinations(t *testing.T) {
	tests := []struct {
		name   string
		scope  FilterScope
		policy string
		want   int // capped at 151
	}{
		{"guide: flat", "", `{"key_a": ["value_one", "value_two", "value_three"], "key_b": ["value_one"], "key_c": ["value_one", "value_two"]}`, 6},
		{"guide: nested", FilterScopeMessageBody, `{"key_a": {"key_b": {"key_c": ["value_one", "value_two", "value_three", "value_four"]}}, "key_d": {"key_e": ["value_one", "value_two", "value_three"]}}`, 72},
		{"SNS rejected: nested 216", FilterScopeMessageBody, `{"key_a": {"key_b": {"key_c": ["v1", "v2", "v3", "v4"]}}, "key_d": {"key_e": ["v1", "v2", "v3"]}, "key_f": ["v1", "v2", "v3"]}`, 151},
		{"SNS accepted: $or 150", "", `{"source": ["a", "b", "c"], "$or": [{"metricName": ["1", "2", "3", "4", "5", "6"]}, {"metricType": ["1", "2", "3", "4"], "$or": [{"metricId": [1, 2, 3, 4]}, {"spaceId": [1, 2, 3, 4, 5, 6, 7]}]}]}`, 150},
		{"SNS rejected: $or 152", "", `{"source": ["a", "b", "c", "d"], "$or": [{"metricName": ["1", "2", "3", "4", "5", "6"]}, {"metricType": ["1", "2", "3", "4"], "$or": [{"metricId": [1, 2, 3, 4]}, {"spaceId": [1, 2, 3, 4]}]}]}`, 151},
		{"SNS rejected: nested $or 160", FilterScopeMessageBody, `{"$or": [{"metricName": ["a", "b", "c"]}, {"namespace": ["a", "b"]}], "detail": {"scope": ["a", "b"], "$or": [{"source": ["a"]}, {"type": ["a", "b", "c"]}]}}`, 151},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root, err := decodeJSONTree(tt.policy)
			if err != nil {
				t.Fatal(err)
			}
			var c collector
			n := interpretObject(root, "FilterPolicy", &c)
			if err := c.err(); err != nil {
				t.Fatal(err)
			}
			if got, _ := n.shape(1); got != tt.want {
				t.Errorf("combinations = %d, want %d", got, tt.want)
			}
			_, err = ParseFilterPolicy(tt.scope, tt.policy)
			if tt.want > maxFilterCombinations {
				expectProblem(t, err, "FilterPolicy", RuleMaxCount)
			} else if err != nil {
				t.Errorf("rejected: %v", err)
			}
		})
	}
}

func TestFilterPolicyIsImmutable(t *testing.T) {
	base := NewFilterPolicy(FilterScopeMessageAttributes).Where("a", StringEquals("1"))
	before := mustJSON(t, base)
	p1 := base.Where("b", StringEquals("2"))
	p2 := base.Where("c", StringEquals("3")).Or(FilterPolicy{}.Where("x", Exists()), FilterPolicy{}.Where("y", Exists()))
	bad := base.Where("a", Exists()) // a duplicate key must not spoil base
	if got := mustJSON(t, base); got != before {
		t.Errorf("base changed: %s", got)
	}
	if got := mustJSON(t, p1); got != `{"a":["1"],"b":["2"]}` {
		t.Errorf("p1 = %s", got)
	}
	if got := mustJSON(t, p2); got != `{"$or":[{"x":[{"exists":true}]},{"y":[{"exists":true}]}],"a":["1"],"c":["3"]}` {
		t.Errorf("p2 = %s", got)
	}
	if bad.Validate() == nil || base.Validate() != nil {
		t.Error("a problem leaked between policies")
	}

	values := []string{"x", "y"}
	p := NewFilterPolicy("").Where("k", StringAnythingBut(values...))
	values[0] = "changed"
	if got := mustJSON(t, p); got != `{"k":[{"anything-but":["x","y"]}]}` {
		t.Errorf("the policy shares the caller's slice: %s", got)
	}
}

func TestFilterPolicyDeterministic(t *testing.T) {
	a := NewFilterPolicy("").Where("zeta", Exists()).Where("alpha", NumberEquals(1)).Where("mid", StringEquals("b", "a"))
	b := NewFilterPolicy("").Where("mid", StringEquals("b", "a")).Where("alpha", NumberEquals(1)).Where("zeta", Exists())
	ja, jb := mustJSON(t, a), mustJSON(t, b)
	if ja != jb {
		t.Errorf("key order leaks into the JSON:\n%s\n%s", ja, jb)
	}
	if ja != `{"alpha":[{"numeric":["=",1]}],"mid":["b","a"],"zeta":[{"exists":true}]}` {
		t.Errorf("got %s", ja)
	}
}

func TestFilterPolicyConcurrentUse(t *testing.T) {
	p := NewFilterPolicy("").Where("a", StringEquals("1", "2")).Where("b", NumberBetween(1, 2))
	want := mustJSON(t, p)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := p.Where(fmt.Sprint("k", i), Exists())
			if js, err := p.JSON(); err != nil || js != want {
				t.Errorf("JSON = %s, %v", js, err)
			}
			if err := q.Validate(); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
}
