package model

import (
	"fmt"
	"strings"
	"testing"
)

// Pages of the SNS developer guide the cases come from.
const (
	pageExamples    = "Amazon SNS example filter policies"
	pageConstraints = "Filter policy constraints in Amazon SNS"
	pageString      = "String value matching"
	pageNumeric     = "Numeric value matching"
	pageKey         = "Key matching"
	pageAndOr       = "AND/OR logic"
	pageAttributes  = "Amazon SNS message attributes"
	pagePayload     = "Introducing payload-based message filtering for Amazon SNS (AWS Compute Blog)"
	ours            = "" // a case of ours, for a rule the pages state without an example
)

// attrs builds message attributes from name, data type, value triples.
func attrs(t *testing.T, triples ...string) map[string]MessageAttribute {
	t.Helper()
	m := map[string]MessageAttribute{}
	for i := 0; i+2 < len(triples); i += 3 {
		a, err := ParseAttribute(triples[i+1], triples[i+2])
		if err != nil {
			t.Fatalf("attribute %s: %v", triples[i], err)
		}
		m[triples[i]] = a
	}
	return m
}

type matchCase struct {
	page   string
	policy string
	attrs  []string // name, type, value triples; nil for a body case
	body   string
	want   bool
}

// A message as the guide writes it: attributes, or a JSON body.
func attr(triples ...string) []string { return triples }

