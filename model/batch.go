package model

// MaxBatchEntries is the most messages one SNS PublishBatch request may
// carry. A batch publish of more messages is split into several requests.
const MaxBatchEntries = 10

// BatchResult is the outcome of one message of a batch publish: either SNS
// accepted it (MessageID is set, Err is nil) or it was not published and Err
// says why. A message is never left without one or the other.
type BatchResult struct {
	// MessageID is the ID SNS assigned to the accepted message.
	MessageID string
	// SequenceNumber is set for FIFO topics by SNS: it grows within a
	// message group.
	SequenceNumber string
	// Err is nil when the message was accepted. Otherwise it is the reason:
	// a *ValidationError when the message was refused before sending, the
	// failure SNS reported for the entry, the request's failure, or why the
	// message was held back unsent (an earlier message of its FIFO group
	// failed; the context ended).
	Err error
}

// OK reports whether SNS accepted the message.
func (r BatchResult) OK() bool { return r.Err == nil && r.MessageID != "" }

// PublishBatchResponse is the outcome of a batch publish: one result per
// message, in the order the messages were given.
type PublishBatchResponse struct {
	Results []BatchResult
}

// Failed returns how many messages were not published.
func (r *PublishBatchResponse) Failed() int {
	n := 0
	for _, res := range r.Results {
		if !res.OK() {
			n++
		}
	}
	return n
}
