package filterpolicy

import (
	"testing"
)

// FuzzParseAndMatch feeds arbitrary policies and messages: Parse and Match
// must never panic, and a policy that parses must decide the same message
// the same way every time.
func FuzzParseAndMatch(f *testing.F) {
	f.Add(`{"a": ["x", 1, {"prefix": "p"}]}`, "MessageAttributes", "String", "xy", `{"a": "x"}`)
	f.Add(`{"a": {"b": [{"numeric": [">", 0, "<=", 5]}]}}`, "MessageBody", "Number", "3", `{"a": {"b": [1, 9]}}`)
	f.Add(`{"$or": [{"a": [{"anything-but": {"suffix": "z"}}]}, {"c": [{"exists": false}]}]}`, "MessageAttributes", "String.Array", `["q", 2, null]`, `{}`)
	f.Add(`{"ip": [{"cidr": "10.0.0.0/8"}]}`, "MessageAttributes", "String", "10.1.2.3", `[]`)
	f.Fuzz(func(t *testing.T, policy, scope, dataType, value, body string) {
		p, err := Parse(policy, Scope(scope))
		if err != nil {
			if p != nil {
				t.Fatal("Parse returned a policy and an error")
			}
			return
		}
		attrs := map[string]Attribute{"a": {DataType: dataType, Value: value}, "ip": {DataType: dataType, Value: value}}
		first := p.Match(body, attrs)
		if p.Match(body, attrs) != first {
			t.Fatal("Match is not deterministic")
		}
		p.MatchAttributes(attrs)
		p.MatchBody(body)
	})
}
