package model

import "testing"

// FuzzParseFilterPolicy: parsing never panics, and whatever it accepts
// writes out as JSON that parses back to the same JSON.
func FuzzParseFilterPolicy(f *testing.F) {
	for _, g := range guidePolicies {
		f.Add(g.scope == FilterScopeMessageBody, g.policy)
	}
	for _, s := range []string{
		`{"key": [["value"]]}`,
		`{"key": [{"numeric": [">", 20, "<", 30, "<", 50]}]}`,
		`{"key": [{"anything-but": ["a", 1]}]}`,
		`{"$or": [{"a": ["x"]}, {"b": [{"exists": false}]}], "c": [null, true, -0, 1e-5]}`,
		`{"a": ["x"], "a": ["y"]}`,
		`{"ip": [{"cidr": "::ffff:10.0.0.1/120"}]}`,
		`{"\u0000": ["\ud800", "\u2028<>&"]}`,
		`{"$or": ["x", {"prefix": "y"}]}`,
		`{"w": [{"wildcard": "a\\*b*c"}, {"anything-but": {"wildcard": "*x*"}}, {"anything-but": {"suffix": "z"}}]}`,
		`{}`,
	} {
		f.Add(false, s)
		f.Add(true, s)
	}
	f.Fuzz(func(t *testing.T, body bool, text string) {
		scope := FilterScopeMessageAttributes
		if body {
			scope = FilterScopeMessageBody
		}
		p, err := ParseFilterPolicy(scope, text)
		if err != nil {
			problems(t, err) // every error is a *ValidationError
			return
		}
		if p.IsEmpty() {
			return // "{}": no policy, which has no JSON of its own
		}
		js, err := p.JSON()
		if err != nil {
			t.Fatalf("accepted %q but JSON fails: %v", text, err)
		}
		q, err := ParseFilterPolicy(scope, js)
		if err != nil {
			t.Fatalf("JSON %s of accepted %q does not parse: %v", js, text, err)
		}
		if again, _ := q.JSON(); again != js {
			t.Fatalf("round trip changed %s into %s", js, again)
		}
	})
}

// FuzzFilterPolicyMatch feeds arbitrary policies and messages: Match never
// panics, decides the same message the same way every time, and decides it
// the same way for a policy and its canonical JSON. Its corpus began as the
// one of the deleted internal/filterpolicy fuzzer, which had the same
// arguments.
func FuzzFilterPolicyMatch(f *testing.F) {
	f.Add(`{"a": ["x", 1, {"prefix": "p"}]}`, "MessageAttributes", "String", "xy", `{"a": "x"}`)
	f.Add(`{"a": {"b": [{"numeric": [">", 0, "<=", 5]}]}}`, "MessageBody", "Number", "3", `{"a": {"b": [1, 9]}}`)
	f.Add(`{"$or": [{"a": [{"anything-but": {"suffix": "z"}}]}, {"c": [{"exists": false}]}]}`, "MessageAttributes", "String.Array", `["q", 2, null]`, `{}`)
	f.Add(`{"ip": [{"cidr": "10.0.0.0/8"}]}`, "MessageAttributes", "String", "10.1.2.3", `[]`)
	f.Add(`{"a": [{"wildcard": "*x*y"}]}`, "MessageBody", "String", "axby", `{"a": ["axxy", 1]}`)
	f.Fuzz(func(t *testing.T, policy, scope, dataType, value, body string) {
		p, err := ParseFilterPolicy(FilterScope(scope), policy)
		if err != nil {
			if !p.IsEmpty() {
				t.Fatal("a refused policy is not the empty policy")
			}
			return
		}
		m := Message{Body: body}
		if a, err := ParseAttribute(dataType, value); err == nil {
			m.Attributes = map[string]MessageAttribute{"a": a, "ip": a, "c": a}
		}
		first := p.Match(m)
		if p.Match(m) != first {
			t.Fatal("Match is not deterministic")
		}
		if p.IsEmpty() {
			if !first {
				t.Fatal("the empty policy filtered a message out")
			}
			return
		}
		js, _ := p.JSON()
		q, err := ParseFilterPolicy(FilterScope(scope), js)
		if err != nil {
			t.Fatalf("canonical JSON %s refused: %v", js, err)
		}
		if q.Match(m) != first {
			t.Fatalf("%s and its canonical form %s disagree", policy, js)
		}
	})
}
