package snstest_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// everySMSOption sets each field of model.SMSOptions.
var everySMSOption = model.SMSOptions{
	SenderID:          "MyShop",
	Type:              model.SMSTransactional,
	MaxPrice:          "0.50",
	OriginationNumber: "+18005550100",
	EntityID:          "1101548900000057604",
	TemplateID:        "1107163343750463816",
}

func TestPublishSMSWithEveryOption(t *testing.T) {
	const phone = "+14155550100"
	fake := snstest.New()
	srv := httptest.NewServer(fake)
	defer srv.Close()
	inProcess, err := snsconnector.New(ctx, snsconnector.WithAPIFactory(fake.APIFactory))
	if err != nil {
		t.Fatal(err)
	}
	overHTTP, err := snsconnector.New(ctx, snsconnector.WithEndpoint(srv.URL), snsconnector.WithStaticCredentials("AKIDSNSTEST", "secret", ""), snsconnector.WithRetryMaxAttempts(1))
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]*snsconnector.Client{"in process": inProcess, "over HTTP": overHTTP} {
		resp, err := c.PublishSMS(ctx, region.USEast1, phone, "Your code is 123456", everySMSOption)
		if err != nil {
			t.Fatalf("%s: PublishSMS: %v", name, err)
		}
		ms := fake.Published(phone)
		got := ms[len(ms)-1]
		if got.MessageID != resp.MessageID || got.Message != "Your code is 123456" || got.SMS != everySMSOption {
			t.Errorf("%s: recorded %+v; want the text and every option", name, got)
		}
		// The options travel as SNS reads them: the reserved attributes.
		if a := got.Attributes["AWS.SNS.SMS.MaxPrice"]; aws.ToString(a.DataType) != "Number" || aws.ToString(a.StringValue) != "0.50" {
			t.Errorf("%s: AWS.SNS.SMS.MaxPrice = %+v", name, a)
		}
		if len(got.Attributes) != 6 {
			t.Errorf("%s: %d attributes; want the 6 SMS settings", name, len(got.Attributes))
		}
	}
}

// TestReservedSMSAttributes checks the raw API: SNS takes the six reserved
// SMS attributes where it refuses any other "AWS." name, on a text message
// and on a topic's message for its SMS subscribers, with values the
// settings take.
func TestReservedSMSAttributes(t *testing.T) {
	fake := snstest.New()
	c := rawClient(t, fake, region.USEast1)
	topic := aws.String(mustCreate(t, fake, "alerts", nil))
	attr := func(dataType, value string) types.MessageAttributeValue {
		return types.MessageAttributeValue{DataType: aws.String(dataType), StringValue: aws.String(value)}
	}
	publish := func(name string, a types.MessageAttributeValue) error {
		_, err := c.Publish(ctx, &sns.PublishInput{PhoneNumber: aws.String("+14155550100"), Message: aws.String("hi"),
			MessageAttributes: map[string]types.MessageAttributeValue{name: a}})
		return err
	}
	for name, a := range map[string]types.MessageAttributeValue{
		"AWS.SNS.SMS.SenderID":         attr("String", "MyShop"),
		"AWS.SNS.SMS.SMSType":          attr("String", "Promotional"),
		"AWS.SNS.SMS.MaxPrice":         attr("Number", "2"),
		"AWS.MM.SMS.OriginationNumber": attr("String", "12345"),
		"AWS.MM.SMS.EntityId":          attr("String", "E-1"),
		"AWS.MM.SMS.TemplateId":        attr("String", "T-1"),
	} {
		if err := publish(name, a); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	// MaxPrice as a String attribute, as some callers send it.
	if err := publish("AWS.SNS.SMS.MaxPrice", attr("String", "0.05")); err != nil {
		t.Errorf("MaxPrice as a String: %v", err)
	}
	if _, err := c.Publish(ctx, &sns.PublishInput{TopicArn: topic, Message: aws.String("hi"),
		MessageAttributes: map[string]types.MessageAttributeValue{"AWS.SNS.SMS.SMSType": attr("String", "Transactional")}}); err != nil {
		t.Errorf("an SMS setting on a topic's message: %v", err)
	}
	if got := fake.Published(*topic); len(got) != 1 || got[0].SMS.Type != model.SMSTransactional {
		t.Errorf("recorded %+v", got)
	}

	refused := []struct {
		what, name string
		a          types.MessageAttributeValue
		reason     string
	}{
		{"another AWS. name", "AWS.SNS.SMS.Other", attr("String", "x"), "reserved"},
		{"a reserved name in another case", "aws.sns.sms.senderid", attr("String", "MyShop"), "reserved"},
		{"an unknown SMS type", "AWS.SNS.SMS.SMSType", attr("String", "Urgent"), "neither"},
		{"a sender ID without a letter", "AWS.SNS.SMS.SenderID", attr("String", "12345"), "letter"},
		{"a price that is no number", "AWS.SNS.SMS.MaxPrice", attr("Number", "cheap"), "Number"},
		{"a price of zero", "AWS.SNS.SMS.MaxPrice", attr("Number", "0"), "above zero"},
		{"a binary setting", "AWS.SNS.SMS.SenderID", types.MessageAttributeValue{DataType: aws.String("Binary"), BinaryValue: []byte("MyShop")}, "String or Number"},
		{"an empty setting", "AWS.MM.SMS.EntityId", attr("String", ""), "non-empty"},
		{"an origination number of letters", "AWS.MM.SMS.OriginationNumber", attr("String", "CALLME"), "digits"},
	}
	for _, tt := range refused {
		e := wantErr[*types.InvalidParameterValueException](t, publish(tt.name, tt.a), tt.what)
		if e != nil && !strings.Contains(e.ErrorMessage(), tt.reason) {
			t.Errorf("%s: %q; want it to say %q", tt.what, e.ErrorMessage(), tt.reason)
		}
	}
}
