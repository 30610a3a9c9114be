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

// CreatePlatformApplication creates a platform application with the
// credentials given, checked for presence only (SNS checks them with the
// platform): PlatformCredential always, PlatformPrincipal for every
// platform but GCM, and a team and bundle ID with an Apple signing key. The
// name follows SNS's rule. Creating an application of the same platform and
// name again returns it, with the attributes given applied.
func (s *Server) CreatePlatformApplication(ctx context.Context, in *sns.CreatePlatformApplicationInput, optFns ...func(*sns.Options)) (*sns.CreatePlatformApplicationOutput, error) {
	const op = "CreatePlatformApplication"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.CreatePlatformApplicationInput{}
	}
	if err := newRequired("CreatePlatformApplicationInput").check("Attributes", in.Attributes != nil).check("Name", in.Name != nil).check("Platform", in.Platform != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	name, platform := *in.Name, model.Platform(*in.Platform)
	if model.ValidateApplicationName(name) != nil {
		return nil, opError(op, invalidParameter("Invalid parameter: Name Reason: Application names must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, hyphens, and periods, and must be between 1 and 256 characters long."))
	}
	if platform.Validate() != nil {
		return nil, opError(op, invalidParameter("Invalid parameter: Platform Reason: %s is not supported", clip(string(platform))))
	}
	attrs, reason := checkPlatformAttributes(platform, nil, in.Attributes)
	if reason != "" {
		return nil, opError(op, invalidParameter("%s", reason))
	}
	arn := "arn:" + string(r.Partition()) + ":sns:" + string(r) + ":" + s.account + ":app/" + string(platform) + "/" + name
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apps[arn] = &platformApp{arn: arn, name: name, platform: platform, region: r, attrs: attrs}
	return &sns.CreatePlatformApplicationOutput{PlatformApplicationArn: aws.String(arn)}, nil
}

// GetPlatformApplicationAttributes returns an application's attributes:
// Enabled and those set, never the credentials.
func (s *Server) GetPlatformApplicationAttributes(ctx context.Context, in *sns.GetPlatformApplicationAttributesInput, optFns ...func(*sns.Options)) (*sns.GetPlatformApplicationAttributesOutput, error) {
	const op = "GetPlatformApplicationAttributes"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.GetPlatformApplicationAttributesInput{}
	}
	if err := newRequired("GetPlatformApplicationAttributesInput").check("PlatformApplicationArn", in.PlatformApplicationArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	app, err := s.applicationLocked(r, *in.PlatformApplicationArn)
	if err != nil {
		return nil, opError(op, err)
	}
	return &sns.GetPlatformApplicationAttributesOutput{Attributes: applicationAttributes(app)}, nil
}

// SetPlatformApplicationAttributes sets attributes of an application, all
// or none: an unknown name or a value outside its rule is
// InvalidParameter. An empty value removes an optional attribute.
func (s *Server) SetPlatformApplicationAttributes(ctx context.Context, in *sns.SetPlatformApplicationAttributesInput, optFns ...func(*sns.Options)) (*sns.SetPlatformApplicationAttributesOutput, error) {
	const op = "SetPlatformApplicationAttributes"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.SetPlatformApplicationAttributesInput{}
	}
	if err := newRequired("SetPlatformApplicationAttributesInput").check("Attributes", in.Attributes != nil).check("PlatformApplicationArn", in.PlatformApplicationArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	app, err := s.applicationLocked(r, *in.PlatformApplicationArn)
	if err != nil {
		return nil, opError(op, err)
	}
	attrs, reason := checkPlatformAttributes(app.platform, app.attrs, in.Attributes)
	if reason != "" {
		return nil, opError(op, invalidParameter("%s", reason))
	}
	app.attrs = attrs
	return &sns.SetPlatformApplicationAttributesOutput{}, nil
}

// DeletePlatformApplication deletes an application and the fake's
// endpoints of it. Deleting one that does not exist succeeds.
func (s *Server) DeletePlatformApplication(ctx context.Context, in *sns.DeletePlatformApplicationInput, optFns ...func(*sns.Options)) (*sns.DeletePlatformApplicationOutput, error) {
	const op = "DeletePlatformApplication"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.DeletePlatformApplicationInput{}
	}
	if err := newRequired("DeletePlatformApplicationInput").check("PlatformApplicationArn", in.PlatformApplicationArn != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	app, err := s.applicationLocked(r, *in.PlatformApplicationArn)
	if err != nil {
		if _, missing := err.(*types.NotFoundException); missing {
			return &sns.DeletePlatformApplicationOutput{}, nil
		}
		return nil, opError(op, err)
	}
	delete(s.apps, app.arn)
	maps.DeleteFunc(s.endpoints, func(_ string, ep *platformEndpoint) bool { return ep.app == app.arn })
	return &sns.DeletePlatformApplicationOutput{}, nil
}

// ListPlatformApplications returns the region's applications a page of up
// to 100 at a time, in ARN order, with their attributes as
// GetPlatformApplicationAttributes reports them.
func (s *Server) ListPlatformApplications(ctx context.Context, in *sns.ListPlatformApplicationsInput, optFns ...func(*sns.Options)) (*sns.ListPlatformApplicationsOutput, error) {
	const op = "ListPlatformApplications"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.ListPlatformApplicationsInput{}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var arns []string
	for arn, app := range s.apps {
		if app.region == r {
			arns = append(arns, arn)
		}
	}
	slices.Sort(arns)
	keys, next, err := page(arns, in.NextToken)
	if err != nil {
		return nil, opError(op, err)
	}
	out := &sns.ListPlatformApplicationsOutput{PlatformApplications: make([]types.PlatformApplication, len(keys))}
	for i, arn := range keys {
		out.PlatformApplications[i] = types.PlatformApplication{PlatformApplicationArn: aws.String(arn), Attributes: applicationAttributes(s.apps[arn])}
	}
	if next != "" {
		out.NextToken = aws.String(next)
	}
	return out, nil
}
