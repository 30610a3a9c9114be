package snsconnector

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/wire"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// PublishSMS sends a text message straight to one phone number, without a
// topic (SNS's Publish with PhoneNumber), and returns its message ID:
//
//	resp, err := client.PublishSMS(ctx, r, "+14155550100", "Your code is 123456",
//		model.SMSOptions{Type: model.SMSTransactional, SenderID: "MyShop"})
//
// The number must be in E.164 format and the text at most 1,600 characters
// (SNS splits it into several SMS of up to 140 bytes); the options are
// checked too ([model.ValidateSMS]). Invalid input fails with a
// *model.ValidationError inside the *Error before anything is sent.
//
// The options travel as the reserved AWS.SNS.SMS.* and AWS.MM.SMS.*
// message attributes, which only [model.SMSOptions] can set. The phone
// number and the text never appear in errors or logs, even when SNS
// echoes the number in its error.
//
// New accounts are in the SMS sandbox, where SNS sends only to verified
// numbers; a number that opted out of SMS receives nothing.
func (c *Client) PublishSMS(ctx context.Context, r region.Region, phoneNumber, text string, opts model.SMSOptions) (*model.PublishResponse, error) {
	return c.publish(ctx, r, "", phoneForms(phoneNumber), func(context.Context) (*sns.PublishInput, error) {
		if err := model.ValidateSMS(phoneNumber, text, opts); err != nil {
			return nil, err
		}
		attrs, _ := opts.Attributes() // valid: checked above
		return wire.SMSInput(phoneNumber, text, attrs), nil
	})
}
