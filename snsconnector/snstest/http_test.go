package snstest_test

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// serve starts an HTTP server in front of fake and returns an SDK config
// for it: the SDK's own serializer, signer, retryer and error decoding
// run, as against AWS. One attempt per call unless a test says otherwise.
func serve(t *testing.T, fake *snstest.Server, r region.Region) (aws.Config, string) {
	t.Helper()
	srv := httptest.NewServer(fake)
	t.Cleanup(srv.Close)
	return aws.Config{
		Region:           string(r),
		Credentials:      credentials.NewStaticCredentialsProvider("AKIDSNSTEST", "secret", ""),
		HTTPClient:       srv.Client(),
		RetryMaxAttempts: 1,
	}, srv.URL
}

// rawClient is a plain *sns.Client talking to the fake over HTTP.
func rawClient(t *testing.T, fake *snstest.Server, r region.Region, optFns ...func(*sns.Options)) *sns.Client {
	t.Helper()
	cfg, endpoint := serve(t, fake, r)
	return sns.NewFromConfig(cfg, append([]func(*sns.Options){func(o *sns.Options) { o.BaseEndpoint = aws.String(endpoint) }}, optFns...)...)
}

func TestHTTPTopicsAttributesTagsAndPaging(t *testing.T) {
	fake := snstest.New()
	c := rawClient(t, fake, region.EUWest1)

	created, err := c.CreateTopic(ctx, &sns.CreateTopicInput{
		Name:       aws.String("orders.fifo"),
		Attributes: map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": "true", "DisplayName": "Orders & <more>"},
		Tags:       []types.Tag{{Key: aws.String("team"), Value: aws.String("shipping")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	// The region comes from the request's signature: the client's region.
	arn := aws.ToString(created.TopicArn)
	if arn != "arn:aws:sns:eu-west-1:123456789012:orders.fifo" {
		t.Fatalf("TopicArn %s", arn)
	}
	if out, _ := fake.API(region.EUWest1).ListTopics(ctx, nil); len(out.Topics) != 1 {
		t.Errorf("the topic is not in eu-west-1 for in-process callers: %+v", out)
	}

	got, err := c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: created.TopicArn})
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{"DisplayName": "Orders & <more>", "FifoTopic": "true", "ContentBasedDeduplication": "true", "TopicArn": arn, "Owner": "123456789012"} {
		if got.Attributes[k] != want {
			t.Errorf("attribute %s = %q; want %q", k, got.Attributes[k], want)
		}
	}
	if _, err := c.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: created.TopicArn, AttributeName: aws.String("DisplayName"), AttributeValue: aws.String("Orders")}); err != nil {
		t.Fatal(err)
	}
	if got, _ := fake.API(region.EUWest1).GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: created.TopicArn}); got.Attributes["DisplayName"] != "Orders" {
		t.Errorf("SetTopicAttributes over HTTP did not take: %q", got.Attributes["DisplayName"])
	}

	if _, err := c.TagResource(ctx, &sns.TagResourceInput{ResourceArn: created.TopicArn, Tags: []types.Tag{{Key: aws.String("cost"), Value: aws.String("42")}}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.UntagResource(ctx, &sns.UntagResourceInput{ResourceArn: created.TopicArn, TagKeys: []string{"team"}}); err != nil {
		t.Fatal(err)
	}
	tags, err := c.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: created.TopicArn})
	if err != nil || len(tags.Tags) != 1 || aws.ToString(tags.Tags[0].Key) != "cost" || aws.ToString(tags.Tags[0].Value) != "42" {
		t.Errorf("tags %+v, %v; want only cost=42", tags, err)
	}

	for i := range 230 {
		mustCreate(t, fake.API(region.EUWest1), fmt.Sprintf("t-%03d", i), nil)
	}
	var arns []string
	pages := 0
	for p := sns.NewListTopicsPaginator(c, &sns.ListTopicsInput{}); p.HasMorePages(); pages++ {
		out, err := p.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, tp := range out.Topics {
			arns = append(arns, aws.ToString(tp.TopicArn))
		}
	}
	if pages != 3 || len(arns) != 231 || arns[0] != "arn:aws:sns:eu-west-1:123456789012:orders.fifo" {
		t.Errorf("%d pages of %d topics, first %v; want 3 pages of 231", pages, len(arns), arns[:1])
	}

	if _, err := c.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: created.TopicArn}); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: created.TopicArn})
	wantErr[*types.NotFoundException](t, err, "a deleted topic")
}

