package snstest

import (
	"context"
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
)

// endpointAttributes are the attributes of an endpoint, with their rules:
// the model's (model.EndpointAttributeChange), Enabled's text aside.
var endpointAttributes = map[string]func(string) string{
	"Enabled": func(v string) string {
		if v != "true" && v != "false" {
			return "Enabled must be true or false"
		}
		return ""
	},
	"Token": func(v string) string {
		return endpointReason(model.SetEndpointToken(model.PersonalData(v)))
	},
	"CustomUserData": func(v string) string {
		return endpointReason(model.SetEndpointCustomUserData(model.PersonalData(v)))
	},
}

// endpointReason is why the model refuses an endpoint change, or "".
func endpointReason(ch model.EndpointAttributeChange) string {
	if err := ch.Validate(); err != nil {
		return reason(err)
	}
	return ""
}

// CreatePlatformEndpoint registers a device token with an application.
// "The CreatePlatformEndpoint action is idempotent, so if the requester
// already owns an endpoint with the same device token and attributes, that
// endpoint's ARN is returned without creating a new endpoint"; the same
// token with other attributes is InvalidParameter.
func (s *Server) CreatePlatformEndpoint(ctx context.Context, in *sns.CreatePlatformEndpointInput, optFns ...func(*sns.Options)) (*sns.CreatePlatformEndpointOutput, error) {
	const op = "CreatePlatformEndpoint"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.CreatePlatformEndpointInput{}
	}
	if err := newRequired("CreatePlatformEndpointInput").check("PlatformApplicationArn", in.PlatformApplicationArn != nil).check("Token", in.Token != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	attrs := map[string]string{"Enabled": "true", "Token": *in.Token}
	set := maps.Clone(in.Attributes)
	if in.CustomUserData != nil {
		if set == nil {
			set = map[string]string{}
		}
		set["CustomUserData"] = *in.CustomUserData
	}
	for k, v := range set {
		check, ok := endpointAttributes[k]
		if !ok || k == "Token" {
			return nil, opError(op, invalidParameter("Invalid parameter: Attributes Reason: Invalid attribute name: %s", clip(k)))
		}
		if reason := check(v); reason != "" {
			return nil, opError(op, invalidParameter("Invalid parameter: Attributes Reason: %s", reason))
		}
		attrs[k] = v
	}
	if reason := endpointAttributes["Token"](*in.Token); reason != "" {
		return nil, opError(op, invalidParameter("Invalid parameter: Token Reason: %s", reason))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	app, err := s.applicationLocked(r, *in.PlatformApplicationArn)
	if err != nil {
		return nil, opError(op, err)
	}
	for _, ep := range s.endpoints {
		if ep.app != app.arn || ep.attrs["Token"] != *in.Token {
			continue
		}
		if !maps.Equal(ep.attrs, attrs) {
			return nil, opError(op, invalidParameter("Invalid parameter: Token Reason: Endpoint %s already exists with the same Token, but different attributes.", ep.arn))
		}
		return &sns.CreatePlatformEndpointOutput{EndpointArn: aws.String(ep.arn)}, nil
	}
	arn := "arn:" + string(r.Partition()) + ":sns:" + string(r) + ":" + s.account + ":endpoint/" + string(app.platform) + "/" + app.name + "/" + newUUID()
	s.endpoints[arn] = &platformEndpoint{arn: arn, app: app.arn, region: r, attrs: attrs}
	return &sns.CreatePlatformEndpointOutput{EndpointArn: aws.String(arn)}, nil
}

// GetEndpointAttributes returns an endpoint's Enabled, Token and, when
// set, CustomUserData.
func (s *Server) GetEndpointAttributes(ctx context.Context, in *sns.GetEndpointAttributesInput, optFns ...func(*sns.Options)) (*sns.GetEndpointAttributesOutput, error) {
	const op = "GetEndpointAttributes"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.GetEndpointAttributesInput{}
	}
	if err := newRequired("GetEndpointAttributesInput").check("EndpointArn", in.EndpointArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ep, err := s.endpointLocked(r, *in.EndpointArn)
	if err != nil {
		return nil, opError(op, err)
	}
	return &sns.GetEndpointAttributesOutput{Attributes: maps.Clone(ep.attrs)}, nil
}

// SetEndpointAttributes sets an endpoint's Enabled, Token and
// CustomUserData, all or none.
func (s *Server) SetEndpointAttributes(ctx context.Context, in *sns.SetEndpointAttributesInput, optFns ...func(*sns.Options)) (*sns.SetEndpointAttributesOutput, error) {
	const op = "SetEndpointAttributes"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.SetEndpointAttributesInput{}
	}
	if err := newRequired("SetEndpointAttributesInput").check("Attributes", in.Attributes != nil).check("EndpointArn", in.EndpointArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	for k, v := range in.Attributes {
		check, ok := endpointAttributes[k]
		if !ok {
			return nil, opError(op, invalidParameter("Invalid parameter: Attributes Reason: Invalid attribute name: %s", clip(k)))
		}
		if reason := check(v); reason != "" {
			return nil, opError(op, invalidParameter("Invalid parameter: Attributes Reason: %s", reason))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ep, err := s.endpointLocked(r, *in.EndpointArn)
	if err != nil {
		return nil, opError(op, err)
	}
	for k, v := range in.Attributes {
		if k == "CustomUserData" && v == "" {
			delete(ep.attrs, k)
			continue
		}
		ep.attrs[k] = v
	}
	return &sns.SetEndpointAttributesOutput{}, nil
}

// DeleteEndpoint deletes an endpoint. "This action is idempotent": an
// endpoint that does not exist is no error.
func (s *Server) DeleteEndpoint(ctx context.Context, in *sns.DeleteEndpointInput, optFns ...func(*sns.Options)) (*sns.DeleteEndpointOutput, error) {
	const op = "DeleteEndpoint"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.DeleteEndpointInput{}
	}
	if err := newRequired("DeleteEndpointInput").check("EndpointArn", in.EndpointArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ep, err := s.endpointLocked(r, *in.EndpointArn)
	if err != nil {
		if _, missing := err.(*types.NotFoundException); missing {
			return &sns.DeleteEndpointOutput{}, nil
		}
		return nil, opError(op, err)
	}
	delete(s.endpoints, ep.arn)
	return &sns.DeleteEndpointOutput{}, nil
}

// ListEndpointsByPlatformApplication returns an application's endpoints a
// page of up to 100 at a time, in ARN order, with their attributes.
func (s *Server) ListEndpointsByPlatformApplication(ctx context.Context, in *sns.ListEndpointsByPlatformApplicationInput, optFns ...func(*sns.Options)) (*sns.ListEndpointsByPlatformApplicationOutput, error) {
	const op = "ListEndpointsByPlatformApplication"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.ListEndpointsByPlatformApplicationInput{}
	}
	if err := newRequired("ListEndpointsByPlatformApplicationInput").check("PlatformApplicationArn", in.PlatformApplicationArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	app, err := s.applicationLocked(r, *in.PlatformApplicationArn)
	if err != nil {
		return nil, opError(op, err)
	}
	var arns []string
	for arn, ep := range s.endpoints {
		if ep.app == app.arn {
			arns = append(arns, arn)
		}
	}
	slices.Sort(arns)
	keys, next, err := page(arns, in.NextToken)
	if err != nil {
		return nil, opError(op, err)
	}
	out := &sns.ListEndpointsByPlatformApplicationOutput{Endpoints: make([]types.Endpoint, len(keys))}
	for i, arn := range keys {
		out.Endpoints[i] = types.Endpoint{EndpointArn: aws.String(arn), Attributes: maps.Clone(s.endpoints[arn].attrs)}
	}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}
