package snstest

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
)

// tagsRequired mirrors the SDK's check that every tag has a Key and a Value.
func tagsRequired(tags []types.Tag) *required {
	list := newRequired("TagList")
	for i, t := range tags {
		r := newRequired("Tag").check("Key", t.Key != nil).check("Value", t.Value != nil)
		list.nested(fmt.Sprintf("[%d]", i), r)
	}
	if list.params.Len() == 0 {
		return nil
	}
	return list
}

// checkTags validates tags to add to a topic that has existing ones and
// returns the tags after adding them. The rules are the Tag data type's
// (key 1 to 128 characters, value 0 to 256), AWS's reserved "aws:" prefix,
// SNS's "Invalid parameter: Duplicated keys are not allowed." and its limit
// of 50 tags a topic (TagLimitExceeded).
func checkTags(tags []types.Tag, existing map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(existing)+len(tags))
	for k, v := range existing {
		out[k] = v
	}
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		k, v := aws.ToString(t.Key), aws.ToString(t.Value)
		if seen[k] {
			return nil, invalidParameter("Invalid parameter: Duplicated keys are not allowed.")
		}
		seen[k] = true
		if n := utf8.RuneCountInString(k); n < 1 || n > maxTagKey {
			return nil, invalidParameter("Invalid parameter: Tags Reason: a tag key must be 1 to %d characters", maxTagKey)
		}
		if utf8.RuneCountInString(v) > maxTagValue {
			return nil, invalidParameter("Invalid parameter: Tags Reason: a tag value must be at most %d characters", maxTagValue)
		}
		if len(k) >= 4 && strings.EqualFold(k[:4], "aws:") {
			return nil, invalidParameter("Invalid parameter: Tags Reason: the aws: prefix is reserved for AWS use")
		}
		out[k] = v
	}
	if len(out) > maxTags {
		return nil, &types.TagLimitExceededException{Message: aws.String("Could not complete request: tag quota of per resource exceeded")}
	}
	return out, nil
}
