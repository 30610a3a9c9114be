package snstest

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
)

// GetSMSSandboxAccountStatus reports whether the account is in the SMS
// sandbox of the region: a new account is (see [Server.SetSMSSandbox]).
func (s *Server) GetSMSSandboxAccountStatus(ctx context.Context, in *sns.GetSMSSandboxAccountStatusInput, optFns ...func(*sns.Options)) (*sns.GetSMSSandboxAccountStatusOutput, error) {
	const op = "GetSMSSandboxAccountStatus"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return &sns.GetSMSSandboxAccountStatusOutput{IsInSandbox: !s.smsLocked(r).outOfSandbox}, nil
}

// CreateSMSSandboxPhoneNumber adds a number to the sandbox and "sends" it a
// one-time password, which [Server.SandboxOneTimePassword] reads. Adding a
// pending number again sends a new password. A number that opted out is
// OptedOut; an eleventh number while ten are verified is UserError ("You
// can have up to 10 verified destination phone numbers").
func (s *Server) CreateSMSSandboxPhoneNumber(ctx context.Context, in *sns.CreateSMSSandboxPhoneNumberInput, optFns ...func(*sns.Options)) (*sns.CreateSMSSandboxPhoneNumberOutput, error) {
	const op = "CreateSMSSandboxPhoneNumber"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.CreateSMSSandboxPhoneNumberInput{}
	}
	if err := newRequired("CreateSMSSandboxPhoneNumberInput").check("PhoneNumber", in.PhoneNumber != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	phone := *in.PhoneNumber
	if !validPhone(phone) {
		return nil, opError(op, invalidParameter("Invalid parameter: PhoneNumber Reason: input incorrectly formatted"))
	}
	if model.LanguageCode(in.LanguageCode).Validate() != nil {
		return nil, opError(op, invalidParameter("Invalid parameter: LanguageCode"))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.smsLocked(r)
	if a.optedOut[phone] {
		return nil, opError(op, &types.OptedOutException{Message: aws.String("Phone number is opted out")})
	}
	if n, ok := a.sandbox[phone]; ok {
		if !n.verified {
			n.otp, n.attempt = newOTP(), s.clock()
		}
		return &sns.CreateSMSSandboxPhoneNumberOutput{}, nil
	}
	verified := 0
	for _, n := range a.sandbox {
		if n.verified {
			verified++
		}
	}
	if verified >= maxSandboxNumbers {
		return nil, opError(op, &types.UserErrorException{Message: aws.String("You can have up to 10 verified destination phone numbers in the SMS sandbox")})
	}
	a.sandbox[phone] = &sandboxNumber{otp: newOTP(), attempt: s.clock()}
	return &sns.CreateSMSSandboxPhoneNumberOutput{}, nil
}

// VerifySMSSandboxPhoneNumber verifies a pending number with its one-time
// password. A number not in the sandbox is ResourceNotFound; a wrong
// password is Verification.
func (s *Server) VerifySMSSandboxPhoneNumber(ctx context.Context, in *sns.VerifySMSSandboxPhoneNumberInput, optFns ...func(*sns.Options)) (*sns.VerifySMSSandboxPhoneNumberOutput, error) {
	const op = "VerifySMSSandboxPhoneNumber"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.VerifySMSSandboxPhoneNumberInput{}
	}
	if err := newRequired("VerifySMSSandboxPhoneNumberInput").check("OneTimePassword", in.OneTimePassword != nil).check("PhoneNumber", in.PhoneNumber != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	if model.ValidateOneTimePassword(*in.OneTimePassword) != nil {
		return nil, opError(op, invalidParameter("Invalid parameter: OneTimePassword"))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n, ok := s.smsLocked(r).sandbox[*in.PhoneNumber]
	if !ok {
		return nil, opError(op, resourceNotFound())
	}
	n.attempt = s.clock()
	if n.verified {
		return &sns.VerifySMSSandboxPhoneNumberOutput{}, nil
	}
	if *in.OneTimePassword != n.otp {
		return nil, opError(op, &types.VerificationException{Message: aws.String("Invalid one-time password"), Status: aws.String("Pending")})
	}
	n.verified = true
	return &sns.VerifySMSSandboxPhoneNumberOutput{}, nil
}

// DeleteSMSSandboxPhoneNumber removes a number from the sandbox: "only
// after a minimum of 24 hours have passed since verification, or the last
// verification attempt" (UserError before). A number not in the sandbox
// is ResourceNotFound.
func (s *Server) DeleteSMSSandboxPhoneNumber(ctx context.Context, in *sns.DeleteSMSSandboxPhoneNumberInput, optFns ...func(*sns.Options)) (*sns.DeleteSMSSandboxPhoneNumberOutput, error) {
	const op = "DeleteSMSSandboxPhoneNumber"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.DeleteSMSSandboxPhoneNumberInput{}
	}
	if err := newRequired("DeleteSMSSandboxPhoneNumberInput").check("PhoneNumber", in.PhoneNumber != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.smsLocked(r)
	n, ok := a.sandbox[*in.PhoneNumber]
	if !ok {
		return nil, opError(op, resourceNotFound())
	}
	if s.clock().Sub(n.attempt) < sandboxDeleteWait {
		return nil, opError(op, &types.UserErrorException{Message: aws.String("A destination phone number can be deleted only 24 hours after its verification or last verification attempt")})
	}
	delete(a.sandbox, *in.PhoneNumber)
	return &sns.DeleteSMSSandboxPhoneNumberOutput{}, nil
}

// ListSMSSandboxPhoneNumbers returns the sandbox's numbers with their
// status, in order, MaxResults (1 to 100) a page.
func (s *Server) ListSMSSandboxPhoneNumbers(ctx context.Context, in *sns.ListSMSSandboxPhoneNumbersInput, optFns ...func(*sns.Options)) (*sns.ListSMSSandboxPhoneNumbersOutput, error) {
	const op = "ListSMSSandboxPhoneNumbers"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.ListSMSSandboxPhoneNumbersInput{}
	}
	size, err := maxResults(in.MaxResults, maxSandboxPageLimit)
	if err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.smsLocked(r)
	numbers := slices.Sorted(func(yield func(string) bool) {
		for n := range a.sandbox {
			if !yield(n) {
				return
			}
		}
	})
	keys, next, err := pageOf(numbers, in.NextToken, size)
	if err != nil {
		return nil, opError(op, err)
	}
	out := &sns.ListSMSSandboxPhoneNumbersOutput{PhoneNumbers: make([]types.SMSSandboxPhoneNumber, len(keys))}
	for i, n := range keys {
		status := types.SMSSandboxPhoneNumberVerificationStatusPending
		if a.sandbox[n].verified {
			status = types.SMSSandboxPhoneNumberVerificationStatusVerified
		}
		out.PhoneNumbers[i] = types.SMSSandboxPhoneNumber{PhoneNumber: aws.String(n), Status: status}
	}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}

// ListOriginationNumbers returns the numbers [Server.AddOriginationNumber]
// gave the account, in order, MaxResults (1 to 30) a page.
func (s *Server) ListOriginationNumbers(ctx context.Context, in *sns.ListOriginationNumbersInput, optFns ...func(*sns.Options)) (*sns.ListOriginationNumbersOutput, error) {
	const op = "ListOriginationNumbers"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.ListOriginationNumbersInput{}
	}
	size, err := maxResults(in.MaxResults, maxOriginationPage)
	if err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	byNumber := map[string]types.PhoneNumberInformation{}
	for _, n := range s.smsLocked(r).origination {
		byNumber[aws.ToString(n.PhoneNumber)] = n
	}
	numbers := make([]string, 0, len(byNumber))
	for n := range byNumber {
		numbers = append(numbers, n)
	}
	slices.Sort(numbers)
	keys, next, err := pageOf(numbers, in.NextToken, size)
	if err != nil {
		return nil, opError(op, err)
	}
	out := &sns.ListOriginationNumbersOutput{PhoneNumbers: make([]types.PhoneNumberInformation, len(keys))}
	for i, n := range keys {
		out.PhoneNumbers[i] = byNumber[n]
	}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}

// maxResults applies a listing's MaxResults: nil for the most, else 1 to
// limit ("Valid Range: Minimum value of 1", the API references).
func maxResults(n *int32, limit int) (int, error) {
	if n == nil {
		return limit, nil
	}
	if *n < 1 || int(*n) > limit {
		return 0, invalidParameter("Invalid parameter: MaxResults Reason: must be between 1 and %d", limit)
	}
	return int(*n), nil
}
