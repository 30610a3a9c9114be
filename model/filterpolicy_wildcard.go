package model

import (
	"errors"
	"fmt"
	"strings"
)

// SNS's limits on wildcard patterns. The guide's filter pages do not state
// them; they are as a lab run against SNS reports them
// (chaosreload.github.io/aws-hands-on-lab, "SNS message filtering
// operators", 2026): at most three '*' in a pattern; a pattern with one '*'
// costs 1 point and one with more costs 3 per '*'; a key costs the sum of
// its patterns' points times the number of its patterns; the keys of a
// policy together may cost at most 100.
const (
	maxWildcardStars      = 3
	maxWildcardComplexity = 100
)

// wildcardPattern is a parsed wildcard: the literal runs between the
// unescaped '*'. A pattern without '*' has one segment.
type wildcardPattern struct {
	segments []string
}

// parseWildcard reads a wildcard as SNS does (Event Ruler's wildcard
// parser): '*' matches any run of characters, "\*" is a literal asterisk,
// "\\" a backslash, and any other backslash is an error, as are two '*' in
// a row.
func parseWildcard(p string) (wildcardPattern, error) {
	var w wildcardPattern
	var seg strings.Builder
	for i := 0; i < len(p); i++ {
		switch c := p[i]; c {
		case '*':
			if i+1 < len(p) && p[i+1] == '*' {
				return wildcardPattern{}, fmt.Errorf("two '*' in a row at byte %d; one matches any run of characters already", i)
			}
			w.segments = append(w.segments, seg.String())
			seg.Reset()
		case '\\':
			if i+1 < len(p) && (p[i+1] == '*' || p[i+1] == '\\') {
				seg.WriteByte(p[i+1])
				i++
				continue
			}
			return wildcardPattern{}, fmt.Errorf(`backslash at byte %d escapes nothing; write \* for an asterisk and \\ for a backslash`, i)
		default:
			seg.WriteByte(c)
		}
	}
	w.segments = append(w.segments, seg.String())
	if stars := len(w.segments) - 1; stars > maxWildcardStars {
		return wildcardPattern{}, errors.New("more than three '*'; SNS allows at most three in a pattern")
	}
	return w, nil
}

// match reports whether s matches the whole pattern. The first segment
// must start s and the last end it; the ones between are found left to
// right, which is exact for patterns whose only operator is '*'.
func (w wildcardPattern) match(s string) bool {
	if len(w.segments) == 1 {
		return s == w.segments[0]
	}
	first, last := w.segments[0], w.segments[len(w.segments)-1]
	if len(s) < len(first)+len(last) || !strings.HasPrefix(s, first) || !strings.HasSuffix(s, last) {
		return false
	}
	rest := s[len(first) : len(s)-len(last)]
	for _, seg := range w.segments[1 : len(w.segments)-1] {
		i := strings.Index(rest, seg)
		if i < 0 {
			return false
		}
		rest = rest[i+len(seg):]
	}
	return true
}

// wildcardPoints is what one pattern costs toward the policy's wildcard
// complexity.
func wildcardPoints(pattern string) int {
	w, err := parseWildcard(pattern)
	if err != nil {
		return 0 // reported on its own
	}
	switch stars := len(w.segments) - 1; stars {
	case 0, 1:
		return stars
	default:
		return 3 * stars
	}
}

// wildcardComplexity adds up the wildcard cost of every key of the policy,
// in every alternative.
func (n *policyNode) wildcardComplexity() int {
	total := 0
	for _, f := range n.fields {
		if f.nested != nil {
			total += f.nested.wildcardComplexity()
			continue
		}
		points, patterns := 0, 0
		for _, v := range f.values {
			if v.kind == kindWildcard || v.kind == kindAnythingButWildcard {
				points += wildcardPoints(v.str)
				patterns++
			}
		}
		total += points * patterns
	}
	for _, alt := range n.or {
		total += alt.wildcardComplexity()
	}
	return total
}
