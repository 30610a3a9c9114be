package snstest

import (
	"crypto/rand"
	"fmt"
	"strings"

	"github.com/go-sns/connector/region"
)

// topicARN returns the ARN SNS gives topic name in region r:
// arn:PARTITION:sns:REGION:ACCOUNT:NAME.
func (s *Server) topicARN(r region.Region, name string) string {
	return "arn:" + string(r.Partition()) + ":sns:" + string(r) + ":" + s.account + ":" + name
}

// arn is an ARN split at its colons.
type arn struct {
	partition, service, region, account string
	resource                            []string // what follows the account
}

// parseARN splits an ARN, or reports why SNS would refuse it in the
// parameter field ("TopicArn", "SubscriptionArn", ...).
func parseARN(field, s string) (arn, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 6 {
		return arn{}, invalidParameter("Invalid parameter: %s Reason: An ARN must have at least 6 elements, not %d", field, len(parts))
	}
	a := arn{partition: parts[1], service: parts[2], region: parts[3], account: parts[4], resource: parts[5:]}
	if parts[0] != "arn" || a.partition == "" || a.service == "" {
		return arn{}, invalidParameter("Invalid parameter: %s", field)
	}
	return a, nil
}

// checkTopicARN parses the ARN of a topic named in a call to region r and
// checks it names a topic of this account in r. It returns the modeled
// error SNS gives otherwise: InvalidParameter for a malformed ARN or another
// region ("You can publish messages only to topics and endpoints in the same
// Amazon Web Services Region"), AuthorizationError for another account.
func (s *Server) checkTopicARN(field, action string, r region.Region, topic string) error {
	a, err := parseARN(field, topic)
	if err != nil {
		return err
	}
	if a.service != "sns" || len(a.resource) != 1 || a.resource[0] == "" {
		return invalidParameter("Invalid parameter: %s", field)
	}
	if a.region != string(r) || a.partition != string(r.Partition()) {
		return invalidParameter("Invalid parameter: %s", field)
	}
	if a.account != s.account {
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
