package snstest_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// The fake holds what it is sent to the model's rules. These tests keep the
// two together, whatever either becomes: each case goes through the
// model's validation and, as the client sends it (internal/wire), through
// the fake, and both must give the verdict the case expects. The fake's
// refusal must be one of SNS's modeled client errors.

// agree checks one case's two verdicts.
func agree(t *testing.T, what string, accept bool, modelErr, fakeErr error) {
	t.Helper()
	switch {
	case (modelErr == nil) != (fakeErr == nil):
		t.Errorf("%s: the model says %v; the fake says %v", what, orOK(modelErr), orOK(fakeErr))
	case (modelErr == nil) != accept:
		t.Errorf("%s: both say %v; want accepted %v", what, orOK(modelErr), accept)
	case fakeErr != nil:
		var api smithy.APIError
		if !errors.As(fakeErr, &api) || api.ErrorFault() != smithy.FaultClient {
			t.Errorf("%s: the fake's refusal %v is no modeled client error", what, fakeErr)
		}
	}
}

func orOK(err error) any {
	if err == nil {
		return "ok"
	}
	return err
}

func TestCreateTopicRulesAgree(t *testing.T) {
	role := "arn:aws:iam::123456789012:role/sns-logs"
	manyTags := model.Tags{}
	for i := range model.MaxTags + 1 {
		manyTags[fmt.Sprint("k", i)] = "v"
	}
	tests := []struct {
		name   string
		attrs  model.TopicAttributes
		tags   model.Tags
		accept bool
	}{
		{"orders", model.TopicAttributes{}, nil, true},
		{strings.Repeat("a", 256), model.TopicAttributes{}, nil, true},
		{strings.Repeat("a", 257), model.TopicAttributes{}, nil, false},
		{"a.b", model.TopicAttributes{}, nil, false},
		{"ümlaut", model.TopicAttributes{}, nil, false},
		{"", model.TopicAttributes{}, nil, false},
		{"orders.fifo", model.TopicAttributes{}, nil, true}, // the suffix makes it FIFO
		{"orders.fifo", model.TopicAttributes{FIFO: true, ContentBasedDeduplication: true, ThroughputScope: model.ThroughputScopeMessageGroup}, nil, true},
		{".fifo", model.TopicAttributes{}, nil, false},
		{"orders", model.TopicAttributes{FIFO: true}, nil, false},
		{"orders", model.TopicAttributes{ContentBasedDeduplication: true}, nil, false},
		{"orders", model.TopicAttributes{ThroughputScope: model.ThroughputScopeTopic}, nil, false},
		{"orders.fifo", model.TopicAttributes{ThroughputScope: "Group"}, nil, false},
		{"orders", model.TopicAttributes{TracingConfig: model.TracingActive}, nil, true},
		{"orders.fifo", model.TopicAttributes{TracingConfig: model.TracingActive}, nil, false},
		{"orders", model.TopicAttributes{TracingConfig: "On"}, nil, false},
		{"orders", model.TopicAttributes{SignatureVersion: 2}, nil, true},
		{"orders", model.TopicAttributes{SignatureVersion: 3}, nil, false},
		{"orders", model.TopicAttributes{MaximumMessageSize: model.MaxTopicMessageSize}, nil, true},
		{"orders", model.TopicAttributes{MaximumMessageSize: model.MinTopicMessageSize - 1}, nil, false},
		{"orders", model.TopicAttributes{DisplayName: strings.Repeat("é", 100)}, nil, true},
		{"orders", model.TopicAttributes{DisplayName: strings.Repeat("é", 101)}, nil, false},
		{"orders", model.TopicAttributes{Policy: `{"Version": "2012-10-17"}`, DeliveryPolicy: `{"http": {}}`}, nil, true},
		{"orders", model.TopicAttributes{Policy: `[1]`}, nil, false},
		{"orders", model.TopicAttributes{Policy: `{"Sid": "` + strings.Repeat("x", 30_720) + `"}`}, nil, false},
		{"orders", model.TopicAttributes{DeliveryPolicy: `null`}, nil, false},
		{"orders", model.TopicAttributes{Extra: map[string]string{"SQSSuccessFeedbackRoleArn": role, "SQSSuccessFeedbackSampleRate": "50"}}, nil, true},
		{"orders", model.TopicAttributes{Extra: map[string]string{"HTTPFailureFeedbackRoleArn": "arn:aws:iam::123456789012:user/u"}}, nil, false},
		{"orders", model.TopicAttributes{Extra: map[string]string{"LambdaSuccessFeedbackSampleRate": "101"}}, nil, false},
		{"orders", model.TopicAttributes{}, model.Tags{"env": "prod", "team": "a b_c.d:e/f=g+h-i@j"}, true},
		{"orders", model.TopicAttributes{}, model.Tags{"aws:owner": "x"}, false},
		{"orders", model.TopicAttributes{}, model.Tags{"": "x"}, false},
		{"orders", model.TopicAttributes{}, model.Tags{strings.Repeat("k", 129): "x"}, false},
		{"orders", model.TopicAttributes{}, model.Tags{"k": strings.Repeat("v", 257)}, false},
		{"orders", model.TopicAttributes{}, model.Tags{"k": "#1"}, false},
		{"orders", model.TopicAttributes{}, manyTags, false},
	}
	for _, tt := range tests {
		req := model.CreateTopicRequest{Name: tt.name, Attributes: tt.attrs, Tags: tt.tags}
		_, fakeErr := snstest.New().CreateTopic(ctx, &sns.CreateTopicInput{
			Name: aws.String(tt.name), Attributes: tt.attrs.Map(tt.name), Tags: wire.Tags(tt.tags)})
		agree(t, fmt.Sprintf("CreateTopic %.40q %+v %d tags", tt.name, tt.attrs, len(tt.tags)), tt.accept, req.Validate(), fakeErr)
	}
}

