package model_test

import (
	"errors"
	"fmt"

	"github.com/go-sns/connector/model"
)

func ExampleMessage_Validate() {
	m := model.Message{
		Subject: "Line one\nline two",
		Body:    "",
		Attributes: map[string]model.MessageAttribute{
			"AWS.custom": model.StringAttribute("x"),
		},
	}
	err := m.Validate()
	fmt.Println(err)
	fmt.Println(errors.Is(err, model.ErrInvalid))
	// Output:
	// invalid Message.Subject (charset): line break at offset 8; a subject is one line
	// invalid Message.Body (required): the body must not be empty
	// invalid Message.Attributes["AWS.custom"] (reserved): names starting with AWS. or Amazon. are reserved by AWS
	// true
}

func ExampleNumberAttribute() {
	fmt.Println(model.NumberAttribute(42).StringValue())
	fmt.Println(model.NumberAttribute(0.1).StringValue())
	fmt.Println(model.NumberAttribute(19.99).WithCustomType("usd").DataType())
	// Output:
	// 42
	// 0.1
	// Number.usd
}

func ExampleDecimalAttribute() {
	_, err := model.DecimalAttribute("1e200")
	fmt.Println(err)
	// Output: invalid Value (range): magnitude 10^200 is outside SNS's range 10^-128 to 10^+126
}

func ExampleTopicFromARN() {
	t, err := model.TopicFromARN("arn:aws-cn:sns:cn-north-1:123456789012:orders.fifo")
	fmt.Println(t.Name, t.FIFO(), err)
	// Output: orders.fifo true <nil>
}
