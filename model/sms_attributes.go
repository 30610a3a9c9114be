package model

import (
	"net/netip"
	"strconv"
	"strings"
)

// The account's SMS settings (SetSMSAttributes API reference).
const (
	smsAccountDefaultType   = "DefaultSMSType"
	smsAccountSpendLimit    = "MonthlySpendLimit"
	smsAccountSenderID      = "DefaultSenderID"
	smsAccountStatusRole    = "DeliveryStatusIAMRole"
	smsAccountSamplingRate  = "DeliveryStatusSuccessSamplingRate"
	smsAccountReportsBucket = "UsageReportS3Bucket"
	minDefaultSenderIDLen   = 1
)

// SMSAttributes are the account's default settings for SMS in a region, as
// GetSMSAttributes returns them. Publish overrides some per message with
// [SMSOptions]. Raw keeps every attribute as SNS returned it.
type SMSAttributes struct {
	// DefaultSMSType is Promotional (SNS's default) or Transactional.
	DefaultSMSType SMSType
	// MonthlySpendLimit is the most, in whole US dollars, SNS spends on SMS
	// a month; SNS stops sending within minutes of crossing it.
	MonthlySpendLimit int
	// DefaultSenderID is the sender shown where the country supports it.
	DefaultSenderID string
	// DeliveryStatusIAMRole is the IAM role SNS assumes to log SMS
	// deliveries to CloudWatch Logs.
	DeliveryStatusIAMRole string
	// DeliveryStatusSuccessSamplingRate is the percentage (0 to 100) of
	// successful deliveries logged.
	DeliveryStatusSuccessSamplingRate int
	// UsageReportS3Bucket receives a daily SMS usage report.
	UsageReportS3Bucket string
	Raw                 map[string]string
}

// ParseSMSAttributes reads GetSMSAttributes' attribute map. Unknown or
// unparsable values stay in Raw only.
func ParseSMSAttributes(raw map[string]string) SMSAttributes {
	a := SMSAttributes{Raw: raw}
	a.DefaultSMSType = SMSType(raw[smsAccountDefaultType])
	a.MonthlySpendLimit, _ = strconv.Atoi(raw[smsAccountSpendLimit])
	a.DefaultSenderID = raw[smsAccountSenderID]
	a.DeliveryStatusIAMRole = raw[smsAccountStatusRole]
	a.DeliveryStatusSuccessSamplingRate, _ = strconv.Atoi(raw[smsAccountSamplingRate])
	a.UsageReportS3Bucket = raw[smsAccountReportsBucket]
	return a
}

// SMSAttributeChange is one of the account's SMS settings to change. Build
// it with [SetDefaultSMSType], [SetMonthlySpendLimit], [SetDefaultSenderID],
// [SetDeliveryStatusIAMRole], [SetDeliveryStatusSuccessSamplingRate] or
// [SetUsageReportS3Bucket]; SetSMSAttributes sends all changes in one call.
type SMSAttributeChange struct {
	Name  string // the SNS attribute name
	Value string // the value as SNS takes it
	err   error
}

// SetDefaultSMSType sets the type of SMS the account sends unless a message
// says otherwise.
func SetDefaultSMSType(t SMSType) SMSAttributeChange {
	ch := SMSAttributeChange{Name: smsAccountDefaultType, Value: string(t)}
	if t != SMSPromotional && t != SMSTransactional {
		ch.err = invalid("SMSAttributes.DefaultSMSType", RuleFormat, "type %q is neither %q nor %q", shorten(string(t), 32), SMSPromotional, SMSTransactional)
	}
	return ch
}

// SetMonthlySpendLimit sets the most, in whole US dollars, SNS may spend on
// SMS a month. SNS refuses a limit above the account's quota, which starts
// at 1 USD; raising the quota takes a support case.
func SetMonthlySpendLimit(usd int) SMSAttributeChange {
	ch := SMSAttributeChange{Name: smsAccountSpendLimit, Value: strconv.Itoa(usd)}
	if usd < 0 {
		ch.err = invalid("SMSAttributes.MonthlySpendLimit", RuleRange, "%d is below zero", usd)
	}
	return ch
}

