package model

import (
	"strings"

	"github.com/go-sns/connector/region"
)

// TopicARN is a parsed Amazon SNS topic ARN:
// arn:PARTITION:sns:REGION:ACCOUNT:NAME.
type TopicARN struct {
	Partition region.Partition // "aws", "aws-cn", "aws-us-gov", ...
	Region    region.Region
	AccountID string // 12 digits
	Name      string // the topic name, ".fifo" suffix included
}

// ParseTopicARN parses an SNS topic ARN of any partition. FIFO topic ARNs
// (ending in ".fifo") are accepted. A subscription ARN (a topic ARN followed by
// ":" and an id) is rejected: it names a subscription, not a topic.
func ParseTopicARN(arn string) (TopicARN, error) {
	const field = "Topic.ARN"
	if arn != "" && !strings.HasPrefix(arn, "arn:") && ValidateTopicName(arn) == nil {
		// The first mistake of many: a name where the ARN belongs.
		return TopicARN{}, invalid(field, RuleFormat, "a topic name, not an ARN: snsconnector's Client.ResolveTopic(ctx, region, name) returns its ARN (model.NewTopicARN builds one from an account ID)")
	}
	a, err := parseResourceARN(field, arn, "sns", true)
	if err != nil {
		return TopicARN{}, err
	}
	if strings.Contains(a.resource, ":") {
		return TopicARN{}, invalid(field, RuleFormat, "a topic ARN has six ':'-separated parts; seven is a subscription ARN")
	}
	if err := ValidateTopicName(a.resource); err != nil {
		return TopicARN{}, invalid(field, RuleFormat, "topic name: %s", err.(*ValidationError).Reason)
	}
	return TopicARN{Partition: a.partition, Region: a.region, AccountID: a.account, Name: a.resource}, nil
}

// String returns the ARN text.
func (a TopicARN) String() string {
	return "arn:" + string(a.Partition) + ":sns:" + string(a.Region) + ":" + a.AccountID + ":" + a.Name
}

// FIFO reports whether the ARN names a FIFO topic.
func (a TopicARN) FIFO() bool { return strings.HasSuffix(a.Name, fifoSuffix) }

// ValidateRegion checks that the topic is in region r: a call made in r
// acts only on r's topics ("You can publish messages only to topics and
// endpoints in the same AWS Region", Publish API reference), so SNS would
// refuse the call, or not find the topic, after a round trip.
func (a TopicARN) ValidateRegion(r region.Region) error {
	return checkRegion("Topic.ARN", a.Partition, a.Region, r)
}

// NewTopicARN builds the ARN of the topic called name in the account and
// region, validating each part. It lets a service configured with a topic
// name address the topic without listing topics.
func NewTopicARN(r region.Region, accountID, name string) (TopicARN, error) {
	a := TopicARN{Partition: r.Partition(), Region: r, AccountID: accountID, Name: name}
	if _, err := ParseTopicARN(a.String()); err != nil {
		return TopicARN{}, err
	}
	return a, nil
}

// checkRegion is the rule of every call that names both a region and an
// ARN: the ARN's partition and region must be the call's. It is kept apart
// from any ARN parser, so it holds whichever one produced the parts. The
// reason names regions and partitions only, never the ARN.
func checkRegion(field string, partition region.Partition, in, r region.Region) error {
	switch {
	case partition != r.Partition():
		return invalid(field, RuleConflict, "the ARN is of partition %q, and the call goes to region %s of partition %q; a region reaches only its own partition's resources", partition, r, r.Partition())
	case in != r:
		return invalid(field, RuleConflict, "the ARN is of region %s, and the call goes to region %s; SNS acts only on resources of the region it is called in", in, r)
	}
	return nil
}