func TestHTTPSubscribePublishAndDeliver(t *testing.T) {
	fake := snstest.New()
	c := rawClient(t, fake, region.USEast1)
	topic, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("orders")})
	if err != nil {
		t.Fatal(err)
	}
	sub, err := c.Subscribe(ctx, &sns.SubscribeInput{
		TopicArn: topic.TopicArn, Protocol: aws.String("sqs"), Endpoint: aws.String(queueARN),
		Attributes:            map[string]string{"RawMessageDelivery": "true", "FilterPolicy": `{"store": ["example_corp"]}`},
		ReturnSubscriptionArn: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	attrs := map[string]types.MessageAttributeValue{
		"store":   {DataType: aws.String("String"), StringValue: aws.String("example_corp")},
		"price":   {DataType: aws.String("Number.float"), StringValue: aws.String("12.5")},
		"sizes":   {DataType: aws.String("String.Array"), StringValue: aws.String(`["S", 1, true, null]`)},
		"payload": {DataType: aws.String("Binary"), BinaryValue: []byte{0, 1, 2, 0xff, '&', '<'}},
	}
	body := "order 42 shipped: <b>&amp;</b> ünïcode\nsecond line"
	out, err := c.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String(body), Subject: aws.String("Shipped"), MessageAttributes: attrs})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String("filtered out"),
		MessageAttributes: map[string]types.MessageAttributeValue{"store": {DataType: aws.String("String"), StringValue: aws.String("other")}}}); err != nil {
		t.Fatal(err)
	}

	ds := fake.Deliveries(aws.ToString(sub.SubscriptionArn))
	if len(ds) != 1 {
		t.Fatalf("%d deliveries; want the one message the filter policy passes", len(ds))
	}
	d := ds[0]
	if d.MessageID != aws.ToString(out.MessageId) || d.Body != body || d.Subject != "Shipped" {
		t.Errorf("delivered %q (subject %q, ID %s); want %q, Shipped, %s", d.Body, d.Subject, d.MessageID, body, aws.ToString(out.MessageId))
	}
	if len(d.Attributes) != len(attrs) {
		t.Errorf("%d attributes delivered; want %d", len(d.Attributes), len(attrs))
	}
	for name, want := range attrs {
		got := d.Attributes[name]
		if aws.ToString(got.DataType) != aws.ToString(want.DataType) || aws.ToString(got.StringValue) != aws.ToString(want.StringValue) || !bytes.Equal(got.BinaryValue, want.BinaryValue) {
			t.Errorf("attribute %s = %+v; want %+v", name, got, want)
		}
	}

	subs, err := c.ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: topic.TopicArn})
	if err != nil || len(subs.Subscriptions) != 1 || aws.ToString(subs.Subscriptions[0].Endpoint) != queueARN {
		t.Errorf("ListSubscriptionsByTopic %+v, %v", subs, err)
	}
	got, err := c.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: sub.SubscriptionArn})
	if err != nil || got.Attributes["RawMessageDelivery"] != "true" || got.Attributes["FilterPolicyScope"] != "MessageAttributes" {
		t.Errorf("GetSubscriptionAttributes %v, %v", got, err)
	}
	if _, err := c.SetSubscriptionAttributes(ctx, &sns.SetSubscriptionAttributesInput{SubscriptionArn: sub.SubscriptionArn, AttributeName: aws.String("FilterPolicy"), AttributeValue: aws.String("")}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: sub.SubscriptionArn}); err != nil {
		t.Fatal(err)
	}
	if subs, _ := fake.ListSubscriptionsByTopic(ctx, &sns.ListSubscriptionsByTopicInput{TopicArn: topic.TopicArn}); len(subs.Subscriptions) != 0 {
		t.Errorf("still subscribed after Unsubscribe over HTTP: %+v", subs.Subscriptions)
	}
}

