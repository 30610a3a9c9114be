package model

import (
	"encoding/json"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ParseFilterPolicy reads a filter policy written in JSON, for example by
// hand or returned by GetSubscriptionAttributes, and checks it with the same
// rules as [FilterPolicy.Validate]. scope is the subscription's
// FilterPolicyScope; "" means MessageAttributes, as in SNS. snstest checks
// the policies given to Subscribe and SetSubscriptionAttributes with this
// function, so the fake refuses exactly what it refuses.
//
// The policy must be one JSON object whose keys map to arrays of values or,
// with scope MessageBody, to nested objects. "{}" is SNS's way of saying "no
// policy": it parses to the empty policy, which matches every message.
// Duplicate keys are rejected (a JSON decoder would silently keep one). A
// "$or" key is SNS's OR operator only when it holds an array of at least
// two objects none of which has a match operator as a key; otherwise SNS
// reads "$or" as an ordinary key, and so does this function.
//
// On success, [FilterPolicy.JSON] of the result is the canonical form of
// text: parsing that form again gives the same policy.
func ParseFilterPolicy(scope FilterScope, text string) (FilterPolicy, error) {
	const field = "FilterPolicy"
	if text == "" {
		return FilterPolicy{}, invalid(field, RuleRequired, "the policy is empty")
	}
	if len(text) > maxFilterPolicyBytes {
		return FilterPolicy{}, invalid(field, RuleMaxSize, "the policy is %d bytes; at most %d (256 KB)", len(text), maxFilterPolicyBytes)
	}
	if !utf8.ValidString(text) {
		return FilterPolicy{}, invalid(field, RuleCharset, "the policy is not valid UTF-8")
	}
	root, err := decodeJSONTree(text)
	if err != nil {
		return FilterPolicy{}, err
	}
	if root.kind != jsonObject {
		return FilterPolicy{}, invalid(field, RuleFormat, "a filter policy is a JSON object")
	}
	var c collector
	node := interpretObject(root, field, &c)
	if err := c.err(); err != nil {
		return FilterPolicy{}, err
	}
	p := FilterPolicy{scope: scope, root: node}
	if len(node.fields) == 0 && !node.hasOr {
		// "{}": no policy. Only the scope can still be wrong.
		if err := validateScope(scope); err != nil {
			return FilterPolicy{}, err
		}
		return FilterPolicy{scope: scope}, nil
	}
	if err := p.Validate(); err != nil {
		return FilterPolicy{}, err
	}
	return p, nil
}

// interpretObject turns a JSON object of the policy into a node, reporting
// shapes SNS rejects.
func interpretObject(obj *jsonNode, path string, c *collector) *policyNode {
	n := &policyNode{fields: make(map[string]policyField, len(obj.keys))}
	for i, key := range obj.keys {
		val := obj.elems[i]
		field := path + keyPath(key)
		if key == orKey && isOr(val) {
			n.hasOr = true
			n.or = make([]*policyNode, len(val.elems))
			for j, e := range val.elems {
				n.or[j] = interpretObject(e, field+"["+strconv.Itoa(j)+"]", c)
			}
			continue
		}
		if key != orKey {
			n.fields[key] = interpretField(val, field, c)
			continue
		}
		// "Otherwise "$or" is treated as a normal attribute name, the same
		// as other strings in the policy" (AND/OR logic). Such a value is
		// most often a broken OR, so its problems are reported as one.
		var inner collector
		n.fields[key] = interpretField(val, field, &inner)
		if inner.err() != nil {
			c.add(invalid(field, RuleFormat, `"$or" is SNS's OR only with an array of at least two objects, none with a match operator as key; `+
				`otherwise SNS reads it as a key named "$or", and this value is not one`))
		}
	}
	return n
}

// isOr applies the AND/OR logic page: SNS reads "$or" as OR when it holds an
// array of at least two objects and "none of the objects in the "$or" array
// have field names that are reserved keywords" (the page's example names
// numeric and prefix; we take every match operator).
func isOr(val *jsonNode) bool {
	if val.kind != jsonArray || len(val.elems) < 2 {
		return false
	}
	for _, e := range val.elems {
		if e.kind != jsonObject {
			return false
		}
		for _, k := range e.keys {
			if slices.Contains(filterOperators, k) {
				return false
			}
		}
	}
	return true
}

// interpretField reads the value of an ordinary key: a list of values or a
// nested object.
func interpretField(val *jsonNode, field string, c *collector) policyField {
	switch val.kind {
	case jsonArray:
		values := make([]filterValue, 0, len(val.elems))
		for j, e := range val.elems {
			values = append(values, interpretValue(e, field+"["+strconv.Itoa(j)+"]", c))
		}
		return policyField{values: values}
	case jsonObject:
		return policyField{nested: interpretObject(val, field, c)}
	}
	c.add(invalid(field, RuleFormat, "a key maps to an array of values, or (scope MessageBody) to an object"))
	return policyField{values: []filterValue{{kind: kindInvalid}}}
}

// interpretValue reads one entry of a key's value list.
func interpretValue(e *jsonNode, at string, c *collector) filterValue {
	switch e.kind {
	case jsonString:
		return filterValue{kind: kindString, str: e.text}
	case jsonNumber:
		return filterValue{kind: kindNumber, num: parsePolicyNumber(e.text)}
	case jsonBool:
		return filterValue{kind: kindBool, b: e.b}
	case jsonNull:
		return filterValue{kind: kindNull}
	case jsonArray:
		c.add(invalid(at, RuleFormat, "a value list holds strings, numbers, true, false, null or one-operator objects, not arrays"))
		return filterValue{kind: kindInvalid}
	}
	if len(e.keys) != 1 {
		c.add(invalid(at, RuleFormat, "a match expression is an object with exactly one operator"))
		return filterValue{kind: kindInvalid}
	}
	op, arg := e.keys[0], e.elems[0]
	at += keyPath(op)
	bad := func(reason string) filterValue {
		c.add(invalid(at, RuleFormat, reason))
		return filterValue{kind: kindInvalid}
	}
	switch op {
	case "prefix", "suffix", "equals-ignore-case", "wildcard", "cidr":
		if arg.kind != jsonString {
			return bad(op + " takes a string")
		}
		kind := map[string]valueKind{"prefix": kindPrefix, "suffix": kindSuffix, "equals-ignore-case": kindEqualsIgnoreCase,
			"wildcard": kindWildcard, "cidr": kindCIDR}[op]
		return filterValue{kind: kind, str: arg.text}
	case "exists":
		if arg.kind != jsonBool {
			return bad("exists takes true or false")
		}
		return filterValue{kind: kindExists, b: arg.b}
	case "numeric":
		return interpretNumeric(arg, bad)
	case "anything-but":
		return interpretAnythingBut(arg, bad)
	}
	return bad("unknown match operator " + strconv.Quote(shorten(op, 32)) +
		"; SNS knows " + strings.Join(filterOperators[:len(filterOperators)-1], ", ") + " and " + filterOperators[len(filterOperators)-1])
}

func interpretNumeric(arg *jsonNode, bad func(string) filterValue) filterValue {
	const shape = `numeric takes an operator and a number, or a lower and an upper bound: [">", 0, "<=", 150]`
	if arg.kind != jsonArray || (len(arg.elems) != 2 && len(arg.elems) != 4) {
		return bad(shape)
	}
	fv := filterValue{kind: kindNumeric}
	for i := 0; i < len(arg.elems); i += 2 {
		op, num := arg.elems[i], arg.elems[i+1]
		if op.kind != jsonString || num.kind != jsonNumber {
			return bad(shape)
		}
		fv.ops = append(fv.ops, op.text)
		fv.nums = append(fv.nums, parsePolicyNumber(num.text))
	}
	return fv
}

func interpretAnythingBut(arg *jsonNode, bad func(string) filterValue) filterValue {
	switch arg.kind {
	case jsonString:
		return filterValue{kind: kindAnythingBut, strs: []string{arg.text}}
	case jsonNumber:
		return filterValue{kind: kindAnythingBut, nums: []float64{parsePolicyNumber(arg.text)}}
	case jsonObject:
		// The string-value-matching page documents prefix, suffix and
		// wildcard inside anything-but, each with one string.
		const shape = `inside anything-but SNS takes {"prefix": "..."}, {"suffix": "..."} or {"wildcard": "..."}`
		if len(arg.keys) != 1 || arg.elems[0].kind != jsonString {
			return bad(shape)
		}
		for kind, op := range anythingButOperator {
			if op == arg.keys[0] {
				return filterValue{kind: kind, str: arg.elems[0].text}
			}
		}
		return bad(shape)
	case jsonArray:
		fv := filterValue{kind: kindAnythingBut, list: true}
		for _, e := range arg.elems {
			switch e.kind {
			case jsonString:
				fv.strs = append(fv.strs, e.text)
			case jsonNumber:
				fv.nums = append(fv.nums, parsePolicyNumber(e.text))
			default:
				return bad("an anything-but list holds strings or numbers")
			}
		}
		if len(fv.strs) > 0 && len(fv.nums) > 0 {
			return bad("an anything-but list holds only strings or only numbers")
		}
		return fv
	}
	return bad(`anything-but takes a string, a number, a list of them, or {"prefix"|"suffix"|"wildcard": "..."}`)
}

// parsePolicyNumber reads a JSON number. Out-of-range text parses to ±Inf,
// which validation then rejects with the range rule.
func parsePolicyNumber(text string) float64 {
	f, _ := strconv.ParseFloat(text, 64)
	return f
}

// jsonNode is a JSON value with object keys in order, so that duplicates can
// be caught: encoding/json's maps would silently keep the last one.
type jsonNode struct {
	kind  jsonKind
	text  string      // string value, or number literal
	b     bool        // boolean value
	keys  []string    // object keys, in order
	elems []*jsonNode // object values (parallel to keys) or array elements
}

type jsonKind uint8

const (
	jsonObject jsonKind = iota + 1
	jsonArray
	jsonString
	jsonNumber
	jsonBool
	jsonNull
)

// decodeJSONTree parses text as exactly one JSON value.
func decodeJSONTree(text string) (*jsonNode, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	root, err := readJSONValue(dec, "FilterPolicy", 0)
	if err != nil {
		return nil, err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, invalid("FilterPolicy", RuleFormat, "text follows the JSON object (near byte %d)", dec.InputOffset())
	}
	return root, nil
}

func readJSONValue(dec *json.Decoder, path string, depth int) (*jsonNode, error) {
	if depth > maxFilterDepth {
		return nil, invalid("FilterPolicy", RuleMaxCount, "the policy nests deeper than %d levels, beyond any policy within %d combinations", maxFilterDepth, maxFilterCombinations)
	}
	tok, err := dec.Token()
	if err != nil {
		// encoding/json's messages may quote the input; ours never do.
		return nil, invalid("FilterPolicy", RuleFormat, "not valid JSON (near byte %d)", dec.InputOffset())
	}
	switch t := tok.(type) {
	case json.Delim:
		switch t {
		case '{':
			n := &jsonNode{kind: jsonObject}
			seen := map[string]bool{}
			for dec.More() {
				kt, err := dec.Token()
				key, isKey := kt.(string)
				if err != nil || !isKey {
					return nil, invalid("FilterPolicy", RuleFormat, "not valid JSON (near byte %d)", dec.InputOffset())
				}
				if seen[key] {
					return nil, invalid(path+keyPath(key), RuleDuplicate, "the key appears twice in one object")
				}
				seen[key] = true
				v, err := readJSONValue(dec, path+keyPath(key), depth+1)
				if err != nil {
					return nil, err
				}
				n.keys = append(n.keys, key)
				n.elems = append(n.elems, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, invalid("FilterPolicy", RuleFormat, "not valid JSON (near byte %d)", dec.InputOffset())
			}
			return n, nil
		case '[':
			n := &jsonNode{kind: jsonArray}
			for i := 0; dec.More(); i++ {
				v, err := readJSONValue(dec, path+"["+strconv.Itoa(i)+"]", depth+1)
				if err != nil {
					return nil, err
				}
				n.elems = append(n.elems, v)
			}
			if _, err := dec.Token(); err != nil {
				return nil, invalid("FilterPolicy", RuleFormat, "not valid JSON (near byte %d)", dec.InputOffset())
			}
			return n, nil
		}
		return nil, invalid("FilterPolicy", RuleFormat, "not valid JSON (near byte %d)", dec.InputOffset())
	case string:
		return &jsonNode{kind: jsonString, text: t}, nil
	case json.Number:
		return &jsonNode{kind: jsonNumber, text: t.String()}, nil
	case bool:
		return &jsonNode{kind: jsonBool, b: t}, nil
	case nil:
		return &jsonNode{kind: jsonNull}, nil
	}
	return nil, invalid("FilterPolicy", RuleFormat, "not valid JSON (near byte %d)", dec.InputOffset())
}
