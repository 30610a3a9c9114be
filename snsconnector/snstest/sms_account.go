package snstest

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// smsAccount is the account's SMS state in one region.
type smsAccount struct {
	attrs        map[string]string // SetSMSAttributes
	optedOut     map[string]bool   // phone number -> opted out
	outOfSandbox bool              // the account left the SMS sandbox
	sandbox      map[string]*sandboxNumber
	origination  []types.PhoneNumberInformation
}

// sandboxNumber is a destination number of the SMS sandbox.
type sandboxNumber struct {
	otp      string
	verified bool
	// attempt is the time of the verification or the last attempt: "You
	// can delete destination phone numbers only after a minimum of 24 hours
	// have passed since verification, or the last verification attempt."
	attempt time.Time
}

// Limits of the SMS sandbox ("Using the Amazon SNS SMS sandbox").
const (
	maxSandboxNumbers   = 10
	sandboxDeleteWait   = 24 * time.Hour
	maxOptedOutPage     = 100
	maxOriginationPage  = 30
	maxSandboxPageLimit = 100
)

// smsLocked returns the account's SMS state in region r. The caller holds
// s.mu.
func (s *Server) smsLocked(r region.Region) *smsAccount {
	a, ok := s.sms[r]
	if !ok {
		a = &smsAccount{attrs: map[string]string{}, optedOut: map[string]bool{}, sandbox: map[string]*sandboxNumber{}}
		s.sms[r] = a
	}
	return a
}

// smsAttributeChecks are the account's SMS settings, each checked by the
// model's rule for it (SetSMSAttributes API reference).
var smsAttributeChecks = map[string]func(string) error{
	"DefaultSMSType": func(v string) error { return model.SetDefaultSMSType(model.SMSType(v)).Validate() },
	"MonthlySpendLimit": func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("MonthlySpendLimit must be a whole number of US dollars")
		}
		return model.SetMonthlySpendLimit(n).Validate()
	},
	"DefaultSenderID":       func(v string) error { return model.SetDefaultSenderID(v).Validate() },
	"DeliveryStatusIAMRole": func(v string) error { return model.SetDeliveryStatusIAMRole(v).Validate() },
	"DeliveryStatusSuccessSamplingRate": func(v string) error {
		n, err := strconv.Atoi(v)
		if err != nil {
			return fmt.Errorf("DeliveryStatusSuccessSamplingRate must be an integer from 0 to 100")
		}
		return model.SetDeliveryStatusSuccessSamplingRate(n).Validate()
	},
	"UsageReportS3Bucket": func(v string) error { return model.SetUsageReportS3Bucket(v).Validate() },
}

// validPhone reports whether s is an E.164 number, as SNS takes them.
func validPhone(s string) bool { return model.ValidatePhoneNumber(s) == nil }

// newOTP returns a six-digit one-time password.
func newOTP() string {
	n, _ := rand.Int(rand.Reader, big.NewInt(1_000_000)) // never fails, per crypto/rand
	return fmt.Sprintf("%06d", n.Int64())
}

// OptOut opts a phone number out of the account's SMS in region r, as a
// recipient replying STOP does: CheckIfPhoneNumberIsOptedOut then reports
// it and ListPhoneNumbersOptedOut lists it, until OptInPhoneNumber.
func (s *Server) OptOut(r region.Region, phoneNumber string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.smsLocked(r).optedOut[phoneNumber] = true
}

// SandboxOneTimePassword returns the one-time password SNS texted a number
// that CreateSMSSandboxPhoneNumber added to the sandbox of region r, as the
// number's owner would read it; ok is false for a number not in the
// sandbox or verified already.
func (s *Server) SandboxOneTimePassword(r region.Region, phoneNumber string) (otp string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, found := s.smsLocked(r).sandbox[phoneNumber]
	if !found || n.verified {
		return "", false
	}
	return n.otp, true
}

// SetSMSSandbox puts the account in the SMS sandbox of region r or takes it
// out, as AWS does on request. A new account is in the sandbox. The fake
// does not refuse to publish to unverified numbers from the sandbox.
func (s *Server) SetSMSSandbox(r region.Region, inSandbox bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.smsLocked(r).outOfSandbox = !inSandbox
}

// AddOriginationNumber gives the account a number to send SMS from in
// region r, as buying one in AWS End User Messaging does;
// ListOriginationNumbers lists it.
func (s *Server) AddOriginationNumber(r region.Region, n types.PhoneNumberInformation) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.smsLocked(r)
	a.origination = append(a.origination, n)
}
