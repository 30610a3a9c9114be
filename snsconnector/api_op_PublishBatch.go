package snsconnector

import (
	"context"
	"slices"

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
// request, not the whole call.
//
// With [WithPayloadOffloading], the payloads of messages over the
// threshold are stored first, concurrently as requests are sent, and the
// messages go as pointers: requests are packed by the pointers' sizes. A
// message whose payload could not be stored fails alone; one that fails
// after its payload was stored has it deleted or reported (see
// WithPayloadOffloading).
//
// Retries: a whole request that fails is retried by the SDK, as any call
// is (WithRetryMaxAttempts, WithRetryMode); PublishBatch teaches it SNS's
// own throttling codes (Throttled, KMSThrottling) and does not retry the
// request again itself. Entries SNS refuses inside a successful request
// are resent when the refusal is transient (SenderFault false, or a
// throttling or internal-error code: see [EntryError.Retryable]), with
// exponential backoff and jitter, up to the client's attempts (3 by
// default), while the context lasts. A request SNS finds too long is split
// in two and both halves sent.
//
// FIFO topics: messages of one group keep their input order. Requests
// carrying the same group go one after another, never in parallel; groups
// are independent. A message is sent only after every earlier message of
// its group was accepted: once one fails (invalid, refused, or unsent), the
// later messages of its group are not sent and fail with a
// *[GroupPausedError] (errors.Is ErrGroupPaused), so resending the failed
// ones in order cannot reorder the group. A refused entry is resent only if
// no later message of its group in the same request was accepted.
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
	api, _ := c.api(r) // prepareBatch made it
	s := &batchSender{
		c: c, api: api, region: r, topic: topic.ARN, fifo: topic.FIFO(),
		ctx: ctx, timeout: c.opts.Timeout,
	}
	items := make([]batchItem, len(msgs))
	c.prepareItems(ctx, r, topic, msgs, items)
	valid := make([]*batchItem, 0, len(msgs))
	for i := range msgs {
		it := &items[i]
		if err := it.err; err != nil {
			if s.fifo {
				s.groups.refuse(msgs[i].GroupID, err)
			}
			continue
		}
		it.size = it.msg.PayloadSize()
		if s.fifo {
			it.group = msgs[i].GroupID
			if it.epoch, it.err = s.groups.admit(it.group); it.err != nil {
				continue
			}
		}
		valid = append(valid, it)
	}
	if s.fifo {
		groupTogether(valid)
	}
	s.sendAll(pack(valid, c.payloadLimit()), c.batchConcurrency())
	c.settleItems(ctx, items)

	for i := range items {
		resp.Results[i] = model.BatchResult{MessageID: items[i].resp.MessageID, SequenceNumber: items[i].resp.SequenceNumber, Err: items[i].err}
		if items[i].err != nil {
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

// sendAll starts the batches in order, at most n in flight, and waits for
// all of them. When the context ends, batches not started fail unsent.
func (s *batchSender) sendAll(batches []*batch, n int) {
	slots := make(chan struct{}, n)
	s.finish = func(*batch) { <-slots }
	for i, b := range batches {
		select {
		case slots <- struct{}{}:
			s.start(b)
		case <-s.ctx.Done():
			for _, b := range batches[i:] {
				for _, it := range b.items {
					it.err = notSent(context.Cause(s.ctx))
				}
			}
			s.wg.Wait()
			return
		}
	}
	s.wg.Wait()
}

// groupTogether orders FIFO items so that each group's messages are
// adjacent, groups in order of first appearance, each group's messages in
// input order. Batches then mostly carry one group each, and different
// groups' batches can go in parallel while one group's go in order.
func groupTogether(items []*batchItem) {
	rank := map[string]int{}
	for _, it := range items {
		if _, ok := rank[it.group]; !ok {
			rank[it.group] = len(rank)
		}
	}
	slices.SortStableFunc(items, func(a, b *batchItem) int { return rank[a.group] - rank[b.group] })
}

// pack cuts items, in order, into batches of at most model.MaxBatchEntries
// entries whose payloads add up to at most limit bytes.
func pack(items []*batchItem, limit int) []*batch {
	var out []*batch
	var cur *batch
	bytes := 0
	for _, it := range items {
		if cur == nil || len(cur.items) == model.MaxBatchEntries || bytes+it.size > limit {
			cur = &batch{items: make([]*batchItem, 0, min(model.MaxBatchEntries, len(items)))}
			out = append(out, cur)
			bytes = 0
		}
		cur.items = append(cur.items, it)
		bytes += it.size
	}
	return out
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
