package conformance

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
)

func stringAttr(dataType, v string) types.MessageAttributeValue {
	return types.MessageAttributeValue{DataType: aws.String(dataType), StringValue: aws.String(v)}
}

// allTypes has an attribute of each of the four types, and a custom label.
func allTypes() map[string]types.MessageAttributeValue {
	return map[string]types.MessageAttributeValue{
		"store":  stringAttr("String", "example_corp"),
		"tags":   stringAttr("String.Array", `["red","blue"]`),
		"price":  stringAttr("Number", "12.75"),
		"weight": stringAttr("Number.kg", "3"),
		"blob":   {DataType: aws.String("Binary"), BinaryValue: []byte{0, 1, 2, 254, 255}},
	}
}

func sameAttributes(t *testing.T, got, want map[string]types.MessageAttributeValue) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d attributes; want %d: %v", len(got), len(want), got)
	}
	for name, w := range want {
		g, ok := got[name]
		if !ok {
			t.Errorf("attribute %s missing", name)
			continue
		}
		if aws.ToString(g.DataType) != aws.ToString(w.DataType) || aws.ToString(g.StringValue) != aws.ToString(w.StringValue) || !bytes.Equal(g.BinaryValue, w.BinaryValue) {
			t.Errorf("attribute %s = %s %q %v; want %s %q %v", name,
				aws.ToString(g.DataType), aws.ToString(g.StringValue), g.BinaryValue,
				aws.ToString(w.DataType), aws.ToString(w.StringValue), w.BinaryValue)
		}
	}
}

func testPublishRawDelivery(t *testing.T, h Harness) {
	arn := createTopic(t, h, mainRegion, uniqueName("raw"), nil)
	q, _ := subscribeQueue(t, h, arn, raw)
	body := "order 42 shipped — ✓ <b>&</b>"
	out := publish(t, h, &sns.PublishInput{
		TopicArn: aws.String(arn), Message: aws.String(body), Subject: aws.String("Order shipped"),
		MessageAttributes: allTypes(),
	})
	if aws.ToString(out.MessageId) == "" {
		t.Error("Publish returned no MessageId")
	}
	m := receive(t, q, 1)[0]
	if m.Body != body {
		t.Errorf("body %q; want %q", m.Body, body)
	}
	sameAttributes(t, m.Attributes, allTypes())
}

// envelope is the JSON document SNS delivers without raw delivery.
type envelope struct {
	Type              string
	MessageId         string
	TopicArn          string
	Subject           string
	Message           string
	Timestamp         string
	SignatureVersion  string
	UnsubscribeURL    string
	MessageAttributes map[string]struct{ Type, Value string }
}

func testPublishEnvelope(t *testing.T, h Harness) {
	arn := createTopic(t, h, mainRegion, uniqueName("envelope"), nil)
	q, subARN := subscribeQueue(t, h, arn, nil)
	before := time.Now().Add(-time.Minute)
	out := publish(t, h, &sns.PublishInput{
		TopicArn: aws.String(arn), Message: aws.String(`{"order": 42}`), Subject: aws.String("Order shipped"),
		MessageAttributes: allTypes(),
	})
	m := receive(t, q, 1)[0]
	if len(m.Attributes) != 0 {
		t.Errorf("the SQS message has attributes %v; without raw delivery they travel in the envelope", m.Attributes)
	}
	var e envelope
	if err := json.Unmarshal([]byte(m.Body), &e); err != nil {
		t.Fatalf("body is not a JSON envelope: %v: %s", err, m.Body)
	}
	if e.Type != "Notification" || e.MessageId != aws.ToString(out.MessageId) || e.TopicArn != arn ||
		e.Message != `{"order": 42}` || e.Subject != "Order shipped" {
		t.Errorf("envelope %+v; want a Notification of message %s on %s with the message and subject", e, aws.ToString(out.MessageId), arn)
	}
	if ts, err := time.Parse(time.RFC3339Nano, e.Timestamp); err != nil || ts.Before(before) || ts.After(time.Now().Add(time.Minute)) {
		t.Errorf("Timestamp %q is not the time of publishing (%v)", e.Timestamp, err)
	}
	if e.SignatureVersion == "" {
		t.Error("a standard topic's envelope has no SignatureVersion")
	}
	if !strings.Contains(e.UnsubscribeURL, "Action=Unsubscribe") || !strings.Contains(e.UnsubscribeURL, subARN) {
		t.Errorf("UnsubscribeURL %q does not unsubscribe %s", e.UnsubscribeURL, subARN)
	}
	want := map[string][2]string{
		"store":  {"String", "example_corp"},
		"tags":   {"String.Array", `["red","blue"]`},
		"price":  {"Number", "12.75"},
		"weight": {"Number.kg", "3"},
		"blob":   {"Binary", base64.StdEncoding.EncodeToString([]byte{0, 1, 2, 254, 255})},
	}
	if len(e.MessageAttributes) != len(want) {
		t.Errorf("envelope attributes %v; want %d", e.MessageAttributes, len(want))
	}
	for name, w := range want {
		if a := e.MessageAttributes[name]; a.Type != w[0] || a.Value != w[1] {
			t.Errorf("envelope attribute %s = %+v; want Type %s Value %s", name, a, w[0], w[1])
		}
	}
}

