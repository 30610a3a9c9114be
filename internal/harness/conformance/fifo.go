package conformance

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
)

func testFIFORules(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(mainRegion)
	arn := aws.String(createFIFOTopic(t, h, false))

	_, err := api.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String("m"), MessageDeduplicationId: aws.String("d")})
	wantErr[*types.InvalidParameterException](t, err, "Publish to a FIFO topic without MessageGroupId")
	_, err = api.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String("m"), MessageGroupId: aws.String("g")})
	wantErr[*types.InvalidParameterException](t, err, "Publish to a FIFO topic without deduplication")

	var seqs []string
	for i := range 3 {
		out := publish(t, h, &sns.PublishInput{TopicArn: arn, Message: aws.String("m"),
			MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String(fmt.Sprint("d", i))})
		seqs = append(seqs, aws.ToString(out.SequenceNumber))
	}
	if h.Quirks().NoSequenceNumber {
		if slices.ContainsFunc(seqs, func(s string) bool { return s != "" }) {
			t.Errorf("quirk NoSequenceNumber: got sequence numbers %v; drop the quirk", seqs)
		}
		return
	}
	increasing(t, seqs)
}

// increasing checks that FIFO sequence numbers (decimal strings of up to
// 128 bits) are present and strictly increase.
func increasing(t *testing.T, seqs []string) {
	t.Helper()
	var prev *big.Int
	for _, s := range seqs {
		n, ok := new(big.Int).SetString(s, 10)
		if !ok {
			t.Errorf("sequence number %q is not a number (all: %v)", s, seqs)
			return
		}
		if prev != nil && n.Cmp(prev) <= 0 {
			t.Errorf("sequence numbers %v do not increase", seqs)
			return
		}
		prev = n
	}
}

func testFIFODeduplication(t *testing.T, h Harness) {
	t.Run("ByID", func(t *testing.T) {
		arn := aws.String(createFIFOTopic(t, h, false))
		q, _ := subscribeQueue(t, h, *arn, raw)
		for _, m := range []struct{ body, dedup string }{{"one", "d1"}, {"one again", "d1"}, {"two", "d2"}} {
			publish(t, h, &sns.PublishInput{TopicArn: arn, Message: aws.String(m.body),
				MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String(m.dedup)})
		}
		got := receive(t, q, 2)
		if b := bodies(got); b[0] != "one" || b[1] != "two" {
			t.Errorf("received %v; want [one two]: the second d1 is a duplicate", b)
		}
		if got[0].GroupID != "g" || got[0].DeduplicationID != "d1" {
			t.Errorf("group %q dedup %q; want g and d1", got[0].GroupID, got[0].DeduplicationID)
		}
		quiet(t, q)
	})
	t.Run("ByContent", func(t *testing.T) {
		arn := aws.String(createFIFOTopic(t, h, true))
		q, _ := subscribeQueue(t, h, *arn, raw)
		for _, body := range []string{"same", "same", "other"} {
			publish(t, h, &sns.PublishInput{TopicArn: arn, Message: aws.String(body), MessageGroupId: aws.String("g")})
		}
		if b := bodies(receive(t, q, 2)); b[0] != "same" || b[1] != "other" {
			t.Errorf("received %v; want [same other]: identical bodies are duplicates", b)
		}
		quiet(t, q)
	})
}

func testFIFOOrder(t *testing.T, h Harness) {
	arn := aws.String(createFIFOTopic(t, h, false))
	q, _ := subscribeQueue(t, h, *arn, raw)
	const n = 12
	for i := range n {
		group := []string{"a", "b"}[i%2]
		publish(t, h, &sns.PublishInput{TopicArn: arn, Message: aws.String(fmt.Sprintf("%s%02d", group, i)),
			MessageGroupId: aws.String(group), MessageDeduplicationId: aws.String(fmt.Sprint(i))})
	}
	perGroup := map[string][]string{}
	for len(perGroup["a"])+len(perGroup["b"]) < n {
		got, err := q.Receive(context.Background(), 1, deliveryWait)
		must(t, err, "Receive")
		if len(got) == 0 {
			t.Fatalf("received only %v", perGroup)
		}
		for _, m := range got {
			perGroup[m.GroupID] = append(perGroup[m.GroupID], m.Body)
		}
	}
	for g, got := range perGroup {
		if !slices.IsSorted(got) {
			t.Errorf("group %s arrived out of order: %v", g, got)
		}
	}
}
