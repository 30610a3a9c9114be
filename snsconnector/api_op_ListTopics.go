package snsconnector

import (
	"context"
	"iter"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// ListTopics returns every topic of the account in region r, following
// SNS's pages of 100 to the end. For accounts with many topics,
// [Client.ListTopicsIter] yields them without holding all of them.
//
// SNS allows 30 ListTopics calls a second per account: to address a topic by
// name, build its ARN instead of listing.
func (c *Client) ListTopics(ctx context.Context, r region.Region) (*model.ListTopicsResponse, error) {
	resp := &model.ListTopicsResponse{Topics: []model.Topic{}}
	for t, err := range c.ListTopicsIter(ctx, r) {
		if err != nil {
			return nil, err
		}
		resp.Topics = append(resp.Topics, t)
	}
	return resp, nil
}

// ListTopicsIter yields the topics of the account in region r one at a time,
// fetching a page of up to 100 when the previous one is used up. On failure
// it yields a zero Topic and the error, then stops. Breaking out of the loop
// stops fetching.
func (c *Client) ListTopicsIter(ctx context.Context, r region.Region) iter.Seq2[model.Topic, error] {
	const op = "ListTopics"
	return func(yield func(model.Topic, error) bool) {
		ctx, cancel, api, err := c.call(ctx, op, r, "")
		defer cancel()
		if err != nil {
			yield(model.Topic{}, err)
			return
		}
		in := &sns.ListTopicsInput{}
		for page := 1; ; page++ {
			start := time.Now()
			out, err := api.ListTopics(ctx, in)
			if err == nil {
				err = ctx.Err() // a fake may not honour cancellation; we do
			}
			if err = c.done(ctx, op, r, "", start, err); err != nil {
				yield(model.Topic{}, err)
				return
			}
			for _, t := range out.Topics {
				if !yield(wire.Topic(aws.ToString(t.TopicArn)), nil) {
					return
				}
			}
			next := aws.ToString(out.NextToken)
			if next == "" {
				return
			}
			if next == aws.ToString(in.NextToken) {
				// A peer that repeats its token would loop forever.
				yield(model.Topic{}, &Error{Op: op, Region: r, Err: errRepeatedToken})
				return
			}
			in.NextToken = aws.String(next)
		}
	}
}
