package snstest

import (
	"context"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
)

// CheckIfPhoneNumberIsOptedOut reports whether a number opted out of the
// account's SMS in the region (see [Server.OptOut]). A number not in E.164
// format is InvalidParameter.
func (s *Server) CheckIfPhoneNumberIsOptedOut(ctx context.Context, in *sns.CheckIfPhoneNumberIsOptedOutInput, optFns ...func(*sns.Options)) (*sns.CheckIfPhoneNumberIsOptedOutOutput, error) {
	const op = "CheckIfPhoneNumberIsOptedOut"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.CheckIfPhoneNumberIsOptedOutInput{}
	}
	if err := newRequired("CheckIfPhoneNumberIsOptedOutInput").check("PhoneNumber", in.PhoneNumber != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	if !validPhone(*in.PhoneNumber) {
		return nil, opError(op, invalidParameter("Invalid parameter: PhoneNumber Reason: input incorrectly formatted"))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	return &sns.CheckIfPhoneNumberIsOptedOutOutput{IsOptedOut: s.smsLocked(r).optedOut[*in.PhoneNumber]}, nil
}

// ListPhoneNumbersOptedOut returns the region's opted-out numbers, a page
// of up to 100 at a time, in order.
func (s *Server) ListPhoneNumbersOptedOut(ctx context.Context, in *sns.ListPhoneNumbersOptedOutInput, optFns ...func(*sns.Options)) (*sns.ListPhoneNumbersOptedOutOutput, error) {
	const op = "ListPhoneNumbersOptedOut"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.ListPhoneNumbersOptedOutInput{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var numbers []string
	for n, out := range s.smsLocked(r).optedOut {
		if out {
			numbers = append(numbers, n)
		}
	}
	slices.Sort(numbers)
	keys, next, err := pageOf(numbers, in.NextToken, maxOptedOutPage)
	if err != nil {
		return nil, opError(op, err)
	}
	out := &sns.ListPhoneNumbersOptedOutOutput{PhoneNumbers: keys}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}

// OptInPhoneNumber opts a number back in. The fake does not model SNS's
// limit of once every 30 days per number.
func (s *Server) OptInPhoneNumber(ctx context.Context, in *sns.OptInPhoneNumberInput, optFns ...func(*sns.Options)) (*sns.OptInPhoneNumberOutput, error) {
	const op = "OptInPhoneNumber"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.OptInPhoneNumberInput{}
	}
	if err := newRequired("OptInPhoneNumberInput").check("PhoneNumber", in.PhoneNumber != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	if !validPhone(*in.PhoneNumber) {
		return nil, opError(op, invalidParameter("Invalid parameter: PhoneNumber Reason: input incorrectly formatted"))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.smsLocked(r).optedOut, *in.PhoneNumber)
	return &sns.OptInPhoneNumberOutput{}, nil
}
