package snstest

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/region"
)

// publishToEndpoint accepts a push to one platform endpoint (Publish with
// a TargetArn naming it) and records it under the endpoint's ARN. An
// endpoint SNS or its owner disabled fails as SNS fails it, with
// EndpointDisabled ("Endpoint is disabled"); one that does not exist with
// InvalidParameter.
func (s *Server) publishToEndpoint(op string, r region.Region, arn string, m *outgoing) (*sns.PublishOutput, error) {
	if err := checkMessage(m); err != nil {
		return nil, opError(op, err)
	}
	if m.groupID != "" || m.dedupID != "" {
		return nil, opError(op, invalidParameter("Invalid parameter: MessageGroupId and MessageDeduplicationId apply only to FIFO topics"))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ep, err := s.endpointLocked(r, arn)
	if err != nil {
		if _, missing := err.(*types.NotFoundException); missing {
			err = invalidParameter("Invalid parameter: TargetArn Reason: No endpoint found for the target arn specified")
		}
		return nil, opError(op, err)
	}
	if ep.attrs["Enabled"] != "true" {
		return nil, opError(op, &types.EndpointDisabledException{Message: aws.String("Endpoint is disabled")})
	}
	rec := Message{
		MessageID:        newUUID(),
		TargetARN:        arn,
		Message:          m.message,
		Subject:          aws.ToString(m.subject),
		MessageStructure: m.structure,
		Attributes:       cloneAttributes(m.attrs),
		Time:             s.clock(),
	}
	s.published = append(s.published, rec)
	return &sns.PublishOutput{MessageId: aws.String(rec.MessageID)}, nil
}
