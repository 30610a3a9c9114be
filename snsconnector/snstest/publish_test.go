package snstest_test

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/snsconnector/snstest"
)

// clock is a settable time source for WithClock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func subscribe(t *testing.T, fake *snstest.Server, topicARN, protocol, endpoint string, attrs map[string]string) string {
	t.Helper()
	out, err := fake.Subscribe(ctx, &sns.SubscribeInput{TopicArn: aws.String(topicARN), Protocol: aws.String(protocol),
		Endpoint: aws.String(endpoint), Attributes: attrs, ReturnSubscriptionArn: true})
	if err != nil {
		t.Fatalf("Subscribe %s %s: %v", protocol, endpoint, err)
	}
	return aws.ToString(out.SubscriptionArn)
}

const queueARN = "arn:aws:sqs:us-east-1:123456789012:q"

func TestFIFODeduplicationWindowFollowsTheClock(t *testing.T) {
	c := &clock{now: time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)}
	fake := snstest.New(snstest.WithClock(c.Now))
	arn := mustCreate(t, fake, "t.fifo", map[string]string{"FifoTopic": "true"})
	sub := subscribe(t, fake, arn, "sqs", queueARN+".fifo", nil)
	send := func(body string) *sns.PublishOutput {
		t.Helper()
		out, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String(body),
			MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String("same")})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	first := send("first")
	c.Advance(5*time.Minute - time.Millisecond)
	dup := send("duplicate")
	if aws.ToString(dup.MessageId) != aws.ToString(first.MessageId) || aws.ToString(dup.SequenceNumber) != aws.ToString(first.SequenceNumber) {
		t.Errorf("a duplicate answered %v/%v; want the first message's %v/%v", *dup.MessageId, *dup.SequenceNumber, *first.MessageId, *first.SequenceNumber)
	}
	c.Advance(time.Millisecond) // five minutes after the first
	later := send("later")
	if aws.ToString(later.MessageId) == aws.ToString(first.MessageId) {
		t.Error("a message five minutes later was taken for a duplicate")
	}

	var got []string
	for _, d := range fake.Deliveries(sub) {
		got = append(got, d.Message)
	}
	if strings.Join(got, ",") != "first,later" {
		t.Errorf("delivered %v; want first and later", got)
	}
	pub := fake.Published(arn)
	if len(pub) != 3 || pub[0].Duplicate || !pub[1].Duplicate || pub[2].Duplicate {
		t.Errorf("Published marks %v; want only the second a duplicate", pub)
	}
	if !pub[0].Time.Equal(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)) {
		t.Errorf("message time %v is not the fake clock's", pub[0].Time)
	}
}

func TestDeduplicationScopeMessageGroup(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t.fifo", map[string]string{"FifoTopic": "true", "FifoThroughputScope": "MessageGroup"})
	sub := subscribe(t, fake, arn, "sqs", queueARN+".fifo", nil)
	for _, g := range []string{"a", "b", "a"} {
		if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String(g),
			MessageGroupId: aws.String(g), MessageDeduplicationId: aws.String("same")}); err != nil {
			t.Fatal(err)
		}
	}
	if n := len(fake.Deliveries(sub)); n != 2 {
		t.Errorf("%d deliveries; want 2: the same ID in another group is not a duplicate", n)
	}
}

func TestContentBasedDeduplicationIDIsTheBodysSHA256(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t.fifo", map[string]string{"FifoTopic": "true", "ContentBasedDeduplication": "true"})
	if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("hello"), MessageGroupId: aws.String("g")}); err != nil {
		t.Fatal(err)
	}
	// sha256("hello")
	const want = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"
	if got := fake.Published(arn)[0].DeduplicationID; got != want {
		t.Errorf("derived deduplication ID %s; want %s", got, want)
	}
	// An explicit ID overrides the derived one: the same body is not a duplicate.
	if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("hello"),
		MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String("explicit")}); err != nil {
		t.Fatal(err)
	}
	if pub := fake.Published(arn); pub[1].Duplicate {
		t.Error("an explicit deduplication ID did not override the derived one")
	}
}

