package snsconnector

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// Publishing to a phone number and to a platform endpoint, with the fake
// of subscriptions_test.go. fauxqs supports neither, so these unit tests
// are their only coverage short of real AWS.

func TestPublishSMS(t *testing.T) {
	f := &subsAPI{}
	c := newTestClient(t, f)
	resp, err := c.PublishSMS(context.Background(), region.EUWest1, "+14155550100", "Your code is 123456",
		model.SMSOptions{Type: model.SMSTransactional, SenderID: "MyShop", MaxPrice: "0.50"})
	if err != nil || resp.MessageID != "msg-9" {
		t.Fatalf("%+v, %v", resp, err)
	}
	in := f.publishes[0]
	if aws.ToString(in.PhoneNumber) != "+14155550100" || aws.ToString(in.Message) != "Your code is 123456" ||
		in.TopicArn != nil || in.TargetArn != nil || in.Subject != nil || in.MessageStructure != nil {
		t.Errorf("input %+v", in)
	}
	want := map[string][2]string{
		"AWS.SNS.SMS.SMSType":  {"String", "Transactional"},
		"AWS.SNS.SMS.SenderID": {"String", "MyShop"},
		"AWS.SNS.SMS.MaxPrice": {"Number", "0.50"},
	}
	if len(in.MessageAttributes) != len(want) {
		t.Errorf("attributes %v", in.MessageAttributes)
	}
	for name, w := range want {
		a := in.MessageAttributes[name]
		if aws.ToString(a.DataType) != w[0] || aws.ToString(a.StringValue) != w[1] {
			t.Errorf("%s = %s %s", name, aws.ToString(a.DataType), aws.ToString(a.StringValue))
		}
	}
	if _, err := c.PublishSMS(context.Background(), region.EUWest1, "+14155550100", "hi", model.SMSOptions{}); err != nil || f.publishes[1].MessageAttributes != nil {
		t.Errorf("no options: %v, attributes %v", err, f.publishes[1].MessageAttributes)
	}
}

// That neither the number nor the text shows in these errors, or in the
// logs, is TestSecretsNeverLeave's to check.
func TestPublishSMSRefusesBadInput(t *testing.T) {
	f := &subsAPI{}
	c := newTestClient(t, f)
	for _, tt := range []struct {
		phone, text string
		opts        model.SMSOptions
		field       string
	}{
		{"447700900123", "hi", model.SMSOptions{}, "PhoneNumber"},
		{"+447700900123", "", model.SMSOptions{}, "Message.Body"},
		{"+447700900123", strings.Repeat("x", 1601), model.SMSOptions{}, "Message.Body"},
		{"+447700900123", "hi", model.SMSOptions{SenderID: "a b"}, "SMSOptions.SenderID"},
	} {
		_, err := c.PublishSMS(context.Background(), region.EUWest1, tt.phone, tt.text, tt.opts)
		wantValidation(t, err, "Publish", tt.field)
	}
	if f.calls() != 0 {
		t.Fatal("invalid SMS reached the API")
	}
	f.publish = func(in *sns.PublishInput) (*sns.PublishOutput, error) {
		return nil, &types.OptedOutException{Message: aws.String("Phone number " + aws.ToString(in.PhoneNumber) + " is opted out")}
	}
	_, err := c.PublishSMS(context.Background(), region.EUWest1, "+447700900123", "Your code is 123456", model.SMSOptions{})
	var oo *types.OptedOutException
	if !errors.As(err, &oo) || ErrorCode(err) != "OptedOut" {
		t.Fatalf("err %v", err)
	}
}

