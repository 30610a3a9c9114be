package wire

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
)

// SMSInput returns the SDK input for a validated text message to a phone
// number. The SMS options travel as the reserved AWS.SNS.SMS.* and
// AWS.MM.SMS.* message attributes SNS reads them from; they come from
// model.SMSOptions, the only way to set those names.
func SMSInput(phoneNumber, text string, opts map[string]model.SMSAttribute) *sns.PublishInput {
	in := MessageInput(model.Message{Body: text})
	in.PhoneNumber = aws.String(phoneNumber)
	if len(opts) > 0 {
		in.MessageAttributes = make(map[string]types.MessageAttributeValue, len(opts))
		for name, a := range opts {
			in.MessageAttributes[name] = types.MessageAttributeValue{
				DataType:    aws.String(a.DataType),
				StringValue: aws.String(a.StringValue),
			}
		}
	}
	return in
}
