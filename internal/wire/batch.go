package wire

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
)

// entryIDs are the batch entry Ids by position in a request. A request holds
// at most model.MaxBatchEntries entries, so positions make Ids that are
// unique within it, short, and of the allowed characters ([A-Za-z0-9_-]).
var entryIDs = [model.MaxBatchEntries]string{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}

// EntryID returns the batch entry Id for position pos (0 to 9) of a request.
func EntryID(pos int) string { return entryIDs[pos] }

// EntryPos returns the position an entry Id from EntryID stands for, and
// false for an Id EntryID never makes.
func EntryPos(id string) (int, bool) {
	if len(id) != 1 || id[0] < '0' || id[0] > '9' {
		return 0, false
	}
	return int(id[0] - '0'), true
}

// PublishBatchEntry returns the SDK entry for a validated message at
// position pos (0 to 9) of a request; its Id is EntryID(pos).
func PublishBatchEntry(pos int, m model.Message) types.PublishBatchRequestEntry {
	e := types.PublishBatchRequestEntry{
		Id:                &entryIDs[pos], // shared, never written: saves an allocation per entry
		Message:           aws.String(m.Body),
		MessageAttributes: MessageAttributes(m.Attributes),
	}
	if m.Subject != "" {
		e.Subject = aws.String(m.Subject)
	}
	if m.GroupID != "" {
		e.MessageGroupId = aws.String(m.GroupID)
	}
	if m.DeduplicationID != "" {
		e.MessageDeduplicationId = aws.String(m.DeduplicationID)
	}
	if m.Structure != "" {
		e.MessageStructure = aws.String(string(m.Structure))
	}
	return e
}
