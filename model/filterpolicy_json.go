package model

import (
	"bytes"
	"encoding/json"
	"math"
	"slices"
	"strconv"
)

// The JSON of a filter policy is written by hand so that it is canonical:
// compact, object keys sorted, numbers in their shortest decimal form, no
// HTML escaping. Parsing the output and writing it again gives the same
// bytes, which makes policies comparable and diffs readable.

func (n *policyNode) appendJSON(b []byte) []byte {
	keys := make([]string, 0, len(n.fields)+1)
	for k := range n.fields {
		keys = append(keys, k)
	}
	if n.hasOr {
		keys = append(keys, orKey)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, k)
		b = append(b, ':')
		if k == orKey && n.hasOr {
			b = append(b, '[')
			for j, alt := range n.or {
				if j > 0 {
					b = append(b, ',')
				}
				b = alt.appendJSON(b)
			}
			b = append(b, ']')
			continue
		}
		f := n.fields[k]
		if f.nested != nil {
			b = f.nested.appendJSON(b)
			continue
		}
		b = append(b, '[')
		for j, v := range f.values {
			if j > 0 {
				b = append(b, ',')
			}
			b = v.appendJSON(b)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func (v filterValue) appendJSON(b []byte) []byte {
	switch v.kind {
	case kindString:
		return appendJSONString(b, v.str)
	case kindNumber:
		return appendPolicyNumber(b, v.num)
	case kindBool:
		return strconv.AppendBool(b, v.b)
	case kindNull:
		return append(b, "null"...)
	case kindPrefix:
		return appendOperator(b, "prefix", v.str)
	case kindSuffix:
		return appendOperator(b, "suffix", v.str)
	case kindEqualsIgnoreCase:
		return appendOperator(b, "equals-ignore-case", v.str)
	case kindWildcard:
		return appendOperator(b, "wildcard", v.str)
	case kindCIDR:
		return appendOperator(b, "cidr", v.str)
	case kindExists:
		b = append(b, `{"exists":`...)
		return append(strconv.AppendBool(b, v.b), '}')
	case kindAnythingButPrefix, kindAnythingButSuffix, kindAnythingButWildcard:
		b = append(b, `{"anything-but":`...)
		return append(appendOperator(b, anythingButOperator[v.kind], v.str), '}')
	case kindAnythingBut:
		b = append(b, `{"anything-but":`...)
		if v.list {
			b = append(b, '[')
		}
		for i, s := range v.strs {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, s)
		}
		for i, n := range v.nums {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendPolicyNumber(b, n)
		}
		if v.list {
			b = append(b, ']')
		}
		return append(b, '}')
	case kindNumeric:
		b = append(b, `{"numeric":[`...)
		for i := range v.ops {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, v.ops[i])
			b = append(b, ',')
			b = appendPolicyNumber(b, v.nums[i])
		}
		return append(b, "]}"...)
	}
	// kindInvalid never reaches the encoder: validation rejects it first.
	return append(b, "null"...)
}

func appendOperator(b []byte, op, operand string) []byte {
	b = append(b, '{')
	b = appendJSONString(b, op)
	b = append(b, ':')
	b = appendJSONString(b, operand)
	return append(b, '}')
}

// appendJSONString quotes s as encoding/json does, without HTML escaping
// (filter values such as "<" stay readable).
func appendJSONString(b []byte, s string) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	return append(b, bytes.TrimSuffix(buf.Bytes(), []byte{'\n'})...)
}

// appendPolicyNumber writes n in its shortest plain decimal form. Validation
// keeps policy numbers within ±10^9 with at most 5 decimals, so no exponent
// is ever needed and the text parses back to the same float64.
func appendPolicyNumber(b []byte, n float64) []byte {
	if n == 0 || math.IsNaN(n) || math.IsInf(n, 0) {
		n = 0 // -0 reads as 0; NaN and Inf never pass validation
	}
	return strconv.AppendFloat(b, n, 'f', -1, 64)
}
