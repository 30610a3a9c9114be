package filterguide

import (
	"encoding/json"
	"testing"
)

// TestExamplesRead: the file parses, every example is whole, and bodies
// come out as the text SNS would be published, JSON or not.
func TestExamplesRead(t *testing.T) {
	examples, err := Examples()
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Example{}
	scopes := map[string]int{}
	for _, ex := range examples {
		byID[ex.ID] = ex
		scopes[ex.Scope]++
		if !json.Valid([]byte(ex.Policy)) {
			t.Errorf("%s: policy %q is not JSON", ex.ID, ex.Policy)
		}
	}
	if scopes[ScopeAttributes] == 0 || scopes[ScopeBody] == 0 || len(scopes) != 2 {
		t.Errorf("scopes %v", scopes)
	}
	if got := byID["payload-4"].Body; got != "not a JSON object" {
		t.Errorf("a body written as a JSON string: %q", got)
	}
	if got := byID["key-16"].Body; got != "{}" {
		t.Errorf("a body written as JSON: %q", got)
	}
	if ex := byID["key-15"]; ex.Scope != ScopeAttributes || len(ex.Attributes) != 0 || ex.Body != "" {
		t.Errorf("a message without attributes: %+v", ex)
	}
}

func TestExamplesRefuseAMalformedFile(t *testing.T) {
	saved := examplesJSON
	t.Cleanup(func() { examplesJSON = saved })
	for name, text := range map[string]string{
		"repeated id":        `[{"id": "a", "scope": "MessageBody", "policy": {}, "body": "x"}, {"id": "a", "scope": "MessageBody", "policy": {}, "body": "x"}]`,
		"attributes on body": `[{"id": "a", "scope": "MessageBody", "policy": {}, "body": "x", "attributes": []}]`,
		"body on attributes": `[{"id": "a", "scope": "MessageAttributes", "policy": {}, "body": "x"}]`,
		"no policy":          `[{"id": "a", "scope": "MessageBody", "body": "x"}]`,
		"unknown field":      `[{"id": "a", "scope": "MessageBody", "policy": {}, "body": "x", "want": true}]`,
	} {
		examplesJSON = []byte(text)
		if _, err := Examples(); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}
