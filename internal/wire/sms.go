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

// PhoneNumbers converts a page of listed phone numbers, which are personal
// data.
func PhoneNumbers(in []string) []model.PersonalData {
	out := make([]model.PersonalData, len(in))
	for i, p := range in {
		out[i] = model.PersonalData(p)
	}
	return out
}

// SandboxPhoneNumbers converts a page of the SMS sandbox's numbers.
func SandboxPhoneNumbers(in []types.SMSSandboxPhoneNumber) []model.SandboxPhoneNumber {
	out := make([]model.SandboxPhoneNumber, len(in))
	for i, p := range in {
		out[i] = model.SandboxPhoneNumber{PhoneNumber: model.PersonalData(aws.ToString(p.PhoneNumber)), Status: model.SandboxStatus(p.Status)}
	}
	return out
}

// OriginationNumbers converts a page of the account's origination numbers.
func OriginationNumbers(in []types.PhoneNumberInformation) []model.OriginationNumber {
	out := make([]model.OriginationNumber, len(in))
	for i, p := range in {
		n := model.OriginationNumber{
			PhoneNumber:     aws.ToString(p.PhoneNumber),
			ISO2CountryCode: aws.ToString(p.Iso2CountryCode),
			RouteType:       string(p.RouteType),
			Status:          aws.ToString(p.Status),
			CreatedAt:       aws.ToTime(p.CreatedAt),
		}
		for _, c := range p.NumberCapabilities {
			n.Capabilities = append(n.Capabilities, string(c))
		}
		out[i] = n
	}
	return out
}
