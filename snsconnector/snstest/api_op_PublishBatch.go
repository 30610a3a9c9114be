package snstest

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
)

// maxBatchEntryID is the longest entry Id (PublishBatch API reference).
// The client makes its own Ids, so this rule of the wire is the fake's
// alone.
const maxBatchEntryID = 80

// PublishBatch publishes up to ten messages to a topic. The batch as a
// whole fails, as with SNS, when it has more than 10 entries
// (TooManyEntriesInBatchRequest), none (EmptyBatchRequest), repeated IDs
// (BatchEntryIdsNotDistinct), an ID that is not 1 to 80 of [A-Za-z0-9_-]
// (InvalidBatchEntryId), an entry Publish would refuse (InvalidParameter or
// ParameterValueInvalid: SNS rejects the request rather than the entry), or
// entries together larger than the topic's MaximumMessageSize
// (BatchRequestTooLong). Otherwise each entry is published in order and
// reported in Successful, unless the [EntryFault] hook fails it.
func (s *Server) PublishBatch(ctx context.Context, in *sns.PublishBatchInput, optFns ...func(*sns.Options)) (*sns.PublishBatchOutput, error) {
	const op = "PublishBatch"
	r, err := s.begin(ctx, op, in, optFns)
	if err != nil {
		return nil, err
	}
	if in == nil {
		in = &sns.PublishBatchInput{}
	}
	req := newRequired("PublishBatchInput").check("TopicArn", in.TopicArn != nil).check("PublishBatchRequestEntries", in.PublishBatchRequestEntries != nil)
	entriesReq := newRequired("PublishBatchRequestEntryList")
	for i, e := range in.PublishBatchRequestEntries {
		er := newRequired("PublishBatchRequestEntry").check("Id", e.Id != nil).check("Message", e.Message != nil)
		er.nested("MessageAttributes", attributesRequired(e.MessageAttributes))
		entriesReq.nested(fmt.Sprintf("[%d]", i), er)
	}
	if err := req.nested("PublishBatchRequestEntries", entriesReq).err(); err != nil {
		return nil, opError(op, err)
	}
	entries := in.PublishBatchRequestEntries
	switch {
	case len(entries) > model.MaxBatchEntries:
		return nil, opError(op, &types.TooManyEntriesInBatchRequestException{Message: aws.String("The batch request contains more entries than permissible.")})
	case len(entries) == 0:
		return nil, opError(op, &types.EmptyBatchRequestException{Message: aws.String("The batch request doesn't contain any entries.")})
	}
	arn := *in.TopicArn
	if err := s.checkTopicARN("TopicArn", op, r, arn); err != nil {
		return nil, opError(op, err)
	}
	seen := make(map[string]bool, len(entries))
	for _, e := range entries {
		if seen[*e.Id] {
			return nil, opError(op, &types.BatchEntryIdsNotDistinctException{Message: aws.String("Two or more batch entries in the request have the same Id.")})
		}
		seen[*e.Id] = true
	}
	for _, e := range entries {
		if !validEntryID(*e.Id) {
			return nil, opError(op, &types.InvalidBatchEntryIdException{Message: aws.String(fmt.Sprintf(
				"The Id of a batch entry in a batch request doesn't abide by the specification: %s", clip(*e.Id)))})
		}
	}
	msgs := make([]*outgoing, len(entries))
	for i, e := range entries {
		msgs[i] = &outgoing{
			message:   *e.Message,
			subject:   e.Subject,
			structure: aws.ToString(e.MessageStructure),
			attrs:     e.MessageAttributes,
			groupID:   aws.ToString(e.MessageGroupId),
			dedupID:   aws.ToString(e.MessageDeduplicationId),
		}
		if err := checkMessage(msgs[i]); err != nil {
			return nil, opError(op, err)
		}
	}
	faults := s.entryFaults(arn, entries)

	s.mu.Lock()
	defer s.mu.Unlock()
	t, ok := s.topics[arn]
	if !ok {
		return nil, opError(op, topicNotFound())
	}
	total := 0
	for _, m := range msgs {
		total += m.size
	}
	if total > t.maxMessageSize() {
		return nil, opError(op, &types.BatchRequestTooLongException{Message: aws.String("The length of all the messages put together is more than the limit.")})
	}
	for _, m := range msgs {
		if err := checkForTopic(t, m); err != nil {
			return nil, opError(op, err)
		}
	}
	out := &sns.PublishBatchOutput{Successful: []types.PublishBatchResultEntry{}, Failed: []types.BatchResultErrorEntry{}}
	for i, m := range msgs {
		id := *entries[i].Id
		if faults != nil && faults[i] != nil {
			f := *faults[i]
			f.Id = aws.String(id)
			out.Failed = append(out.Failed, f)
			continue
		}
		msgID, seq := s.publishLocked(t, m)
		res := types.PublishBatchResultEntry{Id: aws.String(id), MessageId: aws.String(msgID)}
		if seq != "" {
			res.SequenceNumber = aws.String(seq)
		}
		out.Successful = append(out.Successful, res)
	}
	return out, nil
}

// validEntryID: "The Id ... can contain up to 80 alphanumeric characters,
// hyphens and underscores."
func validEntryID(id string) bool {
	if id == "" || len(id) > maxBatchEntryID {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}
