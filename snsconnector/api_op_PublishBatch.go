package snsconnector

import (
	"context"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// DefaultBatchConcurrency is how many PublishBatch requests one
// [Client.PublishBatch] call has in flight unless [WithBatchConcurrency]
// says otherwise.
const DefaultBatchConcurrency = 8

// PublishBatch publishes any number of messages to topic in region r and
// reports the outcome of each, in input order: resp.Results[i] belongs to
// msgs[i]. The response is always complete. The error is nil only when
// every message was published; otherwise it is an *Error wrapping a
// *[BatchError], so a failure cannot be ignored by accident, and each
// failed result's Err says why.
//
// Messages are validated first; an invalid one is not sent (its Err is a
// *model.ValidationError) and does not stop the others. The valid ones go
// in requests of at most 10 entries whose payloads (body plus attribute
// names, types and values: [model.Message.PayloadSize]) add up to at most
// the client's payload limit, SNS's rule for a batch; a message at the
// limit goes alone. Requests run concurrently, [DefaultBatchConcurrency]
// at a time (see [WithBatchConcurrency]); the client's Timeout bounds each
// request with its retries, not the whole call.
//
// With [WithPayloadOffloading], the payloads of messages over the
// threshold are stored first, as many at a time as requests are in
// flight, and the messages go as pointers: requests are packed by the
// pointers' sizes. A message whose payload could not be stored fails
// alone; one that fails after its payload was stored has it deleted or
// reported (see WithPayloadOffloading).
//
// Retries share one budget, the client's retryer (WithRetryMaxAttempts,
// WithRetryMode, WithRetryer): its attempts, delays and retry tokens. A
// whole request that fails is retried by the SDK, which PublishBatch
// teaches SNS's own throttling codes (Throttled, KMSThrottling). Entries SNS
// refuses inside a successful request are resent when the refusal is
// transient (SenderFault false, or a throttling or internal-error code:
// see [EntryError.Retryable]) after the retryer's delay, while a message
// has attempts left (the SDK's retries of its requests count) and the
// retryer grants a retry token. A request SNS finds too long is split in
// two and both halves sent, their attempts counted on.
//
// FIFO topics: messages of one group keep their input order. A group has
// at most one request in flight; groups are independent, and a request is
// filled from the heads of the groups that are idle. A message is
// sent only after every earlier message of its group was accepted: once
// one fails (invalid, refused, or unsent), the later messages of its group
// are not sent and fail with a *[GroupPausedError] (errors.Is
// ErrGroupPaused), so resending the failed ones in order cannot reorder
// the group. (SNS decides alone on later messages of the group in the
// failed one's own request.) A refused entry is resent only if no later
// message of its group in the same request was accepted.
//
// Cancelling ctx stops the call: messages not yet sent fail with the
// context's error and requests in flight end.
func (c *Client) PublishBatch(ctx context.Context, r region.Region, topic model.Topic, msgs []model.Message) (*model.PublishBatchResponse, error) {
	resp := &model.PublishBatchResponse{Results: make([]model.BatchResult, len(msgs))}
	if len(msgs) == 0 {
		return resp, nil
	}
	if err := c.prepareBatch(r, topic); err != nil {
		for i := range resp.Results {
			resp.Results[i].Err = err
		}
		return resp, c.batchError(r, topic, resp.Results)
	}
	s := c.newScheduler(ctx, r, topic, c.opts.Timeout, model.MaxBatchEntries, c.payloadLimit(), c.batchConcurrency(), 0)
	es := c.prepareEntries(ctx, r, topic, msgs)
	results := make([]PublishResult, len(msgs))
	var refused []*entry
	for i := range es {
		e := &es[i]
		e.res = &results[i]
		if e.err != nil {
			s.refuse(e.msg.GroupID, e.err)
		} else if e.err = s.add(e); e.err == nil {
			continue
		}
		refused = append(refused, e)
	}
	s.reject(refused)
	s.flush(true)
	s.wg.Wait()
	for i := range results {
		res := &results[i]
		resp.Results[i] = model.BatchResult{MessageID: res.resp.MessageID, SequenceNumber: res.resp.SequenceNumber, Err: res.err}
		if res.err != nil {
			resp.Results[i].MessageID, resp.Results[i].SequenceNumber = "", ""
		}
	}
	return resp, c.batchError(r, topic, resp.Results)
}

// prepareBatch checks what every message of a batch shares (the region,
// and a topic of that region) and makes the region's API.
func (c *Client) prepareBatch(r region.Region, topic model.Topic) error {
	if err := r.Validate(); err != nil {
		return err
	}
	if err := topicIn(r, topic); err != nil {
		return err
	}
	_, err := c.api(r)
	return err
}

func (c *Client) payloadLimit() int {
	if c.limits.MaxPayloadBytes > 0 {
		return c.limits.MaxPayloadBytes
	}
	return model.DefaultLimits.MaxPayloadBytes
}

func (c *Client) batchConcurrency() int {
	if c.opts.BatchConcurrency > 0 {
		return c.opts.BatchConcurrency
	}
	return DefaultBatchConcurrency
}

// batchError returns nil when every result is a success, and otherwise an
// *Error wrapping a *BatchError of the failures.
func (c *Client) batchError(r region.Region, topic model.Topic, results []model.BatchResult) error {
	var errs []error
	for _, res := range results {
		if !res.OK() {
			err := res.Err
			if err == nil {
				err = errNoEntryResult
			}
			errs = append(errs, err)
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return &Error{Op: opPublishBatch, Region: r, Topic: topic.ARN, Err: &BatchError{Total: len(results), Errs: errs}}
}
