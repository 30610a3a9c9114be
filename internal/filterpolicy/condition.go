package filterpolicy

import (
	"math"
	"net/netip"
	"strings"
)

// op is the kind of one condition of a policy.
type op uint8

const (
	opEqual            op = iota // "x", 12, true, null: exact match
	opPrefix                     // {"prefix": "x"}
	opSuffix                     // {"suffix": "x"}
	opEqualsIgnoreCase           // {"equals-ignore-case": "x"}
	opNumeric                    // {"numeric": [">", 0, "<=", 5]}
	opCIDR                       // {"cidr": "10.0.0.0/24"}
	opExists                     // {"exists": true}
	opAnythingBut                // {"anything-but": ...}
)

// condition is one element of a key's array of values.
type condition struct {
	op     op
	v      value        // opEqual
	s      string       // opPrefix, opSuffix, opEqualsIgnoreCase
	cmps   []comparison // opNumeric
	prefix netip.Prefix // opCIDR
	exists bool         // opExists
	// but lists what anything-but excludes: each is an opEqual, opPrefix,
	// opSuffix or opEqualsIgnoreCase condition.
	but []condition
}

// comparison is one operator of a numeric condition.
type comparison struct {
	op string // "=", "<", "<=", ">", ">="
	n  float64
}

// match reports whether the condition holds for the values found at its key.
// present says the key exists; anyKeys says the message has at least one.
func (c condition) match(vals []value, present, anyKeys bool) bool {
	switch c.op {
	case opExists:
		if c.exists {
			// "The key must have a non-null, non-empty value" (Key matching).
			return present && hasNonNull(vals)
		}
		// "exists": false "only matches if there's at least one attribute.
		// An empty set of attributes results in the filter not matching."
		return !present && anyKeys
	case opAnythingBut:
		// For arrays, anything-but "matches if none of the array elements
		// are listed". It never matches a missing key: the guide pairs it
		// with "exists": false for that.
		if len(vals) == 0 {
			return false
		}
		for _, v := range vals {
			for _, b := range c.but {
				if b.matchValue(v) {
					return false
				}
			}
		}
		return true
	}
	for _, v := range vals {
		if c.matchValue(v) {
			return true
		}
	}
	return false
}

func hasNonNull(vals []value) bool {
	for _, v := range vals {
		if v.kind != kindNull {
			return true
		}
	}
	return false
}

// matchValue reports whether a single value satisfies a value condition.
// Types never mix: a string condition matches strings, a number condition
// numbers ("Numeric value matching" applies to Number attributes and JSON
// numbers), so "100" and 100 are different values.
func (c condition) matchValue(v value) bool {
	switch c.op {
	case opEqual:
		if v.kind != c.v.kind {
			return false
		}
		switch v.kind {
		case kindString:
			return v.s == c.v.s
		case kindNumber:
			return sameNumber(v.n, c.v.n)
		case kindBool:
			return v.b == c.v.b
		}
		return true // null equals null
	case opPrefix:
		return v.kind == kindString && strings.HasPrefix(v.s, c.s)
	case opSuffix:
		return v.kind == kindString && strings.HasSuffix(v.s, c.s)
	case opEqualsIgnoreCase:
		return v.kind == kindString && strings.EqualFold(v.s, c.s)
	case opNumeric:
		if v.kind != kindNumber {
			return false
		}
		for _, cmp := range c.cmps {
			if !cmp.holds(v.n) {
				return false
			}
		}
		return true
	case opCIDR:
		if v.kind != kindString {
			return false
		}
		addr, err := netip.ParseAddr(v.s)
		return err == nil && c.prefix.Contains(addr.Unmap())
	}
	return false
}

// numberScale reflects "five digits of accuracy after the decimal point":
// numbers that agree to five decimals are equal.
const numberScale = 1e5

func quantize(n float64) float64 { return math.Round(n*numberScale) / numberScale }

func sameNumber(a, b float64) bool { return quantize(a) == quantize(b) }

func (cmp comparison) holds(n float64) bool {
	a, b := quantize(n), quantize(cmp.n)
	switch cmp.op {
	case "=":
		return a == b
	case "<":
		return a < b
	case "<=":
		return a <= b
	case ">":
		return a > b
	case ">=":
		return a >= b
	}
	return false
}
