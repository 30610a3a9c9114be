package snstest

import (
	"crypto/rand"
	"fmt"
	"strings"

	"github.com/go-sns/connector/internal/arn"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// topicARN returns the ARN SNS gives topic name in region r:
// arn:PARTITION:sns:REGION:ACCOUNT:NAME.
func (s *Server) topicARN(r region.Region, name string) string {
	return arn.ARN{Partition: r.Partition(), Service: "sns", Region: r, AccountID: s.account, Resource: name}.String()
}

// parseARN parses an ARN of service ("" for any) with the module's ARN
// parser, or returns the InvalidParameter SNS gives in the parameter field
// ("TopicArn", "SubscriptionArn", ...).
func parseARN(field, s, service string) (arn.ARN, error) {
	a, err := arn.Parse(s, service, arn.AnyScope)
	if err == nil {
		return a, nil
	}
	if n := strings.Count(s, ":") + 1; n < 6 {
		return arn.ARN{}, invalidParameter("Invalid parameter: %s Reason: An ARN must have at least 6 elements, not %d", field, n)
	}
	return arn.ARN{}, invalidParameter("Invalid parameter: %s Reason: %s", field, err)
}

// checkTopicARN parses the ARN of a topic named in a call to region r and
// checks it names a topic (by the model's rules, model.ParseTopicARN) of
// this account in r. It returns the modeled
// error SNS gives otherwise: InvalidParameter for a malformed ARN or another
// region ("You can publish messages only to topics and endpoints in the same
// Amazon Web Services Region"), AuthorizationError for another account.
func (s *Server) checkTopicARN(field, action string, r region.Region, topic string) error {
	a, err := parseARN(field, topic, "sns")
	if err != nil {
		return err
	}
	if _, err := model.ParseTopicARN(topic); err != nil || a.Region != r {
		return invalidParameter("Invalid parameter: %s", field)
	}
	if a.AccountID != s.account {
		return notAuthorized(s.account, action, topic)
	}
	return nil
}

// newUUID returns a random (version 4) UUID, the form of SNS message IDs
// and of the last part of subscription ARNs.
func newUUID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails, per crypto/rand
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// newToken returns a confirmation token: SNS's are long hex strings.
func newToken() string {
	var b [128]byte
	rand.Read(b[:])
	return fmt.Sprintf("%x", b[:])
}
