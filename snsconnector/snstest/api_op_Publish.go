package snstest

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/model"
)

// Publish sends a message to a topic (TopicArn, or a topic's ARN in
// TargetArn) or a text message to PhoneNumber, validating it as SNS does,
// and records it with its deliveries. On a FIFO topic it returns the
// message's sequence number; a duplicate within the deduplication interval
// is accepted, answered with the first message's ID, and not delivered.
// A TargetArn naming a platform endpoint publishes to that device: see
// publishToEndpoint.
func (s *Server) Publish(ctx context.Context, in *sns.PublishInput, optFns ...func(*sns.Options)) (*sns.PublishOutput, error) {
	const op = "Publish"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.PublishInput{}
	}
	req := newRequired("PublishInput").check("Message", in.Message != nil)
	if err := req.nested("MessageAttributes", attributesRequired(in.MessageAttributes)).err(); err != nil {
		return nil, opError(op, err)
	}
	targets := 0
	for _, t := range []*string{in.TopicArn, in.TargetArn, in.PhoneNumber} {
		if aws.ToString(t) != "" {
			targets++
		}
	}
	switch {
	case targets == 0:
		return nil, opError(op, invalidParameter("Invalid parameter: TopicArn or TargetArn Reason: no value for required parameter"))
	case targets > 1:
		return nil, opError(op, invalidParameter("Invalid parameter: TopicArn Reason: Only one of TopicArn, TargetArn or PhoneNumber may be given"))
	}
	m := &outgoing{
		message:   *in.Message,
		subject:   in.Subject,
		structure: aws.ToString(in.MessageStructure),
		attrs:     in.MessageAttributes,
		groupID:   aws.ToString(in.MessageGroupId),
		dedupID:   aws.ToString(in.MessageDeduplicationId),
	}
	if phone := aws.ToString(in.PhoneNumber); phone != "" {
		return s.publishSMS(op, phone, m)
	}
	field, arn := "TopicArn", aws.ToString(in.TopicArn)
	if arn == "" {
		field, arn = "TargetArn", aws.ToString(in.TargetArn)
		if strings.Contains(arn, ":endpoint/") {
			return s.publishToEndpoint(op, r, arn, m)
		}
	}
	if err := s.checkTopicARN(field, op, r, arn); err != nil {
		return nil, opError(op, err)
	}
	if err := checkMessage(m); err != nil {
		return nil, opError(op, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.topics[arn]
	if !ok {
		return nil, opError(op, topicNotFound())
	}
	if err := checkForTopic(t, m); err != nil {
		return nil, opError(op, err)
	}
	id, seq := s.publishLocked(t, m)
	out := &sns.PublishOutput{MessageId: aws.String(id)}
	if seq != "" {
		out.SequenceNumber = aws.String(seq)
	}
	return out, nil
}

// publishSMS accepts a text message for a phone number. SNS sends it
// without topics, subscriptions or FIFO rules; the fake records it under
// the number. The number and the text's length are held to the model's
// SMS rules (model.ValidateSMS), the rest of the message as any other; the
// SMS settings are checked as attributes.
func (s *Server) publishSMS(op, phone string, m *outgoing) (*sns.PublishOutput, error) {
	smsErr := model.ValidateSMS(phone, m.message, model.SMSOptions{})
	if smsErr != nil && problem(smsErr).Field == "PhoneNumber" {
		return nil, opError(op, invalidParameter("Invalid parameter: PhoneNumber Reason: %s is not valid to publish to", clip(phone)))
	}
	if err := checkMessage(m); err != nil {
		return nil, opError(op, err)
	}
	if smsErr != nil {
		return nil, opError(op, invalidParameter("Invalid parameter: Message Reason: %s", problem(smsErr).Reason))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rec := Message{
		MessageID:        newUUID(),
		PhoneNumber:      phone,
		Message:          m.message,
		Subject:          aws.ToString(m.subject),
		MessageStructure: m.structure,
		Attributes:       cloneAttributes(m.attrs),
		SMS:              smsOptions(m.attrs),
		Time:             s.clock(),
	}
	s.published = append(s.published, rec)
	return &sns.PublishOutput{MessageId: aws.String(rec.MessageID)}, nil
}
