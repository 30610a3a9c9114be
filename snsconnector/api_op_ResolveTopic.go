package snsconnector

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// STSAPI is the part of the STS client [Client.ResolveTopic] uses to learn
// the caller's account. *sts.Client satisfies it.
type STSAPI interface {
	GetCallerIdentity(ctx context.Context, in *sts.GetCallerIdentityInput, optFns ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error)
}

var _ STSAPI = (*sts.Client)(nil)

// ResolveTopic returns the topic called name in region r of the caller's
// account, so a service can be configured with topic names. It builds the
// ARN from the account (WithAccountID, else STS GetCallerIdentity, asked
// once per partition and cached) and checks once, with GetTopicAttributes,
// that the topic exists; later calls for the same topic cost nothing. It
// never lists topics, whose 30-calls-a-second limit a fleet of services
// starting at once would hit.
//
// A topic that does not exist is an error wrapping *types.NotFoundException.
func (c *Client) ResolveTopic(ctx context.Context, r region.Region, name string) (model.Topic, error) {
	const op = "ResolveTopic"
	if err := model.ValidateTopicName(name); err != nil {
		return model.Topic{}, &Error{Op: op, Region: r, Err: err}
	}
	if err := r.Validate(); err != nil {
		return model.Topic{}, &Error{Op: op, Region: r, Err: err}
	}
	account, err := c.accountID(ctx, r)
	if err != nil {
		return model.Topic{}, &Error{Op: op, Region: r, Err: err}
	}
	arn, err := model.NewTopicARN(r, account, name)
	if err != nil {
		return model.Topic{}, &Error{Op: op, Region: r, Err: err}
	}
	topic := model.Topic{ARN: arn.String(), Name: name}
	if _, ok := c.knownTopicLimit(r, topic.ARN); ok {
		return topic, nil
	}
	if _, err := c.GetTopicAttributes(ctx, r, topic); err != nil {
		return model.Topic{}, err
	}
	return topic, nil
}

// accounts caches the account ID per partition: one set of credentials
// belongs to one account in a partition.
type accounts struct {
	mu   sync.Mutex
	byPt map[region.Partition]string
}

func (c *Client) accountID(ctx context.Context, r region.Region) (string, error) {
	if c.opts.AccountID != "" {
		return c.opts.AccountID, nil
	}
	pt := r.Partition()
	c.accts.mu.Lock()
	defer c.accts.mu.Unlock() // one lookup at a time: the first fills the cache for the rest
	if id, ok := c.accts.byPt[pt]; ok {
		return id, nil
	}
	api, err := c.stsAPI(r)
	if err != nil {
		return "", err
	}
	out, err := api.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		return "", fmt.Errorf("learning the account from STS GetCallerIdentity (or set WithAccountID): %w", err)
	}
	id := aws.ToString(out.Account)
	if id == "" {
		return "", errors.New("STS GetCallerIdentity returned no account")
	}
	if c.accts.byPt == nil {
		c.accts.byPt = map[region.Partition]string{}
	}
	c.accts.byPt[pt] = id
	return id, nil
}

// stsAPI returns the STS API for region r: WithSTSAPI's, else the SNS API
// when it can answer GetCallerIdentity too (a fake such as snstest), else an
// *sts.Client from the client's configuration.
func (c *Client) stsAPI(r region.Region) (STSAPI, error) {
	if c.opts.STS != nil {
		return c.opts.STS, nil
	}
	api, err := c.api(r)
	if err != nil {
		return nil, err
	}
	if s, ok := api.(STSAPI); ok {
		return s, nil
	}
	if c.cfg == nil {
		return nil, errors.New("the client was built with WithAPI/WithAPIFactory and no way to learn the account: set WithAccountID or WithSTSAPI")
	}
	return sts.NewFromConfig(*c.cfg, func(o *sts.Options) { o.Region = string(r) }), nil
}
