package model

import (
	"net/netip"
	"slices"
	"strings"
)

// Condition is one or more values a key of a [FilterPolicy] may match; build
// it with the functions below. The conditions given to one key are
// alternatives: a message matches if any of them does.
//
// Problems with a condition (no values, a number out of range) are reported
// when the policy is validated, with the key and position they concern.
type Condition struct {
	values []filterValue
}

// valueKind is the kind of one entry of a key's value list.
type valueKind uint8

const (
	kindString              valueKind = iota + 1 // "red": exact string
	kindNumber                                   // 42: exact number
	kindBool                                     // true, false
	kindNull                                     // null
	kindPrefix                                   // {"prefix": "bl"}
	kindSuffix                                   // {"suffix": "ue"}
	kindEqualsIgnoreCase                         // {"equals-ignore-case": "Red"}
	kindWildcard                                 // {"wildcard": "*.png"}
	kindAnythingBut                              // {"anything-but": "red"}, {"anything-but": [1, 2]}
	kindAnythingButPrefix                        // {"anything-but": {"prefix": "order-"}}
	kindAnythingButSuffix                        // {"anything-but": {"suffix": "-cancelled"}}
	kindAnythingButWildcard                      // {"anything-but": {"wildcard": "*/lib/*"}}
	kindNumeric                                  // {"numeric": [">", 0, "<=", 150]}
	kindExists                                   // {"exists": true}
	kindCIDR                                     // {"cidr": "10.0.0.0/24"}
	kindInvalid                                  // a condition that cannot be built; carries its problem
)

// filterValue is one entry of a key's value list.
type filterValue struct {
	kind valueKind
	str  string    // string operand
	num  float64   // number operand
	b    bool      // kindBool, kindExists
	strs []string  // kindAnythingBut over strings
	nums []float64 // kindAnythingBut over numbers; kindNumeric operands
	ops  []string  // kindNumeric operators, one per operand
	list bool      // kindAnythingBut written as a list, even of one value

	rule   Rule // kindInvalid: what is wrong
	reason string
}

// NumericOperator compares a number attribute or property with a value in
// [NumberCompare] and [NumberRange].
type NumericOperator string

// The comparisons SNS supports.
const (
	Equal              NumericOperator = "="
	LessThan           NumericOperator = "<"
	LessThanOrEqual    NumericOperator = "<="
	GreaterThan        NumericOperator = ">"
	GreaterThanOrEqual NumericOperator = ">="
)

func invalidCondition(rule Rule, reason string) Condition {
	return Condition{values: []filterValue{{kind: kindInvalid, rule: rule, reason: reason}}}
}

// Exists matches when the message has the key with a value that is neither
// null nor empty (Mendix: "attribute exists"). JSON: {"exists": true}.
func Exists() Condition {
	return Condition{values: []filterValue{{kind: kindExists, b: true}}}
}

// NotExists matches when the message lacks the key but has at least one
// other: SNS never matches it against a message without attributes. SNS
// lets it stand beside an anything-but condition on the same key, to match
// "anything but these values, or absent". JSON: {"exists": false}.
func NotExists() Condition {
	return Condition{values: []filterValue{{kind: kindExists, b: false}}}
}

// StringEquals matches a string equal to any of values, case-sensitively
// (Mendix: "string equals" and "string in list"). Each value counts as one
// combination toward SNS's limit of 150. JSON: "a", "b".
func StringEquals(values ...string) Condition {
	if len(values) == 0 {
		return invalidCondition(RuleRequired, "StringEquals needs at least one value")
	}
	c := Condition{values: make([]filterValue, len(values))}
	for i, v := range values {
		c.values[i] = filterValue{kind: kindString, str: v}
	}
	return c
}

// StringPrefix matches a string that starts with prefix (Mendix: "string
// prefix"). JSON: {"prefix": "bl"}.
func StringPrefix(prefix string) Condition {
	return Condition{values: []filterValue{{kind: kindPrefix, str: prefix}}}
}

// StringSuffix matches a string that ends with suffix. JSON: {"suffix": "ue"}.
func StringSuffix(suffix string) Condition {
	return Condition{values: []filterValue{{kind: kindSuffix, str: suffix}}}
}

// StringEqualsIgnoreCase matches a string equal to s when case is ignored.
// JSON: {"equals-ignore-case": "Red"}.
func StringEqualsIgnoreCase(s string) Condition {
	return Condition{values: []filterValue{{kind: kindEqualsIgnoreCase, str: s}}}
}

// StringWildcard matches a string that the pattern matches, where '*'
// stands for any run of characters, possibly empty: "*.png", "log*check".
// Write \* for a literal asterisk and \\ for a backslash. SNS allows at most
// three '*' in a pattern, never two in a row, and bounds the wildcard
// complexity of a whole policy; validation applies those limits.
// JSON: {"wildcard": "*.png"}.
func StringWildcard(pattern string) Condition {
	return Condition{values: []filterValue{{kind: kindWildcard, str: pattern}}}
}

