package snsconnector_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

// A device registers once; pushes go straight to its endpoint, and a
// disabled endpoint is re-enabled with the token the platform issued anew.
func ExampleClient_CreatePlatformEndpoint() {
	ctx := context.Background()
	fake := snstest.New(snstest.WithRegion(region.EUWest1))
	client, _ := snsconnector.New(ctx, snsconnector.WithAPIFactory(fake.APIFactory))
	r := region.EUWest1

	app, err := client.CreatePlatformApplication(ctx, r, model.CreatePlatformApplicationRequest{
		Name:        "shop",
		Platform:    model.PlatformGCM,
		Credentials: model.FCMServiceAccount(`{"type":"service_account","project_id":"shop","private_key":"-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n","client_email":"sns@shop.iam.gserviceaccount.com"}`),
	})
	if err != nil {
		panic(err)
	}
	ep, err := client.CreatePlatformEndpoint(ctx, r, model.CreatePlatformEndpointRequest{
		Application: app.ARN,
		Token:       model.PersonalData("fcm-registration-token"),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(ep.Enabled, ep.Token) // the token never prints

	device, _ := ep.Endpoint()
	msg, _ := model.PerProtocol{Default: "Shipped", GCM: model.FCMPayload{Title: "Order 42", Body: "Shipped"}}.Message()
	_, err = client.PublishToEndpoint(ctx, r, device, msg)
	fmt.Println(err)

	fake.DisableEndpoint(ep.ARN) // as SNS does when FCM rejects the token
	_, err = client.PublishToEndpoint(ctx, r, device, msg)
	var disabled *types.EndpointDisabledException
	fmt.Println(errors.As(err, &disabled))

	err = client.SetEndpointAttributes(ctx, r, ep.ARN,
		model.SetEndpointToken(model.PersonalData("new-fcm-registration-token")), model.SetEndpointEnabled(true))
	fmt.Println(err)
	// Output:
	// true [personal data]
	// <nil>
	// true
	// <nil>
}

// Account-wide SMS settings are typed; a wrong one fails before the wire.
func ExampleClient_SetSMSAttributes() {
	ctx := context.Background()
	fake := snstest.New()
	client, _ := snsconnector.New(ctx, snsconnector.WithAPIFactory(fake.APIFactory))
	r := region.USEast1

	err := client.SetSMSAttributes(ctx, r,
		model.SetDefaultSMSType(model.SMSTransactional),
		model.SetMonthlySpendLimit(100),
		model.SetDefaultSenderID("MyShop"))
	fmt.Println(err)
	a, _ := client.GetSMSAttributes(ctx, r)
	fmt.Println(a.DefaultSMSType, a.MonthlySpendLimit, a.DefaultSenderID)

	err = client.SetSMSAttributes(ctx, r, model.SetDeliveryStatusSuccessSamplingRate(150))
	fmt.Println(err)
	// Output:
	// <nil>
	// Transactional 100 MyShop
	// snsconnector: SetSMSAttributes in us-east-1: invalid SMSAttributes.DeliveryStatusSuccessSamplingRate (range): 150 is outside 0 to 100 percent
}
