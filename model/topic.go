package model

import (
	"strings"
)

const (
	fifoSuffix      = ".fifo"
	maxTopicNameLen = 256
)

// Topic is an Amazon SNS topic: its ARN, which identifies it, and its name.
type Topic struct {
	ARN  string
	Name string
}

// TopicFromARN returns the topic the ARN names, with Name taken from the ARN.
func TopicFromARN(arn string) (Topic, error) {
	a, err := ParseTopicARN(arn)
	if err != nil {
		return Topic{}, err
	}
	return Topic{ARN: arn, Name: a.Name}, nil
}

// FIFO reports whether the topic is a FIFO topic, judged by the ".fifo"
// suffix SNS requires of FIFO topic names.
func (t Topic) FIFO() bool {
	if t.ARN != "" {
		return strings.HasSuffix(t.ARN, fifoSuffix)
	}
	return strings.HasSuffix(t.Name, fifoSuffix)
}

// Validate checks that the topic has a well-formed ARN and, when Name is set
// too, that it agrees with the ARN.
func (t Topic) Validate() error {
	a, err := ParseTopicARN(t.ARN)
	if err != nil {
		return err
	}
	if t.Name != "" && t.Name != a.Name {
		return invalid("Topic.Name", RuleConflict, "name %q does not match the ARN's topic name %q", shorten(t.Name, 64), a.Name)
	}
	return nil
}

// ValidateTopicName checks a topic name against SNS's rules: 1 to 256
// characters of ASCII letters, digits, '_' and '-', where a FIFO topic's name
// ends in ".fifo" (the suffix counts toward the 256).
func ValidateTopicName(name string) error {
	const field = "Topic.Name"
	if name == "" {
		return invalid(field, RuleRequired, "a topic name is required")
	}
	if len(name) > maxTopicNameLen {
		return invalid(field, RuleMaxLength, "%d characters; at most %d", len(name), maxTopicNameLen)
	}
	base := strings.TrimSuffix(name, fifoSuffix)
	if base == "" {
		return invalid(field, RuleFormat, "%q has nothing before the .fifo suffix", name)
	}
	for i, r := range base {
		if r >= 0x80 || !(alnum(byte(r)) || r == '_' || r == '-') {
			return invalid(field, RuleCharset, "character %q at offset %d; only letters, digits, '_' and '-' (and a final .fifo) are allowed", r, i)
		}
	}
	return nil
}
