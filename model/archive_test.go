package model

import (
	"errors"
	"testing"
	"time"
)

func TestArchivePolicyJSONRoundTrip(t *testing.T) {
	p := ArchivePolicy{RetentionDays: 30}
	if got := p.JSON(); got != `{"MessageRetentionPeriod":"30"}` {
		t.Errorf("JSON = %s", got)
	}
	for doc, want := range map[string]int{`{"MessageRetentionPeriod":"30"}`: 30, `{"MessageRetentionPeriod": 365}`: 365, `{}`: 0, ``: 0} {
		got, err := ParseArchivePolicy(doc)
		if err != nil || got.RetentionDays != want {
			t.Errorf("ParseArchivePolicy(%s) = %+v, %v; want %d days", doc, got, err, want)
		}
	}
	for _, doc := range []string{`[]`, `{"MessageRetentionPeriod":"thirty"}`, `{"MessageRetentionPeriod":"366"}`, `{"MessageRetentionPeriod":0}`} {
		if _, err := ParseArchivePolicy(doc); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseArchivePolicy(%s) accepted", doc)
		}
	}
}

func TestArchivePolicyRules(t *testing.T) {
	const fifo, std = "orders.fifo", "orders"
	with := func(days int) TopicAttributes {
		return TopicAttributes{ArchivePolicy: ArchivePolicy{RetentionDays: days}}
	}
	if err := with(1).Validate(fifo); err != nil {
		t.Error(err)
	}
	if err := with(365).Validate(fifo); err != nil {
		t.Error(err)
	}
	wantInvalid(t, with(366).Validate(fifo), "TopicAttributes.ArchivePolicy.RetentionDays", RuleRange)
	wantInvalid(t, with(-1).Validate(fifo), "TopicAttributes.ArchivePolicy.RetentionDays", RuleRange)
	wantInvalid(t, with(30).Validate(std), "TopicAttributes.ArchivePolicy", RuleForbidden)
	if m := with(30).Map(fifo); m["ArchivePolicy"] != `{"MessageRetentionPeriod":"30"}` {
		t.Errorf("Map %v", m)
	}
	if _, ok := (TopicAttributes{}).Map(fifo)["ArchivePolicy"]; ok {
		t.Error("the zero policy is sent")
	}

	if err := SetArchivePolicy(ArchivePolicy{RetentionDays: 7}).Validate(fifo); err != nil {
		t.Error(err)
	}
	wantInvalid(t, SetArchivePolicy(ArchivePolicy{RetentionDays: 7}).Validate(std), "TopicAttributes.ArchivePolicy", RuleForbidden)
	wantInvalid(t, SetArchivePolicy(ArchivePolicy{}).Validate(fifo), "TopicAttributes.ArchivePolicy.RetentionDays", RuleRange)
	clear := ClearArchivePolicy()
	if clear.Name != "ArchivePolicy" || clear.Value != "{}" || clear.Validate(fifo) != nil {
		t.Errorf("ClearArchivePolicy = %+v, %v", clear, clear.Validate(fifo))
	}
	wantInvalid(t, clear.Validate(std), "TopicAttributes.ArchivePolicy", RuleForbidden)
	wantInvalid(t, SetRawTopicAttribute("ArchivePolicy", "{}").Validate(fifo), `TopicAttributes.Extra["ArchivePolicy"]`, RuleConflict)

	// The read side: the typed policy and the read-only archive start.
	d := ParseTopicDetails(map[string]string{"TopicArn": fifoARN, "ArchivePolicy": `{"MessageRetentionPeriod":"30"}`, "BeginningArchiveTime": "2026-01-02T03:04:05.678Z"})
	if d.Attributes.ArchivePolicy.RetentionDays != 30 || !d.BeginningArchiveTime.Equal(time.Date(2026, 1, 2, 3, 4, 5, 678e6, time.UTC)) {
		t.Errorf("details %+v %v", d.Attributes.ArchivePolicy, d.BeginningArchiveTime)
	}
}

