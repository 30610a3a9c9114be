package model

import (
	"encoding/json"
	"strconv"
	"time"
)

// Message archiving and replay, for FIFO topics ("Amazon SNS message
// archiving and replay for FIFO topics", SNS developer guide): the topic
// keeps a copy of every message for a retention period (its ArchivePolicy),
// and a subscription replays the archived messages of a time window (its
// ReplayPolicy). A replayed message keeps its content, MessageId and
// Timestamp, and carries the attribute Replayed, true, so a consumer can
// tell it from the first delivery.

// The limits of MessageRetentionPeriod: "Messages can be archived for a
// minimum of one day to a maximum of 365 days" ("Amazon SNS message
// archiving for FIFO topic owners").
const (
	MinArchiveRetentionDays = 1
	MaxArchiveRetentionDays = 365
)

// ArchivePolicy is a FIFO topic's message archive: SNS keeps every message
// published to the topic for RetentionDays days. The zero value is no
// policy. On the wire it is {"MessageRetentionPeriod":"30"}; to turn
// archiving off and clear the archive, use [ClearArchivePolicy].
type ArchivePolicy struct {
	// RetentionDays is how long messages are kept, 1 to 365 days.
	RetentionDays int
}

// IsZero reports whether p sets no archive.
func (p ArchivePolicy) IsZero() bool { return p.RetentionDays == 0 }

// Validate checks the retention period.
func (p ArchivePolicy) Validate() error {
	if p.RetentionDays < MinArchiveRetentionDays || p.RetentionDays > MaxArchiveRetentionDays {
		return invalid("TopicAttributes.ArchivePolicy.RetentionDays", RuleRange, "%d days is outside %d to %d", p.RetentionDays, MinArchiveRetentionDays, MaxArchiveRetentionDays)
	}
	return nil
}

// JSON returns the ArchivePolicy attribute's value: {"MessageRetentionPeriod":"30"}.
func (p ArchivePolicy) JSON() string {
	return `{"MessageRetentionPeriod":"` + strconv.Itoa(p.RetentionDays) + `"}`
}

// ParseArchivePolicy reads an ArchivePolicy attribute, the retention given
// as a string or a number; "" and {} are no policy.
func ParseArchivePolicy(doc string) (ArchivePolicy, error) {
	const field = "TopicAttributes.ArchivePolicy"
	if doc == "" {
		return ArchivePolicy{}, nil
	}
	var raw struct {
		MessageRetentionPeriod json.RawMessage `json:"MessageRetentionPeriod"`
	}
	if json.Unmarshal([]byte(doc), &raw) != nil {
		return ArchivePolicy{}, invalid(field, RuleFormat, `an archive policy is a JSON object: {"MessageRetentionPeriod":"DAYS"}`)
	}
	if raw.MessageRetentionPeriod == nil {
		return ArchivePolicy{}, nil
	}
	var s string
	if json.Unmarshal(raw.MessageRetentionPeriod, &s) != nil {
		s = string(raw.MessageRetentionPeriod)
	}
	days, err := strconv.Atoi(s)
	if err != nil {
		return ArchivePolicy{}, invalid(field, RuleFormat, "MessageRetentionPeriod is a whole number of days")
	}
	p := ArchivePolicy{RetentionDays: days}
	return p, p.Validate()
}

// ReplayPolicy has a FIFO subscription replay the topic's archived
// messages published from Start on ("Amazon SNS message replay for FIFO
// topic subscribers"). With End zero, the replay catches up with the
// present and the subscription then goes on receiving new messages; with
// End set, the replay stops there and the subscription is paused: newly
// published messages are not delivered until a new ReplayPolicy without
// End resumes it (from End, to miss nothing). Setting a policy replaces a
// replay in progress. The subscription's filter policy applies to replayed
// messages too.
type ReplayPolicy struct {
	Start time.Time
	End   time.Time
}

