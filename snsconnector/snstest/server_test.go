package snstest_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

var ctx = context.Background()

func inRegion(r region.Region) func(*sns.Options) {
	return func(o *sns.Options) { o.Region = string(r) }
}

func mustCreate(t *testing.T, api interface {
	CreateTopic(context.Context, *sns.CreateTopicInput, ...func(*sns.Options)) (*sns.CreateTopicOutput, error)
}, name string, attrs map[string]string, optFns ...func(*sns.Options)) string {
	t.Helper()
	out, err := api.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(name), Attributes: attrs}, optFns...)
	if err != nil {
		t.Fatalf("CreateTopic %s: %v", name, err)
	}
	return aws.ToString(out.TopicArn)
}

func wantErr[T error](t *testing.T, err error, what string) T {
	t.Helper()
	var target T
	if !errors.As(err, &target) {
		t.Errorf("%s: got %v; want %T", what, err, target)
	}
	return target
}

func TestRegionComesFromTheCallOptionsOrTheDefault(t *testing.T) {
	fake := snstest.New(snstest.WithRegion(region.EUCentral1))
	if got := mustCreate(t, fake, "orders", nil); got != "arn:aws:sns:eu-central-1:123456789012:orders" {
		t.Errorf("default region ARN %s", got)
	}
	if got := mustCreate(t, fake, "orders", nil, inRegion(region.APSouth1)); got != "arn:aws:sns:ap-south-1:123456789012:orders" {
		t.Errorf("per-call region ARN %s", got)
	}
	view := fake.API(region.USWest1)
	if got := mustCreate(t, view, "orders", nil); got != "arn:aws:sns:us-west-1:123456789012:orders" {
		t.Errorf("region view ARN %s", got)
	}
	// The call's own options override the view's region, as with *sns.Client.
	if got := mustCreate(t, view, "orders", nil, inRegion(region.SAEast1)); !strings.Contains(got, ":sa-east-1:") {
		t.Errorf("per-call region through a view: %s", got)
	}

	for r, want := range map[region.Region]int{region.EUCentral1: 1, region.APSouth1: 1, region.USWest1: 1, region.SAEast1: 1, region.USEast1: 0} {
		out, err := fake.API(r).ListTopics(ctx, nil)
		if err != nil || len(out.Topics) != want {
			t.Errorf("ListTopics in %s: %d topics, %v; want %d", r, len(out.Topics), err, want)
		}
	}
	_, err := fake.ListTopics(ctx, &sns.ListTopicsInput{}, inRegion("not a region"))
	if err == nil {
		t.Error("a malformed region was accepted")
	}
	if _, err := fake.APIFactory("bogus"); err == nil {
		t.Error("APIFactory accepted a malformed region")
	}
}

func TestARNsFollowThePartition(t *testing.T) {
	fake := snstest.New(snstest.WithAccountID("000011112222"))
	for r, want := range map[region.Region]string{
		region.Region("cn-north-1"):    "arn:aws-cn:sns:cn-north-1:000011112222:t",
		region.Region("us-gov-west-1"): "arn:aws-us-gov:sns:us-gov-west-1:000011112222:t",
		region.EUWest1:                 "arn:aws:sns:eu-west-1:000011112222:t",
	} {
		if got := mustCreate(t, fake.API(r), "t", nil); got != want {
			t.Errorf("%s: ARN %s; want %s", r, got, want)
		}
	}
	if fake.AccountID() != "000011112222" {
		t.Errorf("AccountID %s", fake.AccountID())
	}
}

func TestNewPanicsOnAnInvalidOption(t *testing.T) {
	for name, opt := range map[string]snstest.Option{
		"account": snstest.WithAccountID("12345"),
		"region":  snstest.WithRegion("Mars"),
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("New with an invalid %s did not panic", name)
				}
			}()
			snstest.New(opt)
		}()
	}
}

