package filterpolicy

import (
	"encoding/json"
	"strconv"
	"strings"
)

// kind is the JSON type of a value a policy can compare.
type kind uint8

const (
	kindString kind = iota
	kindNumber
	kindBool
	kindNull
)

// value is one comparable value found in a message.
type value struct {
	kind kind
	s    string
	n    float64
	b    bool
}

// message is what a policy reads from one message: the values at each key
// (a String.Array attribute or a body array gives several), and how many
// keys the message has, which "exists": false needs.
type message struct {
	values map[string][]value
	keys   int
}

// attributeValues turns message attributes into comparable values.
//
// "Amazon SNS compares policy properties only to message attributes that
// have the following data types: String, String.Array, Number" (Filter
// policy constraints): Binary attributes are left out entirely. A custom
// label ("Number.float") does not change how a value compares.
func attributeValues(attrs map[string]Attribute) message {
	m := message{values: make(map[string][]value, len(attrs))}
	for name, a := range attrs {
		switch {
		case hasBase(a.DataType, "String.Array"):
			m.values[name] = arrayValues(a.Value)
		case hasBase(a.DataType, "String"):
			m.values[name] = []value{{kind: kindString, s: a.Value}}
		case hasBase(a.DataType, "Number"):
			// A Number that does not parse is present but compares to nothing.
			var vals []value
			if n, ok := parseDecimal(a.Value); ok {
				vals = []value{{kind: kindNumber, n: n}}
			}
			m.values[name] = vals
		default:
			continue
		}
		m.keys++
	}
	return m
}

// hasBase reports whether dataType is base or base with a custom label.
func hasBase(dataType, base string) bool {
	return dataType == base || strings.HasPrefix(dataType, base+".")
}

// arrayValues reads a String.Array value: "For String.Array type attributes,
// each element in the array is treated as a separate string for matching"
// (numbers, true, false and null elements keep their JSON type). A value
// that is not a JSON array yields none.
func arrayValues(s string) []value {
	var elems []any
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	if err := d.Decode(&elems); err != nil {
		return nil
	}
	vals := make([]value, 0, len(elems))
	for _, e := range elems {
		if v, ok := scalar(e); ok {
			vals = append(vals, v)
		}
	}
	return vals
}

// bodyValues flattens a JSON object body into dotted key paths. Arrays
// contribute each element at the array's own path, so a policy key matches
// if any element does. ok is false when the body is not a JSON object.
//
// SNS treats a dotted policy key and nested objects alike ({"a.b": ...}
// matches {"a": {"b": ...}}), which LocalStack's tests recorded against SNS
// show; flattening both sides to dotted paths gives exactly that.
func bodyValues(body string) (message, bool) {
	d := json.NewDecoder(strings.NewReader(body))
	d.UseNumber()
	var root any
	if err := d.Decode(&root); err != nil {
		return message{}, false
	}
	if d.More() { // trailing data after the object
		return message{}, false
	}
	obj, ok := root.(map[string]any)
	if !ok {
		return message{}, false
	}
	m := message{values: map[string][]value{}}
	flatten("", obj, m.values)
	m.keys = len(m.values)
	return m, true
}

func flatten(path string, v any, out map[string][]value) {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			flatten(join(path, k), e, out)
		}
	case []any:
		for _, e := range x {
			flatten(path, e, out)
		}
	default:
		if sv, ok := scalar(x); ok {
			out[path] = append(out[path], sv)
		}
	}
}

func join(prefix, key string) string {
	if prefix == "" {
		return key
	}
	return prefix + "." + key
}

// scalar converts a decoded JSON scalar (decoded with UseNumber).
func scalar(v any) (value, bool) {
	switch x := v.(type) {
	case string:
		return value{kind: kindString, s: x}, true
	case json.Number:
		n, err := strconv.ParseFloat(string(x), 64)
		if err != nil { // out of float64 range
			return value{}, false
		}
		return value{kind: kindNumber, n: n}, true
	case bool:
		return value{kind: kindBool, b: x}, true
	case nil:
		return value{kind: kindNull}, true
	}
	return value{}, false
}

// parseDecimal reads a Number attribute: an optionally signed decimal with
// optional fraction and exponent. strconv.ParseFloat alone would also take
// "Inf", "NaN" and hex floats, which SNS does not.
func parseDecimal(s string) (float64, bool) {
	t := strings.TrimLeft(s, "+-")
	if len(s)-len(t) > 1 || t == "" {
		return 0, false
	}
	digits := 0
	for i := 0; i < len(t); i++ {
		c := t[i]
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' || c == 'e' || c == 'E' || ((c == '+' || c == '-') && i > 0 && (t[i-1] == 'e' || t[i-1] == 'E')):
		default:
			return 0, false
		}
	}
	if digits == 0 || t[0] == 'e' || t[0] == 'E' {
		return 0, false
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}