func TestDeliveryBodies(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t", nil)
	subs := map[string]string{
		"raw":        subscribe(t, fake, arn, "sqs", queueARN, map[string]string{"RawMessageDelivery": "true"}),
		"envelope":   subscribe(t, fake, arn, "sqs", queueARN+"2", nil),
		"lambda":     subscribe(t, fake, arn, "lambda", "arn:aws:lambda:us-east-1:123456789012:function:f", nil),
		"sms":        subscribe(t, fake, arn, "sms", "+15555550100", nil),
		"email-json": subscribe(t, fake, arn, "email-json", "ops@example.com", nil),
	}
	token, _ := fake.ConfirmationToken(subs["email-json"])
	if _, err := fake.ConfirmSubscription(ctx, &sns.ConfirmSubscriptionInput{TopicArn: aws.String(arn), Token: aws.String(token)}); err != nil {
		t.Fatal(err)
	}
	attrs := map[string]types.MessageAttributeValue{"k": {DataType: aws.String("String"), StringValue: aws.String("v")}}
	out, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("a<b>&c"), Subject: aws.String("s"), MessageAttributes: attrs})
	if err != nil {
		t.Fatal(err)
	}
	last := func(sub string) snstest.Delivery {
		ds := fake.Deliveries(sub)
		return ds[len(ds)-1]
	}
	if d := last(subs["raw"]); d.Body != "a<b>&c" || !d.Raw || aws.ToString(d.Attributes["k"].StringValue) != "v" {
		t.Errorf("raw delivery %+v", d)
	}
	if d := last(subs["sms"]); d.Body != "a<b>&c" {
		t.Errorf("an sms endpoint gets the text; got %q", d.Body)
	}
	for _, name := range []string{"envelope", "lambda", "email-json"} {
		d := last(subs[name])
		if strings.Contains(d.Body, `\u003c`) {
			t.Errorf("%s: the envelope escapes HTML, which SNS does not: %s", name, d.Body)
		}
		var e snstest.Envelope
		if err := json.Unmarshal([]byte(d.Body), &e); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if e.Type != "Notification" || e.MessageID != aws.ToString(out.MessageId) || e.Message != "a<b>&c" || e.Subject != "s" ||
			e.MessageAttributes["k"] != (snstest.EnvelopeAttribute{Type: "String", Value: "v"}) ||
			e.SignatureVersion != "1" || e.Signature == "" || !strings.HasPrefix(e.SigningCertURL, "https://sns.us-east-1.amazonaws.com/") ||
			e.UnsubscribeURL != "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn="+subs[name] || e.SequenceNumber != "" {
			t.Errorf("%s envelope %+v", name, e)
		}
		if _, err := time.Parse("2006-01-02T15:04:05.000Z", e.Timestamp); err != nil {
			t.Errorf("%s: Timestamp %q: %v", name, e.Timestamp, err)
		}
	}
}

func TestFIFOEnvelopeHasASequenceNumberAndNoSignature(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t.fifo", map[string]string{"FifoTopic": "true"})
	sub := subscribe(t, fake, arn, "sqs", queueARN+".fifo", nil)
	out, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("m"),
		MessageGroupId: aws.String("g"), MessageDeduplicationId: aws.String("d")})
	if err != nil {
		t.Fatal(err)
	}
	d := fake.Deliveries(sub)[0]
	var e snstest.Envelope
	if err := json.Unmarshal([]byte(d.Body), &e); err != nil {
		t.Fatal(err)
	}
	if e.SequenceNumber != aws.ToString(out.SequenceNumber) || len(e.SequenceNumber) != 20 || e.Signature != "" || e.SigningCertURL != "" {
		t.Errorf("FIFO envelope %+v", e)
	}
	if d.GroupID != "g" || d.DeduplicationID != "d" || d.SequenceNumber != e.SequenceNumber {
		t.Errorf("delivery %+v", d)
	}
}