func TestHTTPConfirmSubscriptionAndFIFO(t *testing.T) {
	fake := snstest.New()
	c := rawClient(t, fake, region.USEast1)
	topic, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("t.fifo"), Attributes: map[string]string{"FifoTopic": "true"}})
	if err != nil {
		t.Fatal(err)
	}
	q := "arn:aws:sqs:us-east-1:210987654321:q.fifo" // another account's queue: pending
	sub, err := c.Subscribe(ctx, &sns.SubscribeInput{TopicArn: topic.TopicArn, Protocol: aws.String("sqs"), Endpoint: aws.String(q)})
	if err != nil || aws.ToString(sub.SubscriptionArn) != "pending confirmation" {
		t.Fatalf("Subscribe %+v, %v; want pending confirmation", sub, err)
	}
	token := fake.DeliveriesTo(q)[0].Token
	confirmed, err := c.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: topic.TopicArn, Token: aws.String(token)})
	if err != nil || !strings.HasPrefix(aws.ToString(confirmed.SubscriptionArn), aws.ToString(topic.TopicArn)+":") {
		t.Fatalf("ConfirmSubscription %+v, %v", confirmed, err)
	}
	var seqs []string
	for _, dedup := range []string{"a", "b", "a"} {
		out, err := c.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String("m-" + dedup), MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String(dedup)})
		if err != nil {
			t.Fatal(err)
		}
		seqs = append(seqs, aws.ToString(out.SequenceNumber))
	}
	if len(seqs[0]) != 20 || seqs[1] <= seqs[0] || seqs[2] != seqs[0] {
		t.Errorf("sequence numbers %v; want 20 digits, increasing, the duplicate answered with the first's", seqs)
	}
	_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: topic.TopicArn, Message: aws.String("m")})
	wantErr[*types.InvalidParameterException](t, err, "a FIFO publish without a group ID")
}

func TestHTTPPublishBatch(t *testing.T) {
	fake := snstest.New()
	c := rawClient(t, fake, region.USEast1)
	arn := aws.String(mustCreate(t, fake, "orders", nil))
	fake.SetEntryFault(func(_ string, e types.PublishBatchRequestEntry) *types.BatchResultErrorEntry {
		if aws.ToString(e.Id) == "b" {
			return &types.BatchResultErrorEntry{Code: aws.String("InternalError"), Message: aws.String("try again"), SenderFault: false}
		}
		return nil
	})
	entry := func(id string) types.PublishBatchRequestEntry {
		return types.PublishBatchRequestEntry{Id: aws.String(id), Message: aws.String("m " + id),
			MessageAttributes: map[string]types.MessageAttributeValue{"n": {DataType: aws.String("Number"), StringValue: aws.String("1")}}}
	}
	out, err := c.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: arn, PublishBatchRequestEntries: []types.PublishBatchRequestEntry{entry("a"), entry("b"), entry("c")}})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Successful) != 2 || aws.ToString(out.Successful[0].Id) != "a" || aws.ToString(out.Successful[1].Id) != "c" || aws.ToString(out.Successful[0].MessageId) == "" {
		t.Errorf("Successful %+v; want a and c with message IDs", out.Successful)
	}
	if len(out.Failed) != 1 || aws.ToString(out.Failed[0].Id) != "b" || aws.ToString(out.Failed[0].Code) != "InternalError" || out.Failed[0].SenderFault {
		t.Errorf("Failed %+v; want b, InternalError, not the sender's fault", out.Failed)
	}
	ms := fake.Published(*arn)
	if len(ms) != 2 || ms[1].Message != "m c" || aws.ToString(ms[1].Attributes["n"].StringValue) != "1" {
		t.Errorf("published %+v", ms)
	}

	fake.SetEntryFault(nil)
	eleven := make([]types.PublishBatchRequestEntry, 11)
	for i := range eleven {
		eleven[i] = entry(fmt.Sprint("e", i))
	}
	_, err = c.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: arn, PublishBatchRequestEntries: eleven})
	wantErr[*types.TooManyEntriesInBatchRequestException](t, err, "eleven entries")
	_, err = c.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: arn, PublishBatchRequestEntries: []types.PublishBatchRequestEntry{entry("a"), entry("a")}})
	wantErr[*types.BatchEntryIdsNotDistinctException](t, err, "repeated IDs")
	_, err = c.PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: arn, PublishBatchRequestEntries: []types.PublishBatchRequestEntry{}})
	wantErr[*types.EmptyBatchRequestException](t, err, "no entries")
}

