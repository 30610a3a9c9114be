package model

import (
	"math"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits of filter policies. Source: "Filter policy constraints in Amazon
// SNS" and "Amazon SNS subscription filter policies" in the SNS developer
// guide.
const (
	// "A filter policy can have a maximum of five keys." The current guide
	// counts only leaf keys of a nested (MessageBody) policy; the guide before
	// payload filtering said "only parent keys are counted". We follow the
	// newer text. It says nothing of "$or"; each alternative (with the keys
	// beside the "$or") is counted as a policy of its own, the reading that
	// never rejects a policy SNS accepts.
	maxFilterKeys = 5
	// "The total combination of values must not exceed 150": the product of
	// the number of values of each key. For a nested key the guide also
	// multiplies by its depth ("four values in a three-level nested key, and
	// three values in a two-level nested key: 3 x 4 x 2 x 3 = 72"); "$or"
	// adds up its alternatives. Tests run against SNS by LocalStack confirm
	// both (216 rejected; 152 rejected, 150 accepted with "$or").
	maxFilterCombinations = 150
	// "The maximum size of a filter policy is 256 KB."
	maxFilterPolicyBytes = 256 * 1024
	// "For numeric matching, the value can range from -10^9 to 10^9 with
	// five digits of accuracy after the decimal point." We reject more
	// decimals rather than let SNS match on a rounded value.
	maxFilterNumber   = 1e9
	maxFilterDecimals = 5
	// JSON nested deeper than this cannot fit the combination limit: a leaf
	// at depth d alone counts d combinations. The cap bounds the parser's
	// recursion on hostile input.
	maxFilterDepth = maxFilterCombinations + 8
)

// filterOperators are the keys SNS reads as match operators, sorted. The
// guide lets "$or" work only if no alternative uses one of them as a key.
var filterOperators = []string{"anything-but", "cidr", "equals-ignore-case", "exists", "numeric", "prefix", "suffix", "wildcard"}

// anythingButOperator names the operator inside {"anything-but": {...}}.
var anythingButOperator = map[valueKind]string{
	kindAnythingButPrefix:   "prefix",
	kindAnythingButSuffix:   "suffix",
	kindAnythingButWildcard: "wildcard",
}

func validateScope(scope FilterScope) error {
	switch scope {
	case "", FilterScopeMessageAttributes, FilterScopeMessageBody:
		return nil
	}
	return invalid("FilterPolicyScope", RuleFormat, "scope %q is neither %q nor %q",
		shorten(string(scope), 32), FilterScopeMessageAttributes, FilterScopeMessageBody)
}

// validated checks the whole policy and returns its JSON if it passes.
func (p FilterPolicy) validated() (string, error) {
	var c collector
	c.add(validateScope(p.scope))
	if p.root == nil {
		c.add(invalid("FilterPolicy", RuleRequired, "the policy has no keys; a subscription that should not filter has no filter policy"))
		return "", c.err()
	}
	v := policyValidator{scope: p.Scope(), c: &c}
	v.node(p.root, "FilterPolicy", false)
	combos, keys := p.root.shape(1)
	if combos > maxFilterCombinations {
		c.add(invalid("FilterPolicy", RuleMaxCount,
			"the policy has more than %d combinations of values (values of each key multiplied, nested keys also by their depth, $or alternatives added)",
			maxFilterCombinations))
	}
	if keys > maxFilterKeys {
		c.add(invalid("FilterPolicy", RuleMaxCount, "%d keys must match at once; at most %d", keys, maxFilterKeys))
	}
	if points := p.root.wildcardComplexity(); points > maxWildcardComplexity {
		c.add(invalid("FilterPolicy", RuleMaxCount, "the wildcard patterns cost %d complexity points; SNS allows %d", points, maxWildcardComplexity))
	}
	if err := c.err(); err != nil {
		return "", err
	}
	js := p.root.appendJSON(nil)
	if len(js) > maxFilterPolicyBytes {
		return "", invalid("FilterPolicy", RuleMaxSize, "the policy is %d bytes; at most %d (256 KB)", len(js), maxFilterPolicyBytes)
	}
	return string(js), nil
}

type policyValidator struct {
	scope FilterScope
	c     *collector
}

// node checks one object of the policy; path names it, alternative says it
// is an element of "$or".
func (v policyValidator) node(n *policyNode, path string, alternative bool) {
	reported := make(map[string]bool, len(n.problems))
	for _, pr := range n.problems {
		v.c.add(invalid(path+keyPath(pr.key), pr.rule, pr.reason))
		reported[pr.key] = true
	}
	keys := make([]string, 0, len(n.fields))
	for k := range n.fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		field := path + keyPath(k)
		if !utf8.ValidString(k) {
			v.c.add(invalid(field, RuleCharset, "the key is not valid UTF-8"))
		}
		if alternative && slices.Contains(filterOperators, k) {
			v.c.add(invalid(field, RuleReserved, "%q is a match operator: SNS does not read \"$or\" as OR when an alternative has it as a key", k))
		}
		f := n.fields[k]
		if v.scope == FilterScopeMessageAttributes && f.nested == nil && !reported[k] {
			v.attributeKey(k, field)
		}
		if f.nested != nil {
			if v.scope != FilterScopeMessageBody {
				v.c.add(invalid(field, RuleForbidden, "only policies of scope MessageBody may nest objects"))
			}
			if len(f.nested.fields) == 0 && !f.nested.hasOr {
				v.c.add(invalid(field, RuleRequired, "a nested object needs at least one key"))
			}
			v.node(f.nested, field, false)
			continue
		}
		v.values(f.values, field)
	}
	if n.hasOr {
		for i, alt := range n.or {
			altPath := path + keyPath(orKey) + "[" + strconv.Itoa(i) + "]"
			if len(alt.fields) == 0 && !alt.hasOr {
				v.c.add(invalid(altPath, RuleRequired, "an alternative needs at least one key"))
			}
			v.node(alt, altPath, true)
		}
	}
}