func TestPublishToEndpoint(t *testing.T) {
	f := &subsAPI{}
	c := newTestClient(t, f)
	device := must[model.Endpoint](t)(model.ApplicationEndpoint(deviceARN))
	msg := must[model.Message](t)(model.PerProtocol{
		Default: "Your order has shipped",
		GCM:     model.FCMPayload{Title: "Order 42", Body: "Shipped"},
	}.Message())
	resp, err := c.PublishToEndpoint(context.Background(), region.EUWest1, device, msg)
	if err != nil || resp.MessageID != "msg-9" {
		t.Fatalf("%+v, %v", resp, err)
	}
	in := f.publishes[0]
	if aws.ToString(in.TargetArn) != deviceARN || in.TopicArn != nil || in.PhoneNumber != nil ||
		aws.ToString(in.MessageStructure) != "json" || aws.ToString(in.Message) != msg.Body {
		t.Errorf("input %+v", in)
	}
	if !strings.Contains(aws.ToString(in.Message), `"GCM":"{\"fcmV1Message\"`) {
		t.Errorf("body %s", aws.ToString(in.Message))
	}

	// A plain body with attributes.
	_, err = c.PublishToEndpoint(context.Background(), region.EUWest1, device, model.Message{
		Body: "ping", Attributes: map[string]model.MessageAttribute{"order": model.NumberAttribute(42)},
	})
	if in := f.publishes[1]; err != nil || in.MessageStructure != nil || aws.ToString(in.MessageAttributes["order"].StringValue) != "42" {
		t.Errorf("plain: %v %+v", err, in)
	}
}

func TestPublishToEndpointRefusesBadInput(t *testing.T) {
	f := &subsAPI{}
	c := newTestClient(t, f)
	device := must[model.Endpoint](t)(model.ApplicationEndpoint(deviceARN))
	queue := must[model.Endpoint](t)(model.SQSEndpoint(queueARN))
	for _, tt := range []struct {
		name  string
		r     region.Region
		e     model.Endpoint
		m     model.Message
		field string
	}{
		{"not a device", region.EUWest1, queue, model.Message{Body: "x"}, "Endpoint.Protocol"},
		{"zero endpoint", region.EUWest1, model.Endpoint{}, model.Message{Body: "x"}, "Endpoint.Protocol"},
		{"other region", region.USEast1, device, model.Message{Body: "x"}, "Endpoint.Address"},
		{"subject", region.EUWest1, device, model.Message{Body: "x", Subject: "s"}, "Message.Subject"},
		{"SMS attribute set by hand", region.EUWest1, device, model.Message{Body: "x", Attributes: map[string]model.MessageAttribute{"AWS.SNS.SMS.SenderID": model.StringAttribute("MyShop")}},
			`Message.Attributes["AWS.SNS.SMS.SenderID"]`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.PublishToEndpoint(context.Background(), tt.r, tt.e, tt.m)
			wantValidation(t, err, "Publish", tt.field)
		})
	}
	if f.calls() != 0 {
		t.Fatal("invalid input reached the API")
	}
	f.publish = func(*sns.PublishInput) (*sns.PublishOutput, error) {
		return nil, &types.EndpointDisabledException{Message: aws.String("Endpoint is disabled")}
	}
	_, err := c.PublishToEndpoint(context.Background(), region.EUWest1, device, model.Message{Body: "x"})
	var ed *types.EndpointDisabledException
	if !errors.As(err, &ed) || ErrorCode(err) != "EndpointDisabled" {
		t.Fatalf("err %v", err)
	}
}

// The reserved SMS attribute names are open to SMSOptions only: a topic
// publish that sets one by hand is refused too.
func TestReservedSMSAttributesOnlyThroughOptions(t *testing.T) {
	f := &subsAPI{}
	_, err := newTestClient(t, f).PublishWithResponse(context.Background(), region.EUWest1, model.PublishRequest{
		Topic:   model.Topic{ARN: topicARN},
		Message: model.Message{Body: "x", Attributes: map[string]model.MessageAttribute{"AWS.SNS.SMS.SMSType": model.StringAttribute("Transactional")}},
	})
	wantValidation(t, err, "Publish", `Message.Attributes["AWS.SNS.SMS.SMSType"]`)
	if f.calls() != 0 {
		t.Fatal("sent")
	}
}
