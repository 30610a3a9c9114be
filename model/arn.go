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
	if arn == "" {
		return TopicARN{}, invalid(field, RuleRequired, "a topic ARN is required")
	}
	// Cut rather than Split: this runs on every publish and should not
	// allocate.
	var parts [6]string
	rest := arn
	for i := range 5 {
		var found bool
		parts[i], rest, found = strings.Cut(rest, ":")
		if !found {
			return TopicARN{}, invalid(field, RuleFormat,
				"want arn:PARTITION:sns:REGION:ACCOUNT:TOPIC with six ':'-separated parts")
		}
	}
	parts[5] = rest
	if parts[0] != "arn" || strings.Contains(rest, ":") {
		return TopicARN{}, invalid(field, RuleFormat,
			"want arn:PARTITION:sns:REGION:ACCOUNT:TOPIC with six ':'-separated parts")
	}
	p := TopicARN{
		Partition: region.Partition(parts[1]),
		Region:    region.Region(parts[3]),
		AccountID: parts[4],
		Name:      parts[5],
	}
	if !validPartition(p.Partition) {
		return TopicARN{}, invalid(field, RuleFormat, "partition %q is not an AWS partition", truncate(parts[1], 32))
	}
	if parts[2] != "sns" {
		return TopicARN{}, invalid(field, RuleFormat, "service is %q; a topic ARN names service \"sns\"", truncate(parts[2], 32))
	}
	if err := p.Region.Validate(); err != nil {
		return TopicARN{}, invalid(field, RuleFormat, "region %q is not a region code", truncate(parts[3], 32))
	}
	if got := p.Region.Partition(); got != p.Partition {
		return TopicARN{}, invalid(field, RuleConflict, "region %s belongs to partition %q, not %q", p.Region, got, p.Partition)
	}
	if !isAccountID(p.AccountID) {
		return TopicARN{}, invalid(field, RuleFormat, "account must be 12 digits")
	}
	if err := ValidateTopicName(p.Name); err != nil {
		return TopicARN{}, invalid(field, RuleFormat, "topic name: %s", err.(*ValidationError).Reason)
	}
	return p, nil
}

// String returns the ARN text.
func (a TopicARN) String() string {
	return "arn:" + string(a.Partition) + ":sns:" + string(a.Region) + ":" + a.AccountID + ":" + a.Name
}

// FIFO reports whether the ARN names a FIFO topic.
func (a TopicARN) FIFO() bool { return strings.HasSuffix(a.Name, fifoSuffix) }

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

func validPartition(p region.Partition) bool {
	switch p {
	case region.PartitionAWS, region.PartitionChina, region.PartitionGovUS, region.PartitionEUSC,
		region.PartitionISO, region.PartitionISOB, region.PartitionISOE, region.PartitionISOF:
		return true
	}
	return false
}

func isAccountID(s string) bool {
	if len(s) != 12 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// truncate shortens s for an error message so a hostile input cannot make
// the message huge; it cuts at a rune boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
