// Package filterpolicy evaluates Amazon SNS subscription filter policies
// against a message, as SNS does when it decides which subscriptions receive
// it. It is pure: no I/O, no state, safe for concurrent use.
//
// [Parse] validates a policy against SNS's rules (the checks Subscribe and
// SetSubscriptionAttributes apply) and compiles it; [Policy.Match] decides
// one message. The rules follow the SNS developer guide's pages "Amazon SNS
// subscription filter policies", "Filter policy constraints", "String value
// matching", "Numeric value matching", "Key matching", "IP address matching"
// and "AND/OR logic"; where the guide is silent, the choice is noted at the
// code that makes it.
package filterpolicy

import (
	"fmt"
)

// Scope says what a policy is matched against: the message attributes (the
// default) or the message body, which must then be a JSON object.
type Scope string

// The scopes SNS accepts for the FilterPolicyScope subscription attribute.
const (
	ScopeAttributes Scope = "MessageAttributes"
	ScopeBody       Scope = "MessageBody"
)

// Limits of a filter policy, from "Filter policy constraints in Amazon SNS".
const (
	// MaxBytes is the largest policy document: 256 KB.
	MaxBytes = 256 * 1024
	// MaxKeys is the most keys one alternative of a policy may test.
	MaxKeys = 5
	// MaxCombinations caps the product of the number of values of each key
	// (times the key's nesting depth), summed over "$or" alternatives.
	MaxCombinations = 150
)

// Attribute is a message attribute as a policy sees it: its data type
// ("String", "Number.float", "String.Array", "Binary") and, for every type
// but Binary, its string value.
type Attribute struct {
	DataType string
	Value    string
}

// Error is a policy SNS would refuse. Reason is SNS-style text without the
// "Invalid parameter" prefix, which the caller adds.
type Error struct {
	Reason string
}

func (e *Error) Error() string { return "FilterPolicy: " + e.Reason }

func errorf(format string, args ...any) *Error {
	return &Error{Reason: fmt.Sprintf(format, args...)}
}

// Policy is a validated filter policy, compiled for matching. A nil *Policy
// matches every message, as a subscription without a policy receives
// everything.
type Policy struct {
	scope Scope
	// alternatives are the policy with "$or" expanded: a message matches
	// when every rule of at least one alternative matches.
	alternatives [][]rule
}

// rule is one key of the policy with the conditions any of which its value
// must satisfy.
type rule struct {
	key   string // attribute name, or dotted path into the body
	depth int    // nesting depth of the key, 1 at the top
	conds []condition
}

// Scope returns the scope the policy was parsed for.
func (p *Policy) Scope() Scope {
	if p == nil {
		return ScopeAttributes
	}
	return p.scope
}

// Match reports whether a message with this body and these attributes
// passes the policy, reading whichever of them the policy's scope names.
func (p *Policy) Match(body string, attrs map[string]Attribute) bool {
	if p == nil {
		return true
	}
	if p.scope == ScopeBody {
		return p.MatchBody(body)
	}
	return p.MatchAttributes(attrs)
}

// MatchAttributes reports whether message attributes pass the policy.
func (p *Policy) MatchAttributes(attrs map[string]Attribute) bool {
	if p == nil {
		return true
	}
	return p.match(attributeValues(attrs))
}

// MatchBody reports whether a message body passes the policy. A body that
// is not a JSON object passes only an empty policy: "Filter policies for the
// message body assume that the message payload is a well-formed JSON object."
func (p *Policy) MatchBody(body string) bool {
	if p == nil {
		return true
	}
	vals, ok := bodyValues(body)
	if !ok {
		return p.empty()
	}
	return p.match(vals)
}

func (p *Policy) empty() bool {
	for _, alt := range p.alternatives {
		if len(alt) == 0 {
			return true
		}
	}
	return false
}

// match decides a message given the values found at each key.
func (p *Policy) match(m message) bool {
	for _, alt := range p.alternatives {
		if m.matchAll(alt) {
			return true
		}
	}
	return false
}

func (m message) matchAll(rules []rule) bool {
	for _, r := range rules {
		vals, present := m.values[r.key]
		if !m.matchRule(r, vals, present) {
			return false
		}
	}
	return true
}

// matchRule reports whether any condition of the rule holds.
func (m message) matchRule(r rule, vals []value, present bool) bool {
	for _, c := range r.conds {
		if c.match(vals, present, m.keys > 0) {
			return true
		}
	}
	return false
}
