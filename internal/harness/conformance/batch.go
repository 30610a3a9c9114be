package conformance

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
)

func entry(id, body string) types.PublishBatchRequestEntry {
	return types.PublishBatchRequestEntry{Id: aws.String(id), Message: aws.String(body)}
}

func testPublishBatch(t *testing.T, h Harness) {
	arn := aws.String(createTopic(t, h, mainRegion, uniqueName("batch"), nil))
	q, _ := subscribeQueue(t, h, *arn, raw)
	entries := []types.PublishBatchRequestEntry{entry("first", "b1"), entry("second-2", "b2"), entry("third_3", "b3")}
	entries[1].MessageAttributes = map[string]types.MessageAttributeValue{"n": stringAttr("Number", "2")}
	out, err := h.API(mainRegion).PublishBatch(context.Background(), &sns.PublishBatchInput{TopicArn: arn, PublishBatchRequestEntries: entries})
	must(t, err, "PublishBatch")
	if len(out.Failed) != 0 || len(out.Successful) != 3 {
		t.Fatalf("Successful %d, Failed %v; want 3 and none", len(out.Successful), out.Failed)
	}
	ids := map[string]bool{}
	for i, s := range out.Successful {
		if aws.ToString(s.Id) != aws.ToString(entries[i].Id) {
			t.Errorf("result %d is for %q; want %q", i, aws.ToString(s.Id), aws.ToString(entries[i].Id))
		}
		if id := aws.ToString(s.MessageId); id == "" || ids[id] {
			t.Errorf("result %d has message ID %q; want a new one", i, id)
		}
		ids[aws.ToString(s.MessageId)] = true
	}
	got := receive(t, q, 3)
	if b := sortedBodies(got); strings.Join(b, ",") != "b1,b2,b3" {
		t.Errorf("received %v; want b1, b2, b3", b)
	}
	for _, m := range got {
		if m.Body == "b2" {
			sameAttributes(t, m.Attributes, entries[1].MessageAttributes)
		}
	}
}

func testPublishBatchLimits(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(mainRegion)
	arn := aws.String(createTopic(t, h, mainRegion, uniqueName("limits"), nil))
	batch := func(entries ...types.PublishBatchRequestEntry) error {
		_, err := api.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: arn, PublishBatchRequestEntries: entries})
		return err
	}
	var eleven []types.PublishBatchRequestEntry
	for i := range 11 {
		eleven = append(eleven, entry(fmt.Sprint("e", i), "m"))
	}
	wantErr[*types.TooManyEntriesInBatchRequestException](t, batch(eleven...), "11 entries")
	wantErr[*types.EmptyBatchRequestException](t, batch([]types.PublishBatchRequestEntry{}...), "no entries")
	wantErr[*types.BatchEntryIdsNotDistinctException](t, batch(entry("same", "a"), entry("same", "b")), "repeated IDs")
	wantErr[*types.InvalidBatchEntryIdException](t, batch(entry("no spaces", "a")), "an ID with a space")
	wantErr[*types.InvalidBatchEntryIdException](t, batch(entry(strings.Repeat("i", 81), "a")), "an 81-character ID")
	if err := batch(entry(strings.Repeat("i", 80), "a")); err != nil {
		t.Errorf("an 80-character ID: %v", err)
	}

	_, err := api.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(topicARNOf(h, mainRegion, uniqueName("missing"))),
		PublishBatchRequestEntries: []types.PublishBatchRequestEntry{entry("a", "m")}})
	wantErr[*types.NotFoundException](t, err, "PublishBatch to a missing topic")

	// Each entry fits; together they are over 256 KiB.
	big := strings.Repeat("x", 140_000)
	err = batch(entry("a", big), entry("b", big))
	if h.Quirks().NoBatchSizeLimit {
		if err != nil {
			t.Errorf("quirk NoBatchSizeLimit: the batch was refused (%v); drop the quirk", err)
		}
		return
	}
	wantErr[*types.BatchRequestTooLongException](t, err, "a batch of 280,000 bytes")
}

func testPublishBatchFIFO(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(mainRegion)
	arn := aws.String(createFIFOTopic(t, h, false))
	q, _ := subscribeQueue(t, h, *arn, raw)
	var entries []types.PublishBatchRequestEntry
	for i := range 4 {
		e := entry(fmt.Sprint("e", i), fmt.Sprint("m", i))
		e.MessageGroupId, e.MessageDeduplicationId = aws.String("g"), aws.String(fmt.Sprint("d", i))
		entries = append(entries, e)
	}
	out, err := api.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: arn, PublishBatchRequestEntries: entries})
	must(t, err, "PublishBatch FIFO")
	if len(out.Successful) != 4 {
		t.Fatalf("Successful %d, Failed %v; want 4", len(out.Successful), out.Failed)
	}
	if b := bodies(receive(t, q, 4)); strings.Join(b, ",") != "m0,m1,m2,m3" {
		t.Errorf("received %v; want the batch's order m0..m3", b)
	}
	if !h.Quirks().NoSequenceNumber {
		var seqs []string
		for _, s := range out.Successful {
			seqs = append(seqs, aws.ToString(s.SequenceNumber))
		}
		increasing(t, seqs)
	}

	noGroup := entry("nogroup", "m")
	noGroup.MessageDeduplicationId = aws.String("dx")
	out, err = api.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: arn, PublishBatchRequestEntries: []types.PublishBatchRequestEntry{noGroup}})
	if h.Quirks().BatchEntryErrorsFailed {
		must(t, err, "PublishBatch without a group ID (quirk: per-entry failure)")
		if len(out.Failed) != 1 || aws.ToString(out.Failed[0].Id) != "nogroup" || aws.ToString(out.Failed[0].Code) != "InvalidParameter" || !out.Failed[0].SenderFault {
			t.Errorf("quirk BatchEntryErrorsFailed: Failed %+v; want the entry failed with InvalidParameter", out.Failed)
		}
		return
	}
	wantErr[*types.InvalidParameterException](t, err, "PublishBatch to a FIFO topic without a group ID")
}
