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
// The STS endpoint is [WithSTSEndpoint]'s, else the one the AWS
// configuration sets, by the SDK's precedence ($AWS_ENDPOINT_URL_STS, then
// $AWS_ENDPOINT_URL, then the shared config file's services section and
// endpoint_url), else the regional one. Plain http goes only to loopback:
// an endpoint that breaks the rule is a *[ProfileError] with
// [RuleInsecure], and a request resolved to one is refused before it is
// sent; both match [ErrInsecureEndpoint]. [WithHTTPClient] sets the HTTP
// client. What STS echoes of the signed request in an error (the session
// token, the signature) is removed from the error.
func Validate(ctx context.Context, provider aws.CredentialsProvider, r region.Region, opts ...Option) (*Identity, error) {
	if provider == nil {
		return nil, errors.New("auth: Validate: nil credentials provider")
	}
	if r == "" {
		r = region.USEast1
	}
	client, err := newSTSClient(ctx, r, provider, newOptions(nil, opts...))
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
