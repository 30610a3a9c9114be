package snsconnector

import (
	"context"
	"iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/go-sns/connector/region"
)

// fetchPage calls one page of a listing: the page after token (nil for the
// first) and the token of the next ("" or nil at the end).
type fetchPage[T any] func(ctx context.Context, token *string) (items []T, next *string, err error)

// followPages is the loop of every listing: it yields each item of each
// page, fetching the next page only when the previous one is used up, and
// stops at the last page, at the first failure (yielded as a zero item and
// the error), or when yield returns false. A peer that answers the same
// token twice would make it loop forever, so that is a failure too.
// subject names the topic in errors and logs, "" for none.
func followPages[T any](ctx context.Context, c *Client, op string, r region.Region, subject string, yield func(T, error) bool, fetch fetchPage[T]) {
	var zero T
	var token *string
	for {
		start := time.Now()
		items, next, err := fetch(ctx, token)
		if err == nil {
			err = ctx.Err() // a fake may not honour cancellation; we do
		}
		if err = c.done(ctx, op, r, subject, start, err); err != nil {
			yield(zero, err)
			return
		}
		for _, it := range items {
			if !yield(it, nil) {
				return
			}
		}
		n := aws.ToString(next)
		if n == "" {
			return
		}
		if n == aws.ToString(token) {
			yield(zero, &Error{Op: op, Region: r, Topic: subject, Err: errRepeatedToken})
			return
		}
		token = aws.String(n)
	}
}

// listing is a listing's iterator: the prologue, whose failure is yielded,
// then followPages with the API it returned.
func listing[T any](ctx context.Context, c *Client, op string, r region.Region, subject string,
	prologue func(context.Context) (context.Context, context.CancelFunc, API, error),
	fetch func(ctx context.Context, api API, token *string) ([]T, *string, error)) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		ctx, cancel, api, err := prologue(ctx)
		defer cancel()
		if err != nil {
			var zero T
			yield(zero, err)
			return
		}
		followPages(ctx, c, op, r, subject, yield, func(ctx context.Context, token *string) ([]T, *string, error) {
			return fetch(ctx, api, token)
		})
	}
}

// collect gathers a listing into a slice, empty rather than nil when there
// is nothing, or returns its failure.
func collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	out := []T{}
	for v, err := range seq {
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}
