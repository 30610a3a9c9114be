package model

// maxE164Digits: an E.164 number has at most 15 digits, country code
// included (ITU-T E.164; SNS developer guide, "Publishing to a mobile
// phone": "a maximum of 15 digits along with the prefix of a plus sign").
const maxE164Digits = 15

// ValidatePhoneNumber checks that s is a phone number in E.164 format, as
// SNS requires for the PhoneNumber of Publish and for sms subscriptions: '+',
// then a country code that does not start with 0, then the subscriber
// number, 2 to 15 digits in all, with no spaces or punctuation
// ("+14155550100"). Errors name the field "PhoneNumber".
func ValidatePhoneNumber(s string) error {
	return validatePhone("PhoneNumber", s)
}

// validatePhone is ValidatePhoneNumber for a field of another name. The
// reason never repeats the number: it is personal data.
func validatePhone(field, s string) error {
	if s == "" {
		return invalid(field, RuleRequired, "a phone number is required")
	}
	const shape = "not an E.164 phone number: '+', a country code and the subscriber number, 2 to 15 digits, no spaces (+14155550100)"
	if s[0] != '+' || len(s) < 3 {
		return invalid(field, RuleFormat, shape)
	}
	digits := s[1:]
	if digits[0] == '0' || !nameOf(digits, 1, len(digits), func(c byte) bool { return c >= '0' && c <= '9' }) {
		return invalid(field, RuleFormat, shape)
	}
	if len(digits) > maxE164Digits {
		return invalid(field, RuleMaxLength, "%d digits; an E.164 number has at most %d", len(digits), maxE164Digits)
	}
	return nil
}
