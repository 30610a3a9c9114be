package model

import "time"

// LanguageCode is the language SNS writes the one-time password message in
// when a phone number joins the SMS sandbox.
type LanguageCode string

// The languages of CreateSMSSandboxPhoneNumber (its API reference, Valid
// Values); "" is SNS's default, en-US.
const (
	LanguageEnglishUS          LanguageCode = "en-US"
	LanguageEnglishGB          LanguageCode = "en-GB"
	LanguageSpanishLatin       LanguageCode = "es-419"
	LanguageSpanishSpain       LanguageCode = "es-ES"
	LanguageGerman             LanguageCode = "de-DE"
	LanguageFrenchCanada       LanguageCode = "fr-CA"
	LanguageFrench             LanguageCode = "fr-FR"
	LanguageItalian            LanguageCode = "it-IT"
	LanguageJapanese           LanguageCode = "ja-JP"
	LanguagePortugueseBrazil   LanguageCode = "pt-BR"
	LanguageKorean             LanguageCode = "kr-KR"
	LanguageChineseSimplified  LanguageCode = "zh-CN"
	LanguageChineseTraditional LanguageCode = "zh-TW"
)

var languageCodes = []LanguageCode{
	LanguageEnglishUS, LanguageEnglishGB, LanguageSpanishLatin, LanguageSpanishSpain,
	LanguageGerman, LanguageFrenchCanada, LanguageFrench, LanguageItalian, LanguageJapanese,
	LanguagePortugueseBrazil, LanguageKorean, LanguageChineseSimplified, LanguageChineseTraditional,
}

// Validate accepts "" (SNS's default) and the codes SNS lists.
func (l LanguageCode) Validate() error {
	if l == "" {
		return nil
	}
	for _, k := range languageCodes {
		if l == k {
			return nil
		}
	}
	return invalid("LanguageCode", RuleFormat, "%q is not a language SNS sends one-time passwords in (en-US, en-GB, es-419, es-ES, de-DE, fr-CA, fr-FR, it-IT, ja-JP, pt-BR, kr-KR, zh-CN, zh-TW)", shorten(string(l), 16))
}

// One-time passwords: "Minimum length of 5. Maximum length of 8. Pattern:
// ^[0-9]+$" (VerifySMSSandboxPhoneNumber API reference).
const (
	minOTPLen = 5
	maxOTPLen = 8
)

// ValidateOneTimePassword checks the password SNS texted to a sandbox
// number: 5 to 8 digits. The error never quotes it.
func ValidateOneTimePassword(otp string) error {
	const field = "OneTimePassword"
	if otp == "" {
		return invalid(field, RuleRequired, "the one-time password SNS texted to the number is required")
	}
	if !nameOf(otp, minOTPLen, maxOTPLen, asciiDigit) {
		return invalid(field, RuleFormat, "a one-time password is %d to %d digits", minOTPLen, maxOTPLen)
	}
	return nil
}

// SandboxStatus is whether a sandbox phone number is verified.
type SandboxStatus string

// The statuses of ListSMSSandboxPhoneNumbers.
const (
	SandboxPending  SandboxStatus = "Pending"  // the one-time password was sent, not yet verified
	SandboxVerified SandboxStatus = "Verified" // SNS sends SMS to the number while the account is in the sandbox
)

// SandboxPhoneNumber is a destination number of an account in the SMS
// sandbox.
type SandboxPhoneNumber struct {
	PhoneNumber PersonalData
	Status      SandboxStatus
}

// ListSMSSandboxPhoneNumbersResponse holds the account's sandbox numbers.
type ListSMSSandboxPhoneNumbersResponse struct {
	PhoneNumbers []SandboxPhoneNumber
}

// ListPhoneNumbersOptedOutResponse holds the numbers that opted out of the
// account's SMS (by replying STOP, say).
type ListPhoneNumbersOptedOutResponse struct {
	PhoneNumbers []PersonalData
}

// OriginationNumber is a phone number of the account that SMS can be sent
// from (ListOriginationNumbers): a toll-free number, a 10DLC number, a long
// or short code. It belongs to the account, not to a person, so it prints.
type OriginationNumber struct {
	PhoneNumber string
	// CreatedAt is when the number was added to the account.
	CreatedAt time.Time
	// ISO2CountryCode is the country or region, ISO 3166-1 alpha-2.
	ISO2CountryCode string
	// Capabilities are what the number does: SMS, MMS, VOICE.
	Capabilities []string
	// RouteType is Transactional, Promotional or Premium.
	RouteType string
	// Status is the number's status, as SNS reports it.
	Status string
}

// ListOriginationNumbersResponse holds the account's origination numbers.
type ListOriginationNumbersResponse struct {
	PhoneNumbers []OriginationNumber
}
