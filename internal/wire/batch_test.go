package wire

import (
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/go-sns/connector/model"
)

func TestEntryIDsAreValidUniqueAndRoundTrip(t *testing.T) {
	valid := regexp.MustCompile(`^[A-Za-z0-9_-]{1,80}$`)
	seen := map[string]bool{}
	for pos := range model.MaxBatchEntries {
		id := EntryID(pos)
		if !valid.MatchString(id) || seen[id] {
			t.Errorf("position %d: id %q invalid or repeated", pos, id)
		}
		seen[id] = true
		if got, ok := EntryPos(id); !ok || got != pos {
			t.Errorf("EntryPos(%q) = %d, %v", id, got, ok)
		}
	}
	for _, id := range []string{"", "10", "a", "-1", " 1"} {
		if _, ok := EntryPos(id); ok {
			t.Errorf("EntryPos(%q) accepted an id EntryID never makes", id)
		}
	}
}

func TestPublishBatchEntryConvertsEveryField(t *testing.T) {
	m := model.Message{
		Subject: "s", Body: "b", GroupID: "g", DeduplicationID: "d", Structure: model.StructureJSON,
		Attributes: map[string]model.MessageAttribute{"n": model.NumberAttribute(3), "bin": model.BinaryAttribute([]byte{1})},
	}
	e := PublishBatchEntry(7, m)
	if aws.ToString(e.Id) != "7" || aws.ToString(e.Message) != "b" || aws.ToString(e.Subject) != "s" ||
		aws.ToString(e.MessageGroupId) != "g" || aws.ToString(e.MessageDeduplicationId) != "d" ||
		aws.ToString(e.MessageStructure) != "json" {
		t.Errorf("entry %+v", e)
	}
	if a := e.MessageAttributes["n"]; aws.ToString(a.DataType) != "Number" || aws.ToString(a.StringValue) != "3" {
		t.Errorf("number attribute %+v", a)
	}
	if a := e.MessageAttributes["bin"]; aws.ToString(a.DataType) != "Binary" || len(a.BinaryValue) != 1 {
		t.Errorf("binary attribute %+v", a)
	}
	bare := PublishBatchEntry(0, model.Message{Body: "x"})
	if bare.Subject != nil || bare.MessageGroupId != nil || bare.MessageDeduplicationId != nil || bare.MessageStructure != nil || bare.MessageAttributes != nil {
		t.Errorf("unset fields sent: %+v", bare)
	}
}