// TestHTTPErrorsDecodeIntoTheSDKsTypes checks that each refusal reaches the
// caller as the SDK decodes SNS's: the modeled type, SNS's code, message
// and HTTP status, and a request ID.
func TestHTTPErrorsDecodeIntoTheSDKsTypes(t *testing.T) {
	fake := snstest.New()
	c := rawClient(t, fake, region.USEast1)
	arn := aws.String(mustCreate(t, fake, "orders", nil))
	missing := aws.String("arn:aws:sns:us-east-1:123456789012:missing")

	status := func(err error) int {
		var re *awshttp.ResponseError
		if !errors.As(err, &re) {
			return 0
		}
		return re.HTTPStatusCode()
	}
	check := func(what string, err error, code string, wantStatus int) {
		t.Helper()
		var apiErr smithy.APIError
		if !errors.As(err, &apiErr) || apiErr.ErrorCode() != code || status(err) != wantStatus {
			t.Errorf("%s: %v (status %d); want %s with status %d", what, err, status(err), code, wantStatus)
		}
		var re *awshttp.ResponseError
		if errors.As(err, &re) && re.ServiceRequestID() == "" {
			t.Errorf("%s: no request ID", what)
		}
	}

	_, err := c.Publish(ctx, &sns.PublishInput{TopicArn: missing, Message: aws.String("m")})
	if nf := wantErr[*types.NotFoundException](t, err, "a missing topic"); nf != nil && nf.ErrorMessage() != "Topic does not exist" {
		t.Errorf("message %q", nf.ErrorMessage())
	}
	check("a missing topic", err, "NotFound", 404)

	_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String("m"), Subject: aws.String("two\nlines")})
	wantErr[*types.InvalidParameterException](t, err, "a subject with a line break")
	check("a subject with a line break", err, "InvalidParameter", 400)

	_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String("m"),
		MessageAttributes: map[string]types.MessageAttributeValue{"n": {DataType: aws.String("Number"), StringValue: aws.String("twelve")}}})
	wantErr[*types.InvalidParameterValueException](t, err, "a Number that is not a number")
	check("a Number that is not a number", err, "ParameterValueInvalid", 400)

	_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: aws.String("arn:aws:sns:us-east-1:999999999999:orders"), Message: aws.String("m")})
	wantErr[*types.AuthorizationErrorException](t, err, "another account's topic")
	check("another account's topic", err, "AuthorizationError", 403)

	_, err = c.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: missing})
	wantErr[*types.ResourceNotFoundException](t, err, "tags of a missing topic")
	check("tags of a missing topic", err, "ResourceNotFound", 404)

	// The request is for the client's region: a us-east-1 topic is not
	// found from eu-west-1.
	eu := rawClient(t, fake, region.EUWest1)
	_, err = eu.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String("m")})
	wantErr[*types.InvalidParameterException](t, err, "a topic of another region")

	fake.FailNext("Publish", &types.InternalErrorException{Message: aws.String("try later")})
	_, err = c.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String("m")})
	wantErr[*types.InternalErrorException](t, err, "an injected internal error")
	check("an injected internal error", err, "InternalError", 500)
	if fake.Calls("Publish") != 6 {
		t.Errorf("Calls(Publish) = %d; want every HTTP call counted", fake.Calls("Publish"))
	}
}

// zeroBackoff keeps the SDK's standard retryer, with its retryable errors,
// but without the wait between attempts.
func zeroBackoff(so *retry.StandardOptions) {
	so.MaxAttempts = 3
	so.Backoff = retry.BackoffDelayerFunc(func(int, error) (time.Duration, error) { return 0, nil })
}

