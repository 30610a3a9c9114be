package snsconnector

import (
	"context"
	"strings"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// topicCall is call for operations on one topic: it also checks the
// topic's ARN, and that it is of region r, before anything is sent.
func (c *Client) topicCall(ctx context.Context, op string, r region.Region, topic model.Topic) (context.Context, context.CancelFunc, API, error) {
	ctx, cancel, api, err := c.call(ctx, op, r, topic.ARN)
	if err != nil {
		return ctx, cancel, nil, err
	}
	if err := topicIn(r, topic); err != nil {
		return ctx, cancel, nil, &Error{Op: op, Region: r, Topic: topic.ARN, Err: err}
	}
	return ctx, cancel, api, nil
}

// topicIn validates topic and checks that it is a topic of region r.
func topicIn(r region.Region, topic model.Topic) error {
	if err := topic.Validate(); err != nil {
		return err
	}
	a, _ := model.ParseTopicARN(topic.ARN) // valid: checked above
	return a.ValidateRegion(r)
}

// topicName is the last ARN segment, for ARNs already validated or
// returned by SNS.
func topicName(arn string) string {
	return arn[strings.LastIndexByte(arn, ':')+1:]
}

// topicKey identifies a topic across regions in the client's caches.
type topicKey struct {
	region region.Region
	arn    string
}

// rememberTopic caches what the client learnt of a topic: that it exists
// (for ResolveTopic) and its message size limit (for Publish).
func (c *Client) rememberTopic(r region.Region, d model.TopicDetails) {
	c.topics.Store(topicKey{r, d.Topic.ARN}, d.MaxMessageSize())
}

// forgetTopic drops a topic from the caches after a change to it.
func (c *Client) forgetTopic(r region.Region, arn string) {
	c.topics.Delete(topicKey{r, arn})
}

// knownTopicLimit returns the cached message size limit of a topic.
func (c *Client) knownTopicLimit(r region.Region, arn string) (int, bool) {
	v, ok := c.topics.Load(topicKey{r, arn})
	if !ok {
		return 0, false
	}
	return v.(int), true
}
