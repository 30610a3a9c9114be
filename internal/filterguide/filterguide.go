// Package filterguide holds the filter policy examples of the Amazon SNS
// developer guide: each a policy, a message and whether the guide says the
// policy matches it. They live in one table, examples.json, that both
// model's unit tests (the evaluation, FilterPolicy.Match) and the
// conformance suite in internal/harness (every peer: snstest in process and
// over HTTP, fauxqs) run, so the evaluation and the peers are held to the
// same examples and the table cannot drift between them.
//
// The file's entries are the fields of [Example]; a policy, and a body that
// is JSON, are written as the JSON itself, a body that is not JSON as a
// JSON string.
package filterguide

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
)

//go:embed examples.json
var examplesJSON []byte

// The filter policy scopes an example is written for: SNS's values of the
// FilterPolicyScope subscription attribute.
const (
	ScopeAttributes = "MessageAttributes"
	ScopeBody       = "MessageBody"
)

// Example is one of the guide's examples: a policy, a message, and whether
// the policy matches the message.
type Example struct {
	// ID names the example for as long as it exists ("string-9"); a peer's
	// declared differences name examples by it. New examples take new IDs.
	ID string
	// Page is the title of the developer guide page the example comes
	// from; "" for a case of ours, for a rule the pages state without an
	// example.
	Page string
	// Note says what the page says about the example, where the example
	// alone does not: a sentence it follows, or how a contradiction
	// between the page's text and its examples was settled (the examples
	// win).
	Note string
	// Scope is ScopeAttributes or ScopeBody.
	Scope string
	// Policy is the filter policy, as JSON text.
	Policy string
	// Attributes are the message's attributes (ScopeAttributes only; none
	// is a message without attributes). The body of such a message is
	// anything: the policy does not read it.
	Attributes []Attribute
	// Body is the message body (ScopeBody only).
	Body string
	// Match is the guide's verdict: whether SNS delivers the message to a
	// subscription with the policy.
	Match bool
}

// Attribute is a message attribute as SNS carries it.
type Attribute struct {
	Name string
	// Type is the attribute's DataType: String, String.Array, Number or
	// Binary, with any custom label.
	Type string
	// Value is the StringValue; for a Binary type, the standard base64 of
	// the BinaryValue.
	Value string
}

// entry is an example as the file writes it.
type entry struct {
	ID         string          `json:"id"`
	Page       string          `json:"page"`
	Note       string          `json:"note"`
	Scope      string          `json:"scope"`
	Policy     json.RawMessage `json:"policy"`
	Attributes []Attribute     `json:"attributes"`
	Body       json.RawMessage `json:"body"`
	Match      bool            `json:"match"`
}

// Examples returns the examples, in the file's order (page by page, as the
// pages give them). It fails only if the embedded file is malformed.
func Examples() ([]Example, error) {
	var entries []entry
	dec := json.NewDecoder(bytes.NewReader(examplesJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&entries); err != nil {
		return nil, fmt.Errorf("filterguide: examples.json: %w", err)
	}
	out := make([]Example, len(entries))
	seen := make(map[string]bool, len(entries))
	for i, e := range entries {
		if e.ID == "" || seen[e.ID] {
			return nil, fmt.Errorf("filterguide: example %d: missing or repeated id %q", i, e.ID)
		}
		seen[e.ID] = true
		x := Example{ID: e.ID, Page: e.Page, Note: e.Note, Scope: e.Scope, Policy: string(e.Policy), Attributes: e.Attributes, Match: e.Match}
		switch {
		case len(e.Policy) == 0:
			return nil, fmt.Errorf("filterguide: %s: no policy", e.ID)
		case e.Scope == ScopeAttributes && e.Body == nil:
		case e.Scope == ScopeBody && e.Attributes == nil && e.Body != nil:
			x.Body = string(e.Body)
			if e.Body[0] == '"' {
				if err := json.Unmarshal(e.Body, &x.Body); err != nil {
					return nil, fmt.Errorf("filterguide: %s: body: %w", e.ID, err)
				}
			}
		default:
			return nil, fmt.Errorf("filterguide: %s: want scope %s with attributes or %s with a body", e.ID, ScopeAttributes, ScopeBody)
		}
		out[i] = x
	}
	return out, nil
}