func TestSetTopicAttributesRulesAgree(t *testing.T) {
	fake := snstest.New()
	arns := map[string]string{
		"t":      mustCreate(t, fake, "t", nil),
		"t.fifo": mustCreate(t, fake, "t.fifo", map[string]string{"FifoTopic": "true"}),
	}
	tests := []struct {
		topic  string
		change model.TopicAttributeChange
		accept bool
	}{
		{"t", model.SetDisplayName("Orders"), true},
		{"t", model.SetDisplayName(strings.Repeat("x", 101)), false},
		{"t", model.SetSignatureVersion(1), true},
		{"t", model.SetSignatureVersion(0), false},
		{"t", model.SetMaximumMessageSize(2048), true},
		{"t", model.SetMaximumMessageSize(0), false},
		{"t", model.SetTracingConfig(model.TracingActive), true},
		{"t.fifo", model.SetTracingConfig(model.TracingActive), false},
		{"t.fifo", model.SetThroughputScope(model.ThroughputScopeMessageGroup), true},
		{"t", model.SetThroughputScope(model.ThroughputScopeMessageGroup), false},
		{"t.fifo", model.SetContentBasedDeduplication(true), true},
		{"t", model.SetContentBasedDeduplication(true), false},
		{"t", model.SetPolicy(`{"Statement": []}`), true},
		{"t", model.SetPolicy(`"a string"`), false},
		{"t", model.SetDeliveryPolicy(`{"http": {}}`), true},
		{"t", model.SetKMSMasterKeyID("alias/aws/sns"), true},
		{"t", model.SetRawTopicAttribute("HTTPSuccessFeedbackSampleRate", "50"), true},
		{"t", model.SetRawTopicAttribute("HTTPSuccessFeedbackSampleRate", "500"), false},
		{"t", model.SetRawTopicAttribute("FirehoseFailureFeedbackRoleArn", "arn:aws:iam::123456789012:role/r"), true},
		{"t", model.SetRawTopicAttribute("FirehoseFailureFeedbackRoleArn", "r"), false},
		{"t.fifo", model.SetRawTopicAttribute("FifoTopic", "false"), false},
	}
	for _, tt := range tests {
		_, fakeErr := fake.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{
			TopicArn: aws.String(arns[tt.topic]), AttributeName: aws.String(tt.change.Name), AttributeValue: aws.String(tt.change.Value)})
		agree(t, fmt.Sprintf("SetTopicAttributes %s %s=%.40q", tt.topic, tt.change.Name, tt.change.Value), tt.accept, tt.change.Validate(tt.topic), fakeErr)
	}
}