// guideMatches are the examples of the guide's filter pages, each policy
// with the messages the page says it matches or not. Where a page
// contradicts itself the examples win, and the case says so.
var guideMatches = []matchCase{
	// The example message, as attributes and as a body.
	{pageExamples, `{"store": ["example_corp"], "event": [{"anything-but": "order_cancelled"}], "customer_interests": ["rugby", "football", "baseball"], "price_usd": [{"numeric": [">=", 100]}]}`,
		attr("customer_interests", "String.Array", `["soccer", "rugby", "hockey"]`, "store", "String", "example_corp", "event", "String", "order_placed", "price_usd", "Number", "210.75"), "", true},
	{pageExamples, `{"store": ["example_corp"], "event": [{"anything-but": "order_cancelled"}], "customer_interests": ["rugby", "football", "baseball"], "price_usd": [{"numeric": [">=", 100]}]}`,
		nil, `{"customer_interests": ["soccer", "rugby", "hockey"], "store": "example_corp", "event":"order_placed", "price_usd":210.75}`, true},
	{pageExamples, `{"store": ["example_corp"], "event": ["order_cancelled"], "encrypted": [false], "customer_interests": ["basketball", "baseball"]}`,
		attr("customer_interests", "String.Array", `["soccer", "rugby", "hockey"]`, "store", "String", "example_corp", "event", "String", "order_placed", "price_usd", "Number", "210.75"), "", false},
	{pageExamples, `{"store": ["example_corp"], "event": ["order_cancelled"], "encrypted": [false], "customer_interests": ["basketball", "baseball"]}`,
		nil, `{"customer_interests": ["soccer", "rugby", "hockey"], "store": "example_corp", "event":"order_placed", "price_usd":210.75}`, false},

	// Exact matching.
	{pageString, `{"customer_interests": ["rugby", "tennis"]}`, attr("customer_interests", "String", "rugby"), "", true},
	{pageString, `{"customer_interests": ["rugby", "tennis"]}`, attr("customer_interests", "String", "tennis"), "", true},
	{pageString, `{"customer_interests": ["rugby", "tennis"]}`, attr("customer_interests", "String.Array", `["rugby", "tennis"]`), "", true},
	{pageString, `{"customer_interests": ["rugby", "tennis"]}`, nil, `{"customer_interests": "rugby"}`, true},
	{pageString, `{"customer_interests": ["rugby", "tennis"]}`, nil, `{"customer_interests": "tennis"}`, true},
	{pageString, `{"customer_interests": ["rugby", "tennis"]}`, attr("customer_interests", "String", "baseball"), "", false},
	{pageString, `{"customer_interests": ["rugby", "tennis"]}`, attr("customer_interests", "String.Array", `["baseball"]`), "", false},
	{pageString, `{"customer_interests": ["rugby", "tennis"]}`, nil, `{"customer_interests": "baseball"}`, false},

	// Anything-but matching. The page also says "For String.Array type
	// attributes, it matches if none of the array elements are listed in
	// the policy property", and then gives ["rugby", "baseball"] as a
	// match "because it contains a value that isn't rugby or tennis"; the
	// Numeric value matching page agrees with the example. The examples win.
	{pageString, `{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}`, attr("customer_interests", "String", "baseball"), "", true},
	{pageString, `{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}`, attr("customer_interests", "String", "football"), "", true},
	{pageString, `{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}`, attr("customer_interests", "String.Array", `["rugby", "baseball"]`), "", true},
	{pageString, `{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}`, nil, `{"customer_interests": "baseball"}`, true},
	{pageString, `{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}`, nil, `{"customer_interests": "football"}`, true},
	{pageString, `{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}`, nil, `{"customer_interests": ["rugby", "baseball"]}`, true},
	{pageString, `{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}`, attr("customer_interests", "String", "rugby"), "", false},
	{pageString, `{"customer_interests": [{"anything-but": ["rugby", "tennis"]}]}`, nil, `{"customer_interests": ["rugby"]}`, false},
	// "anything-but can be combined with "exists": false."
	{pageString, `{"customer_interests": [{"anything-but": "rugby"}, {"exists": false}]}`, attr("store", "String", "fans"), "", true},
	{pageString, `{"customer_interests": [{"anything-but": "rugby"}, {"exists": false}]}`, attr("customer_interests", "String", "rugby"), "", false},

	// Using a prefix with the anything-but operator.
	{pageString, `{"event":[{"anything-but": {"prefix": "order-"}}]}`, attr("event", "String", "data-entry"), "", true},
	{pageString, `{"event":[{"anything-but": {"prefix": "order-"}}]}`, attr("event", "String", "order_number"), "", true},
	{pageString, `{"event":[{"anything-but": {"prefix": "order-"}}]}`, nil, `{"event": "data-entry"}`, true},
	{pageString, `{"event":[{"anything-but": {"prefix": "order-"}}]}`, nil, `{"event": "order_number"}`, true},
	{pageString, `{"event":[{"anything-but": {"prefix": "order-"}}]}`, attr("event", "String", "order-cancelled"), "", false},
	{pageString, `{"event":[{"anything-but": {"prefix": "order-"}}]}`, nil, `{"event": "order-cancelled"}`, false},

	// Prefix matching.
	{pageString, `{"customer_interests": [{"prefix": "bas"}]}`, attr("customer_interests", "String", "baseball"), "", true},
	{pageString, `{"customer_interests": [{"prefix": "bas"}]}`, attr("customer_interests", "String", "basketball"), "", true},
	{pageString, `{"customer_interests": [{"prefix": "bas"}]}`, nil, `{"customer_interests": "baseball"}`, true},
	{pageString, `{"customer_interests": [{"prefix": "bas"}]}`, nil, `{"customer_interests": "basketball"}`, true},
	{pageString, `{"customer_interests": [{"prefix": "bas"}]}`, attr("customer_interests", "String", "rugby"), "", false},
	{pageString, `{"customer_interests": [{"prefix": "bas"}]}`, nil, `{"customer_interests": "rugby"}`, false},

	// IP address matching.
	{pageString, `{"source_ip":[{"cidr": "10.0.0.0/24"}]}`, attr("source_ip", "String", "10.0.0.0"), "", true},
	{pageString, `{"source_ip":[{"cidr": "10.0.0.0/24"}]}`, attr("source_ip", "String", "10.0.0.255"), "", true},
	{pageString, `{"source_ip":[{"cidr": "10.0.0.0/24"}]}`, nil, `{"source_ip": "10.0.0.0"}`, true},
	{pageString, `{"source_ip":[{"cidr": "10.0.0.0/24"}]}`, nil, `{"source_ip": "10.0.0.255"}`, true},
	{pageString, `{"source_ip":[{"cidr": "10.0.0.0/24"}]}`, attr("source_ip", "String", "10.1.1.0"), "", false},
	{pageString, `{"source_ip":[{"cidr": "10.0.0.0/24"}]}`, nil, `{"source_ip": "10.1.1.0"}`, false},

	// Numeric exact matching.
	{pageNumeric, `{"price_usd": [{"numeric": ["=",301.5]}]}`, attr("price_usd", "Number", "301.5"), "", true},
	{pageNumeric, `{"price_usd": [{"numeric": ["=",301.5]}]}`, attr("price_usd", "Number", "3.015e2"), "", true},
	{pageNumeric, `{"price_usd": [{"numeric": ["=",301.5]}]}`, nil, `{"price_usd": 301.5}`, true},
	{pageNumeric, `{"price_usd": [{"numeric": ["=",301.5]}]}`, nil, `{"price_usd": 3.015e2}`, true},

	// Numeric anything-but matching. The page's array attribute is
	// {"Type": "Number.Array", "Value": "[100, 50]"}, which SNS cannot
	// accept: Number.Array is a Number with a custom label, and "[100, 50]"
	// is no number. The String.Array that carries those values is used.
	{pageNumeric, `{"price": [{"anything-but": [100, 500]}]}`, attr("price", "Number", "101"), "", true},
	{pageNumeric, `{"price": [{"anything-but": [100, 500]}]}`, attr("price", "Number", "100.1"), "", true},
	{pageNumeric, `{"price": [{"anything-but": [100, 500]}]}`, nil, `{"price": 101}`, true},
	{pageNumeric, `{"price": [{"anything-but": [100, 500]}]}`, nil, `{"price": 100.1}`, true},
	{pageNumeric, `{"price": [{"anything-but": [100, 500]}]}`, attr("price", "String.Array", "[100, 50]"), "", true},
	{pageNumeric, `{"price": [{"anything-but": [100, 500]}]}`, nil, `{"price": [100, 50]}`, true},
	{pageNumeric, `{"price": [{"anything-but": [100, 500]}]}`, attr("price", "Number", "100"), "", false},
	{pageNumeric, `{"price": [{"anything-but": [100, 500]}]}`, nil, `{"price": 100}`, false},

	// Value range matching: "any ... negative numeric values", "positive
	// numbers up to and including 150".
	{pageNumeric, `{"price_usd": [{"numeric": ["<", 0]}]}`, attr("price_usd", "Number", "-0.5"), "", true},
	{pageNumeric, `{"price_usd": [{"numeric": ["<", 0]}]}`, nil, `{"price_usd": 0}`, false},
	{pageNumeric, `{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}`, attr("price_usd", "Number", "150"), "", true},
	{pageNumeric, `{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}`, nil, `{"price_usd": 0.1}`, true},
	{pageNumeric, `{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}`, attr("price_usd", "Number", "150.1"), "", false},
	{pageNumeric, `{"price_usd": [{"numeric": [">", 0, "<=", 150]}]}`, nil, `{"price_usd": 0}`, false},

	// Key matching.
	{pageKey, `{"store": [{"exists": true}]}`, attr("store", "String", "fans", "customer_interests", "String.Array", `["baseball", "basketball"]`), "", true},
	{pageKey, `{"store": [{"exists": true}]}`, nil, `{"store": "fans", "customer_interests": ["baseball", "basketball"]}`, true},
	{pageKey, `{"store": [{"exists": true}]}`, attr("customer_interests", "String.Array", `["baseball", "basketball"]`), "", false},
	{pageKey, `{"store": [{"exists": true}]}`, nil, `{"customer_interests": ["baseball", "basketball"]}`, false},
	// "The key must have a non-null and non-empty value."
	{pageKey, `{"store": [{"exists": true}]}`, nil, `{"store": ""}`, false},
	{pageKey, `{"store": [{"exists": true}]}`, nil, `{"store": null}`, false},
	{pageKey, `{"store": [{"exists": true}]}`, nil, `{"store": []}`, false},
	{pageKey, `{"store": [{"exists": true}]}`, attr("store", "String.Array", `[]`), "", false},
	{pageKey, `{"store": [{"exists": true}]}`, attr("store", "String.Array", `[null, ""]`), "", false},
	// "exists matching only works on leaf nodes."
	{pageKey, `{"store": [{"exists": true}]}`, nil, `{"store": {"name": "fans"}}`, false},
	{pageKey, `{"store": [{"exists": false}]}`, attr("store", "String", "fans", "customer_interests", "String.Array", `["baseball", "basketball"]`), "", false},
	{pageKey, `{"store": [{"exists": false}]}`, nil, `{"store": "fans", "customer_interests": ["baseball", "basketball"]}`, false},
	{pageKey, `{"store": [{"exists": false}]}`, attr("customer_interests", "String.Array", `["baseball", "basketball"]`), "", true},
	{pageKey, `{"store": [{"exists": false}]}`, nil, `{"customer_interests": ["baseball", "basketball"]}`, true},
	// ""exists": false only matches if at least one attribute is present."
	{pageKey, `{"store": [{"exists": false}]}`, attr(), "", false},
	{pageKey, `{"store": [{"exists": false}]}`, nil, `{}`, false},

	// AND logic, OR logic.
	{pageAndOr, `{"customer_interests": ["rugby"], "price_usd": [{"numeric": [">", 100]}]}`, attr("customer_interests", "String", "rugby", "price_usd", "Number", "100.01"), "", true},
	{pageAndOr, `{"customer_interests": ["rugby"], "price_usd": [{"numeric": [">", 100]}]}`, attr("customer_interests", "String", "rugby", "price_usd", "Number", "100"), "", false},
	{pageAndOr, `{"customer_interests": ["rugby"], "price_usd": [{"numeric": [">", 100]}]}`, nil, `{"customer_interests": "football", "price_usd": 101}`, false},
	{pageAndOr, `{"customer_interests": ["rugby", "football", "baseball"]}`, attr("customer_interests", "String", "football"), "", true},
	{pageAndOr, `{"customer_interests": ["rugby", "football", "baseball"]}`, nil, `{"customer_interests": "baseball"}`, true},
	{pageAndOr, `{"customer_interests": ["rugby", "football", "baseball"]}`, attr("customer_interests", "String", "tennis"), "", false},
	// OR operator: "source" && ("metricName" || "namespace").
	{pageAndOr, `{"source": [ "aws.cloudwatch" ], "$or": [{ "metricName": [ "CPUUtilization" ] }, { "namespace": [ "AWS/EC2" ] }]}`,
		attr("source", "String", "aws.cloudwatch", "metricName", "String", "CPUUtilization"), "", true},
	{pageAndOr, `{"source": [ "aws.cloudwatch" ], "$or": [{ "metricName": [ "CPUUtilization" ] }, { "namespace": [ "AWS/EC2" ] }]}`,
		attr("source", "String", "aws.cloudwatch", "namespace", "String", "AWS/EC2"), "", true},
	{pageAndOr, `{"source": [ "aws.cloudwatch" ], "$or": [{ "metricName": [ "CPUUtilization" ] }, { "namespace": [ "AWS/EC2" ] }]}`,
		nil, `{"source": "aws.cloudwatch", "metricName": "CPUUtilization"}`, true},
	{pageAndOr, `{"source": [ "aws.cloudwatch" ], "$or": [{ "metricName": [ "CPUUtilization" ] }, { "namespace": [ "AWS/EC2" ] }]}`,
		attr("source", "String", "aws.cloudwatch"), "", false},
	{pageAndOr, `{"source": [ "aws.cloudwatch" ], "$or": [{ "metricName": [ "CPUUtilization" ] }, { "namespace": [ "AWS/EC2" ] }]}`,
		attr("metricName", "String", "CPUUtilization", "namespace", "String", "AWS/EC2"), "", false},
	// "source" && ("metricName" || ("metricType" && ("metricId" || "spaceId"))).
	{pageAndOr, `{"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"metricType": ["MetricType"], "$or": [{"metricId": [1234, 4321]}, {"spaceId": [1000, 2000, 3000]}]}]}`,
		attr("source", "String", "aws.cloudwatch", "metricType", "String", "MetricType", "spaceId", "Number", "2000"), "", true},
	{pageAndOr, `{"source": ["aws.cloudwatch"], "$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"metricType": ["MetricType"], "$or": [{"metricId": [1234, 4321]}, {"spaceId": [1000, 2000, 3000]}]}]}`,
		attr("source", "String", "aws.cloudwatch", "metricId", "Number", "1234"), "", false},
	{pageAndOr, `{"$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"namespace": ["AWS/EC2", "AWS/ES"]}], "detail": {"scope": ["Service"], "$or": [{"source": ["aws.cloudwatch"]}, {"type": ["CloudWatch Alarm State Change"]}]}}`,
		nil, `{"namespace": "AWS/ES", "detail": {"scope": "Service", "type": "CloudWatch Alarm State Change"}}`, true},
	{pageAndOr, `{"$or": [{"metricName": ["CPUUtilization", "ReadLatency"]}, {"namespace": ["AWS/EC2", "AWS/ES"]}], "detail": {"scope": ["Service"], "$or": [{"source": ["aws.cloudwatch"]}, {"type": ["CloudWatch Alarm State Change"]}]}}`,
		nil, `{"namespace": "AWS/ES", "detail": {"scope": "Service", "source": "aws.ec2"}}`, false},

	// Filter policy constraints.
	{pageConstraints, `{"customer_interests": ["rugby"]}`, attr("customer_interests", "String", "Rugby"), "", false}, // case-sensitive
	{pageConstraints, `{"price": [301.5]}`, attr("price", "Number", "301.500001"), "", true},                         // five digits of accuracy
	{pageConstraints, `{"price": [301.5]}`, attr("price", "Number", "301.50001"), "", false},
	{pageConstraints, `{"price": [{"numeric": [">", 0]}]}`, attr("price", "Number", "1000000000.1"), "", false}, // outside -10^9..10^9
	{pageConstraints, `{"blob": [{"exists": true}]}`, attr("blob", "Binary", "AAE="), "", false},                // Binary is ignored
	{pageConstraints, `{"other": [{"exists": false}]}`, attr("blob", "Binary", "AAE="), "", false},
	{pageConstraints, `{"flag": [true, null]}`, attr("flag", "String.Array", `[false, true]`), "", true},
	{pageConstraints, `{"flag": [true, null]}`, attr("flag", "String", "true"), "", false},

	// Custom type labels: "Number.float" is a Number.
	{pageAttributes, `{"weight": [{"numeric": [">", 2]}], "unit": ["kg"]}`, attr("weight", "Number.float", "2.5", "unit", "String.unit", "kg"), "", true},
	{pageAttributes, `{"weight": [{"numeric": [">", 2]}]}`, attr("weight", "String", "2.5"), "", false},

	// Payload-based filtering: nested keys, arrays of objects.
	{pagePayload, `{"object": {"key": [{"prefix": "auto-"}]}}`, nil, `{"object": {"key": "auto-123"}}`, true},
	{pagePayload, `{"Records": {"s3": {"object": {"key": [{"prefix": "auto-"}]}}, "eventName": [{"prefix": "ObjectCreated:"}]}}`,
		nil, `{"Records": [{"eventName": "ObjectCreated:Put", "s3": {"object": {"key": "auto-0001.jpg"}}}]}`, true},
	{pagePayload, `{"Records": {"s3": {"object": {"key": [{"prefix": "auto-"}]}}, "eventName": [{"prefix": "ObjectCreated:"}]}}`,
		nil, `{"Records": [{"eventName": "ObjectRemoved:Delete", "s3": {"object": {"key": "auto-0001.jpg"}}}]}`, false},
	{pagePayload, `{"object": {"key": [{"prefix": "auto-"}]}}`, nil, `not a JSON object`, false},
	{pagePayload, `{"object": {"key": [{"prefix": "auto-"}]}}`, nil, `["auto-1"]`, false},

	// Operators the pages name without a worked example in the text we
	// could read (suffix, equals-ignore-case, anything-but suffix and
	// wildcard, wildcard), and the edges of the ones above.
	{ours, `{"customer_interests": [{"suffix": "ball"}]}`, attr("customer_interests", "String", "baseball"), "", true},
	{ours, `{"customer_interests": [{"suffix": "ball"}]}`, attr("customer_interests", "String.Array", `["rugby", "netball"]`), "", true},
	{ours, `{"customer_interests": [{"suffix": "ball"}]}`, attr("customer_interests", "String", "balls"), "", false},
	{ours, `{"customer_interests": [{"equals-ignore-case": "tennis"}]}`, attr("customer_interests", "String", "TENNIS"), "", true},
	{ours, `{"customer_interests": [{"equals-ignore-case": "tennis"}]}`, nil, `{"customer_interests": "Tennis"}`, true},
	{ours, `{"customer_interests": [{"equals-ignore-case": "tennis"}]}`, attr("customer_interests", "String", "table tennis"), "", false},
	{ours, `{"event": [{"anything-but": {"suffix": "-cancelled"}}]}`, attr("event", "String", "order-placed"), "", true},
	{ours, `{"event": [{"anything-but": {"suffix": "-cancelled"}}]}`, attr("event", "String", "order-cancelled"), "", false},
	{ours, `{"event": [{"anything-but": {"suffix": "-cancelled"}}]}`, nil, `{"event": ["order-cancelled", "order-placed"]}`, true},
	{ours, `{"event": [{"anything-but": {"suffix": "-cancelled"}}]}`, attr("other", "String", "x"), "", false},
	{ours, `{"file": [{"wildcard": "*.png"}]}`, attr("file", "String", "dir/a.png"), "", true},
	{ours, `{"file": [{"wildcard": "*.png"}]}`, attr("file", "String", "a.png.txt"), "", false},
	{ours, `{"file": [{"wildcard": "log*check*done"}]}`, nil, `{"file": "log-run-check-all-done"}`, true},
	{ours, `{"file": [{"wildcard": "log*check*done"}]}`, nil, `{"file": "logcheckdon"}`, false},
	{ours, `{"file": [{"wildcard": "a\\*b"}]}`, attr("file", "String", "a*b"), "", true},
	{ours, `{"file": [{"wildcard": "a\\*b"}]}`, attr("file", "String", "axb"), "", false},
	{ours, `{"file": [{"wildcard": "*"}]}`, attr("file", "Number", "1"), "", false},
	{ours, `{"path": [{"anything-but": {"wildcard": "*/lib/*"}}]}`, attr("path", "String", "usr/bin/go"), "", true},
	{ours, `{"path": [{"anything-but": {"wildcard": "*/lib/*"}}]}`, attr("path", "String", "usr/lib/go"), "", false},
	{ours, `{"source_ip": [{"cidr": "2001:db8::/32"}]}`, attr("source_ip", "String", "2001:db8::1"), "", true},
	{ours, `{"source_ip": [{"cidr": "10.0.0.0/24"}]}`, attr("source_ip", "String", "::ffff:10.0.0.9"), "", true},
	{ours, `{"source_ip": [{"cidr": "10.0.0.0/24"}]}`, attr("source_ip", "String", "not an address"), "", false},
	{ours, `{"price": [100]}`, attr("price", "String", "100"), "", false}, // types never mix
	{ours, `{"price": [{"anything-but": [100, 500]}]}`, attr("price", "String.Array", "[100, 500]"), "", false},
	{ours, `{"price": [{"anything-but": [100, 500]}]}`, attr("other", "Number", "1"), "", false}, // a missing key
	{ours, `{"customer.tier": ["gold"]}`, nil, `{"customer": {"tier": "gold"}}`, true},
	{ours, `{"items": {"sku": ["B-2"]}}`, nil, `{"items": [{"sku": "A-1"}, {"sku": "B-2"}]}`, true},
	{ours, `{"paid": [true], "note": [null]}`, nil, `{"paid": true, "note": null}`, true},
	{ours, `{"paid": [true]}`, nil, `{"paid": "true"}`, false},
	{ours, `{"a": ["x"]}`, nil, `{"a": "x"} trailing`, false},
}