// attributeKey checks a key of a MessageAttributes policy, which names a
// message attribute: a key no attribute can have would match nothing (or,
// under "exists": false, everything), which is never what was meant. Keys
// already reported while building (empty, "$or") or as invalid UTF-8 are
// not reported twice.
func (v policyValidator) attributeKey(k, field string) {
	if !utf8.ValidString(k) {
		return
	}
	if err := ValidateAttributeName(k); err != nil {
		ve := err.(*ValidationError)
		v.c.add(invalid(field, ve.Rule, "with scope MessageAttributes a key is a message attribute name: %s", ve.Reason))
	}
}

// values checks the value list of one key.
func (v policyValidator) values(values []filterValue, field string) {
	if len(values) == 0 {
		v.c.add(invalid(field, RuleRequired, "the list of values is empty; SNS rejects empty arrays"))
		return
	}
	seen := make(map[string]bool, len(values))
	var existsTrue, existsFalse bool
	for i, fv := range values {
		at := field + "[" + strconv.Itoa(i) + "]"
		v.value(fv, at)
		if fv.kind == kindInvalid {
			continue
		}
		enc := string(fv.appendJSON(nil))
		if seen[enc] {
			v.c.add(invalid(at, RuleDuplicate, "the same condition is listed twice; it adds a combination and matches nothing more"))
		}
		seen[enc] = true
		if fv.kind == kindExists {
			existsTrue = existsTrue || fv.b
			existsFalse = existsFalse || !fv.b
		}
	}
	if existsTrue && existsFalse {
		v.c.add(invalid(field, RuleConflict, `"exists": true and "exists": false together match every message; drop the key instead`))
	}
}

// value checks one entry of a value list.
func (v policyValidator) value(fv filterValue, at string) {
	switch fv.kind {
	case kindString:
		v.text(fv.str, at)
	case kindEqualsIgnoreCase:
		v.text(fv.str, at+keyPath("equals-ignore-case"))
	case kindNumber:
		v.number(fv.num, at)
	case kindPrefix:
		v.affix(fv.str, at+keyPath("prefix"), "an empty prefix matches every string; use Exists")
	case kindSuffix:
		v.affix(fv.str, at+keyPath("suffix"), "an empty suffix matches every string; use Exists")
	case kindWildcard:
		v.wildcard(fv.str, at+keyPath("wildcard"))
	case kindAnythingButPrefix:
		v.affix(fv.str, at+keyPath("anything-but")+keyPath("prefix"), "an empty prefix excludes every string")
	case kindAnythingButSuffix:
		v.affix(fv.str, at+keyPath("anything-but")+keyPath("suffix"), "an empty suffix excludes every string")
	case kindAnythingButWildcard:
		v.wildcard(fv.str, at+keyPath("anything-but")+keyPath("wildcard"))
	case kindAnythingBut:
		v.anythingBut(fv, at+keyPath("anything-but"))
	case kindNumeric:
		v.numeric(fv, at+keyPath("numeric"))
	case kindCIDR:
		if _, err := netip.ParsePrefix(fv.str); err != nil {
			v.c.add(invalid(at+keyPath("cidr"), RuleFormat, "not an IP network in CIDR notation (address/prefix-length, IPv4 or IPv6)"))
		}
	case kindInvalid:
		v.c.add(invalid(at, fv.rule, fv.reason))
	}
}

func (v policyValidator) text(s, at string) {
	if !utf8.ValidString(s) {
		v.c.add(invalid(at, RuleCharset, "the value is not valid UTF-8; SNS requires the policy to be UTF-8"))
	}
}

