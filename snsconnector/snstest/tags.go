package snstest

import (
	"fmt"
	"maps"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
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
// returns the tags after adding them. Each tag is held to the model's rules
// (model.Tags: a key of 1 to 128 characters not starting with "aws:", a
// value of up to 256, the characters AWS's tags take), the count to its
// limit of 50 (TagLimitExceeded); a key given twice in one call is SNS's
// "Invalid parameter: Duplicated keys are not allowed.", which a map cannot
// hold.
func checkTags(tags []types.Tag, existing map[string]string) (map[string]string, error) {
	out := make(map[string]string, len(existing)+len(tags))
	maps.Copy(out, existing)
	seen := make(map[string]bool, len(tags))
	for _, t := range tags {
		k, v := aws.ToString(t.Key), aws.ToString(t.Value)
		if seen[k] {
			return nil, invalidParameter("Invalid parameter: Duplicated keys are not allowed.")
		}
		seen[k] = true
		if err := (model.Tags{k: v}).Validate(); err != nil {
			if p := problem(err); p.Rule != model.RuleReserved {
				return nil, invalidParameter("Invalid parameter: Tags Reason: %s", p.Reason)
			}
			return nil, invalidParameter("Invalid parameter: Tags Reason: the aws: prefix is reserved for AWS use")
		}
		out[k] = v
	}
	if len(out) > model.MaxTags {
		return nil, &types.TagLimitExceededException{Message: aws.String("Could not complete request: tag quota of per resource exceeded")}
	}
	return out, nil
}