func TestFilterPolicyMatchGuideExamples(t *testing.T) {
	for i, tt := range guideMatches {
		scope, msg := FilterScopeMessageBody, Message{Body: tt.body}
		if tt.attrs != nil {
			scope, msg = FilterScopeMessageAttributes, Message{Body: "x", Attributes: attrs(t, tt.attrs...)}
		}
		p, err := ParseFilterPolicy(scope, tt.policy)
		if err != nil {
			t.Errorf("case %d (%s): %s: %v", i, tt.page, tt.policy, err)
			continue
		}
		if got := p.Match(msg); got != tt.want {
			t.Errorf("case %d (%s): %s\nwith %v%s: Match = %v; want %v", i, orOurs(tt.page), tt.policy, tt.attrs, tt.body, got, tt.want)
		}
	}
}

func orOurs(page string) string {
	if page == ours {
		return "our case"
	}
	return "the guide's " + page + " page"
}

// TestFilterPolicyMatchBuilt: a policy built with the builder matches as
// its JSON does, for every operator the builder offers.
func TestFilterPolicyMatchBuilt(t *testing.T) {
	// 5 x 5 x 3 x 2 = 150 combinations, the most SNS allows.
	p := NewFilterPolicy(FilterScopeMessageAttributes).
		Where("kind", StringEquals("order"), StringPrefix("ord-"), StringSuffix("-order"), StringEqualsIgnoreCase("ORDER"), StringWildcard("o*r")).
		Where("state", StringAnythingBut("cancelled"), StringAnythingButPrefix("x-"), StringAnythingButSuffix("-x"), StringAnythingButWildcard("*-y-*"), NotExists()).
		Where("total", NumberEquals(7), NumberBetween(10, 20), NumberRange(GreaterThan, 30, LessThan, 40)).
		Where("ip", IPAddressIn("192.0.2.7", "10.0.0.0/8"))
	js := mustJSON(t, p)
	q, err := ParseFilterPolicy(FilterScopeMessageAttributes, js)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		triples []string
		want    bool
	}{
		{[]string{"kind", "String", "oXr", "total", "Number", "15", "ip", "String", "192.0.2.7"}, true},
		{[]string{"kind", "String", "order", "state", "String", "open", "total", "Number", "35", "ip", "String", "10.1.2.3"}, true},
		{[]string{"kind", "String", "order", "total", "Number", "7.000001", "ip", "String", "10.1.2.3"}, true},
		{[]string{"kind", "String", "ORD-1", "total", "Number", "7", "ip", "String", "10.1.2.3"}, false},
		{[]string{"kind", "String", "my-order", "state", "String", "x-1", "total", "Number", "35", "ip", "String", "10.1.2.3"}, true}, // "x-1" fails one anything-but, not the others
		{[]string{"kind", "String", "order", "state", "String", "cancelled", "total", "Number", "35", "ip", "String", "10.1.2.3"}, true},
		{[]string{"kind", "String", "thing", "total", "Number", "15", "ip", "String", "10.1.2.3"}, false},
		{[]string{"kind", "String", "other", "total", "Number", "15", "ip", "String", "10.1.2.3"}, true}, // o*r
		{[]string{"kind", "String", "order", "total", "Number", "25", "ip", "String", "10.1.2.3"}, false},
		{[]string{"kind", "String", "order", "total", "Number", "40", "ip", "String", "10.1.2.3"}, false},
		{[]string{"kind", "String", "order", "total", "Number", "15", "ip", "String", "192.0.2.8"}, false},
		{[]string{"kind", "String", "order", "total", "Number", "15"}, false},
	} {
		m := Message{Body: "x", Attributes: attrs(t, tc.triples...)}
		if got, again := p.Match(m), q.Match(m); got != tc.want || again != tc.want {
			t.Errorf("%v: built %v, parsed %v; want %v", tc.triples, got, again, tc.want)
		}
	}
}

