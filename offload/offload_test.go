package offload

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/go-sns/connector/model"
)

// message returns a message whose payload, as SNS counts it, is size bytes:
// one attribute ("k", String "v": 8 bytes) and a body of the rest.
func message(size int) model.Message {
	return model.Message{
		Subject:         "subject",
		Body:            strings.Repeat("b", size-8),
		Attributes:      map[string]model.MessageAttribute{"k": model.StringAttribute("v")},
		GroupID:         "g",
		DeduplicationID: "d",
	}
}

func TestApplyOffloadsOnlyAboveTheThreshold(t *testing.T) {
	ctx := context.Background()
	const limit = 262_144
	cases := []struct {
		s       Settings
		size    int
		offload bool
	}{
		{Settings{}, limit, false}, // equal to the threshold: stays
		{Settings{}, limit + 1, true},
		{Settings{Threshold: 1000}, 1000, false},
		{Settings{Threshold: 1000}, 1001, true},
		{Settings{Threshold: 500_000}, limit + 1, true}, // above the limit: the limit
		{Settings{Always: true}, 10, true},
		{Settings{Always: true, Threshold: 5}, 10, true},
	}
	for _, c := range cases {
		f := newFakeS3()
		m := message(c.size)
		if m.PayloadSize() != c.size {
			t.Fatalf("message(%d) has payload %d", c.size, m.PayloadSize())
		}
		out, p, err := Apply(ctx, newStore(t, f), c.s, m, limit)
		if err != nil {
			t.Fatalf("%+v, %d bytes: %v", c.s, c.size, err)
		}
		if got := p != nil; got != c.offload || (f.count() == 1) != c.offload {
			t.Errorf("%+v, %d bytes: offloaded %v (%d objects); want %v", c.s, c.size, got, f.count(), c.offload)
		}
		if !c.offload && (out.Body != m.Body || len(out.Attributes) != 1) {
			t.Errorf("%+v, %d bytes: a message that stays was changed", c.s, c.size)
		}
	}
}

func TestApplyReplacesTheBodyByAPointerAndTheSizeAttribute(t *testing.T) {
	for _, legacy := range []bool{false, true} {
		f := newFakeS3()
		var opts []Option
		name := "ExtendedPayloadSize"
		if legacy {
			opts, name = []Option{WithLegacyAttribute()}, "SQSLargePayloadSize"
		}
		s := newStore(t, f, append(opts, WithKeyPrefix("sns/"))...)
		m := message(100)
		m.Body = strings.Repeat("é", 200) // 400 bytes of UTF-8
		out, p, err := Apply(context.Background(), s, Settings{Threshold: 100}, m, 262_144)
		if err != nil {
			t.Fatal(err)
		}
		if out.Body != p.Body() || !strings.HasPrefix(p.Key, "sns/") || p.Bucket != "my-bucket" {
			t.Fatalf("body %s, pointer %+v", out.Body, p)
		}
		if v, _ := f.object(*p); v != m.Body {
			t.Fatalf("object holds %d bytes; want the body", len(v))
		}
		a, ok := out.Attributes[name]
		if !ok || a.DataType() != "Number" || a.StringValue() != "400" || len(out.Attributes) != 2 {
			t.Fatalf("attributes %v; want %s Number 400 and k", out.Attributes, name)
		}
		if out.Attributes["k"].StringValue() != "v" || out.Subject != m.Subject || out.GroupID != m.GroupID || out.DeduplicationID != m.DeduplicationID {
			t.Fatalf("other fields changed: %+v", out)
		}
		if _, ok := m.Attributes[name]; ok {
			t.Fatal("the caller's attribute map was changed")
		}
	}
}

