package snsconnector

import (
	"cmp"
	"fmt"
	"time"

	"github.com/go-sns/connector/model"
)

// PublishSettings tune a [Publisher]: how messages are gathered into
// PublishBatch requests, how many requests run at once, and how many
// messages may wait. A zero field takes its value from
// [DefaultPublishSettings].
type PublishSettings struct {
	// DelayThreshold is how long a message may wait for others to share
	// its request. A request goes when it is full (CountThreshold,
	// ByteThreshold) or its first message has waited this long, counted on
	// a FIFO topic from when its group has no request in flight.
	DelayThreshold time.Duration
	// CountThreshold is the most messages in one request: 1 to 10 (SNS's
	// maximum).
	CountThreshold int
	// ByteThreshold is the most payload bytes in one request: body plus
	// attribute names, types and values of its messages, as SNS counts a
	// batch. Default, and maximum: the client's payload limit (256 KiB
	// unless WithLimits says otherwise).
	ByteThreshold int
	// MaxConcurrentRequests bounds the PublishBatch requests in flight.
	MaxConcurrentRequests int
	// Timeout bounds each request, the SDK's retries and the retries of
	// refused entries included.
	Timeout time.Duration
	// FlowControl bounds the messages published and not yet resolved.
	FlowControl FlowControlSettings
}

// FlowControlSettings bound the messages a [Publisher] holds: published
// and not yet resolved (accepted or failed). They keep a burst of Publish
// calls from outrunning SNS and exhausting memory.
type FlowControlSettings struct {
	// MaxOutstandingMessages is the most messages outstanding at once.
	MaxOutstandingMessages int
	// MaxOutstandingBytes is the most payload bytes outstanding at once; at
	// least the client's payload limit, so any valid message fits.
	MaxOutstandingBytes int
	// LimitExceededBehavior says what Publish does when a message would
	// exceed a limit.
	LimitExceededBehavior LimitExceededBehavior
}

// LimitExceededBehavior is what [Publisher.Publish] does when flow control
// limits are reached.
type LimitExceededBehavior int

const (
	// FlowControlBlock makes Publish wait until enough outstanding messages
	// resolve, or its context ends (the result then fails with the
	// context's error). The default.
	FlowControlBlock LimitExceededBehavior = iota
	// FlowControlError fails the message at once with ErrFlowControlLimit.
	FlowControlError
	// FlowControlIgnore applies no limit: memory grows with the backlog.
	FlowControlIgnore
)

// String returns the behavior's name: "Block", "Error" or "Ignore".
func (b LimitExceededBehavior) String() string {
	switch b {
	case FlowControlBlock:
		return "Block"
	case FlowControlError:
		return "Error"
	case FlowControlIgnore:
		return "Ignore"
	}
	return fmt.Sprintf("LimitExceededBehavior(%d)", int(b))
}

// DefaultPublishSettings are the settings a zero field of PublishSettings
// takes.
//
//   - DelayThreshold 5ms: a quiet service's message waits at most that long
//     for company; under load requests fill up long before.
//   - CountThreshold 10 and ByteThreshold 0 (the client's payload limit):
//     requests as full as SNS allows, the fewest requests per message.
//   - MaxConcurrentRequests 16: enough requests in flight to hide the
//     round trip; more only adds connections (the SDK keeps 10 idle ones
//     per host).
//   - Timeout 60s per request.
//   - FlowControl: at most 1,000 messages and 64 MiB outstanding, then
//     Publish blocks.
var DefaultPublishSettings = PublishSettings{
	DelayThreshold:        5 * time.Millisecond,
	CountThreshold:        model.MaxBatchEntries,
	ByteThreshold:         0,
	MaxConcurrentRequests: 16,
	Timeout:               60 * time.Second,
	FlowControl: FlowControlSettings{
		MaxOutstandingMessages: 1000,
		MaxOutstandingBytes:    64 << 20,
		LimitExceededBehavior:  FlowControlBlock,
	},
}

// resolve fills zero fields from the defaults and checks the result
// against SNS's limits and the client's payload limit.
func (s PublishSettings) resolve(payloadLimit int) (PublishSettings, error) {
	d, fc := DefaultPublishSettings, &s.FlowControl
	s.DelayThreshold = cmp.Or(s.DelayThreshold, d.DelayThreshold)
	s.CountThreshold = cmp.Or(s.CountThreshold, d.CountThreshold)
	s.ByteThreshold = cmp.Or(s.ByteThreshold, d.ByteThreshold, payloadLimit)
	s.MaxConcurrentRequests = cmp.Or(s.MaxConcurrentRequests, d.MaxConcurrentRequests)
	s.Timeout = cmp.Or(s.Timeout, d.Timeout)
	fc.MaxOutstandingMessages = cmp.Or(fc.MaxOutstandingMessages, d.FlowControl.MaxOutstandingMessages)
	fc.MaxOutstandingBytes = cmp.Or(fc.MaxOutstandingBytes, max(d.FlowControl.MaxOutstandingBytes, payloadLimit))
	switch {
	case s.DelayThreshold < 0:
		return s, fmt.Errorf("snsconnector: DelayThreshold is %v; want a positive duration (0 for the default)", s.DelayThreshold)
	case s.CountThreshold < 0 || s.CountThreshold > model.MaxBatchEntries:
		return s, fmt.Errorf("snsconnector: CountThreshold is %d; want 1 to %d (SNS's most entries a request)", s.CountThreshold, model.MaxBatchEntries)
	case s.ByteThreshold < 0 || s.ByteThreshold > payloadLimit:
		return s, fmt.Errorf("snsconnector: ByteThreshold is %d; want 1 to %d (the payload limit, which SNS applies to a whole batch)", s.ByteThreshold, payloadLimit)
	case s.MaxConcurrentRequests < 0:
		return s, fmt.Errorf("snsconnector: MaxConcurrentRequests is %d; want 1 or more", s.MaxConcurrentRequests)
	case s.Timeout < 0:
		return s, fmt.Errorf("snsconnector: Timeout is %v; want a positive duration", s.Timeout)
	case fc.LimitExceededBehavior < FlowControlBlock || fc.LimitExceededBehavior > FlowControlIgnore:
		return s, fmt.Errorf("snsconnector: LimitExceededBehavior is %v; want FlowControlBlock, FlowControlError or FlowControlIgnore", fc.LimitExceededBehavior)
	case fc.LimitExceededBehavior == FlowControlIgnore:
		return s, nil
	case fc.MaxOutstandingMessages < 0:
		return s, fmt.Errorf("snsconnector: MaxOutstandingMessages is %d; want 1 or more", fc.MaxOutstandingMessages)
	case fc.MaxOutstandingBytes < payloadLimit:
		return s, fmt.Errorf("snsconnector: MaxOutstandingBytes is %d; want at least the payload limit, %d, so that any valid message fits", fc.MaxOutstandingBytes, payloadLimit)
	}
	return s, nil
}
