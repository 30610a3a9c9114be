package model

import (
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/netip"
	"strconv"
	"strings"
)

// Match reports whether a subscription with this filter policy receives m,
// as SNS decides it when m is published ("Amazon SNS subscription filter
// policies"): every key of the policy must be found in the message and
// match at least one of its conditions, and with "$or" at least one
// alternative must match too. An empty policy matches every message, as a
// subscription without a filter policy receives everything.
//
// The scope says what is read. With MessageAttributes, m.Attributes: a
// String.Array attribute offers each element of its array, Binary
// attributes are ignored, and custom type labels do not matter. With
// MessageBody, m.Body, which must be a JSON object ("Filter policies for
// the message body assume that the message payload is a well-formed JSON
// object"): nested objects are reached by nested keys or by dotted ones
// ({"a.b": ...}), and an array offers each of its elements. For a message
// with Structure json, set Body to the text the subscription's protocol
// receives.
//
// Match does not validate m, and reads a policy that breaks a rule as far
// as it can; SNS would have refused such a policy (see
// [FilterPolicy.Validate]). It is safe for concurrent use.
func (p FilterPolicy) Match(m Message) bool {
	if p.root == nil {
		return true
	}
	var msg message
	if p.Scope() == FilterScopeMessageBody {
		var ok bool
		if msg, ok = bodyMessage(m.Body, p.root.paths()); !ok {
			return false
		}
	} else {
		msg = attributeMessage(m.Attributes)
	}
	return msg.matchNode(p.root, "")
}

// leaf is one value a message offers at a key: a string, a number, true,
// false or null.
type leaf struct {
	kind valueKind // kindString, kindNumber, kindBool or kindNull
	str  string
	num  float64
	b    bool
}

// message is what a policy reads from one message: the values at each key
// (several for an array), the keys present, and whether the message has any
// key at all, which "exists": false needs.
type message struct {
	values   map[string][]leaf
	present  map[string]bool
	nonEmpty bool
}

// attributeMessage reads message attributes. "Amazon SNS ignores message
// attributes with the Binary data type" (Filter policy constraints). The
// same page asks to "double escape" '"' and '\' in attribute-based
// policies without saying on which side; values are compared as published.
func attributeMessage(attrs map[string]MessageAttribute) message {
	m := message{values: make(map[string][]leaf, len(attrs)), present: make(map[string]bool, len(attrs))}
	for name, a := range attrs {
		switch a.Type() {
		case TypeString:
			m.values[name] = []leaf{{kind: kindString, str: a.str}}
		case TypeNumber:
			if n, ok := decimalValue(a.str); ok {
				m.values[name] = []leaf{{kind: kindNumber, num: n}}
			}
		case TypeStringArray:
			// "For String.Array type attributes, each element in the array
			// is treated as a separate string for matching purposes"
			// (String value matching); numbers, true, false and null keep
			// their JSON type.
			var elems []any
			if decodeJSON(a.str, &elems) {
				for _, e := range elems {
					m.values[name] = appendLeaves(m.values[name], e)
				}
			}
		default:
			continue
		}
		m.present[name] = true
		m.nonEmpty = true
	}
	return m
}

// bodyMessage reads a message body that is a JSON object, flattening nested
// objects into dotted keys. ok is false for any other body. Only the paths
// the policy asks for, and their prefixes, are followed, so the work is
// bounded by the body's size whatever its depth.
func bodyMessage(body string, want policyPaths) (message, bool) {
	var obj map[string]any
	if !decodeJSON(body, &obj) || obj == nil {
		return message{}, false
	}
	m := message{values: map[string][]leaf{}, present: map[string]bool{}, nonEmpty: hasLeaf(obj)}
	m.flatten("", obj, want)
	return m, true
}

func (m message) flatten(path string, v any, want policyPaths) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if path != "" {
				k = path + "." + k
			}
			if want.leaves[k] || want.prefixes[k] {
				m.flatten(k, e, want)
			}
		}
	case []any:
		for _, e := range x {
			m.flatten(path, e, want)
		}
	default:
		if want.leaves[path] {
			m.values[path] = appendLeaves(m.values[path], x)
			m.present[path] = true
		}
	}
}

// hasLeaf reports whether a decoded body holds any value that is not an
// object or array.
func hasLeaf(v any) bool {
	switch x := v.(type) {
	case map[string]any:
		for _, e := range x {
			if hasLeaf(e) {
				return true
			}
		}
		return false
	case []any:
		for _, e := range x {
			if hasLeaf(e) {
				return true
			}
		}
		return false
	}
	return true
}

// policyPaths are the dotted keys a policy tests and every prefix of them
// that ends before a dot.
type policyPaths struct {
	leaves, prefixes map[string]bool
}

func (n *policyNode) paths() policyPaths {
	p := policyPaths{leaves: map[string]bool{}, prefixes: map[string]bool{}}
	n.addPaths("", p)
	return p
}

func (n *policyNode) addPaths(prefix string, p policyPaths) {
	for key, f := range n.fields {
		path := prefix + key
		if f.nested != nil {
			f.nested.addPaths(path+".", p)
			continue
		}
		p.leaves[path] = true
		for i := range len(path) {
			if path[i] == '.' {
				p.prefixes[path[:i]] = true
			}
		}
	}
	for _, alt := range n.or {
		alt.addPaths(prefix, p)
	}
}

// decodeJSON decodes exactly one JSON value from s into v, numbers kept as
// their text.
func decodeJSON(s string, v any) bool {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	if dec.Decode(v) != nil {
		return false
	}
	_, err := dec.Token()
	return errors.Is(err, io.EOF)
}