func TestApplyRefusesBeforeStoringAnything(t *testing.T) {
	many := message(1000)
	for i := range 9 {
		many.Attributes[fmt.Sprint("a", i)] = model.StringAttribute("v")
	}
	json := model.Message{Body: `{"default":"` + strings.Repeat("x", 2000) + `"}`, Structure: model.StructureJSON}
	bigAttrs := message(300)
	bigAttrs.Attributes["blob"] = model.BinaryAttribute(make([]byte, 1000))
	cases := []struct {
		name  string
		m     model.Message
		s     Settings
		field string
		rule  model.Rule
	}{
		{"reserved name, small message", withAttr(message(20), "ExtendedPayloadSize"), Settings{}, `Message.Attributes["ExtendedPayloadSize"]`, model.RuleReserved},
		{"legacy reserved name", withAttr(message(5000), "SQSLargePayloadSize"), Settings{}, `Message.Attributes["SQSLargePayloadSize"]`, model.RuleReserved},
		{"json over the threshold", json, Settings{}, "Message.Structure", model.RuleConflict},
		{"json with Always", model.Message{Body: `{"default":"x"}`, Structure: model.StructureJSON}, Settings{Always: true}, "Message.Structure", model.RuleConflict},
		{"ten attributes", many, Settings{}, "Message.Attributes", model.RuleMaxCount},
		{"attributes alone too large", bigAttrs, Settings{Always: true}, "Message.Attributes", model.RuleMaxSize},
	}
	for _, c := range cases {
		f := newFakeS3()
		_, p, err := Apply(context.Background(), newStore(t, f), c.s, c.m, 1024)
		var ve *model.ValidationError
		if p != nil || !errors.As(err, &ve) || ve.Field != c.field || ve.Rule != c.rule || !errors.Is(err, model.ErrInvalid) {
			t.Errorf("%s: %v; want %s %s", c.name, err, c.field, c.rule)
		}
		if f.calls != 0 {
			t.Errorf("%s: %d S3 calls", c.name, f.calls)
		}
	}
	// Nine attributes of its own, and json under the threshold, are fine.
	nine := message(5000)
	for i := range 8 {
		nine.Attributes[fmt.Sprint("a", i)] = model.StringAttribute("v")
	}
	if _, p, err := Apply(context.Background(), newStore(t, newFakeS3()), Settings{}, nine, 1024); err != nil || p == nil {
		t.Errorf("nine attributes: %v", err)
	}
	small := model.Message{Body: `{"default":"x"}`, Structure: model.StructureJSON}
	if out, p, err := Apply(context.Background(), newStore(t, newFakeS3()), Settings{}, small, 1024); err != nil || p != nil || out.Body != small.Body {
		t.Errorf("small json message: %v", err)
	}
}

func withAttr(m model.Message, name string) model.Message {
	m.Attributes[name] = model.NumberAttribute(1)
	return m
}

func TestApplyFailsWhenTheStoreFails(t *testing.T) {
	f := newFakeS3()
	f.putErr = errors.New("SlowDown")
	out, p, err := Apply(context.Background(), newStore(t, f), Settings{}, message(3000), 1024)
	if p != nil || err == nil || !strings.Contains(err.Error(), "SlowDown") || errors.Is(err, model.ErrInvalid) {
		t.Fatalf("%v, %v", p, err)
	}
	if out.Body != message(3000).Body {
		t.Fatal("the message was changed")
	}
}

// longKeys is a Store whose keys make the pointer too long for the limit.
type longKeys struct {
	*S3Store
	deleteErr error
	deleted   []Pointer
}

func (l *longKeys) Put(ctx context.Context, payload string) (Pointer, error) {
	p, err := l.S3Store.Put(ctx, payload)
	p.Key += strings.Repeat("k", 1000)
	return p, err
}

func (l *longKeys) Delete(ctx context.Context, p Pointer) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	l.deleted = append(l.deleted, p)
	return l.deleteErr
}

func TestApplyDeletesWhatItStoredWhenThePointerDoesNotFit(t *testing.T) {
	st := &longKeys{S3Store: newStore(t, newFakeS3())}
	// A cancelled context does not stop the clean-up.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, p, err := Apply(ctx, st, Settings{}, message(3000), 1024)
	if p != nil || !errors.Is(err, &model.ValidationError{Rule: model.RuleMaxSize}) || len(st.deleted) != 1 {
		t.Fatalf("%v, %v, deleted %v", p, err, st.deleted)
	}
	st.deleteErr = errors.New("AccessDenied")
	_, _, err = Apply(ctx, st, Settings{}, message(3000), 1024)
	var ue *UndeletedError
	if !errors.As(err, &ue) || ue.Pointer != st.deleted[1] || !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("failed clean-up: %v", err)
	}
}

// blankKeys is a Store that returns a pointer without a key.
type blankKeys struct{ *S3Store }

func (b blankKeys) Put(context.Context, string) (Pointer, error) { return Pointer{Bucket: "b"}, nil }

func TestApplyRefusesAPointerWithoutKeyAndDefaultsTheLimit(t *testing.T) {
	_, p, err := Apply(context.Background(), blankKeys{newStore(t, newFakeS3())}, Settings{Always: true}, message(100), 1024)
	if p != nil || err == nil || !strings.Contains(err.Error(), "without bucket or key") {
		t.Fatalf("%v, %v", p, err)
	}
	// limit 0 is SNS's default: a message at 262,144 bytes stays.
	if _, p, err := Apply(context.Background(), newStore(t, newFakeS3()), Settings{}, message(262_144), 0); p != nil || err != nil {
		t.Fatalf("limit 0: %v, %v", p, err)
	}
}

func TestSettingsValidate(t *testing.T) {
	for _, s := range []Settings{{}, {Threshold: 1}, {Threshold: model.MaxTopicMessageSize}, {Always: true}} {
		if err := s.Validate(); err != nil {
			t.Errorf("%+v: %v", s, err)
		}
	}
	for _, s := range []Settings{{Threshold: -1}, {Threshold: model.MaxTopicMessageSize + 1}} {
		var ve *model.ValidationError
		if err := s.Validate(); !errors.As(err, &ve) || ve.Rule != model.RuleRange || ve.Field != "offload.Settings.Threshold" {
			t.Errorf("%+v: %v", s, err)
		}
	}
}
