package snstest

import (
	"context"
	"maps"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// pendingARN is what Subscribe answers for a subscription awaiting
// confirmation unless ReturnSubscriptionArn is set.
const pendingARN = "pending confirmation"

// Subscribe subscribes an endpoint to a topic. Subscriptions of Amazon SQS
// queues, Lambda functions, Data Firehose streams, platform endpoints and
// phone numbers of the topic's account are confirmed at once; HTTP/S and
// email endpoints, and endpoints of another account, wait for
// ConfirmSubscription with the token SNS sends them (read it with
// [Server.ConfirmationToken] or from the SubscriptionConfirmation
// delivery). Subscribing the same endpoint again returns the same
// subscription, or InvalidParameter if the attributes differ.
func (s *Server) Subscribe(ctx context.Context, in *sns.SubscribeInput, optFns ...func(*sns.Options)) (*sns.SubscribeOutput, error) {
	const op = "Subscribe"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.SubscribeInput{}
	}
	if err := newRequired("SubscribeInput").check("TopicArn", in.TopicArn != nil).check("Protocol", in.Protocol != nil).err(); err != nil {
		return nil, opError(op, err)
	}
	if err := s.checkTopicARN("TopicArn", op, r, *in.TopicArn); err != nil {
		return nil, opError(op, err)
	}
	protocol, endpoint := *in.Protocol, aws.ToString(in.Endpoint)
	if !knownProtocol(protocol) {
		return nil, opError(op, invalidParameter("Invalid parameter: Amazon SNS does not support this protocol string: %s", clip(protocol)))
	}
	if endpoint == "" {
		return nil, opError(op, invalidParameter("Invalid parameter: Endpoint Reason: no value for required parameter"))
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.topics[*in.TopicArn]
	if !ok {
		return nil, opError(op, topicNotFound())
	}
	topicARN, _ := model.ParseTopicARN(t.arn) // the fake's own ARN
	attrs, policy, err := applyAttributes(topicARN, nil, in.Attributes, protocol, endpoint, "Invalid parameter: Attributes Reason: ")
	if err != nil {
		return nil, opError(op, err)
	}
	for _, arn := range t.subs {
		sub := s.subs[arn]
		if sub.protocol != protocol || sub.endpoint != endpoint {
			continue
		}
		for k, v := range attrs {
			if sub.attrs[k] != v {
				return nil, opError(op, invalidParameter("Invalid parameter: Attributes Reason: Subscription already exists with different attributes"))
			}
		}
		return &sns.SubscribeOutput{SubscriptionArn: aws.String(answerARN(sub, in.ReturnSubscriptionArn))}, nil
	}
	sub := &subscription{
		arn:       t.arn + ":" + newUUID(),
		topicARN:  t.arn,
		protocol:  protocol,
		endpoint:  endpoint,
		attrs:     maps.Clone(attrs),
		policy:    policy,
		confirmed: !needsConfirmation(protocol, endpoint, s.account),
	}
	s.subs[sub.arn] = sub
	t.subs = append(t.subs, sub.arn)
	if !sub.confirmed {
		sub.token, sub.tokenAt = newToken(), s.clock()
		s.tokens[sub.token] = sub.arn
		s.requestConfirmationLocked(t, sub)
	}
	return &sns.SubscribeOutput{SubscriptionArn: aws.String(answerARN(sub, in.ReturnSubscriptionArn))}, nil
}

// answerARN applies ReturnSubscriptionArn: "If you set this parameter to
// true, the response includes the ARN in all cases, even if the
// subscription is not yet confirmed."
func answerARN(sub *subscription, returnARN bool) string {
	if sub.confirmed || returnARN {
		return sub.arn
	}
	return pendingARN
}

// requestConfirmationLocked records the SubscriptionConfirmation message SNS
// sends a pending subscription's endpoint.
func (s *Server) requestConfirmationLocked(t *topic, sub *subscription) {
	d := Delivery{
		SubscriptionARN: sub.arn,
		TopicARN:        t.arn,
		Protocol:        sub.protocol,
		Endpoint:        sub.endpoint,
		Type:            TypeSubscriptionConfirmation,
		MessageID:       newUUID(),
		Message: "You have chosen to subscribe to the topic " + t.arn +
			".\nTo confirm the subscription, visit the SubscribeURL included in this message.",
		Token: sub.token,
		Time:  sub.tokenAt,
	}
	d.Body = s.body(t, sub, &d)
	s.deliveries = append(s.deliveries, d)
	s.enqueueLocked(d)
}

// removeSubscriptionLocked deletes a subscription and its token. The caller
// holds s.mu and removes it from its topic's list.
func (s *Server) removeSubscriptionLocked(arn string) {
	if sub, ok := s.subs[arn]; ok {
		delete(s.tokens, sub.token)
		delete(s.subs, arn)
	}
}

// subscriptionLocked returns the subscription an ARN in a call to region r
// names; a subscription of another region is not found there. The caller
// holds s.mu.
func (s *Server) subscriptionLocked(r region.Region, arn string) (*subscription, bool) {
	sub, ok := s.subs[arn]
	if !ok {
		return nil, false
	}
	if t, ok := s.topics[sub.topicARN]; !ok || t.region != r {
		return nil, false
	}
	return sub, true
}