// appendLeaves adds a decoded JSON scalar; arrays and objects inside a
// String.Array, which validation refuses, offer nothing.
func appendLeaves(ls []leaf, v any) []leaf {
	switch x := v.(type) {
	case string:
		return append(ls, leaf{kind: kindString, str: x})
	case json.Number:
		if n, err := strconv.ParseFloat(string(x), 64); err == nil {
			return append(ls, leaf{kind: kindNumber, num: n})
		}
	case bool:
		return append(ls, leaf{kind: kindBool, b: x})
	case nil:
		return append(ls, leaf{kind: kindNull})
	}
	return ls
}

// matchNode: every key of n matches and, with "$or", an alternative does.
// prefix is the dotted path of n in a message body.
func (m message) matchNode(n *policyNode, prefix string) bool {
	for key, f := range n.fields {
		path := prefix + key
		if f.nested != nil {
			if !m.matchNode(f.nested, path+".") {
				return false
			}
			continue
		}
		if !m.matchKey(f.values, path) {
			return false
		}
	}
	if !n.hasOr {
		return true
	}
	for _, alt := range n.or {
		if m.matchNode(alt, prefix) {
			return true
		}
	}
	return false
}

// matchKey: "at least one property value matches" (Amazon SNS subscription
// filter policies).
func (m message) matchKey(conds []filterValue, path string) bool {
	leaves, present := m.values[path], m.present[path]
	for _, c := range conds {
		switch c.kind {
		case kindExists:
			if c.b {
				// ""exists": true ... The key must have a non-null and
				// non-empty value" (Key matching).
				for _, l := range leaves {
					if l.kind != kindNull && !(l.kind == kindString && l.str == "") {
						return true
					}
				}
				continue
			}
			// ""exists": false only matches if at least one attribute is
			// present. An empty set of attributes results in the filter not
			// matching" (Key matching).
			if !present && m.nonEmpty {
				return true
			}
		default:
			for _, l := range leaves {
				if c.matchLeaf(l) {
					return true
				}
			}
		}
	}
	return false
}

// matchLeaf reports whether one value satisfies a condition. Types never
// mix: a string condition matches strings, a number condition numbers, so
// "100" and 100 differ. An anything-but condition on an array matches when
// any element is not excluded: matchKey tries each element.
func (c filterValue) matchLeaf(l leaf) bool {
	switch c.kind {
	case kindString:
		return l.kind == kindString && l.str == c.str
	case kindNumber:
		return l.kind == kindNumber && comparable(l.num) && quantize(l.num) == quantize(c.num)
	case kindBool:
		return l.kind == kindBool && l.b == c.b
	case kindNull:
		return l.kind == kindNull
	case kindPrefix:
		return l.kind == kindString && strings.HasPrefix(l.str, c.str)
	case kindSuffix:
		return l.kind == kindString && strings.HasSuffix(l.str, c.str)
	case kindEqualsIgnoreCase:
		return l.kind == kindString && strings.EqualFold(l.str, c.str)
	case kindWildcard:
		return l.kind == kindString && wildcardMatch(c.str, l.str)
	case kindCIDR:
		return l.kind == kindString && cidrContains(c.str, l.str)
	case kindNumeric:
		return l.kind == kindNumber && comparable(l.num) && c.numericHolds(l.num)
	case kindAnythingBut:
		// "It matches any message attribute or message body values that
		// don't include any of the policy property values" (String value
		// matching, Numeric value matching).
		for _, s := range c.strs {
			if l.kind == kindString && l.str == s {
				return false
			}
		}
		for _, n := range c.nums {
			if l.kind == kindNumber && quantize(l.num) == quantize(n) {
				return false
			}
		}
		return true
	case kindAnythingButPrefix:
		return !(l.kind == kindString && strings.HasPrefix(l.str, c.str))
	case kindAnythingButSuffix:
		return !(l.kind == kindString && strings.HasSuffix(l.str, c.str))
	case kindAnythingButWildcard:
		return !(l.kind == kindString && wildcardMatch(c.str, l.str))
	}
	return false
}

// "For numeric matching, the value can range from -10^9 to 10^9 (-1 billion
// to 1 billion), with five digits of accuracy after the decimal point"
// (Filter policy constraints). A message number outside the range matches
// no numeric condition; inside it, numbers that agree to five decimals are
// equal.
func comparable(n float64) bool { return math.Abs(n) <= maxFilterNumber }

func quantize(n float64) float64 { return math.Round(n*1e5) / 1e5 }

func (c filterValue) numericHolds(n float64) bool {
	a := quantize(n)
	for i, op := range c.ops {
		b := quantize(c.nums[i])
		var ok bool
		switch op {
		case "=":
			ok = a == b
		case "<":
			ok = a < b
		case "<=":
			ok = a <= b
		case ">":
			ok = a > b
		case ">=":
			ok = a >= b
		}
		if !ok {
			return false
		}
	}
	return len(c.ops) > 0
}

func wildcardMatch(pattern, s string) bool {
	w, err := parseWildcard(pattern)
	return err == nil && w.match(s)
}

// cidrContains: "You can use the cidr operator to check whether an incoming
// message originates from a specific IP address or subnet" (String value
// matching). An IPv4 address written as IPv4-mapped IPv6 is the same
// address.
func cidrContains(network, s string) bool {
	prefix, err := netip.ParsePrefix(network)
	if err != nil {
		return false
	}
	addr, err := netip.ParseAddr(s)
	if err != nil || addr.Zone() != "" {
		return false
	}
	return prefix.Masked().Contains(addr.Unmap())
}
