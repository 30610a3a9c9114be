package model_test

import (
	"fmt"
	"slices"

	"github.com/go-sns/connector/model"
)

func ExampleSMSOptions_Attributes() {
	if err := model.ValidatePhoneNumber("+14155550100"); err != nil {
		fmt.Println(err)
		return
	}
	opts := model.SMSOptions{SenderID: "MyShop", Type: model.SMSTransactional, MaxPrice: "0.50"}
	attrs, err := opts.Attributes()
	if err != nil {
		fmt.Println(err)
		return
	}
	names := make([]string, 0, len(attrs))
	for name := range attrs {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		fmt.Printf("%s %s %s\n", name, attrs[name].DataType, attrs[name].StringValue)
	}
	// Output:
	// AWS.SNS.SMS.MaxPrice Number 0.50
	// AWS.SNS.SMS.SMSType String Transactional
	// AWS.SNS.SMS.SenderID String MyShop
}

func ExampleValidatePhoneNumber() {
	fmt.Println(model.ValidatePhoneNumber("+14155550100"))
	fmt.Println(model.ValidatePhoneNumber("(415) 555-0100"))
	// Output:
	// <nil>
	// invalid PhoneNumber (format): not an E.164 phone number: '+', a country code and the subscriber number, 2 to 15 digits, no spaces (+14155550100)
}
