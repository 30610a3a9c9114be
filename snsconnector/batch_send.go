package snsconnector

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
)

const opPublishBatch = "PublishBatch"

// retryer returns the retryer entry retries share with the SDK's: the SNS
// client's own, so one budget of retry tokens covers both; for an API given
// by WithAPI or WithAPIFactory, one made from the client's options.
func (c *Client) retryer(api API) aws.Retryer {
	if sc, ok := api.(*sns.Client); ok {
		if r := sc.Options().Retryer; r != nil {
			return r
		}
	}
	if c.opts.Retryer != nil {
		return c.opts.Retryer()
	}
	return retry.NewStandard(func(o *retry.StandardOptions) {
		if c.opts.RetryMaxAttempts > 0 {
			o.MaxAttempts = c.opts.RetryMaxAttempts
		}
	})
}

// send delivers es in one request and resends the entries SNS refuses with
// a retryable code, as the retryer allows. Each entry ends with a response
// or an error.
func (s *scheduler) send(es []*entry) {
	ctx, cancel := s.ctx, context.CancelFunc(func() {})
	if s.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, s.timeout)
	}
	defer cancel()
	s.attempt(ctx, es, 0)
	for _, e := range es {
		if e.err == nil && e.resp.MessageID == "" {
			e.err = errNoEntryResult // never leave an entry without an outcome
		}
	}
}

// attempt sends es, which have been sent used times already, and again
// while entries are refused retryably, within the retryer's attempts, its
// delays and its retry tokens.
func (s *scheduler) attempt(ctx context.Context, es []*entry, used int) {
	limit := max(1, s.retryer.MaxAttempts())
	release := func(error) error { return nil }
	for {
		n, again, tooLong := s.request(ctx, es, used, limit)
		if tooLong {
			s.split(ctx, es, used)
			return
		}
		used += n
		var cause error
		if len(again) > 0 {
			cause = again[0].err
		}
		release(cause)
		if cause == nil || used >= limit {
			return
		}
		var err error
		var delay time.Duration
		if release, err = s.retryer.GetRetryToken(ctx, cause); err == nil {
			if delay, err = s.retryer.RetryDelay(used, cause); err == nil {
				err = sleep(ctx, delay)
			}
		}
		if err != nil {
			for _, e := range again {
				e.err = fmt.Errorf("%w (not retried: %w)", e.err, err)
			}
			if release != nil {
				release(err)
			}
			return
		}
		for _, e := range again {
			e.err = nil
		}
		es = again
	}
}

// request sends es in one PublishBatch request and records each one's
// outcome. It returns the attempts the SDK made, the entries to resend,
// and whether SNS found the request too long.
func (s *scheduler) request(ctx context.Context, es []*entry, used, limit int) (attempts int, again []*entry, tooLong bool) {
	entries := make([]types.PublishBatchRequestEntry, len(es))
	for i, e := range es {
		entries[i] = wire.PublishBatchEntry(i, e.msg)
	}
	start := time.Now()
	out, err := s.api.PublishBatch(ctx, &sns.PublishBatchInput{
		TopicArn:                   aws.String(s.topic),
		PublishBatchRequestEntries: entries,
	}, callOptions(limit-used))
	s.c.done(s.ctx, opPublishBatch, s.region, s.topic, start, err)
	if err != nil {
		var tl *types.BatchRequestTooLongException
		if errors.As(err, &tl) && len(es) > 1 {
			// SNS counted the request larger than we did (the topic's
			// MaximumMessageSize may be below the client's limit).
			return 0, nil, true
		}
		if cause := context.Cause(s.ctx); cause != nil && cause != s.ctx.Err() {
			err = fmt.Errorf("%w (%w)", err, cause) // why the request was cut short
		}
		for _, e := range es {
			e.err = err
		}
		return 1, nil, false
	}
	if out == nil {
		out = &sns.PublishBatchOutput{} // a fake may answer nothing: every entry is then unanswered
	}
	attempts = 1
	if ar, ok := retry.GetAttemptResults(out.ResultMetadata); ok && len(ar.Results) > 0 {
		attempts = len(ar.Results)
	}
	var seen [model.MaxBatchEntries]bool
	find := func(id *string) *entry {
		pos, ok := wire.EntryPos(aws.ToString(id))
		if !ok || pos >= len(es) || seen[pos] {
			return nil // not an Id we sent, or one answered twice
		}
		seen[pos] = true
		return es[pos]
	}
	for _, r := range out.Successful {
		if e := find(r.Id); e != nil {
			e.resp = model.PublishResponse{MessageID: aws.ToString(r.MessageId), SequenceNumber: aws.ToString(r.SequenceNumber)}
			if e.resp.MessageID == "" {
				e.err = errNoMessageID
			}
		}
	}
	failed := 0
	for _, r := range out.Failed {
		if e := find(r.Id); e != nil {
			e.err = &EntryError{Code: aws.ToString(r.Code), SenderFault: r.SenderFault, Message: aws.ToString(r.Message), Attempts: used + attempts}
			failed++
		}
	}
	for i, e := range es {
		if !seen[i] {
			e.err = errNoEntryResult
			failed++
		}
	}
	if failed == 0 {
		return attempts, nil, false
	}
	if s.c.log.Enabled(s.ctx, slog.LevelWarn) {
		s.c.log.LogAttrs(s.ctx, slog.LevelWarn, "PublishBatch entries failed",
			slog.String("op", opPublishBatch), slog.String("region", string(s.region)),
			slog.String("topic", s.topic), slog.Int("failed", failed), slog.Int("entries", len(es)),
			slog.Int("attempt", used+attempts))
	}
	return attempts, s.retryable(es), false
}

