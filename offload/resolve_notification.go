package offload

import (
	"context"
	"errors"

	"github.com/go-sns/connector/notification"
)

// ResolveNotification returns the payload of a notification SNS delivered
// (to an HTTP/S endpoint, or to SQS without raw message delivery): the
// object its Message points to, or its Message unchanged when that is no
// pointer. It is [S3Store.Resolve] of m.Message, with the same rules and
// bounds. Give it a message from notification.Verifier.Verify: SNS's
// signature then vouches that the pointer was published to one of your
// topics, as it does not vouch for the message attributes, which this
// method does not read. The object itself is not signed; whoever may write
// to the bucket under the key prefix decides what a pointer resolves to.
func (s *S3Store) ResolveNotification(ctx context.Context, m *notification.Message) (string, error) {
	if m == nil {
		return "", errors.New("offload: ResolveNotification of a nil message")
	}
	return s.Resolve(ctx, m.Message)
}