// publishAgreement publishes m to a standard topic, or a FIFO one with
// content-based deduplication (whether a FIFO topic needs a deduplication
// ID only SNS knows), through the model and the fake.
func publishAgreement(t *testing.T, fifo bool, m model.Message) (modelErr, fakeErr error) {
	t.Helper()
	fake := snstest.New()
	name, attrs := "t", map[string]string(nil)
	if fifo {
		name, attrs = "t.fifo", map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": "true"}
	}
	req := model.PublishRequest{Topic: model.Topic{ARN: mustCreate(t, fake, name, attrs)}, Message: m}
	_, fakeErr = fake.Publish(ctx, wire.PublishInput(req))
	return req.Validate(), fakeErr
}

func TestPublishRulesAgree(t *testing.T) {
	x := func(n int) string { return strings.Repeat("x", n) }
	tests := []struct {
		fifo   bool
		m      model.Message
		accept bool
	}{
		{false, model.Message{Body: "order 42 ✓"}, true},
		{false, model.Message{Body: ""}, false},
		{false, model.Message{Body: "a\x00b"}, false},
		{false, model.Message{Body: "\xff"}, false},
		{false, model.Message{Body: "a\uFFFEb"}, false},
		{false, model.Message{Body: x(262_144)}, true},
		{false, model.Message{Body: x(262_145)}, false},
		{false, model.Message{Body: x(262_144 - 10), Attributes: map[string]model.MessageAttribute{"k": model.StringAttribute("0123456789")}}, false},
		{false, model.Message{Body: "m", Subject: "Réservation confirmée ✓"}, true},
		{false, model.Message{Body: "m", Subject: " leading space"}, true},
		{false, model.Message{Body: "m", Subject: strings.Repeat("é", 99)}, true},
		{false, model.Message{Body: "m", Subject: strings.Repeat("é", 100)}, false},
		{false, model.Message{Body: "m", Subject: "two\nlines"}, false},
		{false, model.Message{Body: "m", Subject: "tab\tinside"}, false},
		{false, model.Message{Body: "m", Subject: "a\u2028b"}, false},
		{false, model.Message{Body: "m", Subject: "\xff"}, false},
		{false, model.Message{Body: `{"default": "d", "sqs": "q"}`, Structure: model.StructureJSON}, true},
		{false, model.Message{Body: `not json`, Structure: model.StructureJSON}, false},
		{false, model.Message{Body: `{"sqs": "q"}`, Structure: model.StructureJSON}, false},
		{false, model.Message{Body: `{"default": "d", "lambda": 5}`, Structure: model.StructureJSON}, false},
		{false, model.Message{Body: "m", Structure: "xml"}, false},
		{false, model.Message{Body: "m", GroupID: "tenant-1"}, true}, // fair queues
		{false, model.Message{Body: "m", DeduplicationID: "d"}, false},
		{true, model.Message{Body: "m", GroupID: "g", DeduplicationID: "!#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}, true},
		{true, model.Message{Body: "m"}, false},
		{true, model.Message{Body: "m", GroupID: x(128)}, true},
		{true, model.Message{Body: "m", GroupID: x(129)}, false},
		{true, model.Message{Body: "m", GroupID: "with space"}, false},
		{true, model.Message{Body: "m", GroupID: "g", DeduplicationID: "é"}, false},
		{false, model.Message{Body: "m", Attributes: map[string]model.MessageAttribute{"a.b-c_d": model.NumberAttribute(-1.5).WithCustomType("float")}}, true},
		{false, model.Message{Body: "m", Attributes: map[string]model.MessageAttribute{"AWS.x": model.StringAttribute("v")}}, false},
		{false, model.Message{Body: "m", Attributes: map[string]model.MessageAttribute{"k": model.StringAttribute("")}}, false},
	}
	for _, tt := range tests {
		modelErr, fakeErr := publishAgreement(t, tt.fifo, tt.m)
		agree(t, fmt.Sprintf("Publish (FIFO %v) subject %.20q body %.20q structure %q group %.20q dedup %.20q", tt.fifo, tt.m.Subject, tt.m.Body, tt.m.Structure, tt.m.GroupID, tt.m.DeduplicationID), tt.accept, modelErr, fakeErr)
	}
}

// FuzzPublishRulesAgree: for any subject, body, structure and FIFO IDs,
// the fake accepts a message exactly when the model does. (Attributes are
// left out: the model also applies limits of its own there, at most 10 and
// none with structure json, which SNS does not.)
func FuzzPublishRulesAgree(f *testing.F) {
	f.Add(false, "order 42", "", "", "", "")
	f.Add(true, "m", "Réservation ✓", "", "g", "")
	f.Add(false, `{"default": "d"}`, " ", "json", "", "d")
	f.Add(true, "a\x00b", "two\nlines", "xml", "with space", strings.Repeat("d", 129))
	f.Fuzz(func(t *testing.T, fifo bool, body, subject, structure, group, dedup string) {
		m := model.Message{Body: body, Subject: subject, Structure: model.MessageStructure(structure), GroupID: group, DeduplicationID: dedup}
		modelErr, fakeErr := publishAgreement(t, fifo, m)
		if (modelErr == nil) != (fakeErr == nil) {
			t.Fatalf("%+v (FIFO %v): the model says %v; the fake says %v", m, fifo, orOK(modelErr), orOK(fakeErr))
		}
	})
}

func TestPublishSMSRulesAgree(t *testing.T) {
	tests := []struct {
		phone, text string
		opts        map[string]model.SMSAttribute // as the options travel
		accept      bool
	}{
		{"+14155550100", "Your code is 123456", nil, true},
		{"+14155550100", strings.Repeat("é", 1600), nil, true},
		{"+14155550100", strings.Repeat("é", 1601), nil, false},
		{"+14155550100", "", nil, false},
		{"14155550100", "hi", nil, false},
		{"+04155550100", "hi", nil, false},
		{"+1234567890123456", "hi", nil, false},
		{"+14155550100", "hi", map[string]model.SMSAttribute{"AWS.SNS.SMS.SenderID": {DataType: "String", StringValue: "Shop1"}, "AWS.SNS.SMS.MaxPrice": {DataType: "Number", StringValue: "0.50"}}, true},
		{"+14155550100", "hi", map[string]model.SMSAttribute{"AWS.SNS.SMS.SenderID": {DataType: "String", StringValue: "ab"}}, false},
		{"+14155550100", "hi", map[string]model.SMSAttribute{"AWS.SNS.SMS.MaxPrice": {DataType: "Number", StringValue: "0"}}, false},
		{"+14155550100", "hi", map[string]model.SMSAttribute{"AWS.SNS.SMS.SMSType": {DataType: "String", StringValue: "Urgent"}}, false},
		{"+14155550100", "hi", map[string]model.SMSAttribute{"AWS.MM.SMS.OriginationNumber": {DataType: "String", StringValue: "12"}}, false},
	}
	for _, tt := range tests {
		values := map[string]string{}
		for name, a := range tt.opts {
			values[name] = a.StringValue
		}
		modelErr := model.ValidateSMS(tt.phone, tt.text, model.SMSOptionsFromAttributes(values))
		_, fakeErr := snstest.New().Publish(ctx, wire.SMSInput(tt.phone, tt.text, tt.opts))
		agree(t, fmt.Sprintf("SMS to %s, %d characters, options %v", tt.phone, len([]rune(tt.text)), values), tt.accept, modelErr, fakeErr)
	}
}

func TestSubscribeRulesAgree(t *testing.T) {
	const (
		lambda   = "arn:aws:lambda:us-east-1:123456789012:function:notify"
		firehose = "arn:aws:firehose:us-east-1:123456789012:deliverystream/archive"
		role     = "arn:aws:iam::123456789012:role/sns-to-firehose"
		dlq      = "arn:aws:sqs:us-east-1:123456789012:dlq"
	)
	policy, err := model.ParseFilterPolicy(model.FilterScopeMessageBody, `{"a": {"b": ["c"]}}`)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		fifo              bool
		protocol, address string
		role              string // Firehose's
		opts              model.SubscriptionOptions
		accept            bool
	}{
		{false, "sqs", queueARN, "", model.SubscriptionOptions{}, true},
		{false, "sqs", "https://sqs.us-east-1.amazonaws.com/123456789012/q", "", model.SubscriptionOptions{}, false},
		{false, "sqs", queueARN + ".fifo", "", model.SubscriptionOptions{}, false},
		{true, "sqs", queueARN + ".fifo", "", model.SubscriptionOptions{}, true},
		{true, "sqs", queueARN, "", model.SubscriptionOptions{}, true}, // a FIFO topic delivers to standard queues too
		{false, "sqs", "arn:aws:sqs:us-east-1:123456789012:" + strings.Repeat("q", 81), "", model.SubscriptionOptions{}, false},
		{false, "lambda", lambda, "", model.SubscriptionOptions{}, true},
		{false, "lambda", lambda + ":live", "", model.SubscriptionOptions{}, true},
		{false, "lambda", "arn:aws:lambda:us-east-1:123456789012:notify", "", model.SubscriptionOptions{}, false},
		{true, "lambda", lambda, "", model.SubscriptionOptions{}, false},
		{false, "https", "https://example.com/hook", "", model.SubscriptionOptions{}, true},
		{false, "https", "http://example.com/hook", "", model.SubscriptionOptions{}, false},
		{false, "http", "ftp://example.com/", "", model.SubscriptionOptions{}, false},
		{false, "https", "https:///no-host", "", model.SubscriptionOptions{}, false},
		{true, "https", "https://example.com/hook", "", model.SubscriptionOptions{}, false},
		{false, "email", "ops@example.com", "", model.SubscriptionOptions{}, true},
		{false, "email-json", "Ops <ops@example.com>", "", model.SubscriptionOptions{}, false},
		{false, "email", "not-an-address", "", model.SubscriptionOptions{}, false},
		{false, "sms", "+14155550100", "", model.SubscriptionOptions{}, true},
		{false, "sms", "555-0100", "", model.SubscriptionOptions{}, false},
		{false, "application", "arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/5e3e9847-3183-3f18-a7e8-671c3a57d4b3", "", model.SubscriptionOptions{}, true},
		{false, "application", "arn:aws:sns:us-east-1:123456789012:app", "", model.SubscriptionOptions{}, false},
		{false, "firehose", firehose, role, model.SubscriptionOptions{}, true},
		{false, "firehose", firehose, "", model.SubscriptionOptions{}, false},
		{false, "firehose", firehose, "arn:aws:iam::123456789012:user/u", model.SubscriptionOptions{}, false},
		{false, "carrier-pigeon", "coop 7", "", model.SubscriptionOptions{}, false},
		{false, "https", "https://example.com/hook", "", model.SubscriptionOptions{RawMessageDelivery: true}, true},
		{false, "lambda", lambda, "", model.SubscriptionOptions{RawMessageDelivery: true}, false},
		{false, "sqs", queueARN, "", model.SubscriptionOptions{DeadLetterQueueARN: dlq}, true},
		{false, "sqs", queueARN, "", model.SubscriptionOptions{DeadLetterQueueARN: "arn:aws:sqs:eu-west-1:123456789012:dlq"}, false},
		{false, "sqs", queueARN, "", model.SubscriptionOptions{DeadLetterQueueARN: "arn:aws:sqs:us-east-1:999999999999:dlq"}, false},
		{false, "sqs", queueARN, "", model.SubscriptionOptions{DeadLetterQueueARN: dlq + ".fifo"}, false},
		{true, "sqs", queueARN + ".fifo", "", model.SubscriptionOptions{DeadLetterQueueARN: dlq}, false},
		{false, "sqs", queueARN, "", model.SubscriptionOptions{DeadLetterQueueARN: "not an arn"}, false},
		{false, "https", "https://example.com/hook", "", model.SubscriptionOptions{DeliveryPolicy: `{"healthyRetryPolicy": {"numRetries": 3}}`}, true},
		{false, "https", "https://example.com/hook", "", model.SubscriptionOptions{DeliveryPolicy: `[]`}, false},
		{false, "sqs", queueARN, "", model.SubscriptionOptions{DeliveryPolicy: `{"healthyRetryPolicy": {"numRetries": 3}}`}, false},
		{false, "sqs", queueARN, "", model.SubscriptionOptions{FilterPolicy: policy, RawMessageDelivery: true}, true},
	}
	for _, tt := range tests {
		fake := snstest.New()
		name, topicAttrs := "t", map[string]string(nil)
		if tt.fifo {
			name, topicAttrs = "t.fifo", map[string]string{"FifoTopic": "true"}
		}
		topic := mustCreate(t, fake, name, topicAttrs)
		var e model.Endpoint
		var modelErr error
		if tt.protocol == "firehose" {
			e, modelErr = model.FirehoseEndpoint(tt.address, tt.role)
		} else {
			e, modelErr = model.NewEndpoint(model.Protocol(tt.protocol), tt.address)
		}
		attrs := rawSubscriptionAttributes(tt.role, tt.opts) // as SNS would get them
		if modelErr == nil {
			var ok map[string]string
			if ok, modelErr = (model.SubscribeRequest{Topic: model.Topic{ARN: topic}, Endpoint: e, Options: tt.opts}).Attributes(); modelErr == nil {
				attrs = ok // as the client sends them
			}
		}
		_, fakeErr := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String(tt.protocol),
			Endpoint: aws.String(tt.address), Attributes: attrs, ReturnSubscriptionArn: true})
		agree(t, fmt.Sprintf("Subscribe %s %s to a topic (FIFO %v) with %v", tt.protocol, tt.address, tt.fifo, attrs), tt.accept, modelErr, fakeErr)
	}

	// The one difference, on purpose: SNS takes a password in an http URL,
	// which the client refuses because it would cross the network in clear
	// text. The fake takes it, as SNS does.
	fake := snstest.New()
	topic := mustCreate(t, fake, "t", nil)
	if _, err := model.HTTPEndpoint("http://user:pass@example.com/hook"); err == nil {
		t.Error("the model takes credentials in an http URL")
	}
	if _, err := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topic), Protocol: aws.String("http"), Endpoint: aws.String("http://user:pass@example.com/hook")}); err != nil {
		t.Errorf("the fake refuses credentials in an http URL, which SNS takes: %v", err)
	}
}

