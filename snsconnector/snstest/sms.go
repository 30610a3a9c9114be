package snstest

import (
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
)

// checkSMSAttribute applies SNS's rules to one of the reserved attributes
// that carry a message's SMS settings (AWS.SNS.SMS.SenderID, ...; see
// [model.IsSMSAttribute]), which SNS accepts where it refuses every other
// name starting with "AWS.". The value must be what the setting takes, by
// the model's rules, in a String or Number attribute: the guide gives no
// data type but the examples' (Number for MaxPrice, String for the rest),
// and callers send MaxPrice as either.
func checkSMSAttribute(name string, a types.MessageAttributeValue) error {
	dt, v := aws.ToString(a.DataType), aws.ToString(a.StringValue)
	if dt != "String" && dt != "Number" || a.BinaryValue != nil {
		return invalidParameterValue("The message attribute '%s' must be a String or Number attribute.", name)
	}
	if v == "" {
		return invalidParameterValue("The message attribute '%s' must contain non-empty message attribute value for message attribute type '%s'.", name, dt)
	}
	if _, err := model.DecimalAttribute(v); dt == "Number" && err != nil {
		return invalidParameterValue("The message attribute '%s' has an invalid Number value: numbers hold up to 38 digits between 10^-128 and 10^+126.", name)
	}
	if err := model.SMSOptionsFromAttributes(map[string]string{name: v}).Validate(); err != nil {
		reason := "not a value SNS takes"
		var ve *model.ValidationError
		if errors.As(err, &ve) {
			reason = ve.Reason
		}
		return invalidParameterValue("The message attribute '%s' has an invalid value: %s.", name, reason)
	}
	return nil
}

// smsOptions returns the SMS settings a message's attributes carry.
func smsOptions(attrs map[string]types.MessageAttributeValue) model.SMSOptions {
	var values map[string]string
	for name, a := range attrs {
		if model.IsSMSAttribute(name) {
			if values == nil {
				values = map[string]string{}
			}
			values[name] = aws.ToString(a.StringValue)
		}
	}
	return model.SMSOptionsFromAttributes(values)
}
