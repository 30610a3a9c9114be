package model

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Tags are cost-allocation and access-control tags on a topic, key to value.
type Tags map[string]string

// Tag limits (SNS TagResource API reference and "Amazon SNS tags"): up to
// 50 tags a resource, keys of 1 to 128 and values of up to 256 Unicode
// characters of letters, digits, spaces and _ . : / = + - @.
const (
	MaxTags        = 50
	maxTagKeyLen   = 128
	maxTagValueLen = 256
)

// Validate checks the count and each key and value.
func (t Tags) Validate() error {
	var c collector
	if len(t) > MaxTags {
		c.add(invalid("Tags", RuleMaxCount, "%d tags; at most %d", len(t), MaxTags))
	}
	for _, k := range sortedKeys(t) {
		c.add(ValidateTagKey(k))
		c.add(validateTagText(fmt.Sprintf("Tags[%q]", shorten(k, 64)), t[k], 0, maxTagValueLen))
	}
	return c.err()
}

// ValidateTagKey checks a tag key: 1 to 128 allowed characters, not starting
// with "aws:", which AWS reserves.
func ValidateTagKey(k string) error {
	field := fmt.Sprintf("Tags[%q].Key", shorten(k, 64))
	if hasPrefixFold(k, "aws:") {
		return invalid(field, RuleReserved, "tag keys starting with aws: are reserved by AWS")
	}
	return validateTagText(field, k, 1, maxTagKeyLen)
}

func validateTagText(field, s string, minLen, maxLen int) error {
	if !utf8.ValidString(s) {
		return invalid(field, RuleCharset, "not valid UTF-8")
	}
	n := utf8.RuneCountInString(s)
	if n < minLen {
		return invalid(field, RuleRequired, "must not be empty")
	}
	if n > maxLen {
		return invalid(field, RuleMaxLength, "%d characters; at most %d", n, maxLen)
	}
	for i, r := range s {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || strings.ContainsRune("_.:/=+-@", r)) {
			return invalid(field, RuleCharset, "character %q at offset %d; use letters, digits, spaces and _ . : / = + - @", r, i)
		}
	}
	return nil
}