// rawSubscriptionAttributes renders options the model refuses the way SNS
// would receive them, so the fake can be asked about them too.
func rawSubscriptionAttributes(role string, o model.SubscriptionOptions) map[string]string {
	attrs := map[string]string{}
	if o.RawMessageDelivery {
		attrs["RawMessageDelivery"] = "true"
	}
	if o.DeadLetterQueueARN != "" {
		attrs["RedrivePolicy"] = `{"deadLetterTargetArn": "` + o.DeadLetterQueueARN + `"}`
	}
	if o.DeliveryPolicy != "" {
		attrs["DeliveryPolicy"] = o.DeliveryPolicy
	}
	if role != "" {
		attrs["SubscriptionRoleArn"] = role
	}
	return attrs
}

func TestARNRulesAgree(t *testing.T) {
	fake := snstest.New()
	topic := mustCreate(t, fake, "t", nil)
	// A well-formed ARN of no topic is NotFound; a malformed one,
	// InvalidParameter.
	for _, tt := range []struct {
		arn    string
		accept bool
	}{
		{topic, true},
		{"arn:aws:sns:us-east-1:123456789012:missing", true},
		{"arn:aws:sns:us-east-1:123456789012:a.b", false},
		{topic + ":8a21d249-4329-4871-acc6-7be709c6ea7f", false},
		{"arn:aws:sqs:us-east-1:123456789012:t", false},
		{"t", false},
	} {
		_, modelErr := model.ParseTopicARN(tt.arn)
		_, fakeErr := fake.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(tt.arn)})
		if nf := (*types.NotFoundException)(nil); errors.As(fakeErr, &nf) {
			fakeErr = nil // the ARN was taken; there is no such topic
		}
		agree(t, "topic ARN "+tt.arn, tt.accept, modelErr, fakeErr)
	}
	for _, tt := range []struct {
		arn    string
		accept bool
	}{
		{topic + ":8a21d249-4329-4871-acc6-7be709c6ea7f", true}, // no such subscription: Unsubscribe succeeds
		{topic, false},
		{topic + ":has space", false},
		{"PendingConfirmation", false},
		{"arn:aws:sns:us-east-1:123456789012:a.b:8a21d249", false},
		{"nonsense", false},
	} {
		_, modelErr := model.ParseSubscriptionARN(tt.arn)
		_, fakeErr := fake.Unsubscribe(ctx, &sns.UnsubscribeInput{SubscriptionArn: aws.String(tt.arn)})
		agree(t, "subscription ARN "+tt.arn, tt.accept, modelErr, fakeErr)
	}
}

