package model

import (
	"fmt"
	"strings"

	"github.com/go-sns/connector/internal/arn"
)

// Permission is a statement AddPermission adds to a topic's access policy:
// it lets the given AWS accounts call the given SNS actions on the topic.
type Permission struct {
	// Label identifies the statement in the policy (its Sid); RemovePermission
	// takes it to remove the statement. It must be unique in the policy.
	Label string
	// AccountIDs are the 12-digit AWS accounts given access.
	AccountIDs []string
	// Actions are SNS action names, as in "Publish" or "Subscribe" (without
	// the "SNS:" prefix the policy shows).
	Actions []string
}

// maxPermissionLabelLen bounds a label. SNS documents no limit; the bound
// keeps hostile input out of requests and error messages.
const maxPermissionLabelLen = 256

// ValidatePermissionLabel checks a statement label: present, printable
// ASCII without spaces, at most 256 characters. SNS documents no rule
// beyond "A unique identifier for the new policy statement" (AddPermission
// API reference); these keep the label usable as a policy Sid.
func ValidatePermissionLabel(label string) error {
	const field = "Permission.Label"
	switch {
	case label == "":
		return invalid(field, RuleRequired, "a label is required: it names the statement to remove later")
	case len(label) > maxPermissionLabelLen:
		return invalid(field, RuleMaxLength, "%d characters; at most %d", len(label), maxPermissionLabelLen)
	case !nameOf(label, 1, maxPermissionLabelLen, func(c byte) bool { return c > ' ' && c < 0x7f }):
		return invalid(field, RuleCharset, "a label is printable ASCII without spaces")
	}
	return nil
}

// Validate checks the label, that there is at least one account and one
// action, that each account is 12 digits and each action an SNS action name.
// Every problem is reported.
func (p Permission) Validate() error {
	var c collector
	c.add(ValidatePermissionLabel(p.Label))
	if len(p.AccountIDs) == 0 {
		c.add(invalid("Permission.AccountIDs", RuleRequired, "at least one AWS account is required"))
	}
	for i, id := range p.AccountIDs {
		if !arn.IsAccountID(id) {
			c.add(invalid(fmt.Sprintf("Permission.AccountIDs[%d]", i), RuleFormat, "an AWS account ID is 12 digits"))
		}
	}
	if len(p.Actions) == 0 {
		c.add(invalid("Permission.Actions", RuleRequired, "at least one action is required, such as Publish"))
	}
	for i, a := range p.Actions {
		field := fmt.Sprintf("Permission.Actions[%d]", i)
		switch {
		case strings.HasPrefix(strings.ToLower(a), "sns:"):
			c.add(invalid(field, RuleFormat, "give the action without the SNS: prefix (Publish, not SNS:Publish)"))
		case !nameOf(a, 1, 64, func(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }):
			c.add(invalid(field, RuleFormat, "an SNS action name is letters only, as in Publish or Subscribe"))
		}
	}
	return c.err()
}