// StringAnythingBut matches a value equal to none of values (Mendix:
// "string anything-but" with one value, "anything-but list" with several).
// A missing key does not match; add [NotExists] for that.
// JSON: {"anything-but": "a"} or {"anything-but": ["a", "b"]}.
func StringAnythingBut(values ...string) Condition {
	if len(values) == 0 {
		return invalidCondition(RuleRequired, "StringAnythingBut needs at least one value")
	}
	return Condition{values: []filterValue{{kind: kindAnythingBut, strs: slices.Clone(values), list: len(values) > 1}}}
}

// StringAnythingButPrefix matches a value that is not a string starting with
// prefix. JSON: {"anything-but": {"prefix": "order-"}}.
func StringAnythingButPrefix(prefix string) Condition {
	return Condition{values: []filterValue{{kind: kindAnythingButPrefix, str: prefix}}}
}

// StringAnythingButSuffix matches a value that is not a string ending with
// suffix. JSON: {"anything-but": {"suffix": "-cancelled"}}.
func StringAnythingButSuffix(suffix string) Condition {
	return Condition{values: []filterValue{{kind: kindAnythingButSuffix, str: suffix}}}
}

// StringAnythingButWildcard matches a value that is not a string the
// pattern matches; patterns are written as for [StringWildcard].
// JSON: {"anything-but": {"wildcard": "*/lib/*"}}.
func StringAnythingButWildcard(pattern string) Condition {
	return Condition{values: []filterValue{{kind: kindAnythingButWildcard, str: pattern}}}
}

// NumberEquals matches a number equal to n (Mendix: "number equals").
// JSON: {"numeric": ["=", 301.5]}.
func NumberEquals(n float64) Condition {
	return NumberCompare(Equal, n)
}

// NumberCompare matches a number that compares with n as op says (Mendix:
// "number compare"): NumberCompare(GreaterThanOrEqual, 100) is
// {"numeric": [">=", 100]}.
func NumberCompare(op NumericOperator, n float64) Condition {
	return Condition{values: []filterValue{{kind: kindNumeric, ops: []string{string(op)}, nums: []float64{n}}}}
}

// NumberBetween matches a number from low to high, both included (Mendix:
// "number range"). JSON: {"numeric": [">=", low, "<=", high]}. Use
// [NumberRange] to exclude an end.
func NumberBetween(low, high float64) Condition {
	return NumberRange(GreaterThanOrEqual, low, LessThanOrEqual, high)
}

// NumberRange matches a number above low and below high, where lowOp is
// [GreaterThan] or [GreaterThanOrEqual] and highOp is [LessThan] or
// [LessThanOrEqual]; low must be less than high. NumberRange(GreaterThan, 0,
// LessThanOrEqual, 150) is {"numeric": [">", 0, "<=", 150]}.
func NumberRange(lowOp NumericOperator, low float64, highOp NumericOperator, high float64) Condition {
	return Condition{values: []filterValue{{
		kind: kindNumeric,
		ops:  []string{string(lowOp), string(highOp)},
		nums: []float64{low, high},
	}}}
}

// NumberAnythingBut matches a value equal to none of values (Mendix: "number
// anything-but" and "anything-but list"), numbers compared to five decimals.
// JSON: {"anything-but": 100} or {"anything-but": [100, 500]}.
func NumberAnythingBut(values ...float64) Condition {
	if len(values) == 0 {
		return invalidCondition(RuleRequired, "NumberAnythingBut needs at least one value")
	}
	return Condition{values: []filterValue{{kind: kindAnythingBut, nums: slices.Clone(values), list: len(values) > 1}}}
}

// IPAddressIn matches a string holding an IP address inside any of the
// networks given in CIDR notation, IPv4 or IPv6 (Mendix: "source IP
// address"). A bare address stands for itself: "192.0.2.7" is written as
// "192.0.2.7/32", since SNS requires the prefix length. The key is whatever
// attribute or property carries the address. JSON: {"cidr": "10.0.0.0/24"}.
func IPAddressIn(networks ...string) Condition {
	if len(networks) == 0 {
		return invalidCondition(RuleRequired, "IPAddressIn needs at least one network")
	}
	c := Condition{values: make([]filterValue, len(networks))}
	for i, n := range networks {
		if !strings.Contains(n, "/") {
			if a, err := netip.ParseAddr(n); err == nil && a.Zone() == "" {
				n = netip.PrefixFrom(a, a.BitLen()).String()
			}
		}
		c.values[i] = filterValue{kind: kindCIDR, str: n}
	}
	return c
}

// BoolEquals matches the JSON boolean b, for MessageBody policies
// (message attributes are never booleans). JSON: true or false.
func BoolEquals(b bool) Condition {
	return Condition{values: []filterValue{{kind: kindBool, b: b}}}
}

// IsNull matches a property that is JSON null. JSON: null.
func IsNull() Condition {
	return Condition{values: []filterValue{{kind: kindNull}}}
}
