package snsconnector

import (
	"context"
	"iter"

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
	topics, err := collect(c.ListTopicsIter(ctx, r))
	if err != nil {
		return nil, err
	}
	return &model.ListTopicsResponse{Topics: topics}, nil
}

// ListTopicsIter yields the topics of the account in region r one at a time,
// fetching a page of up to 100 when the previous one is used up. On failure
// it yields a zero Topic and the error, then stops. Breaking out of the loop
// stops fetching.
func (c *Client) ListTopicsIter(ctx context.Context, r region.Region) iter.Seq2[model.Topic, error] {
	const op = "ListTopics"
	return listing(ctx, c, op, r, "",
		func(ctx context.Context) (context.Context, context.CancelFunc, API, error) {
			return c.call(ctx, op, r, "")
		},
		func(ctx context.Context, api API, token *string) ([]model.Topic, *string, error) {
			out, err := api.ListTopics(ctx, &sns.ListTopicsInput{NextToken: token})
			if err != nil {
				return nil, nil, err
			}
			topics := make([]model.Topic, len(out.Topics))
			for i, t := range out.Topics {
				topics[i] = wire.Topic(aws.ToString(t.TopicArn))
			}
			return topics, out.NextToken, nil
		})
}