func TestTopicARNChecks(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "orders", nil)
	publish := func(topicARN string) error {
		_, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topicARN), Message: aws.String("m")})
		return err
	}
	e := wantErr[*types.InvalidParameterException](t, publish("orders"), "a bare name")
	if e != nil && aws.ToString(e.Message) != "Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not 1" {
		t.Errorf("message %q", aws.ToString(e.Message))
	}
	wantErr[*types.InvalidParameterException](t, publish(strings.Replace(arn, ":sns:", ":sqs:", 1)), "an SQS ARN")
	wantErr[*types.InvalidParameterException](t, publish(arn+":sub-id"), "a subscription ARN")
	wantErr[*types.InvalidParameterException](t, publish(strings.Replace(arn, "arn:aws:", "arn:aws-cn:", 1)), "another partition")
	wantErr[*types.AuthorizationErrorException](t, publish(strings.Replace(arn, "123456789012", "999999999999", 1)), "another account")
	// The module's ARN parser decides what is an ARN at all, for the fake as
	// for the model: an account that is not 12 digits is malformed.
	wantErr[*types.InvalidParameterException](t, publish(strings.Replace(arn, "123456789012", "12345", 1)), "a 5-digit account")
	wantErr[*types.InvalidParameterException](t, publish(strings.Replace(arn, "us-east-1", "us-east-1x", 1)), "a malformed region")
	wantErr[*types.NotFoundException](t, publish(arn+"-x"), "a missing topic")
	if err := publish(arn); err != nil {
		t.Errorf("the topic itself: %v", err)
	}
}

// TestErrorsLookLikeTheSDKs checks the error chain a real client returns:
// a *smithy.OperationError around the modeled error or, for a missing
// required member, around smithy.InvalidParamsError.
func TestErrorsLookLikeTheSDKs(t *testing.T) {
	fake := snstest.New()
	_, err := fake.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String("arn:aws:sns:us-east-1:123456789012:none")})
	var oe *smithy.OperationError
	if !errors.As(err, &oe) || oe.Service() != "SNS" || oe.Operation() != "GetTopicAttributes" {
		t.Errorf("error %v is not an OperationError of SNS GetTopicAttributes", err)
	}
	var api smithy.APIError
	if !errors.As(err, &api) || api.ErrorCode() != "NotFound" || api.ErrorFault() != smithy.FaultClient {
		t.Errorf("error %v: API error code %v", err, api)
	}
	if want := "operation error SNS: GetTopicAttributes, NotFound: Topic does not exist"; err.Error() != want {
		t.Errorf("message %q; want %q", err, want)
	}

	_, err = fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String("arn:aws:sns:us-east-1:123456789012:none"),
		MessageAttributes: map[string]types.MessageAttributeValue{"a": {}}})
	var ip smithy.InvalidParamsError
	if !errors.As(err, &ip) || !strings.Contains(err.Error(), "PublishInput.Message") || !strings.Contains(err.Error(), "DataType") {
		t.Errorf("missing Message and DataType: %v", err)
	}

	// A nil input is an empty one, as the SDK treats it.
	calls := []func() error{
		func() error { _, err := fake.Publish(ctx, nil); return err },
		func() error { _, err := fake.PublishBatch(ctx, nil); return err },
		func() error { _, err := fake.CreateTopic(ctx, nil); return err },
		func() error { _, err := fake.DeleteTopic(ctx, nil); return err },
		func() error { _, err := fake.GetTopicAttributes(ctx, nil); return err },
		func() error { _, err := fake.SetTopicAttributes(ctx, nil); return err },
		func() error { _, err := fake.TagResource(ctx, nil); return err },
		func() error { _, err := fake.UntagResource(ctx, nil); return err },
		func() error { _, err := fake.ListTagsForResource(ctx, nil); return err },
		func() error { _, err := fake.Subscribe(ctx, nil); return err },
		func() error { _, err := fake.ConfirmSubscription(ctx, nil); return err },
		func() error { _, err := fake.Unsubscribe(ctx, nil); return err },
		func() error { _, err := fake.ListSubscriptionsByTopic(ctx, nil); return err },
		func() error { _, err := fake.GetSubscriptionAttributes(ctx, nil); return err },
		func() error { _, err := fake.SetSubscriptionAttributes(ctx, nil); return err },
	}
	for i, call := range calls {
		if err := call(); !errors.As(err, &ip) {
			t.Errorf("call %d with nil input: %v; want InvalidParamsError", i, err)
		}
	}
	if out, err := fake.ListTopics(ctx, nil); err != nil || len(out.Topics) != 0 {
		t.Errorf("ListTopics(nil) = %v, %v", out, err)
	}
}

