package offload

import (
	"context"
	"errors"
	"fmt"
)

// Store keeps the payloads of offloaded messages. [*S3Store] is the one
// this package provides; another (an encrypting wrapper, a store for
// tests) can be plugged into snsconnector.WithPayloadOffloading. Its
// methods must be safe for concurrent use.
//
// A Store may also have a method AttributeName() string returning
// [LegacyAttributeName], to have offloaded messages carry the legacy
// attribute name (as *S3Store does with [WithLegacyAttribute]); without it
// they carry [AttributeName].
type Store interface {
	// Put stores payload under a new key and returns where it is.
	Put(ctx context.Context, payload string) (Pointer, error)
	// Get returns the payload p points to. A missing object fails with an
	// error matching ErrPayloadNotFound.
	Get(ctx context.Context, p Pointer) (string, error)
	// Delete removes the payload p points to. Deleting a missing object is
	// not an error.
	Delete(ctx context.Context, p Pointer) error
}

// ErrPayloadNotFound is matched (errors.Is) by the error of a pointer whose
// object is gone: deleted after an earlier read, expired by a lifecycle
// rule, or never written.
var ErrPayloadNotFound = errors.New("offload: payload not found")

// ErrPayloadTooLarge is matched (errors.Is) by the error of a payload
// larger than the store takes or reads (see [WithMaxPayloadSize]).
var ErrPayloadTooLarge = errors.New("offload: payload too large")

// ErrForeignPointer is matched (errors.Is) by the error of a pointer that
// [S3Store.Resolve] does not follow: its bucket is not the store's, or its
// key is outside the store's key prefix. A message body is data from
// whoever could publish to the topic; following any pointer would let them
// make the consumer read, and with [WithDeleteAfterRead] delete, objects
// of their choosing.
var ErrForeignPointer = errors.New("offload: pointer not followed")

// ErrOutcomeUnknown is the reason an [UndeletedError] gives when the
// payload was kept on purpose: the publish failed in a way that does not
// say whether SNS took the message (a timeout, a lost connection), and
// deleting the object would break the message if it was delivered.
var ErrOutcomeUnknown = errors.New("the publish failed without saying whether SNS took the message, so the payload was kept")

// UndeletedError reports a payload left in the store although its message
// failed to publish, so that nothing is left there silently: Pointer says
// where it is, Err why it stayed (the delete's failure, or
// [ErrOutcomeUnknown]). It is joined to the publish's error; find it with
// errors.As. A lifecycle rule on the bucket that expires old objects under
// the key prefix cleans up whatever is left behind.
type UndeletedError struct {
	Pointer Pointer
	Err     error
}

func (e *UndeletedError) Error() string {
	return fmt.Sprintf("offload: the payload at %s was not deleted: %v", e.Pointer, e.Err)
}

func (e *UndeletedError) Unwrap() error { return e.Err }
