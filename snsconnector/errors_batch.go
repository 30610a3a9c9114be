package snsconnector

import (
	"errors"
	"fmt"
	"strings"

	"github.com/aws/smithy-go"
)

// BatchError reports the messages of a batch publish that failed. It is the
// cause inside the *Error that [Client.PublishBatch], [Publisher.Flush] and
// [Publisher.Close] return when any message failed, so a failure cannot go
// unnoticed even by a caller who does not read every result. errors.Is and
// errors.As see each failure: errors.Is(err, model.ErrInvalid) asks whether
// any message was invalid.
type BatchError struct {
	// Total is the number of messages the call handled.
	Total int
	// Errs holds the error of each failed message, in input order (for a
	// Publisher, in the order they were published). The per-message results
	// say which message each belongs to.
	Errs []error
}

func (e *BatchError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d messages failed", len(e.Errs), e.Total)
	const shown = 3
	for i, err := range e.Errs {
		if i == shown {
			fmt.Fprintf(&b, "; and %d more", len(e.Errs)-shown)
			break
		}
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(err.Error())
	}
	return b.String()
}

// Unwrap returns the failures, for errors.Is and errors.As.
func (e *BatchError) Unwrap() []error { return e.Errs }

// EntryError is SNS's refusal of one message in a PublishBatch request that
// otherwise succeeded (an entry of the response's Failed list). It satisfies
// smithy.APIError, so [ErrorCode] returns its code.
type EntryError struct {
	// Code is SNS's error code: "InvalidParameter", "InternalError",
	// "KMSThrottling", ...
	Code string
	// SenderFault is true when SNS blames the request (it will fail again
	// unchanged) and false for a failure on SNS's side.
	SenderFault bool
	// Message is SNS's explanation.
	Message string
	// Attempts is how many times the message was sent: more than 1 when
	// the code was retryable and the entry was retried.
	Attempts int
}

func (e *EntryError) Error() string {
	var b strings.Builder
	b.WriteString("SNS refused the entry: ")
	b.WriteString(e.Code)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.Attempts)
	}
	return b.String()
}

// ErrorCode returns Code (smithy.APIError).
func (e *EntryError) ErrorCode() string { return e.Code }

// ErrorMessage returns Message (smithy.APIError).
func (e *EntryError) ErrorMessage() string { return e.Message }

// ErrorFault says whose fault the failure was (smithy.APIError).
func (e *EntryError) ErrorFault() smithy.ErrorFault {
	if e.SenderFault {
		return smithy.FaultClient
	}
	return smithy.FaultServer
}

// Retryable reports whether sending the entry again may succeed: SNS
// blamed itself, or the code is one of throttling or a transient internal
// failure. Entries are retried with backoff before their result is
// reported; see [Client.PublishBatch].
func (e *EntryError) Retryable() bool {
	return !e.SenderFault || retryableEntryCodes[e.Code]
}

// retryableEntryCodes are the codes of transient failures, from the SNS API
// reference (InternalError, KMSThrottling, Throttled) and the throttling
// codes AWS's query protocol uses. SenderFault=false covers the rest.
var retryableEntryCodes = map[string]bool{
	"InternalError":            true,
	"InternalFailure":          true,
	"ServiceUnavailable":       true,
	"RequestTimeout":           true,
	"KMSThrottling":            true,
	"Throttled":                true,
	"Throttling":               true,
	"ThrottlingException":      true,
	"ThrottledException":       true,
	"RequestThrottled":         true,
	"TooManyRequestsException": true,
}

var _ smithy.APIError = (*EntryError)(nil)

// ErrGroupPaused is matched (errors.Is) by the error of a message to a FIFO
// topic that was not sent because an earlier message of its group failed:
// sending it would have broken the group's order.
var ErrGroupPaused = errors.New("not sent: an earlier message of its FIFO message group failed")

// GroupPausedError is the error of a message held back to keep its FIFO
// group's order. Cause is the failure of the earlier message. It matches
// [ErrGroupPaused]; it does not unwrap to Cause, which belongs to another
// message.
type GroupPausedError struct {
	GroupID string
	Cause   error
}

func (e *GroupPausedError) Error() string {
	return fmt.Sprintf("not sent: an earlier message of FIFO message group %q failed (%v)", e.GroupID, e.Cause)
}

// Is reports whether target is ErrGroupPaused.
func (e *GroupPausedError) Is(target error) bool { return target == ErrGroupPaused }

// ErrPublisherClosed is the error of a message published after
// [Publisher.Close].
var ErrPublisherClosed = errors.New("the publisher is closed")

// ErrFlowControlLimit is the error of a message refused because the
// publisher already holds its maximum of outstanding messages or bytes and
// its LimitExceededBehavior is FlowControlError.
var ErrFlowControlLimit = errors.New("flow control: too many outstanding messages or bytes")

// notSent wraps the reason a message never went out (a context that ended
// first, say). It matches errNotSent.
func notSent(err error) error { return fmt.Errorf("%w: %w", errNotSent, err) }

var errNotSent = errors.New("not sent")

var errNoEntryResult = errors.New("SNS returned no result for the entry; it may or may not have been published")
