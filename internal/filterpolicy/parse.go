package filterpolicy

import (
	"encoding/json"
	"math"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Parse validates a filter policy for the given scope and compiles it. It
// returns an *Error for a policy SNS refuses. An empty string or "{}" is a
// policy without keys, which matches every message.
//
// The checks are those of "Filter policy constraints in Amazon SNS": a JSON
// object of at most 256 KB; keys whose values are non-empty arrays of
// strings, numbers, true, false, null or one-operator objects; nesting only
// for the MessageBody scope; at most five keys and 150 combinations.
func Parse(policy string, scope Scope) (*Policy, error) {
	switch scope {
	case "":
		scope = ScopeAttributes
	case ScopeAttributes, ScopeBody:
	default:
		return nil, errorf("FilterPolicyScope: Invalid value [%s]. Please use either MessageBody or MessageAttributes", clip(string(scope)))
	}
	if len(policy) > MaxBytes {
		return nil, errorf("Filter policy is too long")
	}
	if strings.TrimSpace(policy) == "" {
		return &Policy{scope: scope, alternatives: [][]rule{{}}}, nil
	}
	d := json.NewDecoder(strings.NewReader(policy))
	d.UseNumber()
	var root any
	if err := d.Decode(&root); err != nil || d.More() {
		return nil, errorf("failed to parse JSON.")
	}
	obj, ok := root.(map[string]any)
	if !ok {
		return nil, errorf("Filter policy must be a JSON object")
	}
	c := compiler{scope: scope}
	alts, err := c.object(obj, "", 1)
	if err != nil {
		return nil, err
	}
	combinations := 0
	for _, alt := range alts {
		keys := map[string]bool{}
		product := 1
		for _, r := range alt {
			keys[r.key] = true
			product *= len(r.conds) * r.depth
			if product > MaxCombinations {
				break
			}
		}
		if len(keys) > MaxKeys {
			return nil, errorf("Filter policy can not have more than %d keys", MaxKeys)
		}
		combinations += product
		if combinations > MaxCombinations {
			return nil, errorf("Filter policy is too complex")
		}
	}
	return &Policy{scope: scope, alternatives: alts}, nil
}

type compiler struct {
	scope Scope
}

// object compiles one JSON object of the policy into alternatives: each
// "$or" multiplies the alternatives found so far by its own.
func (c compiler) object(obj map[string]any, prefix string, depth int) ([][]rule, error) {
	alts := [][]rule{{}}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys) // deterministic errors and rule order
	for _, k := range keys {
		v := obj[k]
		var add [][]rule
		switch {
		case k == "$or":
			arr, ok := v.([]any)
			if !ok || len(arr) == 0 {
				return nil, errorf(`"$or" must be a non-empty array of objects`)
			}
			for _, e := range arr {
				sub, ok := e.(map[string]any)
				if !ok {
					return nil, errorf(`"$or" must be a non-empty array of objects`)
				}
				subAlts, err := c.object(sub, prefix, depth)
				if err != nil {
					return nil, err
				}
				add = append(add, subAlts...)
			}
		default:
			path := join(prefix, k)
			switch x := v.(type) {
			case map[string]any:
				if c.scope == ScopeAttributes {
					return nil, errorf("Filter policy scope MessageAttributes does not support nested filter policy")
				}
				sub, err := c.object(x, path, depth+1)
				if err != nil {
					return nil, err
				}
				add = sub
			case []any:
				conds, err := c.conditions(x, path)
				if err != nil {
					return nil, err
				}
				add = [][]rule{{{key: path, depth: depth, conds: conds}}}
			default:
				return nil, errorf(`"%s" must be an object or an array`, clip(path))
			}
		}
		alts = cross(alts, add)
		if len(alts) > MaxCombinations {
			// Each alternative counts at least one combination.
			return nil, errorf("Filter policy is too complex")
		}
	}
	return alts, nil
}

// cross returns every alternative of a joined with every alternative of b.
func cross(a, b [][]rule) [][]rule {
	out := make([][]rule, 0, len(a)*len(b))
	for _, x := range a {
		for _, y := range b {
			out = append(out, append(slices.Clip(x), y...))
		}
	}
	return out
}

// conditions compiles the array of values of one key.
func (c compiler) conditions(arr []any, path string) ([]condition, error) {
	if len(arr) == 0 {
		return nil, errorf("Empty arrays are not allowed")
	}
	conds := make([]condition, 0, len(arr))
	for _, e := range arr {
		cond, err := c.condition(e, path)
		if err != nil {
			return nil, err
		}
		conds = append(conds, cond)
	}
	return conds, nil
}

