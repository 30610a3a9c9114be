package model

// PublishRequest is a message and the topic it goes to.
type PublishRequest struct {
	Topic   Topic
	Message Message
}

// Validate checks the request under [DefaultLimits]: the topic ARN, the
// message, and the FIFO rules that tie them together.
func (r PublishRequest) Validate() error { return r.ValidateWith(DefaultLimits) }

// ValidateWith checks the request under the given limits. Every problem
// found is reported, joined.
func (r PublishRequest) ValidateWith(limits Limits) error {
	var c collector
	c.add(r.Topic.Validate())
	c.add(r.Message.ValidateWith(limits))
	if r.Topic.ARN != "" {
		c.add(validateFIFORules(r.Topic.FIFO(), r.Message))
	}
	return c.err()
}

// validateFIFORules: a FIFO topic needs a group ID; a standard topic takes
// no deduplication ID. Whether a FIFO topic needs a deduplication ID depends
// on its content-based deduplication setting, which only SNS knows.
//
// A standard topic does accept a group ID: since 2025 SNS forwards it to SQS
// standard queues, where it activates fair queueing (Publish API reference,
// MessageGroupId). Older documents call it forbidden; the API no longer does.
func validateFIFORules(fifo bool, m Message) error {
	if fifo && m.GroupID == "" {
		return invalid("Message.GroupID", RuleRequired, "a FIFO topic needs a message group ID")
	}
	if !fifo && m.DeduplicationID != "" {
		return invalid("Message.DeduplicationID", RuleForbidden, "a standard topic takes no deduplication ID (FIFO topic names end in .fifo)")
	}
	return nil
}

// PublishResponse is what SNS returns for a published message.
type PublishResponse struct {
	// MessageID is the ID SNS assigned to the message.
	MessageID string
	// SequenceNumber is set for FIFO topics: a 128-bit number, as text,
	// that grows within a message group.
	SequenceNumber string
}

// ListTopicsResponse holds the topics of an account in a region.
type ListTopicsResponse struct {
	Topics []Topic
}