func TestHTTPThrottlingMeetsTheSDKsRetryer(t *testing.T) {
	fake := snstest.New()
	arn := aws.String(mustCreate(t, fake, "orders", nil))
	in := &sns.PublishInput{TopicArn: arn, Message: aws.String("m")}

	// What SNS's front end answers when the account's rate is exceeded: the
	// SDK's default retryer knows the code and tries again.
	c := rawClient(t, fake, region.USEast1, func(o *sns.Options) { o.Retryer, o.RetryMaxAttempts = retry.NewStandard(zeroBackoff), 0 })
	fake.FailNext("Publish", &smithy.GenericAPIError{Code: "Throttling", Message: "Rate exceeded"})
	if _, err := c.Publish(ctx, in); err != nil || fake.Calls("Publish") != 2 {
		t.Errorf("Throttling: %v after %d calls; want success on the second", err, fake.Calls("Publish"))
	}

	// SNS's modeled ThrottledException (429 Throttled): the SDK does not
	// retry a modeled error whose code it does not know...
	fake.FailNext("Publish", &types.ThrottledException{Message: aws.String("Rate exceeded")})
	_, err := c.Publish(ctx, in)
	wantErr[*types.ThrottledException](t, err, "Throttled with the default retryer")
	if n := fake.Calls("Publish"); n != 3 {
		t.Errorf("%d calls; the default retryer should not retry Throttled", n)
	}
	// ...until the retryer is taught it, as snsconnector's batch path does.
	taught := rawClient(t, fake, region.USEast1, func(o *sns.Options) {
		o.Retryer, o.RetryMaxAttempts = retry.AddWithErrorCodes(retry.NewStandard(zeroBackoff), "Throttled"), 0
	})
	fake.FailNext("Publish", &types.ThrottledException{Message: aws.String("Rate exceeded")})
	if _, err := taught.Publish(ctx, in); err != nil || fake.Calls("Publish") != 5 {
		t.Errorf("Throttled with a taught retryer: %v after %d calls", err, fake.Calls("Publish"))
	}

	// A 503 is retried whatever its code.
	fake.FailNext("Publish", &smithy.GenericAPIError{Code: "ServiceUnavailable", Message: "down", Fault: smithy.FaultServer})
	if _, err := c.Publish(ctx, in); err != nil || fake.Calls("Publish") != 7 {
		t.Errorf("ServiceUnavailable: %v after %d calls", err, fake.Calls("Publish"))
	}
}

func TestHTTPSTSGetCallerIdentity(t *testing.T) {
	fake := snstest.New(snstest.WithAccountID("000011112222"))
	cfg, endpoint := serve(t, fake, region.EUCentral1)
	out, err := sts.NewFromConfig(cfg, func(o *sts.Options) { o.BaseEndpoint = aws.String(endpoint) }).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	if err != nil {
		t.Fatal(err)
	}
	if aws.ToString(out.Account) != "000011112222" || aws.ToString(out.Arn) != "arn:aws:iam::000011112222:user/snstest" || aws.ToString(out.UserId) == "" {
		t.Errorf("GetCallerIdentity %+v", out)
	}
	if id, ok := awsmiddleware.GetRequestIDMetadata(out.ResultMetadata); !ok || id == "" {
		t.Error("no request ID")
	}
}

func TestHTTPUnsignedRequestsGoToTheDefaultRegion(t *testing.T) {
	fake := snstest.New(snstest.WithRegion(region.APSouth1))
	c := rawClient(t, fake, region.EUWest1, func(o *sns.Options) { o.Credentials = aws.AnonymousCredentials{} })
	out, err := c.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String("t")})
	if err != nil || aws.ToString(out.TopicArn) != "arn:aws:sns:ap-south-1:123456789012:t" {
		t.Errorf("CreateTopic unsigned: %+v, %v; want a topic in the fake's default region", out, err)
	}
}

// errorXML is SNS's error document.
type errorXML struct {
	XMLName xml.Name `xml:"ErrorResponse"`
	NS      string   `xml:"xmlns,attr"`
	Type    string   `xml:"Error>Type"`
	Code    string   `xml:"Error>Code"`
	Message string   `xml:"Error>Message"`
	ID      string   `xml:"RequestId"`
}