func TestMessageStructurePerProtocol(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t", nil)
	sqsSub := subscribe(t, fake, arn, "sqs", queueARN, map[string]string{"RawMessageDelivery": "true"})
	lambdaSub := subscribe(t, fake, arn, "lambda", "arn:aws:lambda:us-east-1:123456789012:function:f", nil)
	doc := `{"default": "d", "sqs": "for sqs", "email": "for email"}`
	attrs := map[string]types.MessageAttributeValue{"k": {DataType: aws.String("String"), StringValue: aws.String("v")}}
	if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String(doc), MessageStructure: aws.String("json"), MessageAttributes: attrs}); err != nil {
		t.Fatal(err)
	}
	if d := fake.Deliveries(sqsSub)[0]; d.Body != "for sqs" || d.Attributes != nil {
		t.Errorf("sqs got %q with attributes %v; want its entry and none", d.Body, d.Attributes)
	}
	// A protocol without an entry gets "default".
	if d := fake.Deliveries(lambdaSub)[0]; d.Message != "d" {
		t.Errorf("lambda got %q; want the default", d.Message)
	}
	// A value that is not a string is refused, as the model refuses it
	// (see model's validateStructuredBody for the reference's two readings).
	for _, bad := range []string{`not json`, `["default"]`, `{"default": 1}`, `{"default": "d", "lambda": 5}`} {
		_, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String(bad), MessageStructure: aws.String("json")})
		wantErr[*types.InvalidParameterException](t, err, "structure json with "+bad)
	}
	_, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("m"), MessageStructure: aws.String("xml")})
	wantErr[*types.InvalidParameterException](t, err, "MessageStructure xml")
}

func TestPublishRules(t *testing.T) {
	fake := snstest.New()
	arn := aws.String(mustCreate(t, fake, "t", nil))
	type attrs = map[string]types.MessageAttributeValue
	s := func(dt, v string) types.MessageAttributeValue {
		return types.MessageAttributeValue{DataType: aws.String(dt), StringValue: aws.String(v)}
	}
	invalidValue := []attrs{
		{".dot": s("String", "v")}, {"a..b": s("String", "v")}, {"Amazon.x": s("String", "v")}, {"sp ace": s("String", "v")},
		{strings.Repeat("n", 257): s("String", "v")},
		{"k": s("Number", "12a")}, {"k": s("Number", "1e200")}, {"k": s("String.Array", "not an array")},
		{"k": s("String.Array", `[{"nested": 1}]`)}, {"k": s("String", "")}, {"k": s("Number.", "1")},
		{"k": {DataType: aws.String("Binary")}}, {"k": {DataType: aws.String("Binary"), StringValue: aws.String("x")}},
		{"k": {DataType: aws.String("String"), BinaryValue: []byte{1}}},
	}
	for _, a := range invalidValue {
		_, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String("m"), MessageAttributes: a})
		wantErr[*types.InvalidParameterValueException](t, err, "attributes "+strings.Join(keysOf(a), ","))
	}
	valid := attrs{"a.b-c_d": s("Number.float", "-1.5e3"), "arr": s("String.Array", `["x", 1, true, null]`), "b": {DataType: aws.String("Binary.png"), BinaryValue: []byte{0}}}
	if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String("m"), MessageAttributes: valid}); err != nil {
		t.Errorf("valid attributes: %v", err)
	}
	for _, subject := range []string{"", "two\nlines", strings.Repeat("s", 100), "tab\tinside"} {
		_, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String("m"), Subject: aws.String(subject)})
		wantErr[*types.InvalidParameterException](t, err, "subject "+subject)
	}
	for _, in := range []*sns.PublishInput{
		{Message: aws.String("m")}, // no target
		{TopicArn: arn, PhoneNumber: aws.String("+15555550100"), Message: aws.String("m")}, // two targets
		{TopicArn: arn, Message: aws.String("\xff")},                                       // not UTF-8
		{TopicArn: arn, Message: aws.String("m"), MessageGroupId: aws.String(strings.Repeat("g", 129))},
		{TopicArn: arn, Message: aws.String("m"), MessageGroupId: aws.String("with space")},
		{TargetArn: aws.String("arn:aws:sns:us-east-1:123456789012:endpoint/GCM/app/id"), Message: aws.String("m")},
	} {
		_, err := fake.Publish(ctx, in)
		wantErr[*types.InvalidParameterException](t, err, "Publish "+aws.ToString(in.Message))
	}
	// A group ID is allowed on a standard topic (fair queues) and reaches SQS.
	sub := subscribe(t, fake, *arn, "sqs", queueARN, nil)
	if _, err := fake.Publish(ctx, &sns.PublishInput{TargetArn: arn, Message: aws.String("m"), MessageGroupId: aws.String("tenant-1")}); err != nil {
		t.Fatalf("a group ID on a standard topic, by TargetArn: %v", err)
	}
	if d := fake.Deliveries(sub); len(d) != 1 || d[0].GroupID != "tenant-1" {
		t.Errorf("deliveries %+v; want the group ID passed to SQS", d)
	}
}

