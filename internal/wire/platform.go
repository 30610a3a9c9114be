package wire

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
)

// PlatformApplications converts a page of listed platform applications.
func PlatformApplications(in []types.PlatformApplication) []model.PlatformApplication {
	out := make([]model.PlatformApplication, len(in))
	for i, a := range in {
		out[i] = model.ParsePlatformApplication(aws.ToString(a.PlatformApplicationArn), a.Attributes)
	}
	return out
}

// PlatformEndpoints converts a page of listed platform endpoints.
func PlatformEndpoints(in []types.Endpoint) []model.PlatformEndpoint {
	out := make([]model.PlatformEndpoint, len(in))
	for i, e := range in {
		out[i] = model.ParsePlatformEndpoint(aws.ToString(e.EndpointArn), e.Attributes)
	}
	return out
}