// TestHTTPWireFormat speaks the protocol by hand: the requests a client
// other than the SDK's might send, and the documents SNS answers with.
func TestHTTPWireFormat(t *testing.T) {
	fake := snstest.New()
	srv := httptest.NewServer(fake)
	defer srv.Close()
	post := func(form string, header ...string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader(form))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, b
	}
	refused := []struct {
		what, form string
		header     []string
		status     int
		code       string
	}{
		{"no action", "Version=2010-03-31", nil, 400, "MissingAction"},
		{"an unknown action", "Action=DescribeTopics&Version=2010-03-31", nil, 400, "InvalidAction"},
		{"another version", "Action=ListTopics&Version=2099-01-01", nil, 400, "InvalidParameterValue"},
		{"a broken escape", "Action=ListTopics&Version=2010-03-31&NextToken=%zz", nil, 404, "MalformedQueryString"},
		{"a list numbered from 0", "Action=UntagResource&Version=2010-03-31&ResourceArn=arn:aws:sns:us-east-1:123456789012:t&TagKeys.member.0=k", nil, 400, "InvalidParameter"},
		{"a map entry without a key", "Action=CreateTopic&Version=2010-03-31&Name=t&Attributes.entry.1.value=v", nil, 400, "InvalidParameter"},
		{"a flag that is not a boolean", "Action=Subscribe&Version=2010-03-31&TopicArn=arn:aws:sns:us-east-1:123456789012:t&Protocol=sqs&ReturnSubscriptionArn=yes", nil, 400, "InvalidParameter"},
		{"binary that is not base64", "Action=Publish&Version=2010-03-31&TopicArn=arn:aws:sns:us-east-1:123456789012:t&Message=m&MessageAttributes.entry.1.Name=b&MessageAttributes.entry.1.Value.DataType=Binary&MessageAttributes.entry.1.Value.BinaryValue=!!", nil, 400, "InvalidParameter"},
		{"a missing required member", "Action=GetTopicAttributes&Version=2010-03-31", nil, 400, "ValidationError"},
		{"a region that is no region", "Action=ListTopics&Version=2010-03-31", []string{"Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/moon/sns/aws4_request, SignedHeaders=host, Signature=00"}, 403, "SignatureDoesNotMatch"},
		{"a scope for another service", "Action=ListTopics&Version=2010-03-31", []string{"Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00"}, 403, "SignatureDoesNotMatch"},
		{"a short scope", "Action=ListTopics&Version=2010-03-31", []string{"Authorization", "AWS4-HMAC-SHA256 Credential=AKID/us-east-1, Signature=00"}, 400, "IncompleteSignature"},
		{"a body over 4 MiB", "Action=Publish&Version=2010-03-31&Message=" + strings.Repeat("x", 4<<20), nil, 413, "RequestEntityTooLarge"},
	}
	for _, tt := range refused {
		status, body := post(tt.form, tt.header...)
		var e errorXML
		if err := xml.Unmarshal(body, &e); err != nil || status != tt.status || e.Code != tt.code || e.Type != "Sender" || e.ID == "" || e.NS != "http://sns.amazonaws.com/doc/2010-03-31/" {
			t.Errorf("%s: %d %s; want %d with code %s", tt.what, status, body, tt.status, tt.code)
		}
	}
	resp, err := srv.Client().Get(srv.URL + "/?Action=ListTopics&Version=2010-03-31")
	if err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: %v %v; want 405", resp, err)
	}
	if resp != nil {
		resp.Body.Close()
	}

	// SNS's documents, element for element.
	mustCreate(t, fake, "t", nil)
	status, body := post("Action=ListTopics&Version=2010-03-31")
	if status != 200 || !regexpMatch(`^<ListTopicsResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ListTopicsResult><Topics><member><TopicArn>arn:aws:sns:us-east-1:123456789012:t</TopicArn></member></Topics></ListTopicsResult><ResponseMetadata><RequestId>[0-9a-f-]{36}</RequestId></ResponseMetadata></ListTopicsResponse>$`, body) {
		t.Errorf("ListTopics: %d %s", status, body)
	}
	status, body = post("Action=DeleteTopic&Version=2010-03-31&TopicArn=" + url.QueryEscape("arn:aws:sns:us-east-1:123456789012:t"))
	if status != 200 || !regexpMatch(`^<DeleteTopicResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ResponseMetadata><RequestId>[0-9a-f-]{36}</RequestId></ResponseMetadata></DeleteTopicResponse>$`, body) {
		t.Errorf("DeleteTopic: %d %s", status, body)
	}
	status, body = post("Action=CreateTopic&Version=2010-03-31&Name=a&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=" + url.QueryEscape("x<y"))
	if status != 200 || !strings.Contains(string(body), "<CreateTopicResult><TopicArn>arn:aws:sns:us-east-1:123456789012:a</TopicArn></CreateTopicResult>") {
		t.Errorf("CreateTopic: %d %s", status, body)
	}
	status, body = post("Action=GetTopicAttributes&Version=2010-03-31&TopicArn=" + url.QueryEscape("arn:aws:sns:us-east-1:123456789012:a"))
	if status != 200 || !strings.Contains(string(body), "<entry><key>DisplayName</key><value>x&lt;y</value></entry>") {
		t.Errorf("GetTopicAttributes: %d %s", status, body)
	}
	status, body = post("Action=GetCallerIdentity&Version=2011-06-15", "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/sts/aws4_request, SignedHeaders=host, Signature=00")
	if status != 200 || !regexpMatch(`^<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Account>123456789012</Account><Arn>arn:aws:iam::123456789012:user/snstest</Arn><UserId>[A-Z]+</UserId></GetCallerIdentityResult>`, body) {
		t.Errorf("GetCallerIdentity: %d %s", status, body)
	}
	status, body = post("Action=GetCallerIdentity&Version=2010-03-31")
	if status != 400 || !strings.Contains(string(body), `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">`) {
		t.Errorf("GetCallerIdentity with SNS's version: %d %s", status, body)
	}
}

