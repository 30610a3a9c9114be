package auth

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/go-sns/connector/region"
)

// Identity is who a set of credentials is, as STS GetCallerIdentity says.
type Identity struct {
	Account string // the 12-digit account ID
	ARN     string // the user or assumed-role session ARN
	UserID  string // the unique ID ("AROA...:session" for a role session)
}

// Validate checks that provider's credentials work by calling STS
// GetCallerIdentity in region r (empty means us-east-1), the Mendix
// connector's "Validate Credentials", and returns who they are.
// GetCallerIdentity needs no IAM permission, so an error means the
// credentials themselves are bad (or STS is unreachable).
//
// The STS endpoint is the regional one, unless [WithSTSEndpoint] or
// $AWS_ENDPOINT_URL_STS says otherwise (plain http only to loopback).
// [WithHTTPClient] sets the HTTP client.
func Validate(ctx context.Context, provider aws.CredentialsProvider, r region.Region, opts ...Option) (*Identity, error) {
	if provider == nil {
		return nil, errors.New("auth: Validate: nil credentials provider")
	}
	if r == "" {
		r = region.USEast1
	}
	client, err := newSTSClient(r, provider, newOptions(nil, opts...))
	if err != nil {
		return nil, err
	}
	out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return nil, fmt.Errorf("auth: validating credentials with STS GetCallerIdentity in %s: %w", r, err)
	}
	return &Identity{
		Account: aws.ToString(out.Account),
		ARN:     aws.ToString(out.Arn),
		UserID:  aws.ToString(out.UserId),
	}, nil
}