func TestFifoThroughputScopeOnlyOnFIFOTopics(t *testing.T) {
	var s FifoThroughputScope = ThroughputScopeMessageGroup
	if err := (TopicAttributes{ThroughputScope: s}).Validate("t.fifo"); err != nil {
		t.Error(err)
	}
	wantInvalid(t, TopicAttributes{ThroughputScope: s}.Validate("t"), "TopicAttributes.ThroughputScope", RuleForbidden)
	wantInvalid(t, SetThroughputScope(ThroughputScopeTopic).Validate("t"), "TopicAttributes.ThroughputScope", RuleForbidden)
	wantInvalid(t, SetThroughputScope("Queue").Validate("t.fifo"), "TopicAttributes.ThroughputScope", RuleFormat)
}

func TestReplayPolicy(t *testing.T) {
	start := time.Date(2023, 10, 1, 10, 0, 0, 0, time.UTC)
	end := start.Add(2 * time.Hour)
	p := ReplayPolicy{Start: start, End: end}
	if got := p.JSON(); got != `{"PointType":"Timestamp","StartingPoint":"2023-10-01T10:00:00.000Z","EndingPoint":"2023-10-01T12:00:00.000Z"}` {
		t.Errorf("JSON = %s", got)
	}
	open := ReplayPolicy{Start: start.In(time.FixedZone("CEST", 7200))}
	if got := open.JSON(); got != `{"PointType":"Timestamp","StartingPoint":"2023-10-01T10:00:00.000Z"}` {
		t.Errorf("JSON without end = %s", got)
	}
	back, err := ParseReplayPolicy(p.JSON())
	if err != nil || !back.Start.Equal(start) || !back.End.Equal(end) {
		t.Errorf("round trip %+v %v", back, err)
	}
	wantInvalid(t, ReplayPolicy{End: end}.Validate(), "SubscriptionOptions.ReplayPolicy.Start", RuleRequired)
	wantInvalid(t, ReplayPolicy{Start: end, End: start}.Validate(), "SubscriptionOptions.ReplayPolicy.End", RuleConflict)
	for _, doc := range []string{`{"PointType":"Sequence","StartingPoint":"2023-10-01T10:00:00Z"}`, `{"PointType":"Timestamp","StartingPoint":"yesterday"}`, `[]`} {
		if _, err := ParseReplayPolicy(doc); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseReplayPolicy(%s) accepted", doc)
		}
	}

	sub, _ := ParseSubscriptionARN(fifoARN + ":8a21d249-4329-4871-acc6-7be709c6ea7f")
	stdSub, _ := ParseSubscriptionARN(stdARN + ":8a21d249-4329-4871-acc6-7be709c6ea7f")
	ch := SetReplayPolicy(p)
	if ch.Name != "ReplayPolicy" || ch.Validate(sub) != nil {
		t.Errorf("SetReplayPolicy %+v: %v", ch, ch.Validate(sub))
	}
	wantInvalid(t, ch.Validate(stdSub), "SubscriptionOptions.ReplayPolicy", RuleForbidden)
	wantInvalid(t, SetReplayPolicy(ReplayPolicy{}).Validate(sub), "SubscriptionOptions.ReplayPolicy.Start", RuleRequired)
	wantInvalid(t, SetRawSubscriptionAttribute("ReplayPolicy", p.JSON()).Validate(sub), `SubscriptionAttributes["ReplayPolicy"]`, RuleConflict)

	queue, _ := SQSEndpoint("arn:aws:sqs:eu-west-1:123456789012:q.fifo")
	req := SubscribeRequest{Topic: Topic{ARN: fifoARN}, Endpoint: queue, Options: SubscriptionOptions{ReplayPolicy: open}}
	attrs, err := req.Attributes()
	if err != nil || attrs["ReplayPolicy"] != open.JSON() {
		t.Errorf("Subscribe attributes %v, %v", attrs, err)
	}
	stdQueue, _ := SQSEndpoint("arn:aws:sqs:us-east-1:123456789012:q")
	wantInvalid(t, SubscribeRequest{Topic: Topic{ARN: stdARN}, Endpoint: stdQueue, Options: SubscriptionOptions{ReplayPolicy: open}}.Validate(), "SubscriptionOptions.ReplayPolicy", RuleForbidden)

	d := ParseSubscriptionDetails(map[string]string{"ReplayPolicy": p.JSON(), "ReplayStatus": "In progress"})
	if !d.ReplayPolicy.Start.Equal(start) || d.ReplayStatus != ReplayInProgress {
		t.Errorf("details %+v %q", d.ReplayPolicy, d.ReplayStatus)
	}
}
