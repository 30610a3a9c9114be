package model

import (
	"unicode/utf8"

	"github.com/go-sns/connector/region"
)

// Publishing without a topic: a text message straight to a phone number
// (Publish with PhoneNumber) or a message straight to one mobile platform
// endpoint (Publish with TargetArn). The client validates with these
// functions, then converts and sends the message as it does a topic's.

// ValidateSMS checks a text message for one phone number: the number in
// E.164 format (field "PhoneNumber"); the text ("Message.Body"): required,
// valid UTF-8 of characters SNS accepts, and at most 1,600 characters ("The
// total size limit for a single SMS Publish action is 1,600 characters",
// Publish API reference; SNS splits longer texts into several SMS); and the
// options ([SMSOptions.Validate]). Every problem is reported, joined.
//
// The options travel as message attributes. There are at most six, so with
// the text they always fit SNS's limits of 10 attributes and 256 KiB.
func ValidateSMS(phoneNumber, text string, opts SMSOptions) error {
	var c collector
	c.add(validatePhone("PhoneNumber", phoneNumber))
	if err := validateText("Message.Body", text, "the text"); err != nil {
		c.add(err)
	} else if n := utf8.RuneCountInString(text); n > maxSMSChars {
		c.add(invalid("Message.Body", RuleMaxLength, "%d characters; SNS sends at most %d in one SMS publish", n, maxSMSChars))
	}
	c.add(opts.Validate())
	return c.err()
}

// ValidatePush checks a message published straight to the mobile platform
// endpoint e from region r, under limits:
//
//   - e is an application endpoint (see [ApplicationEndpoint]) of region r:
//     "You can publish messages only to topics and endpoints in the same
//     AWS Region" (Publish API reference);
//   - m is checked as for a topic ([Message.ValidateWith]): a plain body, or
//     a [PerProtocol] body with Structure json, whose entry for the
//     endpoint's platform (APNS, GCM, ...) SNS sends, else "default";
//   - m has no subject, which SNS uses only for email, and no group or
//     deduplication ID, which only FIFO topics take.
//
// Every problem is reported, joined.
func ValidatePush(r region.Region, e Endpoint, m Message, limits Limits) error {
	var c collector
	switch err := e.Validate(); {
	case err != nil:
		c.add(err)
	case e.Protocol() != ProtocolApplication:
		c.add(invalid("Endpoint.Protocol", RuleFormat, "publishing straight to an endpoint needs a mobile platform endpoint (ApplicationEndpoint), not %s; publish to a topic it subscribes to instead", e.Protocol()))
	default:
		a, _ := parseResourceARN("Endpoint.Address", e.Address(), "sns", true) // valid: checked above
		c.add(checkRegion("Endpoint.Address", a.partition, a.region, r))
	}
	c.add(m.ValidateWith(limits))
	if m.Subject != "" {
		c.add(invalid("Message.Subject", RuleForbidden, "SNS uses a subject only for email; a push notification takes its title from the platform payload (PerProtocol)"))
	}
	if m.GroupID != "" {
		c.add(invalid("Message.GroupID", RuleForbidden, "only FIFO topics take a message group ID"))
	}
	if m.DeduplicationID != "" {
		c.add(invalid("Message.DeduplicationID", RuleForbidden, "only FIFO topics take a deduplication ID"))
	}
	return c.err()
}

// Message returns a message whose body is [PerProtocol.Body] with
// Structure json, ready to publish to a topic or a platform endpoint:
//
//	msg, err := model.PerProtocol{Default: "Shipped", SMS: "Order shipped"}.Message()
func (m PerProtocol) Message() (Message, error) {
	body, err := m.Body()
	if err != nil {
		return Message{}, err
	}
	return Message{Body: body, Structure: StructureJSON}, nil
}
