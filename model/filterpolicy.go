package model

import (
	"maps"
	"slices"
)

// FilterScope says what a subscription's filter policy matches: the message
// attributes or the JSON message body. It is the subscription attribute
// FilterPolicyScope.
type FilterScope string

// The scopes SNS knows. A subscription without FilterPolicyScope filters on
// message attributes.
const (
	FilterScopeMessageAttributes FilterScope = "MessageAttributes"
	FilterScopeMessageBody       FilterScope = "MessageBody"
)

// FilterPolicy is an Amazon SNS subscription filter policy, built key by key
// with [NewFilterPolicy] and [FilterPolicy.Where], or read from JSON with
// [ParseFilterPolicy]. [FilterPolicy.JSON] checks it against SNS's rules and
// returns the JSON SNS expects, with keys in sorted order;
// [FilterPolicy.Match] decides, as SNS does, whether a message passes it.
//
// A FilterPolicy is immutable: every method returns a new policy and leaves
// the receiver as it was, so a policy may be shared, extended in several ways
// and used from several goroutines. Mistakes made while building (an empty
// key, a key given twice) are kept and reported by [FilterPolicy.Validate]
// and [FilterPolicy.JSON], so a policy can be built in one expression.
//
// The zero FilterPolicy is an empty policy with scope MessageAttributes, the
// scope SNS assumes when none is set. It is the natural way to start a nested
// object ([FilterPolicy.WhereNested]) or an alternative ([FilterPolicy.Or]).
type FilterPolicy struct {
	scope FilterScope
	root  *policyNode // nil while the policy is empty; never mutated once built
}

// policyNode is one JSON object of a policy: keys with value lists or nested
// objects, and at most one "$or" with its alternatives.
type policyNode struct {
	fields   map[string]policyField
	or       []*policyNode // the "$or" alternatives, nil when there is none
	hasOr    bool
	problems []buildProblem // mistakes made while building, reported on validation
}

// policyField is a key's value: a list of match values, or (MessageBody
// scope only) a nested object.
type policyField struct {
	values []filterValue
	nested *policyNode
}

// buildProblem is a mistake found while building, with the key it concerns
// (the field path is known only when the whole policy is validated).
type buildProblem struct {
	key    string // "" for a problem of the object itself
	rule   Rule
	reason string
}

// orKey is the key SNS reads as a disjunction of alternatives.
const orKey = "$or"

// NewFilterPolicy returns an empty filter policy for the given scope. Add
// keys with [FilterPolicy.Where].
func NewFilterPolicy(scope FilterScope) FilterPolicy {
	return FilterPolicy{scope: scope}
}

// Scope returns the policy's scope: the value of the subscription attribute
// FilterPolicyScope. An unset scope is reported as MessageAttributes, which
// is what SNS assumes.
func (p FilterPolicy) Scope() FilterScope {
	if p.scope == "" {
		return FilterScopeMessageAttributes
	}
	return p.scope
}

// IsEmpty reports whether the policy has no keys and no alternatives: it
// matches every message, as no policy does. It cannot be set with
// [SetFilterPolicy] (use [ClearFilterPolicy]); [ParseFilterPolicy] returns it
// for "{}", SNS's way of saying "no policy".
func (p FilterPolicy) IsEmpty() bool { return p.root == nil }

// Where returns a copy of the policy that also requires the message to have
// key with a value matching at least one of the conditions. Several
// conditions on one key are alternatives (OR); several keys must all match
// (AND). Giving the same key twice is an error: SNS cannot AND two lists of
// one key.
//
// With scope MessageAttributes, key is a message attribute name; with
// MessageBody, it is a property of the top-level JSON object of the body
// (use [FilterPolicy.WhereNested] for deeper properties).
func (p FilterPolicy) Where(key string, conditions ...Condition) FilterPolicy {
	var values []filterValue
	for _, c := range conditions {
		values = append(values, c.values...)
	}
	n := p.clone()
	if problem, ok := keyProblem(n, key); ok {
		n.problems = append(n.problems, problem)
		if problem.rule == RuleDuplicate {
			return FilterPolicy{scope: p.scope, root: n}
		}
	}
	if len(conditions) == 0 {
		n.problems = append(n.problems, buildProblem{key, RuleRequired, "a key needs at least one condition"})
	}
	n.fields[key] = policyField{values: values}
	return FilterPolicy{scope: p.scope, root: n}
}