func testPublishValidation(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(mainRegion)
	arn := aws.String(createTopic(t, h, mainRegion, uniqueName("validate"), nil))
	q, _ := subscribeQueue(t, h, *arn, raw)

	_, err := api.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topicARNOf(h, mainRegion, uniqueName("missing"))), Message: aws.String("x")})
	wantErr[*types.NotFoundException](t, err, "Publish to a missing topic")
	_, err = api.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String("")})
	wantErr[*types.InvalidParameterException](t, err, "Publish of an empty message")

	// 256 KiB counts the body and each attribute's name, type and value.
	attr := map[string]types.MessageAttributeValue{"k": stringAttr("String", "value")}
	fits := strings.Repeat("x", 262_144-len("k")-len("String")-len("value"))
	_, err = api.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String(fits), MessageAttributes: attr})
	must(t, err, "Publish of exactly 256 KiB")
	_, err = api.Publish(ctx, &sns.PublishInput{TopicArn: arn, Message: aws.String(fits + "x"), MessageAttributes: attr})
	wantErr[*types.InvalidParameterException](t, err, "Publish of 256 KiB + 1")
	if got := receive(t, q, 1); len(got[0].Body) != len(fits) {
		t.Errorf("delivered a body of %d bytes; want %d", len(got[0].Body), len(fits))
	}

	lax := []struct {
		what string
		in   *sns.PublishInput
		want func(t *testing.T, err error, what string)
	}{
		{"a reserved attribute name", &sns.PublishInput{TopicArn: arn, Message: aws.String("m"),
			MessageAttributes: map[string]types.MessageAttributeValue{"AWS.key": stringAttr("String", "v")}}, wantErr[*types.InvalidParameterValueException]},
		{"an unknown data type", &sns.PublishInput{TopicArn: arn, Message: aws.String("m"),
			MessageAttributes: map[string]types.MessageAttributeValue{"k": stringAttr("Text", "v")}}, wantErr[*types.InvalidParameterValueException]},
		{"a deduplication ID on a standard topic", &sns.PublishInput{TopicArn: arn, Message: aws.String("m"),
			MessageDeduplicationId: aws.String("d")}, wantErr[*types.InvalidParameterException]},
	}
	for _, c := range lax {
		_, err := api.Publish(ctx, c.in)
		if h.Quirks().LaxPublishValidation {
			if err != nil {
				t.Errorf("quirk LaxPublishValidation: Publish with %s failed (%v); drop the quirk", c.what, err)
			}
			continue
		}
		c.want(t, err, "Publish with "+c.what)
	}
}

func testMessageStructureJSON(t *testing.T, h Harness) {
	ctx := context.Background()
	arn := createTopic(t, h, mainRegion, uniqueName("structure"), nil)
	q, _ := subscribeQueue(t, h, arn, raw)
	doc := `{"default": "for everyone", "sqs": "for queues", "email": "for people"}`
	publish(t, h, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String(doc), MessageStructure: aws.String("json")})
	m := receive(t, q, 1)[0]
	_, noDefault := h.API(mainRegion).Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String(`{"sqs": "x"}`), MessageStructure: aws.String("json")})
	if h.Quirks().MessageStructureIgnored {
		if m.Body != doc || noDefault != nil {
			t.Errorf("quirk MessageStructureIgnored: got %q and %v; drop the quirk", m.Body, noDefault)
		}
		return
	}
	if m.Body != "for queues" {
		t.Errorf("an SQS subscriber received %q; want its protocol's entry %q", m.Body, "for queues")
	}
	wantErr[*types.InvalidParameterException](t, noDefault, `Publish of a json structure without "default"`)
}

func testCancelledContext(t *testing.T, h Harness) {
	arn := createTopic(t, h, mainRegion, uniqueName("cancel"), nil)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := h.API(mainRegion).Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("never")})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Publish with a cancelled context: %v; want context.Canceled", err)
	}
	_, err = h.API(mainRegion).ListTopics(ctx, &sns.ListTopicsInput{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("ListTopics with a cancelled context: %v; want context.Canceled", err)
	}
}