func TestNextTokenMustBeOneTheFakeIssued(t *testing.T) {
	fake := snstest.New()
	_, err := fake.ListTopics(ctx, &sns.ListTopicsInput{NextToken: aws.String("!!")})
	wantErr[*types.InvalidParameterException](t, err, "a made-up NextToken")
}

func TestPagingSurvivesDeletesBetweenPages(t *testing.T) {
	fake := snstest.New()
	var arns []string
	for i := range 150 {
		arns = append(arns, mustCreate(t, fake, "t"+strings.Repeat("0", 3-len(itoa(i)))+itoa(i), nil))
	}
	first, err := fake.ListTopics(ctx, &sns.ListTopicsInput{})
	if err != nil || len(first.Topics) != 100 || first.NextToken == nil {
		t.Fatalf("first page: %d topics, token %v, %v", len(first.Topics), first.NextToken, err)
	}
	// Delete the last topic of the first page and one of the second.
	for _, a := range []string{aws.ToString(first.Topics[99].TopicArn), arns[120]} {
		if _, err := fake.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(a)}); err != nil {
			t.Fatal(err)
		}
	}
	second, err := fake.ListTopics(ctx, &sns.ListTopicsInput{NextToken: first.NextToken})
	if err != nil || len(second.Topics) != 49 || second.NextToken != nil {
		t.Fatalf("second page: %d topics, token %v, %v; want the remaining 49", len(second.Topics), second.NextToken, err)
	}
	if got := aws.ToString(second.Topics[0].TopicArn); got != arns[100] {
		t.Errorf("second page starts at %s; want %s", got, arns[100])
	}
}

func itoa(i int) string {
	const digits = "0123456789"
	if i < 10 {
		return digits[i : i+1]
	}
	return itoa(i/10) + digits[i%10:i%10+1]
}

func TestCreateTopicRules(t *testing.T) {
	fake := snstest.New()
	bad := []map[string]string{
		{"NoSuchAttribute": "x"},
		{"DisplayName": strings.Repeat("d", 101)},
		{"Policy": "not json"},
		{"SignatureVersion": "3"},
		{"TracingConfig": "Sometimes"},
		{"MaximumMessageSize": "1023"},
		{"ContentBasedDeduplication": "true"}, // FIFO only
		{"FifoTopic": "maybe"},
		{"SQSSuccessFeedbackSampleRate": "101"},
		{"HTTPFailureFeedbackRoleArn": "not-an-arn"},
	}
	for _, attrs := range bad {
		_, err := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("t"), Attributes: attrs})
		wantErr[*types.InvalidParameterException](t, err, "CreateTopic with "+strings.Join(keys(attrs), ","))
	}
	good := map[string]string{
		"DisplayName": "Orders", "KmsMasterKeyId": "alias/aws/sns", "MaximumMessageSize": "1048576",
		"SQSSuccessFeedbackRoleArn": "arn:aws:iam::123456789012:role/feedback", "SQSSuccessFeedbackSampleRate": "10",
		"FifoTopic": "false",
	}
	arn := mustCreate(t, fake, "t", good)
	attrs, err := fake.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := attrs.Attributes["FifoTopic"]; ok {
		t.Error("FifoTopic=false is kept; SNS reports FifoTopic on FIFO topics only")
	}
	if attrs.Attributes["MaximumMessageSize"] != "1048576" || attrs.Attributes["KmsMasterKeyId"] != "alias/aws/sns" {
		t.Errorf("attributes %v", attrs.Attributes)
	}
	// Asking again for an attribute the topic does not have is a conflict.
	_, err = fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("t"), Attributes: map[string]string{"SignatureVersion": "2"}})
	wantErr[*types.InvalidParameterException](t, err, "CreateTopic again with a new attribute")
	if again := mustCreate(t, fake, "t", map[string]string{"DisplayName": "Orders"}); again != arn {
		t.Errorf("CreateTopic with a subset of the attributes: %s", again)
	}
	// A standard topic cannot trace; a FIFO one cannot be Active.
	_, err = fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("f.fifo"), Attributes: map[string]string{"FifoTopic": "true", "TracingConfig": "Active"}})
	wantErr[*types.InvalidParameterException](t, err, "TracingConfig Active on a FIFO topic")
}