func (v policyValidator) affix(s, at, emptyReason string) {
	if s == "" {
		v.c.add(invalid(at, RuleRequired, emptyReason))
		return
	}
	v.text(s, at)
}

func (v policyValidator) wildcard(pattern, at string) {
	if !utf8.ValidString(pattern) {
		v.c.add(invalid(at, RuleCharset, "the pattern is not valid UTF-8; SNS requires the policy to be UTF-8"))
		return
	}
	if _, err := parseWildcard(pattern); err != nil {
		v.c.add(invalid(at, RuleFormat, "%s", err.Error()))
	}
}

func (v policyValidator) anythingBut(fv filterValue, at string) {
	n := len(fv.strs) + len(fv.nums)
	if n == 0 {
		v.c.add(invalid(at, RuleRequired, "anything-but needs at least one value"))
		return
	}
	elem := func(i int) string {
		if fv.list {
			return at + "[" + strconv.Itoa(i) + "]"
		}
		return at
	}
	seen := make(map[string]bool, n)
	for i, s := range fv.strs {
		v.text(s, elem(i))
		if seen[s] {
			v.c.add(invalid(elem(i), RuleDuplicate, "the value is listed twice"))
		}
		seen[s] = true
	}
	for i, x := range fv.nums {
		v.number(x, elem(i))
		k := string(appendPolicyNumber(nil, x))
		if seen[k] {
			v.c.add(invalid(elem(i), RuleDuplicate, "the value is listed twice"))
		}
		seen[k] = true
	}
}

func (v policyValidator) numeric(fv filterValue, at string) {
	if len(fv.ops) == 0 || len(fv.ops) > 2 || len(fv.ops) != len(fv.nums) {
		v.c.add(invalid(at, RuleFormat, `numeric takes an operator and a number, or a lower and an upper bound: [">", 0, "<=", 150]`))
		return
	}
	for i, op := range fv.ops {
		if !slices.Contains([]string{"=", "<", "<=", ">", ">="}, op) {
			v.c.add(invalid(at, RuleFormat, "operator %d is not one of =, <, <=, >, >=", i+1))
			return
		}
		v.number(fv.nums[i], at)
	}
	if len(fv.ops) == 2 {
		if (fv.ops[0] != ">" && fv.ops[0] != ">=") || (fv.ops[1] != "<" && fv.ops[1] != "<=") {
			v.c.add(invalid(at, RuleFormat, "a numeric range is a lower bound (> or >=) followed by an upper bound (< or <=)"))
			return
		}
		if !(fv.nums[0] < fv.nums[1]) {
			v.c.add(invalid(at, RuleConflict, "the lower bound must be less than the upper bound"))
		}
	}
}

// number applies SNS's numeric limits to a number of the policy.
func (v policyValidator) number(x float64, at string) {
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		v.c.add(invalid(at, RuleRange, "not a finite number"))
	case math.Abs(x) > maxFilterNumber:
		v.c.add(invalid(at, RuleRange, "numbers in a filter policy range from -1,000,000,000 to 1,000,000,000"))
	case decimals(x) > maxFilterDecimals:
		v.c.add(invalid(at, RuleRange, "SNS matches numbers to %d digits after the decimal point; this one has more", maxFilterDecimals))
	}
}

// decimals returns the digits after the decimal point in x's shortest form.
func decimals(x float64) int {
	s := strconv.FormatFloat(math.Abs(x), 'f', -1, 64)
	if i := strings.IndexByte(s, '.'); i >= 0 {
		return len(s) - i - 1
	}
	return 0
}

// shape returns the policy's combination count (capped just above the
// limit) and the most leaf keys any one alternative requires at once.
func (n *policyNode) shape(depth int) (combos, keys int) {
	combos = 1
	for _, f := range n.fields {
		if f.nested != nil {
			c, k := f.nested.shape(depth + 1)
			combos = capMul(combos, c)
			keys += k
			continue
		}
		combos = capMul(combos, capMul(max(len(f.values), 1), depth))
		keys++
	}
	if n.hasOr {
		sum, most := 0, 0
		for _, alt := range n.or {
			c, k := alt.shape(depth)
			sum = min(sum+c, maxFilterCombinations+1)
			most = max(most, k)
		}
		combos = capMul(combos, max(sum, 1))
		keys += most
	}
	return combos, keys
}

// capMul multiplies positive counts, saturating just above the limit so
// that no policy can overflow the count.
func capMul(a, b int) int {
	const limit = maxFilterCombinations + 1
	a, b = min(a, limit), min(b, limit)
	return min(a*b, limit)
}

// keyPath renders one step of a field path: ["key"].
func keyPath(key string) string {
	return "[" + strconv.Quote(shorten(key, 64)) + "]"
}
