package model

import (
	"strings"
)

// SMSType is the kind of SMS, which decides how SNS routes and prices it.
type SMSType string

// The SMS types SNS knows ("Publishing to a mobile phone", AWS.SNS.SMS.SMSType).
const (
	// SMSPromotional is for non-critical messages such as marketing; SNS
	// optimizes it for cost. It is SNS's default.
	SMSPromotional SMSType = "Promotional"
	// SMSTransactional is for critical messages such as one-time passcodes;
	// SNS optimizes it for reliable delivery.
	SMSTransactional SMSType = "Transactional"
)

// SMSOptions are the per-message settings of an SMS published to a phone
// number (or to a topic's SMS subscribers). The zero value sets nothing, and
// SNS uses the account's defaults. SNS reads them from message attributes
// whose names start with "AWS.", which users may not set themselves:
// [SMSOptions.Attributes] returns them for the client to add.
type SMSOptions struct {
	// SenderID is shown as the sender where the country supports it: 3 to
	// 11 ASCII letters and digits, at least one letter, no spaces.
	SenderID string
	// Type is Promotional or Transactional; empty uses the account default.
	Type SMSType
	// MaxPrice is the most, in US dollars, SNS may spend on the message,
	// as a positive decimal number such as "0.50". SNS does not send a
	// message that would cost more.
	MaxPrice string
	// OriginationNumber is the number to send from, one configured in the
	// account: 5 to 14 digits with an optional leading '+' (a long code,
	// toll-free number, 10DLC number or short code).
	OriginationNumber string
	// EntityID is the principal entity ID registered with India's TRAI,
	// required for recipients in India: 1 to 30 characters.
	EntityID string
	// TemplateID is the TRAI template ID, for recipients in India, tied to
	// the sender ID: 1 to 30 characters.
	TemplateID string
}

// SMSAttribute is a message attribute SNS reads as an SMS setting: its data
// type ("String" or "Number") and value.
type SMSAttribute struct {
	DataType    string
	StringValue string
}

// The attribute names SNS reads SMS settings from (SNS developer guide,
// "Publishing to a mobile phone").
const (
	smsAttrSenderID          = "AWS.SNS.SMS.SenderID"
	smsAttrType              = "AWS.SNS.SMS.SMSType"
	smsAttrMaxPrice          = "AWS.SNS.SMS.MaxPrice"
	smsAttrOriginationNumber = "AWS.MM.SMS.OriginationNumber"
	smsAttrEntityID          = "AWS.MM.SMS.EntityId"
	smsAttrTemplateID        = "AWS.MM.SMS.TemplateId"
)

// Lengths from the same guide: "a custom ID that contains 3–11 alphanumeric
// characters, including at least one letter and no spaces"; "a custom
// string of 5–14 numbers, which can include an optional leading plus sign";
// entity and template IDs are "a unique string of 1–30 characters".
const (
	minSenderIDLen  = 3
	maxSenderIDLen  = 11
	minOriginDigits = 5
	maxOriginDigits = 14
	maxIndiaIDLen   = 30
)

// Validate checks every option that is set and reports every problem.
func (o SMSOptions) Validate() error {
	_, err := o.Attributes()
	return err
}