func TestPlatformRulesAgree(t *testing.T) {
	fake := snstest.New()
	app := createApp(t, fake, "GCM", map[string]string{"PlatformCredential": `{"type":"service_account"}`})
	out, err := fake.CreatePlatformEndpoint(ctx, &sns.CreatePlatformEndpointInput{PlatformApplicationArn: aws.String(app), Token: aws.String("tok")})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		change model.EndpointAttributeChange
		accept bool
	}{
		{model.SetEndpointToken("fresh-token"), true},
		{model.SetEndpointToken(""), false},
		{model.SetEndpointToken("with space"), false},
		{model.SetEndpointToken(model.PersonalData(strings.Repeat("t", 5000))), false},
		{model.SetEndpointCustomUserData("user 42 ✓"), true},
		{model.SetEndpointCustomUserData(model.PersonalData(strings.Repeat("u", 2048))), false},
		{model.SetEndpointCustomUserData("\xff"), false},
	} {
		_, fakeErr := fake.SetEndpointAttributes(ctx, &sns.SetEndpointAttributesInput{EndpointArn: out.EndpointArn,
			Attributes: map[string]string{tt.change.Name: string(tt.change.Value)}})
		agree(t, fmt.Sprintf("SetEndpointAttributes %s (%d bytes)", tt.change.Name, len(tt.change.Value)), tt.accept, tt.change.Validate(), fakeErr)
	}
	for _, tt := range []struct {
		name, value string
		change      model.PlatformApplicationChange
		accept      bool
	}{
		{"SuccessFeedbackRoleArn", "arn:aws:iam::123456789012:role/logs", model.SetPlatformFeedbackRoles("arn:aws:iam::123456789012:role/logs", ""), true},
		{"FailureFeedbackRoleArn", "arn:aws:iam::123456789012:user/u", model.SetPlatformFeedbackRoles("", "arn:aws:iam::123456789012:user/u"), false},
		{"SuccessFeedbackSampleRate", "100", model.SetPlatformSuccessSampleRate(100), true},
		{"SuccessFeedbackSampleRate", "101", model.SetPlatformSuccessSampleRate(101), false},
		{"EventEndpointCreated", "arn:aws:sns:us-east-1:123456789012:events", model.SetEndpointEventTopic(model.EventEndpointCreated, "arn:aws:sns:us-east-1:123456789012:events"), true},
		{"EventDeliveryFailure", "arn:aws:sns:us-east-1:123456789012:a.b", model.SetEndpointEventTopic(model.EventDeliveryFailure, "arn:aws:sns:us-east-1:123456789012:a.b"), false},
	} {
		_, fakeErr := fake.SetPlatformApplicationAttributes(ctx, &sns.SetPlatformApplicationAttributesInput{PlatformApplicationArn: aws.String(app),
			Attributes: map[string]string{tt.name: tt.value}})
		agree(t, fmt.Sprintf("SetPlatformApplicationAttributes %s=%s", tt.name, tt.value), tt.accept, tt.change.Validate(model.PlatformGCM), fakeErr)
	}
}

