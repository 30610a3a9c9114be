package snstest

import (
	"context"
	"maps"

	"github.com/aws/aws-sdk-go-v2/service/sns"
)

// GetSMSAttributes returns the account's SMS settings in the region: the
// ones set, or only those named in Attributes.
func (s *Server) GetSMSAttributes(ctx context.Context, in *sns.GetSMSAttributesInput, optFns ...func(*sns.Options)) (*sns.GetSMSAttributesOutput, error) {
	const op = "GetSMSAttributes"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.GetSMSAttributesInput{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	attrs := s.smsLocked(r).attrs
	out := maps.Clone(attrs)
	if len(in.Attributes) > 0 {
		out = map[string]string{}
		for _, name := range in.Attributes {
			if v, ok := attrs[name]; ok {
				out[name] = v
			}
		}
	}
	return &sns.GetSMSAttributesOutput{Attributes: out}, nil
}

// SetSMSAttributes sets the account's SMS settings in the region, all or
// none: an unknown name or a value outside its rule is InvalidParameter.
// An empty value removes a setting.
func (s *Server) SetSMSAttributes(ctx context.Context, in *sns.SetSMSAttributesInput, optFns ...func(*sns.Options)) (*sns.SetSMSAttributesOutput, error) {
	const op = "SetSMSAttributes"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.SetSMSAttributesInput{}
	}
	if err := newRequired("SetSMSAttributesInput").check("Attributes", in.Attributes != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	for k, v := range in.Attributes {
		check, ok := smsAttributeChecks[k]
		if !ok {
			return nil, opError(op, invalidParameter("Invalid parameter: Attributes Reason: Unknown attribute %s", clip(k)))
		}
		if v == "" {
			continue
		}
		if err := check(v); err != nil {
			return nil, opError(op, invalidParameter("Invalid parameter: Attributes Reason: %s: %s", k, reason(err)))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	attrs := s.smsLocked(r).attrs
	for k, v := range in.Attributes {
		if v == "" {
			delete(attrs, k)
		} else {
			attrs[k] = v
		}
	}
	return &sns.SetSMSAttributesOutput{}, nil
}