func keysOf(m map[string]types.MessageAttributeValue) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestMaximumMessageSizeRaisesTheLimit(t *testing.T) {
	fake := snstest.New()
	arn := aws.String(mustCreate(t, fake, "big", map[string]string{"MaximumMessageSize": "1048576"}))
	if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String(strings.Repeat("x", 1<<20))}); err != nil {
		t.Errorf("1 MiB on a topic of MaximumMessageSize 1 MiB: %v", err)
	}
	_, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String(strings.Repeat("x", 1<<20+1))})
	wantErr[*types.InvalidParameterException](t, err, "1 MiB + 1")
	if _, err := fake.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: arn, AttributeName: aws.String("MaximumMessageSize"), AttributeValue: aws.String("1024")}); err != nil {
		t.Fatal(err)
	}
	_, err = fake.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String(strings.Repeat("x", 1025))})
	wantErr[*types.InvalidParameterException](t, err, "1025 bytes on a topic of 1024")
}

func TestPublishToAPhoneNumber(t *testing.T) {
	fake := snstest.New()
	out, err := fake.Publish(ctx, &sns.PublishInput{PhoneNumber: aws.String("+15555550100"), Message: aws.String("your code is 1234")})
	if err != nil {
		t.Fatal(err)
	}
	got := fake.Published("+15555550100")
	if len(got) != 1 || got[0].Message != "your code is 1234" || got[0].MessageID != aws.ToString(out.MessageId) || got[0].TopicARN != "" {
		t.Errorf("Published(number) = %+v", got)
	}
	_, err = fake.Publish(ctx, &sns.PublishInput{PhoneNumber: aws.String("5555550100"), Message: aws.String("m")})
	wantErr[*types.InvalidParameterException](t, err, "a number without + and country code")
}

func TestRecordsAreCopies(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t", nil)
	sub := subscribe(t, fake, arn, "sqs", queueARN, map[string]string{"RawMessageDelivery": "true"})
	bin := []byte{1, 2, 3}
	in := &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("m"),
		MessageAttributes: map[string]types.MessageAttributeValue{"b": {DataType: aws.String("Binary"), BinaryValue: bin}}}
	if _, err := fake.Publish(ctx, in); err != nil {
		t.Fatal(err)
	}
	bin[0] = 9 // the caller reuses its buffer
	d := fake.Deliveries(sub)[0]
	d.Attributes["b"].BinaryValue[1] = 9 // the test scribbles on what it read
	p := fake.Published(arn)[0]
	for what, got := range map[string][]byte{
		"delivery": fake.Deliveries(sub)[0].Attributes["b"].BinaryValue,
		"message":  p.Attributes["b"].BinaryValue,
	} {
		if string(got) != "\x01\x02\x03" {
			t.Errorf("%s attribute %v; the fake shares memory with its callers", what, got)
		}
	}
}

func TestDeletingATopicKeepsItsDeliveries(t *testing.T) {
	fake := snstest.New()
	arn := mustCreate(t, fake, "t", nil)
	sub := subscribe(t, fake, arn, "sqs", queueARN, nil)
	if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("m")}); err != nil {
		t.Fatal(err)
	}
	if _, err := fake.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(arn)}); err != nil {
		t.Fatal(err)
	}
	_, err := fake.GetSubscriptionAttributes(ctx, &sns.GetSubscriptionAttributesInput{SubscriptionArn: aws.String(sub)})
	wantErr[*types.NotFoundException](t, err, "a subscription of a deleted topic")
	if len(fake.Deliveries(sub)) != 1 || len(fake.DeliveriesTo(queueARN)) != 1 || len(fake.Published(arn)) != 1 {
		t.Error("the records of a deleted topic are gone")
	}
	// A topic created again under the name starts without subscriptions.
	mustCreate(t, fake, "t", nil)
	if _, err := fake.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("again")}); err != nil {
		t.Fatal(err)
	}
	if n := len(fake.Deliveries(sub)); n != 1 {
		t.Errorf("%d deliveries to the old subscription; want 1", n)
	}
}
