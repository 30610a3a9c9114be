package model

import (
	"fmt"
	"strings"
	"testing"

	"github.com/go-sns/connector/internal/filterguide"
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

// TestFilterPolicyMatchGuideExamples runs the examples of the guide's
// filter pages (internal/filterguide, the table the conformance suite runs
// against every peer too): policy, message, and whether it matches.
func TestFilterPolicyMatchGuideExamples(t *testing.T) {
	examples, err := filterguide.Examples()
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range examples {
		msg := Message{Body: ex.Body}
		if ex.Scope == filterguide.ScopeAttributes {
			msg = Message{Body: "x", Attributes: map[string]MessageAttribute{}}
			for _, a := range ex.Attributes {
				v, err := ParseAttribute(a.Type, a.Value)
				if err != nil {
					t.Fatalf("%s: attribute %s: %v", ex.ID, a.Name, err)
				}
				msg.Attributes[a.Name] = v
			}
		}
		p, err := ParseFilterPolicy(FilterScope(ex.Scope), ex.Policy)
		if err != nil {
			t.Errorf("%s (%s): %s: %v", ex.ID, source(ex), ex.Policy, err)
			continue
		}
		if got := p.Match(msg); got != ex.Match {
			t.Errorf("%s (%s): %s\nwith %v%s: Match = %v; want %v", ex.ID, source(ex), ex.Policy, ex.Attributes, ex.Body, got, ex.Match)
		}
	}
}

func source(ex filterguide.Example) string {
	if ex.Page == "" {
		return "our case"
	}
	return "the guide's " + ex.Page + " page"
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