// IsZero reports whether p asks for no replay.
func (p ReplayPolicy) IsZero() bool { return p.Start.IsZero() && p.End.IsZero() }

// Validate checks that Start is set and that End, when set, is after it.
// Whether Start is within the topic's archive (after its
// BeginningArchiveTime) only SNS knows.
func (p ReplayPolicy) Validate() error {
	const field = "SubscriptionOptions.ReplayPolicy"
	switch {
	case p.Start.IsZero():
		return invalid(field+".Start", RuleRequired, "a replay needs a starting point")
	case !p.End.IsZero() && !p.End.After(p.Start):
		return invalid(field+".End", RuleConflict, "the ending point must be after the starting point")
	}
	return nil
}

// replayTimeLayout is the guide's: "2023-10-01T10:00:00.000Z".
const replayTimeLayout = "2006-01-02T15:04:05.000Z07:00"

// replayPointTimestamp is the only PointType: "Currently, the supported
// value for PointType is Timestamp".
const replayPointTimestamp = "Timestamp"

type replayPolicyJSON struct {
	PointType     string `json:"PointType"`
	StartingPoint string `json:"StartingPoint"`
	EndingPoint   string `json:"EndingPoint,omitempty"`
}

// JSON returns the ReplayPolicy attribute's value:
// {"PointType":"Timestamp","StartingPoint":"2023-10-01T10:00:00.000Z","EndingPoint":"..."},
// times in UTC to the millisecond.
func (p ReplayPolicy) JSON() string {
	j := replayPolicyJSON{PointType: replayPointTimestamp, StartingPoint: p.Start.UTC().Format(replayTimeLayout)}
	if !p.End.IsZero() {
		j.EndingPoint = p.End.UTC().Format(replayTimeLayout)
	}
	b, _ := json.Marshal(j) // strings always marshal
	return string(b)
}

// ParseReplayPolicy reads a ReplayPolicy attribute; "" is no policy.
func ParseReplayPolicy(doc string) (ReplayPolicy, error) {
	const field = "SubscriptionOptions.ReplayPolicy"
	if doc == "" {
		return ReplayPolicy{}, nil
	}
	var j replayPolicyJSON
	if json.Unmarshal([]byte(doc), &j) != nil {
		return ReplayPolicy{}, invalid(field, RuleFormat, "a replay policy is a JSON object")
	}
	if j.PointType != replayPointTimestamp {
		return ReplayPolicy{}, invalid(field, RuleFormat, `the PointType is "Timestamp", the only one SNS supports`)
	}
	var p ReplayPolicy
	var err error
	if p.Start, err = time.Parse(time.RFC3339, j.StartingPoint); err != nil {
		return ReplayPolicy{}, invalid(field+".Start", RuleFormat, "the StartingPoint is an RFC 3339 timestamp")
	}
	if j.EndingPoint != "" {
		if p.End, err = time.Parse(time.RFC3339, j.EndingPoint); err != nil {
			return ReplayPolicy{}, invalid(field+".End", RuleFormat, "the EndingPoint is an RFC 3339 timestamp")
		}
	}
	return p, p.Validate()
}

// ReplayStatus is how a subscription's replay is going, as SNS reports it
// in the read-only ReplayStatus attribute.
type ReplayStatus string

// The replay statuses (Subscribe API reference, ReplayStatus).
const (
	// ReplayPending is the state while the replay starts.
	ReplayPending ReplayStatus = "Pending"
	// ReplayInProgress: the archived messages are being replayed.
	ReplayInProgress ReplayStatus = "In progress"
	// ReplayCompleted: every message of the window was redelivered; the
	// subscription receives new messages again, unless the policy had an
	// End.
	ReplayCompleted ReplayStatus = "Completed"
	// ReplayFailed: the replay could not complete.
	ReplayFailed ReplayStatus = "Failed"
)

// ReplayedAttribute is the attribute SNS adds to a replayed message, set
// to true.
const ReplayedAttribute = "Replayed"