// WhereNested returns a copy of the policy that also requires the property
// key of the message body to be an object matching inner, for filter
// policies of scope MessageBody, which SNS lets nest. inner's own scope is
// ignored: the outermost policy's scope applies to the whole.
func (p FilterPolicy) WhereNested(key string, inner FilterPolicy) FilterPolicy {
	n := p.clone()
	if problem, ok := keyProblem(n, key); ok {
		n.problems = append(n.problems, problem)
		if problem.rule == RuleDuplicate {
			return FilterPolicy{scope: p.scope, root: n}
		}
	}
	if inner.root == nil {
		// Kept empty so validation names the key.
		inner.root = &policyNode{fields: map[string]policyField{}}
	}
	n.fields[key] = policyField{nested: inner.root}
	return FilterPolicy{scope: p.scope, root: n}
}

// Or returns a copy of the policy that also requires the message to match at
// least one of the alternatives: SNS's "$or" operator. Each alternative is a
// policy of its own (start one from the zero FilterPolicy); the keys of the
// receiver apply to every alternative. SNS reads "$or" as an operator only
// with at least two alternatives, so fewer is an error, and an object holds
// at most one "$or".
func (p FilterPolicy) Or(alternatives ...FilterPolicy) FilterPolicy {
	n := p.clone()
	if n.hasOr {
		n.problems = append(n.problems, buildProblem{orKey, RuleDuplicate, `an object holds one "$or"; put every alternative in it`})
		return FilterPolicy{scope: p.scope, root: n}
	}
	if len(alternatives) < 2 {
		n.problems = append(n.problems, buildProblem{orKey, RuleFormat, `"$or" needs at least two alternatives`})
	}
	n.hasOr = true
	n.or = make([]*policyNode, len(alternatives))
	for i, a := range alternatives {
		if a.root == nil {
			// Kept empty so validation names the alternative.
			n.or[i] = &policyNode{fields: map[string]policyField{}}
			continue
		}
		n.or[i] = a.root
	}
	return FilterPolicy{scope: p.scope, root: n}
}

// Validate checks the policy against SNS's documented rules and returns
// every problem as *ValidationError values (joined), or nil.
func (p FilterPolicy) Validate() error {
	_, err := p.validated()
	return err
}

// JSON returns the policy as the JSON text SNS expects for the subscription
// attribute FilterPolicy: compact, keys sorted, values in the order given.
// The same policy always gives the same text. It returns an error instead if
// the policy breaks a rule; see [FilterPolicy.Validate].
func (p FilterPolicy) JSON() (string, error) {
	return p.validated()
}

// clone returns a shallow copy of the root node that the caller may change.
// Values and nested nodes are shared: they are never changed once built.
func (p FilterPolicy) clone() *policyNode {
	if p.root == nil {
		return &policyNode{fields: map[string]policyField{}}
	}
	return &policyNode{
		fields:   maps.Clone(p.root.fields),
		or:       p.root.or,
		hasOr:    p.root.hasOr,
		problems: slices.Clip(p.root.problems),
	}
}

// keyProblem reports what is wrong with adding key to n, if anything.
func keyProblem(n *policyNode, key string) (buildProblem, bool) {
	switch {
	case key == "":
		return buildProblem{key, RuleRequired, "a key must not be empty"}, true
	case key == orKey:
		return buildProblem{key, RuleReserved, `"$or" is SNS's OR operator; use Or`}, true
	}
	if _, dup := n.fields[key]; dup {
		return buildProblem{key, RuleDuplicate, "the key is given twice; list every condition of a key in one call"}, true
	}
	return buildProblem{}, false
}