func TestPlatformARNRulesAgree(t *testing.T) {
	fake := snstest.New()
	notFound := func(err error) error {
		if nf := (*types.NotFoundException)(nil); errors.As(err, &nf) {
			return nil // the ARN was taken; there is no such resource
		}
		return err
	}
	for _, tt := range []struct {
		arn    string
		accept bool
	}{
		{"arn:aws:sns:us-east-1:123456789012:app/GCM/my-app", true},
		{"arn:aws:sns:us-east-1:123456789012:app/GCM", false},
		{"arn:aws:sns:us-east-1:123456789012:app/NOKIA/my-app", false},
		{"arn:aws:sns:us-east-1:123456789012:orders", false},
	} {
		_, modelErr := model.ParsePlatformApplicationARN(tt.arn)
		_, fakeErr := fake.GetPlatformApplicationAttributes(ctx, &sns.GetPlatformApplicationAttributesInput{PlatformApplicationArn: aws.String(tt.arn)})
		agree(t, "application ARN "+tt.arn, tt.accept, modelErr, notFound(fakeErr))
	}
	for _, tt := range []struct {
		arn    string
		accept bool
	}{
		{"arn:aws:sns:us-east-1:123456789012:endpoint/GCM/my-app/5e3e9847-3183-3f18-a7e8-671c3a57d4b3", true},
		{"arn:aws:sns:us-east-1:123456789012:endpoint/GCM/my-app", false},
		{"arn:aws:sns:us-east-1:123456789012:endpoint/GCM/my-app/id with space", false},
	} {
		_, modelErr := model.ParsePlatformEndpointARN(tt.arn)
		_, fakeErr := fake.GetEndpointAttributes(ctx, &sns.GetEndpointAttributesInput{EndpointArn: aws.String(tt.arn)})
		agree(t, "endpoint ARN "+tt.arn, tt.accept, modelErr, notFound(fakeErr))
	}
}