// SetDefaultSenderID sets the sender shown where the country supports it:
// 1 to 11 ASCII letters and digits with at least one letter
// (SetSMSAttributes API reference); "" removes it.
func SetDefaultSenderID(id string) SMSAttributeChange {
	ch := SMSAttributeChange{Name: smsAccountSenderID, Value: id}
	if id != "" {
		ch.err = validateSenderID("SMSAttributes.DefaultSenderID", id, minDefaultSenderIDLen)
	}
	return ch
}

// SetDeliveryStatusIAMRole sets the IAM role SNS assumes to write SMS
// delivery logs to CloudWatch Logs; "" stops the logs.
func SetDeliveryStatusIAMRole(roleARN string) SMSAttributeChange {
	ch := SMSAttributeChange{Name: smsAccountStatusRole, Value: roleARN}
	if roleARN != "" {
		ch.err = checkIAMRoleARN("SMSAttributes.DeliveryStatusIAMRole", roleARN)
	}
	return ch
}

// SetDeliveryStatusSuccessSamplingRate sets the percentage (0 to 100) of
// successful SMS deliveries SNS logs; 0 logs failures only.
func SetDeliveryStatusSuccessSamplingRate(percent int) SMSAttributeChange {
	return SMSAttributeChange{
		Name: smsAccountSamplingRate, Value: strconv.Itoa(percent),
		err: checkPercent("SMSAttributes.DeliveryStatusSuccessSamplingRate", percent),
	}
}

// SetUsageReportS3Bucket names the S3 bucket that receives the daily SMS
// usage report; "" stops the reports. The bucket's policy must let the SNS
// service principal put objects and read the bucket's location.
func SetUsageReportS3Bucket(bucket string) SMSAttributeChange {
	ch := SMSAttributeChange{Name: smsAccountReportsBucket, Value: bucket}
	if bucket != "" {
		ch.err = validateBucketName("SMSAttributes.UsageReportS3Bucket", bucket)
	}
	return ch
}

// Validate reports what was wrong when the change was built.
func (ch SMSAttributeChange) Validate() error {
	switch ch.Name {
	case "":
		return invalid("SMSAttributeChange.Name", RuleRequired, "build changes with the Set... functions (SetDefaultSMSType, SetMonthlySpendLimit, ...)")
	case smsAccountDefaultType, smsAccountSpendLimit, smsAccountSenderID, smsAccountStatusRole, smsAccountSamplingRate, smsAccountReportsBucket:
		return ch.err
	}
	return invalid("SMSAttributeChange.Name", RuleFormat, "%q is not an SMS attribute SNS sets", shorten(ch.Name, 32))
}

// validateBucketName applies S3's naming rules for general purpose buckets
// ("Amazon S3 general purpose bucket naming rules"): 3 to 63 lowercase
// letters, digits, '.' and '-', starting and ending with a letter or digit,
// no two periods in a row, not shaped like an IP address.
func validateBucketName(field, s string) error {
	lowerAlnum := func(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }
	switch {
	case len(s) < 3 || len(s) > 63:
		return invalid(field, RuleFormat, "%d characters; a bucket name has 3 to 63", len(s))
	case !nameOf(s, 3, 63, func(c byte) bool { return lowerAlnum(c) || c == '.' || c == '-' }):
		return invalid(field, RuleCharset, "a bucket name has only lowercase letters, digits, '.' and '-'")
	case !lowerAlnum(s[0]) || !lowerAlnum(s[len(s)-1]):
		return invalid(field, RuleFormat, "a bucket name starts and ends with a letter or digit")
	case strings.Contains(s, ".."):
		return invalid(field, RuleFormat, "a bucket name has no two periods in a row")
	}
	if _, err := netip.ParseAddr(s); err == nil {
		return invalid(field, RuleFormat, "a bucket name is not an IP address")
	}
	return nil
}