// split sends the first half of es, then the second, continuing their
// attempt count. On a FIFO topic, messages of the second half whose group
// failed in the first are held back, as queued ones would be.
func (s *scheduler) split(ctx context.Context, es []*entry, used int) {
	first, second := es[:len(es)/2], es[len(es)/2:]
	s.attempt(ctx, first, used)
	if s.fifo {
		rest := second[:0:0]
		for _, e := range second {
			if cause := failureOf(first, e.msg.GroupID); cause != nil {
				e.err = &GroupPausedError{GroupID: e.msg.GroupID, Cause: cause}
			} else {
				rest = append(rest, e)
			}
		}
		second = rest
	}
	if len(second) > 0 {
		s.attempt(ctx, second, used)
	}
}

func failureOf(es []*entry, group string) error {
	for _, e := range es {
		if e.msg.GroupID == group && e.err != nil {
			return e.err
		}
	}
	return nil
}

// retryable returns the entries to send again: those refused with a
// retryable code. On a FIFO topic an entry is resent only if no later
// message of its group in the request was accepted and every earlier
// failure of its group is resent too: a resent message must never land
// behind a later one of its group.
func (s *scheduler) retryable(es []*entry) []*entry {
	var again []*entry
	var resend [model.MaxBatchEntries]bool
	for i, e := range es {
		ee, ok := e.err.(*EntryError)
		if !ok || !ee.Retryable() || s.fifo && !resendKeepsOrder(es, resend[:], i) {
			continue
		}
		resend[i] = true
		again = append(again, e)
	}
	return again
}

func resendKeepsOrder(es []*entry, resend []bool, i int) bool {
	g := es[i].msg.GroupID
	for j, other := range es {
		if j == i || other.msg.GroupID != g {
			continue
		}
		if j > i && other.err == nil {
			return false // a later message of the group was accepted
		}
		if j < i && other.err != nil && !resend[j] {
			return false // an earlier one of the group stays failed
		}
	}
	return true
}

// callOptions are the options of a request whose messages may make
// attempts more attempts: the SDK retries a whole request within that
// budget, and treats SNS's own throttling codes (Throttled,
// KMSThrottling), which it does not know, like any other throttling.
func callOptions(attempts int) func(*sns.Options) {
	return func(o *sns.Options) {
		if o.Retryer == nil {
			return
		}
		o.Retryer = teachThrottling(o.Retryer) // an *sns.Client from WithAPIFactory too
		if attempts < o.Retryer.MaxAttempts() {
			o.Retryer = retry.AddWithMaxAttempts(o.Retryer, attempts)
		}
	}
}

// teachThrottling makes r retry SNS's own throttling codes, which the
// SDK's retryers do not know: Throttled (ThrottledException, 429) and
// KMSThrottling. They know AWS's generic Throttling.
func teachThrottling(r aws.Retryer) aws.Retryer {
	return retry.AddWithErrorCodes(r, "Throttled", "KMSThrottling")
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return context.Cause(ctx)
	}
}