func (c compiler) condition(e any, path string) (condition, error) {
	if v, ok := scalar(e); ok {
		if v.kind == kindNumber && math.IsInf(v.n, 0) {
			return condition{}, errorf("Match value must be a finite number")
		}
		return condition{op: opEqual, v: v}, nil
	}
	obj, ok := e.(map[string]any)
	if !ok {
		return condition{}, errorf("Match value must be String, number, true, false, or null")
	}
	name, arg, ok := only(obj)
	if !ok {
		return condition{}, errorf("Only one key allowed in match expression")
	}
	switch name {
	case "prefix", "suffix", "equals-ignore-case":
		s, ok := arg.(string)
		if !ok {
			return condition{}, errorf("%s match pattern must be a string", name)
		}
		return condition{op: stringOp(name), s: s}, nil
	case "exists":
		b, ok := arg.(bool)
		if !ok {
			return condition{}, errorf("exists match pattern must be either true or false.")
		}
		return condition{op: opExists, exists: b}, nil
	case "numeric":
		return numeric(arg)
	case "cidr":
		return cidr(arg)
	case "anything-but":
		return anythingBut(arg)
	}
	return condition{}, errorf("Unrecognized match type %s", clip(name))
}

// only returns the single entry of an operator object.
func only(obj map[string]any) (string, any, bool) {
	if len(obj) != 1 {
		return "", nil, false
	}
	for k, v := range obj {
		return k, v, true
	}
	return "", nil, false
}

func stringOp(name string) op {
	switch name {
	case "prefix":
		return opPrefix
	case "suffix":
		return opSuffix
	}
	return opEqualsIgnoreCase
}

// numeric compiles [op, n] or a range [">" or ">=", lo, "<" or "<=", hi].
func numeric(arg any) (condition, error) {
	arr, ok := arg.([]any)
	bad := errorf("Value of numeric must be an array of operators and numbers")
	if !ok || (len(arr) != 2 && len(arr) != 4) {
		return condition{}, bad
	}
	cmps := make([]comparison, 0, 2)
	for i := 0; i < len(arr); i += 2 {
		opText, ok := arr[i].(string)
		if !ok {
			return condition{}, bad
		}
		num, ok := arr[i+1].(json.Number)
		if !ok {
			return condition{}, errorf("Value of %s must be numeric", clip(opText))
		}
		n, err := strconv.ParseFloat(string(num), 64)
		if err != nil {
			return condition{}, errorf("Value of %s must be numeric", clip(opText))
		}
		switch opText {
		case "=", "<", "<=", ">", ">=":
		default:
			return condition{}, errorf("Unrecognized numeric range operator: %s", clip(opText))
		}
		cmps = append(cmps, comparison{op: opText, n: n})
	}
	if len(cmps) == 2 {
		lo, hi := cmps[0], cmps[1]
		if (lo.op != ">" && lo.op != ">=") || (hi.op != "<" && hi.op != "<=") {
			return condition{}, errorf("Too many elements in numeric expression")
		}
		if lo.n >= hi.n {
			return condition{}, errorf("Bottom must be less than top")
		}
	}
	return condition{op: opNumeric, cmps: cmps}, nil
}

func cidr(arg any) (condition, error) {
	s, ok := arg.(string)
	if !ok {
		return condition{}, errorf("Malformed CIDR, one '/' required")
	}
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return condition{}, errorf("Malformed CIDR, one '/' required")
	}
	return condition{op: opCIDR, prefix: p.Masked()}, nil
}

// anythingBut compiles "anything-but": a value, a non-empty list of strings
// or numbers, or an object with one of prefix, suffix or equals-ignore-case
// (the last may list several strings).
func anythingBut(arg any) (condition, error) {
	c := condition{op: opAnythingBut}
	switch x := arg.(type) {
	case string, json.Number:
		v, _ := scalar(x)
		c.but = []condition{{op: opEqual, v: v}}
	case []any:
		if len(x) == 0 {
			return condition{}, errorf("Empty arrays are not allowed")
		}
		for _, e := range x {
			v, ok := scalar(e)
			if !ok || (v.kind != kindString && v.kind != kindNumber) {
				return condition{}, errorf("Inside anything but list, start|null|boolean is not supported.")
			}
			c.but = append(c.but, condition{op: opEqual, v: v})
		}
	case map[string]any:
		name, inner, ok := only(x)
		if !ok {
			return condition{}, errorf("Only one key allowed in match expression")
		}
		switch name {
		case "prefix", "suffix":
			s, ok := inner.(string)
			if !ok {
				return condition{}, errorf("%s match pattern must be a string", name)
			}
			c.but = []condition{{op: stringOp(name), s: s}}
		case "equals-ignore-case":
			switch y := inner.(type) {
			case string:
				c.but = []condition{{op: opEqualsIgnoreCase, s: y}}
			case []any:
				if len(y) == 0 {
					return condition{}, errorf("Empty arrays are not allowed")
				}
				for _, e := range y {
					s, ok := e.(string)
					if !ok {
						return condition{}, errorf("Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.")
					}
					c.but = append(c.but, condition{op: opEqualsIgnoreCase, s: s})
				}
			default:
				return condition{}, errorf("equals-ignore-case match pattern must be a string")
			}
		default:
			return condition{}, errorf("Unsupported anything-but pattern: %s", clip(name))
		}
	default:
		return condition{}, errorf("Value of anything-but must be an array or single string/number value.")
	}
	return c, nil
}

// clip shortens text quoted from a policy in an error message.
func clip(s string) string {
	n := 64
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
