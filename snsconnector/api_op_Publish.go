package snsconnector

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/offload"
	"github.com/go-sns/connector/region"
)

// Publish sends one message to a topic in region r and reports whether SNS
// accepted it: (true, nil) or (false, err), never (false, nil). The request
// is validated first; invalid input, a topic of another region included,
// fails with a *model.ValidationError inside the *Error before anything is
// sent. Use [Client.PublishWithResponse]
// to learn the message ID.
func (c *Client) Publish(ctx context.Context, r region.Region, req model.PublishRequest) (bool, error) {
	if _, err := c.PublishWithResponse(ctx, r, req); err != nil {
		return false, err
	}
	return true, nil
}

// PublishWithResponse is [Client.Publish] returning what SNS assigned: the
// message ID and, on FIFO topics, the sequence number.
//
// With [WithPayloadOffloading], a message too large for SNS has its body
// stored first, and is published as a pointer to it.
func (c *Client) PublishWithResponse(ctx context.Context, r region.Region, req model.PublishRequest) (*model.PublishResponse, error) {
	var stored *offload.Pointer
	resp, err := c.publish(ctx, r, req.Topic.ARN, nil, func(ctx context.Context) (*sns.PublishInput, error) {
		if !c.offloads() {
			if err := c.validatePublish(ctx, r, req); err != nil {
				return nil, err
			}
			return wire.PublishInput(req), nil
		}
		if err := publishRegion(r, req.Topic); err != nil {
			return nil, err
		}
		m, p, err := c.offload(ctx, r, req.Topic, req.Message, 0)
		if err != nil {
			return nil, err
		}
		stored = p
		return wire.PublishInput(model.PublishRequest{Topic: req.Topic, Message: m}), nil
	})
	return resp, c.settle(ctx, stored, err)
}

// publish is the path every kind of Publish takes (to a topic, a phone
// number or a platform endpoint): the prologue; prepare, which validates
// and converts the input, so that nothing is sent when it fails; the call;
// and the checks of the answer. topic names the topic in errors and logs,
// "" for the others. hide are the values that must reach neither errors
// nor logs even when the service echoes them (a phone number, in each form
// SNS may quote it).
func (c *Client) publish(ctx context.Context, r region.Region, topic string, hide []string, prepare func(context.Context) (*sns.PublishInput, error)) (*model.PublishResponse, error) {
	const op = "Publish"
	ctx, cancel, api, err := c.call(ctx, op, r, topic)
	defer cancel()
	if err != nil {
		return nil, err
	}
	in, err := prepare(ctx)
	if err != nil {
		return nil, &Error{Op: op, Region: r, Topic: topic, Err: err}
	}
	start := time.Now()
	out, err := api.Publish(ctx, in)
	if err == nil && aws.ToString(out.MessageId) == "" {
		err = errNoMessageID
	}
	if err = c.done(ctx, op, r, topic, start, redactAll(err, hide...)); err != nil {
		return nil, err
	}
	return &model.PublishResponse{
		MessageID:      aws.ToString(out.MessageId),
		SequenceNumber: aws.ToString(out.SequenceNumber),
	}, nil
}

// validatePublish validates a request under the client's limits, with the
// payload limit of the topic when the client knows it. A message over SNS's
// default 256 KiB may still fit a topic whose MaximumMessageSize is larger
// (up to 1 MiB): then, and only then, the topic's limit is read (see
// topicLimit) before the message is judged too large.
func (c *Client) validatePublish(ctx context.Context, r region.Region, req model.PublishRequest) error {
	if err := publishRegion(r, req.Topic); err != nil {
		return err
	}
	limits := c.limits
	if limits.MaxPayloadBytes <= 0 {
		limits.MaxPayloadBytes = model.DefaultLimits.MaxPayloadBytes
		if n, ok := c.knownTopicLimit(r, req.Topic.ARN); ok {
			limits.MaxPayloadBytes = n
		}
	}
	err := req.ValidateWith(limits)
	if err == nil || !onlyTooLarge(err) {
		return err
	}
	n, lerr := c.topicLimit(ctx, r, req.Topic, req.Message.PayloadSize())
	if lerr != nil {
		return errors.Join(err, lerr)
	}
	if n == limits.MaxPayloadBytes {
		return err
	}
	limits.MaxPayloadBytes = n
	return req.ValidateWith(limits)
}

// topicLimit returns the payload limit a message of size bytes to topic is
// judged against: the client's limit when WithLimits set one (an explicit
// limit is the caller's word), else the topic's MaximumMessageSize when
// the client knows it, else SNS's default 262,144 bytes, except for a
// message over the default that a raised topic could take (up to 1 MiB):
// then the topic's limit is read (once; it is cached). If that read fails,
// the default is returned with the error.
func (c *Client) topicLimit(ctx context.Context, r region.Region, topic model.Topic, size int) (int, error) {
	if c.limits.MaxPayloadBytes > 0 {
		return c.limits.MaxPayloadBytes, nil
	}
	if n, ok := c.knownTopicLimit(r, topic.ARN); ok {
		return n, nil
	}
	def := model.DefaultLimits.MaxPayloadBytes
	if size <= def || size > model.MaxTopicMessageSize {
		return def, nil
	}
	d, err := c.GetTopicAttributes(ctx, r, topic)
	if err != nil {
		return def, fmt.Errorf("reading the topic's MaximumMessageSize: %w", err)
	}
	return d.MaxMessageSize(), nil
}

// publishRegion refuses a topic of another region than r before anything,
// the topic's limit or an offloaded payload included, is looked up or
// stored. An ARN that does not parse is left to validation, which says why.
func publishRegion(r region.Region, topic model.Topic) error {
	if a, err := model.ParseTopicARN(topic.ARN); err == nil {
		return a.ValidateRegion(r)
	}
	return nil
}

// onlyTooLarge reports whether err is exactly one payload-size violation.
func onlyTooLarge(err error) bool {
	ve, ok := err.(*model.ValidationError)
	return ok && ve.Field == "Message" && ve.Rule == model.RuleMaxSize
}
