package snsconnector

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"sync"

	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/offload"
	"github.com/go-sns/connector/region"
)

// checkOffloading validates what WithPayloadOffloading was given.
func checkOffloading(o Options) error {
	if o.PayloadStore == nil {
		if o.PayloadOffloading != (offload.Settings{}) {
			return errors.New("snsconnector: WithPayloadOffloading needs a store")
		}
		return nil
	}
	if s, ok := o.PayloadStore.(*offload.S3Store); ok && s == nil {
		return errors.New("snsconnector: WithPayloadOffloading was given a nil *offload.S3Store")
	}
	// A store that knows its configuration is wrong (offload.NewS3Store's
	// Err) says so now, before anything is published.
	if s, ok := o.PayloadStore.(interface{ Err() error }); ok {
		if err := s.Err(); err != nil {
			return fmt.Errorf("snsconnector: WithPayloadOffloading: %w", err)
		}
	}
	if err := o.PayloadOffloading.Validate(); err != nil {
		return fmt.Errorf("snsconnector: WithPayloadOffloading: %w", err)
	}
	return nil
}

// offloads reports whether the client offloads large payloads.
func (c *Client) offloads() bool { return c.opts.PayloadStore != nil }

// offload is what every publish path to a topic does to a message when
// the client offloads payloads, in place of validating it: it checks m
// against every rule but the payload size, which is offload.Apply's to
// judge, then applies offload.Apply. It returns the message to send and,
// when its body was stored, the pointer to it, to be given to settle once
// the publish is over. limit is the payload limit m is judged against; 0
// for the topic's, read when needed as Publish reads it (topicLimit).
func (c *Client) offload(ctx context.Context, r region.Region, topic model.Topic, m model.Message, limit int) (model.Message, *offload.Pointer, error) {
	unbounded := c.limits
	unbounded.MaxPayloadBytes = math.MaxInt
	if err := (model.PublishRequest{Topic: topic, Message: m}).ValidateWith(unbounded); err != nil {
		return m, nil, err
	}
	if err := offload.CheckReserved(m); err != nil {
		return m, nil, err // before the topic's limit is read: bad input costs no call
	}
	if limit == 0 {
		// When the topic's limit cannot be read, SNS's default stands: the
		// message is then offloaded rather than refused.
		limit, _ = c.topicLimit(ctx, r, topic, m.PayloadSize())
	}
	return offload.Apply(ctx, c.opts.PayloadStore, c.opts.PayloadOffloading, m, limit)
}

// settle applies the failure rules to a message whose payload was stored
// (stored is not nil) once its publish is over, err being the publish's
// outcome. Nothing is to be done when it was published. Otherwise the
// object is deleted when SNS surely did not take the message, and kept
// when it may have (deleting it would break a delivered message). Whatever
// is left in the store is reported, as an *offload.UndeletedError joined
// to err.
func (c *Client) settle(ctx context.Context, stored *offload.Pointer, err error) error {
	if stored == nil || err == nil {
		return err
	}
	if mayHavePublished(err) {
		return c.left(ctx, stored, err, &offload.UndeletedError{Pointer: *stored, Err: offload.ErrOutcomeUnknown})
	}
	return c.unsent(ctx, stored, err)
}

// unsent deletes the stored payload of a message that failed, with err,
// before it was sent.
func (c *Client) unsent(ctx context.Context, stored *offload.Pointer, err error) error {
	if stored == nil {
		return err
	}
	return c.left(ctx, stored, err, offload.Discard(ctx, c.opts.PayloadStore, *stored))
}

// left joins to a message's error the report of its payload left in the
// store, if any, and logs it.
func (c *Client) left(ctx context.Context, stored *offload.Pointer, err, left error) error {
	if left == nil {
		return err
	}
	if c.log.Enabled(ctx, slog.LevelWarn) {
		c.log.LogAttrs(ctx, slog.LevelWarn, "offloaded payload left in the store",
			slog.String("bucket", stored.Bucket), slog.String("key", stored.Key), slog.String("error", left.Error()))
	}
	if e, ok := err.(*Error); ok {
		joined := *e
		joined.Err = errors.Join(e.Err, left)
		return &joined
	}
	return errors.Join(err, left)
}

// mayHavePublished reports whether a failed publish may still have reached
// SNS: unless it was refused before sending (invalid, held back, never
// sent) or SNS answered that it refused it (an entry in PublishBatch's
// Failed list, an error of the caller's making), a message can have been
// accepted by SNS while its answer was lost: a timeout, a closed
// connection, an internal error, an answer without a message ID.
func mayHavePublished(err error) bool {
	var ve *model.ValidationError
	var ee *EntryError
	var ae smithy.APIError
	switch {
	case errors.As(err, &ve), errors.Is(err, errNotSent), errors.Is(err, ErrGroupPaused), errors.As(err, &ee):
		return false
	case errors.As(err, &ae):
		return ae.ErrorFault() == smithy.FaultServer
	}
	return true
}

// prepare is the first step PublishBatch and the Publisher take with each
// message: it validates m for topic and, with WithPayloadOffloading,
// offloads it under the client's payload limit, which is also the batch
// limit requests are packed under.
func (c *Client) prepare(ctx context.Context, r region.Region, topic model.Topic, m model.Message) (model.Message, *offload.Pointer, error) {
	if !c.offloads() {
		return m, nil, (model.PublishRequest{Topic: topic, Message: m}).ValidateWith(c.limits)
	}
	if c.opts.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, c.opts.Timeout)
		defer cancel()
	}
	return c.offload(ctx, r, topic, m, c.payloadLimit())
}

// prepareEntries prepares the messages of a PublishBatch call: each entry
// gets its message to send (and stored payload) or its error. The payloads
// to store are stored concurrently, as many at a time as the call has
// requests in flight.
func (c *Client) prepareEntries(ctx context.Context, r region.Region, topic model.Topic, msgs []model.Message) []entry {
	es := make([]entry, len(msgs))
	each := func(i int) {
		e := &es[i]
		e.msg, e.stored, e.err = c.prepare(ctx, r, topic, msgs[i])
		e.size = e.msg.PayloadSize()
	}
	if !c.offloads() {
		for i := range msgs {
			each(i)
		}
		return es
	}
	concurrently(len(msgs), c.batchConcurrency(), each)
	return es
}

// concurrently calls f(0) to f(n-1), at most limit at a time, and returns
// once all have returned.
func concurrently(n, limit int, f func(i int)) {
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	for i := range n {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			f(i)
		})
	}
	wg.Wait()
}
