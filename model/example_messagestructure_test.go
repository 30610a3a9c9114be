package model_test

import (
	"fmt"

	"github.com/go-sns/connector/model"
)

func ExamplePerProtocol_Body() {
	m := model.PerProtocol{
		Default: "Your order has shipped.",
		SMS:     "Order shipped",
		APNS:    model.APNSPayload{Title: "Order", Body: "Your order has shipped."},
		GCM:     model.FCMPayload{Title: "Order", Body: "Your order has shipped.", Data: map[string]string{"order": "42"}},
	}
	body, err := m.Body()
	if err != nil {
		fmt.Println(err)
		return
	}
	// Publish it with MessageStructure "json". Each platform payload is JSON
	// text inside a JSON string, as SNS requires.
	fmt.Println(body)
	// Output:
	// {"APNS":"{\"aps\":{\"alert\":{\"title\":\"Order\",\"body\":\"Your order has shipped.\"}}}","GCM":"{\"fcmV1Message\":{\"message\":{\"data\":{\"order\":\"42\"},\"notification\":{\"body\":\"Your order has shipped.\",\"title\":\"Order\"}}}}","default":"Your order has shipped.","sms":"Order shipped"}
}

func ExampleRawPush() {
	m := model.PerProtocol{
		Default: "Check out these deals!",
		ADM:     model.RawPush(`{ "data": { "message": "Check out these deals!", "url": "www.example.com" } }`),
	}
	body, _ := m.Body()
	fmt.Println(body)
	// Output:
	// {"ADM":"{\"data\":{\"message\":\"Check out these deals!\",\"url\":\"www.example.com\"}}","default":"Check out these deals!"}
}