func TestFilterPolicyMatchEmptyPolicyMatchesEverything(t *testing.T) {
	for _, p := range []FilterPolicy{{}, NewFilterPolicy(FilterScopeMessageBody), mustParse(t, FilterScopeMessageBody, "{}")} {
		for _, m := range []Message{{}, {Body: "not json"}, {Body: `{"a": 1}`, Attributes: attrs(t, "a", "String", "x")}} {
			if !p.Match(m) {
				t.Errorf("empty policy (scope %s) filtered out %+v", p.Scope(), m)
			}
		}
	}
}

func mustParse(t *testing.T, scope FilterScope, text string) FilterPolicy {
	t.Helper()
	p, err := ParseFilterPolicy(scope, text)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestWildcardPatterns(t *testing.T) {
	for _, tt := range []struct {
		pattern, s string
		want       bool
	}{
		{"", "", true}, {"", "a", false}, {"*", "", true}, {"*", "anything", true},
		{"a*", "a", true}, {"*a", "ba", true}, {"a*a", "a", false}, {"a*a", "aa", true},
		{"*ab*ab*", "abab", true}, {"*ab*ab*", "aba", false}, {`\\`, `\`, true}, {`\**`, "*x", true}, {`\**`, "x", false},
	} {
		w, err := parseWildcard(tt.pattern)
		if err != nil {
			t.Fatalf("%q: %v", tt.pattern, err)
		}
		if got := w.match(tt.s); got != tt.want {
			t.Errorf("%q matches %q = %v; want %v", tt.pattern, tt.s, got, tt.want)
		}
	}
	for _, bad := range []string{"**", "a\\b", "a\\", "*a*b*c*", strings.Repeat("*a", 4)} {
		if _, err := parseWildcard(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	// The complexity budget: ten one-star patterns on a key cost exactly
	// 10 x 10 = 100 points; eleven cost 121; a three-star pattern costs 9.
	if _, err := ParseFilterPolicy("", oneStarPatterns(10)); err != nil {
		t.Errorf("100 points refused: %v", err)
	}
	_, err := ParseFilterPolicy("", oneStarPatterns(11))
	expectProblem(t, err, "FilterPolicy", RuleMaxCount)
	if got := mustParse(t, "", `{"a": [{"wildcard": "*a*b*c"}, {"anything-but": {"wildcard": "x*y"}}], "b": [{"wildcard": "*"}]}`).root.wildcardComplexity(); got != (9+1)*2+1 {
		t.Errorf("complexity %d; want 21", got)
	}
}

// oneStarPatterns is a policy with n distinct one-star wildcards on a key.
func oneStarPatterns(n int) string {
	v := make([]string, n)
	for i := range v {
		v[i] = fmt.Sprintf(`{"wildcard": "x*%d"}`, i)
	}
	return `{"a": [` + strings.Join(v, ",") + `]}`
}

// deepBody is a body whose property "x" nests depth objects deep, next to
// "a": "b".
func deepBody(depth int) string {
	return `{"a": "b", "x": ` + strings.Repeat(`{"x": `, depth) + `1` + strings.Repeat(`}`, depth) + `}`
}

// A body nested far deeper than the policy is read only as deep as the
// policy looks, and its depth does not change the answer.
func TestFilterPolicyMatchDeepBody(t *testing.T) {
	p := mustParse(t, FilterScopeMessageBody, `{"a": ["b"], "x": {"x": [{"exists": true}]}}`)
	if p.Match(Message{Body: deepBody(5000)}) {
		t.Error("matched a leaf that is an object")
	}
	if !p.Match(Message{Body: deepBody(0)[:len(deepBody(0))-1] + `, "x.x": 2}`}) {
		t.Error("a dotted body key was not matched")
	}
	q := mustParse(t, FilterScopeMessageBody, `{"none": [{"exists": false}]}`)
	if !q.Match(Message{Body: deepBody(5000)}) {
		t.Error("exists false on a deep body")
	}
}

func BenchmarkFilterPolicyMatchDeepBody(b *testing.B) {
	p, _ := ParseFilterPolicy(FilterScopeMessageBody, `{"a": ["b"]}`)
	m := Message{Body: deepBody(5000)}
	b.ReportAllocs()
	for b.Loop() {
		p.Match(m)
	}
}
