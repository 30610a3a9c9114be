package snstest

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/go-sns/connector/snsconnector"
)

// GetCallerIdentity answers as STS would for the fake's account, so
// [snsconnector.Client.ResolveTopic] finds the account without a real STS:
// the client asks the SNS API for it when the API can answer.
func (s *Server) GetCallerIdentity(ctx context.Context, _ *sts.GetCallerIdentityInput, _ ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return &sts.GetCallerIdentityOutput{
		Account: aws.String(s.account),
		Arn:     aws.String("arn:aws:iam::" + s.account + ":user/snstest"),
		UserId:  aws.String("AIDASNSTESTFAKEUSER"),
	}, nil
}

// GetCallerIdentity answers for the fake's account; see Server.GetCallerIdentity.
func (a regionAPI) GetCallerIdentity(ctx context.Context, in *sts.GetCallerIdentityInput, optFns ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error) {
	return a.s.GetCallerIdentity(ctx, in, optFns...)
}

var (
	_ snsconnector.STSAPI = (*Server)(nil)
	_ snsconnector.STSAPI = regionAPI{}
)