// Attributes returns the message attributes that carry the options, keyed
// by attribute name (AWS.SNS.SMS.SenderID, AWS.SNS.SMS.SMSType,
// AWS.SNS.SMS.MaxPrice, AWS.MM.SMS.OriginationNumber, AWS.MM.SMS.EntityId,
// AWS.MM.SMS.TemplateId); unset options are left out, and with none set the
// map is nil. Every problem is reported, joined.
func (o SMSOptions) Attributes() (map[string]SMSAttribute, error) {
	var c collector
	attrs := map[string]SMSAttribute{}
	set := func(name, dataType, value string, err error) {
		c.add(err)
		attrs[name] = SMSAttribute{DataType: dataType, StringValue: value}
	}
	if o.SenderID != "" {
		set(smsAttrSenderID, "String", o.SenderID, validateSenderID("SMSOptions.SenderID", o.SenderID, minSenderIDLen))
	}
	if o.Type != "" {
		var err error
		if o.Type != SMSPromotional && o.Type != SMSTransactional {
			err = invalid("SMSOptions.Type", RuleFormat, "type %q is neither %q nor %q", shorten(string(o.Type), 32), SMSPromotional, SMSTransactional)
		}
		set(smsAttrType, "String", string(o.Type), err)
	}
	if o.MaxPrice != "" {
		set(smsAttrMaxPrice, "Number", o.MaxPrice, validateMaxPrice(o.MaxPrice))
	}
	if o.OriginationNumber != "" {
		set(smsAttrOriginationNumber, "String", o.OriginationNumber, validateOriginationNumber(o.OriginationNumber))
	}
	if o.EntityID != "" {
		set(smsAttrEntityID, "String", o.EntityID, validateIndiaID("SMSOptions.EntityID", o.EntityID))
	}
	if o.TemplateID != "" {
		set(smsAttrTemplateID, "String", o.TemplateID, validateIndiaID("SMSOptions.TemplateID", o.TemplateID))
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	if len(attrs) == 0 {
		return nil, nil
	}
	return attrs, nil
}

// IsSMSAttribute reports whether name is one of the reserved message
// attributes SNS reads SMS settings from, the ones [SMSOptions.Attributes]
// sets. They are the names starting with "AWS." that SNS accepts on a
// message from the SDK ("Publishing to a mobile phone", Sending a message
// with the AWS SDKs); [ValidateAttributeName] refuses every other.
func IsSMSAttribute(name string) bool {
	switch name {
	case smsAttrSenderID, smsAttrType, smsAttrMaxPrice, smsAttrOriginationNumber, smsAttrEntityID, smsAttrTemplateID:
		return true
	}
	return false
}

// SMSOptionsFromAttributes reads SMS options back from message attribute
// values keyed by name, as SNS reads them: the inverse of
// [SMSOptions.Attributes]. Other attributes are ignored; the result is not
// validated ([SMSOptions.Validate] does that).
func SMSOptionsFromAttributes(values map[string]string) SMSOptions {
	return SMSOptions{
		SenderID:          values[smsAttrSenderID],
		Type:              SMSType(values[smsAttrType]),
		MaxPrice:          values[smsAttrMaxPrice],
		OriginationNumber: values[smsAttrOriginationNumber],
		EntityID:          values[smsAttrEntityID],
		TemplateID:        values[smsAttrTemplateID],
	}
}

func asciiDigit(c byte) bool { return c >= '0' && c <= '9' }

// validateSenderID checks a sender ID of at least minLen characters: the
// guide's 3 for a message's, the API reference's 1 for the account's
// default ("The sender ID can be 1 - 11 alphanumeric characters, and it
// must contain at least one letter", SetSMSAttributes).
func validateSenderID(field, s string, minLen int) error {
	switch {
	case len(s) < minLen:
		return invalid(field, RuleMinLength, "%d characters; a sender ID has %d to %d", len(s), minLen, maxSenderIDLen)
	case len(s) > maxSenderIDLen:
		return invalid(field, RuleMaxLength, "%d characters; a sender ID has %d to %d", len(s), minLen, maxSenderIDLen)
	case !nameOf(s, 1, len(s), alnum):
		return invalid(field, RuleCharset, "a sender ID has only ASCII letters and digits, no spaces")
	case strings.Trim(s, "0123456789") == "":
		return invalid(field, RuleFormat, "a sender ID needs at least one letter")
	}
	return nil
}

// validateMaxPrice accepts a plain positive decimal: digits, optionally a
// point and more digits. SNS reads it as a Number attribute in US dollars.
func validateMaxPrice(s string) error {
	const field = "SMSOptions.MaxPrice"
	whole, frac, hasPoint := strings.Cut(s, ".")
	if whole == "" || !nameOf(whole, 1, 38, asciiDigit) || (hasPoint && !nameOf(frac, 1, 38, asciiDigit)) {
		return invalid(field, RuleFormat, "the maximum price is a decimal number of US dollars such as 0.50")
	}
	if strings.Trim(whole+frac, "0") == "" {
		return invalid(field, RuleRange, "the maximum price must be above zero")
	}
	return nil
}

func validateOriginationNumber(s string) error {
	const field = "SMSOptions.OriginationNumber"
	digits := strings.TrimPrefix(s, "+")
	if !nameOf(digits, minOriginDigits, maxOriginDigits, asciiDigit) {
		return invalid(field, RuleFormat, "an origination number is %d to %d digits with an optional leading '+'", minOriginDigits, maxOriginDigits)
	}
	return nil
}

func validateIndiaID(field, s string) error {
	if len(s) > maxIndiaIDLen {
		return invalid(field, RuleMaxLength, "%d characters; at most %d", len(s), maxIndiaIDLen)
	}
	if !nameOf(s, 1, maxIndiaIDLen, func(c byte) bool { return c > ' ' && c < 0x7f }) {
		return invalid(field, RuleCharset, "the ID has only visible ASCII characters, no spaces")
	}
	return nil
}
