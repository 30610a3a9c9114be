package snstest

import (
	"encoding/base64"
	"slices"
)

// pageSize is SNS's page: "Each call returns a limited list of ..., up to
// 100. If there are more ..., a NextToken is also returned."
const pageSize = 100

// page returns the keys after the one a NextToken names, up to a page, and
// the token for the next page ("" at the end). keys must be sorted; keying
// the token on the last key returned keeps paging right while items are
// added or deleted between calls.
func page(keys []string, token *string) ([]string, string, error) {
	return pageOf(keys, token, pageSize)
}

// pageOf is page with pages of size keys.
func pageOf(keys []string, token *string, size int) ([]string, string, error) {
	start := 0
	if token != nil && *token != "" {
		last, err := base64.RawURLEncoding.DecodeString(*token)
		if err != nil || len(last) == 0 {
			return nil, "", invalidParameter("Invalid parameter: NextToken")
		}
		start, _ = slices.BinarySearch(keys, string(last))
		if start < len(keys) && keys[start] == string(last) {
			start++
		}
	}
	end := min(start+size, len(keys))
	next := ""
	if end < len(keys) {
		next = base64.RawURLEncoding.EncodeToString([]byte(keys[end-1]))
	}
	return keys[start:end], next, nil
}