func TestFIFOTopicLimit(t *testing.T) {
	fake := snstest.New()
	for i := range 1000 {
		mustCreate(t, fake, "f"+itoa(i)+".fifo", map[string]string{"FifoTopic": "true"})
	}
	_, err := fake.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("one-more.fifo"), Attributes: map[string]string{"FifoTopic": "true"}})
	wantErr[*types.TopicLimitExceededException](t, err, "the 1001st FIFO topic")
	mustCreate(t, fake, "standard-still-fine", nil)
	mustCreate(t, fake, "one-more.fifo", map[string]string{"FifoTopic": "true"}, inRegion(region.EUWest1)) // the limit is per region
}

func TestTagRules(t *testing.T) {
	fake := snstest.New()
	arn := aws.String(mustCreate(t, fake, "t", nil))
	tag := func(k, v string) error {
		_, err := fake.TagResource(ctx, &sns.TagResourceInput{ResourceArn: arn, Tags: []types.Tag{{Key: aws.String(k), Value: aws.String(v)}}})
		return err
	}
	wantErr[*types.InvalidParameterException](t, tag("", "v"), "an empty key")
	wantErr[*types.InvalidParameterException](t, tag(strings.Repeat("k", 129), "v"), "a 129-character key")
	wantErr[*types.InvalidParameterException](t, tag("k", strings.Repeat("v", 257)), "a 257-character value")
	wantErr[*types.InvalidParameterException](t, tag("AWS:reserved", "v"), "the aws: prefix")
	for _, err := range []error{tag(strings.Repeat("k", 128), strings.Repeat("v", 256)), tag("ключ", "значение")} {
		if err != nil {
			t.Errorf("a valid tag: %v", err)
		}
	}
	_, err := fake.TagResource(ctx, &sns.TagResourceInput{ResourceArn: arn, Tags: []types.Tag{{Key: aws.String("k")}}})
	var ip smithy.InvalidParamsError
	if !errors.As(err, &ip) {
		t.Errorf("a tag without a Value: %v; want the SDK's InvalidParamsError", err)
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestResolveTopicThroughTheFake(t *testing.T) {
	ctx := context.Background()
	fake := snstest.New(snstest.WithRegion(region.EUWest1), snstest.WithAccountID("111122223333"))
	if _, err := fake.API(region.EUWest1).CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")}); err != nil {
		t.Fatal(err)
	}
	client, err := snsconnector.New(ctx, snsconnector.WithAPIFactory(fake.APIFactory))
	if err != nil {
		t.Fatal(err)
	}
	topic, err := client.ResolveTopic(ctx, region.EUWest1, "orders")
	if err != nil || topic.ARN != "arn:aws:sns:eu-west-1:111122223333:orders" {
		t.Fatalf("ResolveTopic = %+v, %v", topic, err)
	}
	if _, err := client.ResolveTopic(ctx, region.USEast1, "orders"); err == nil {
		t.Fatal("a topic of eu-west-1 resolved in us-east-1")
	}
}
