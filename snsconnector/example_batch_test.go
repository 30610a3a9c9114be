package snsconnector_test

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// batchSNS is a fake SNS for the examples: it accepts every entry, giving
// it the ID "id-" + body, except bodies starting with "poison", which it
// refuses as SNS refuses a bad entry inside a successful request.
type batchSNS struct {
	snsconnector.API
}

func (batchSNS) PublishBatch(_ context.Context, in *sns.PublishBatchInput, _ ...func(*sns.Options)) (*sns.PublishBatchOutput, error) {
	out := &sns.PublishBatchOutput{}
	for _, e := range in.PublishBatchRequestEntries {
		body := aws.ToString(e.Message)
		if strings.HasPrefix(body, "poison") {
			out.Failed = append(out.Failed, types.BatchResultErrorEntry{
				Id: e.Id, Code: aws.String("InvalidParameter"), SenderFault: true, Message: aws.String("refused by the example"),
			})
			continue
		}
		out.Successful = append(out.Successful, types.PublishBatchResultEntry{Id: e.Id, MessageId: aws.String("id-" + body)})
	}
	return out, nil
}

func ExampleClient_PublishBatch() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(batchSNS{}))
	topic := model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:orders"}

	msgs := []model.Message{
		{Body: "order 1 shipped"},
		{Body: ""}, // invalid: reported, not sent
		{Body: "poison order"},
		{Body: "order 2 shipped", Attributes: map[string]model.MessageAttribute{"store": model.StringAttribute("example_corp")}},
	}
	resp, err := client.PublishBatch(ctx, region.EUWest1, topic, msgs)
	for i, res := range resp.Results { // one per message, in input order
		if res.OK() {
			fmt.Printf("%d: published %s\n", i, res.MessageID)
		} else {
			fmt.Printf("%d: failed: %v\n", i, res.Err)
		}
	}
	var batchErr *snsconnector.BatchError
	if errors.As(err, &batchErr) {
		fmt.Println(len(batchErr.Errs), "of", batchErr.Total, "failed; any invalid:", errors.Is(err, model.ErrInvalid))
	}
	// Output:
	// 0: published id-order 1 shipped
	// 1: failed: invalid Message.Body (required): the body must not be empty
	// 2: failed: SNS refused the entry: InvalidParameter: refused by the example
	// 3: published id-order 2 shipped
	// 2 of 4 failed; any invalid: true
}

func ExamplePublisher() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(batchSNS{}))
	topic := model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:orders"}

	// Zero settings take DefaultPublishSettings.
	p, err := client.NewPublisher(region.EUWest1, topic, snsconnector.PublishSettings{})
	if err != nil {
		panic(err)
	}
	var results []*snsconnector.PublishResult
	for i := range 3 {
		// Publish returns at once; messages go out in batches.
		results = append(results, p.Publish(ctx, model.Message{Body: fmt.Sprintf("event %d", i)}))
	}
	for _, r := range results {
		resp, err := r.Get(ctx) // waits for this message's outcome
		fmt.Println(resp.MessageID, err)
	}
	// Close delivers what is pending and stops the publisher's goroutines.
	if err := p.Close(ctx); err != nil {
		fmt.Println(err)
	}
	_, err = p.Publish(ctx, model.Message{Body: "too late"}).Get(ctx)
	fmt.Println(errors.Is(err, snsconnector.ErrPublisherClosed))
	// Output:
	// id-event 0 <nil>
	// id-event 1 <nil>
	// id-event 2 <nil>
	// true
}

func ExamplePublisher_ResumeGroup() {
	ctx := context.Background()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPI(batchSNS{}))
	topic := model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:payments.fifo"}
	p, _ := client.NewPublisher(region.EUWest1, topic, snsconnector.PublishSettings{})
	defer p.Close(ctx)

	publish := func(body string) error {
		_, err := p.Publish(ctx, model.Message{Body: body, GroupID: "customer-7", DeduplicationID: strings.ReplaceAll(body, " ", "-")}).Get(ctx)
		return err
	}
	fmt.Println(publish("payment 1"))
	fmt.Println(snsconnector.ErrorCode(publish("poison payment 2")))
	// The group is paused: nothing of it is sent ahead of the failed message.
	fmt.Println(errors.Is(publish("payment 3"), snsconnector.ErrGroupPaused))
	// Once the failure is dealt with, the group is resumed.
	p.ResumeGroup("customer-7")
	fmt.Println(publish("payment 3"))
	// Output:
	// <nil>
	// InvalidParameter
	// true
	// <nil>
}
