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