func TestHTTPConcurrentClients(t *testing.T) {
	fake := snstest.New()
	c := rawClient(t, fake, region.USEast1)
	arn := aws.String(mustCreate(t, fake, "orders", nil))
	const workers, each = 8, 25
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				if _, err := c.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String(fmt.Sprintf("w%d-%d", w, i))}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if n := len(fake.Published(*arn)); n != workers*each {
		t.Errorf("%d messages published; want %d", n, workers*each)
	}
}

func TestHTTPHonoursTheCallersContext(t *testing.T) {
	fake := snstest.New()
	c := rawClient(t, fake, region.USEast1)
	arn := aws.String(mustCreate(t, fake, "orders", nil))
	entered := make(chan struct{}, 1)
	fake.SetInterceptor(func(ctx context.Context, call snstest.Call) error {
		entered <- struct{}{}
		<-ctx.Done() // the server sees the client give up
		return ctx.Err()
	})
	cctx, cancel := context.WithCancel(ctx)
	go func() { <-entered; cancel() }()
	_, err := c.Publish(cctx, &sns.PublishInput{TopicArn: arn, Message: aws.String("m")})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Publish: %v; want the caller's cancellation", err)
	}
	if n := len(fake.Published(*arn)); n != 0 {
		t.Errorf("%d messages published by a cancelled call", n)
	}
}

func regexpMatch(pattern string, b []byte) bool {
	return regexp.MustCompile(pattern).Match(b)
}

// TestHTTPResolveTopicAsksTheFakesSTS: a Client over HTTP learns the
// account from the fake's STS. WithEndpoint is SNS's endpoint only; STS's
// comes from AWS_ENDPOINT_URL_STS.
func TestHTTPResolveTopicAsksTheFakesSTS(t *testing.T) {
	fake := snstest.New(snstest.WithAccountID("111122223333"))
	mustCreate(t, fake.API(region.EUWest1), "orders", nil)
	srv := httptest.NewServer(fake)
	defer srv.Close()
	t.Setenv("AWS_ENDPOINT_URL_STS", srv.URL)
	client, err := snsconnector.New(ctx, snsconnector.WithEndpoint(srv.URL), snsconnector.WithStaticCredentials("AKIDSNSTEST", "secret", ""), snsconnector.WithRetryMaxAttempts(1))
	if err != nil {
		t.Fatal(err)
	}
	topic, err := client.ResolveTopic(ctx, region.EUWest1, "orders")
	if err != nil || topic.ARN != "arn:aws:sns:eu-west-1:111122223333:orders" {
		t.Fatalf("ResolveTopic = %+v, %v", topic, err)
	}
	if _, err := client.ResolveTopic(ctx, region.USEast1, "orders"); !errors.As(err, new(*types.NotFoundException)) {
		t.Errorf("a topic of eu-west-1 resolved in us-east-1: %v", err)
	}
	if fake.Calls("GetTopicAttributes") != 2 {
		t.Errorf("%d GetTopicAttributes calls; want one per resolution", fake.Calls("GetTopicAttributes"))
	}
}
