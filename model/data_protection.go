package model

// maxDataProtectionPolicyLen: "Length Constraints: Maximum length of
// 30,720" (PutDataProtectionPolicy API reference).
const maxDataProtectionPolicyLen = 30_720

// ValidateDataProtectionPolicy checks a topic's data protection policy: a
// JSON object of at most 30,720 characters. AWS closed message data
// protection to new customers in 2026; accounts that used it keep it.
func ValidateDataProtectionPolicy(doc string) error {
	const field = "DataProtectionPolicy"
	if doc == "" {
		return invalid(field, RuleRequired, "a data protection policy (JSON) is required")
	}
	if len(doc) > maxDataProtectionPolicyLen {
		return invalid(field, RuleMaxLength, "%d characters; at most %d", len(doc), maxDataProtectionPolicyLen)
	}
	return validateJSONObject(field, doc)
}
