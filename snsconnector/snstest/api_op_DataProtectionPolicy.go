package snstest

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
)

// checkDataProtectionPolicy applies the model's rule: a JSON object of at
// most 30,720 characters.
func checkDataProtectionPolicy(doc string) error {
	if err := model.ValidateDataProtectionPolicy(doc); err != nil {
		return invalidParameter("Invalid parameter: DataProtectionPolicy Reason: %s", reason(err))
	}
	return nil
}

// GetDataProtectionPolicy returns a topic's data protection policy, none
// when it has none. A topic that does not exist is NotFound.
func (s *Server) GetDataProtectionPolicy(ctx context.Context, in *sns.GetDataProtectionPolicyInput, optFns ...func(*sns.Options)) (*sns.GetDataProtectionPolicyOutput, error) {
	const op = "GetDataProtectionPolicy"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.GetDataProtectionPolicyInput{}
	}
	if err := newRequired("GetDataProtectionPolicyInput").check("ResourceArn", in.ResourceArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("ResourceArn", op, r, *in.ResourceArn)
	if err != nil {
		return nil, opError(op, err)
	}
	out := &sns.GetDataProtectionPolicyOutput{}
	if t.dataProtection != "" {
		out.DataProtectionPolicy = aws.String(t.dataProtection)
	}
	return out, nil
}

// PutDataProtectionPolicy replaces a topic's data protection policy, a
// JSON object of at most 30,720 characters. The fake does not interpret
// the policy: messages are neither audited, masked nor blocked.
func (s *Server) PutDataProtectionPolicy(ctx context.Context, in *sns.PutDataProtectionPolicyInput, optFns ...func(*sns.Options)) (*sns.PutDataProtectionPolicyOutput, error) {
	const op = "PutDataProtectionPolicy"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.PutDataProtectionPolicyInput{}
	}
	if err := newRequired("PutDataProtectionPolicyInput").check("DataProtectionPolicy", in.DataProtectionPolicy != nil).check("ResourceArn", in.ResourceArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	if err := checkDataProtectionPolicy(*in.DataProtectionPolicy); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.topicLocked("ResourceArn", op, r, *in.ResourceArn)
	if err != nil {
		return nil, opError(op, err)
	}
	t.dataProtection = *in.DataProtectionPolicy
	return &sns.PutDataProtectionPolicyOutput{}, nil
}
