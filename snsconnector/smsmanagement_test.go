package snsconnector_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
	"github.com/go-sns/connector/snsconnector/snstest"
)

func TestSMSAttributesRoundTrip(t *testing.T) {
	fake, c, _ := fakeClient(t)
	ctx := context.Background()
	r := region.EUWest1
	if err := c.SetSMSAttributes(ctx, r,
		model.SetDefaultSMSType(model.SMSTransactional), model.SetMonthlySpendLimit(100),
		model.SetDefaultSenderID("MyShop"), model.SetDeliveryStatusIAMRole("arn:aws:iam::123456789012:role/sms-logs"),
		model.SetDeliveryStatusSuccessSamplingRate(0), model.SetUsageReportS3Bucket("sms-reports")); err != nil {
		t.Fatal(err)
	}
	if n := fake.Calls("SetSMSAttributes"); n != 1 {
		t.Errorf("%d calls; SNS takes every change in one", n)
	}
	a := must[*model.SMSAttributes](t)(c.GetSMSAttributes(ctx, r))
	if a.DefaultSMSType != model.SMSTransactional || a.MonthlySpendLimit != 100 || a.DefaultSenderID != "MyShop" ||
		a.DeliveryStatusIAMRole != "arn:aws:iam::123456789012:role/sms-logs" || a.Raw["DeliveryStatusSuccessSamplingRate"] != "0" || a.UsageReportS3Bucket != "sms-reports" {
		t.Errorf("read back %+v", a)
	}
	if other := must[*model.SMSAttributes](t)(c.GetSMSAttributes(ctx, region.USEast1)); len(other.Raw) != 0 {
		t.Errorf("SMS settings are regional; us-east-1 has %v", other.Raw)
	}
	if err := c.SetSMSAttributes(ctx, r); err != nil || fake.Calls("SetSMSAttributes") != 1 {
		t.Errorf("no changes should send nothing: %v", err)
	}
	err := c.SetSMSAttributes(ctx, r, model.SetDefaultSMSType(model.SMSPromotional), model.SetDefaultSenderID("1234"))
	wantValidation(t, err, "SetSMSAttributes", r, "SMSAttributes.DefaultSenderID", model.RuleFormat)
	if fake.Calls("SetSMSAttributes") != 1 {
		t.Error("an invalid change must stop the others too")
	}
}

func TestOptOuts(t *testing.T) {
	fake, c, _ := fakeClient(t)
	ctx := context.Background()
	r := region.EUWest1
	const phone = "+447700900123"
	if out := must[bool](t)(c.CheckIfPhoneNumberIsOptedOut(ctx, r, phone)); out {
		t.Fatal("opted out before STOP")
	}
	fake.OptOut(r, phone)
	for i := range 104 {
		fake.OptOut(r, fmt.Sprintf("+4477008%05d", i))
	}
	if !must[bool](t)(c.CheckIfPhoneNumberIsOptedOut(ctx, r, phone)) {
		t.Fatal("STOP not seen")
	}
	list := must[*model.ListPhoneNumbersOptedOutResponse](t)(c.ListPhoneNumbersOptedOut(ctx, r))
	if len(list.PhoneNumbers) != 105 || fake.Calls("ListPhoneNumbersOptedOut") != 2 {
		t.Errorf("%d numbers in %d calls", len(list.PhoneNumbers), fake.Calls("ListPhoneNumbersOptedOut"))
	}
	if got := fmt.Sprint(list); strings.Contains(got, "+44") {
		t.Errorf("the listing prints phone numbers: %s", got)
	}
	if err := c.OptInPhoneNumber(ctx, r, phone); err != nil {
		t.Fatal(err)
	}
	if must[bool](t)(c.CheckIfPhoneNumberIsOptedOut(ctx, r, phone)) {
		t.Error("still opted out after OptInPhoneNumber")
	}
	for _, op := range []func() error{
		func() error { _, err := c.CheckIfPhoneNumberIsOptedOut(ctx, r, "07700 900123"); return err },
		func() error { return c.OptInPhoneNumber(ctx, r, "447700900123") },
	} {
		err := op()
		if !errors.Is(err, &model.ValidationError{Field: "PhoneNumber", Rule: model.RuleFormat}) {
			t.Errorf("bad number: %v", err)
		}
		if strings.Contains(err.Error(), "900123") {
			t.Errorf("the error names the number: %v", err)
		}
	}
	if fake.Calls("OptInPhoneNumber") != 1 {
		t.Error("a bad number reached the fake")
	}
}

func TestSMSSandbox(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	fake := snstest.New(snstest.WithRegion(region.EUWest1), snstest.WithClock(func() time.Time { return now }))
	c := must[*snsconnector.Client](t)(snsconnector.New(context.Background(), snsconnector.WithAPIFactory(fake.APIFactory)))
	ctx := context.Background()
	r := region.EUWest1
	const phone = "+14155550123"
	if !must[bool](t)(c.GetSMSSandboxAccountStatus(ctx, r)) {
		t.Fatal("a new account is in the sandbox")
	}
	if err := c.CreateSMSSandboxPhoneNumber(ctx, r, phone, model.LanguageGerman); err != nil {
		t.Fatal(err)
	}
	list := must[*model.ListSMSSandboxPhoneNumbersResponse](t)(c.ListSMSSandboxPhoneNumbers(ctx, r))
	if len(list.PhoneNumbers) != 1 || list.PhoneNumbers[0].PhoneNumber.Reveal() != phone || list.PhoneNumbers[0].Status != model.SandboxPending {
		t.Fatalf("sandbox %+v", list.PhoneNumbers)
	}
	otp, ok := fake.SandboxOneTimePassword(r, phone)
	if !ok {
		t.Fatal("no one-time password")
	}
	wrong := "99999"
	if otp == wrong {
		wrong = "88888"
	}
	var verification *types.VerificationException
	if err := c.VerifySMSSandboxPhoneNumber(ctx, r, phone, wrong); !errors.As(err, &verification) {
		t.Errorf("wrong password: %v", err)
	}
	if err := c.VerifySMSSandboxPhoneNumber(ctx, r, phone, otp); err != nil {
		t.Fatal(err)
	}
	if s := must[*model.ListSMSSandboxPhoneNumbersResponse](t)(c.ListSMSSandboxPhoneNumbers(ctx, r)).PhoneNumbers[0].Status; s != model.SandboxVerified {
		t.Errorf("status %s after verification", s)
	}
	var userErr *types.UserErrorException
	if err := c.DeleteSMSSandboxPhoneNumber(ctx, r, phone); !errors.As(err, &userErr) {
		t.Errorf("delete within 24 hours of verification: %v", err)
	}
	now = now.Add(24 * time.Hour)
	if err := c.DeleteSMSSandboxPhoneNumber(ctx, r, phone); err != nil {
		t.Fatal(err)
	}
	var notFound *types.ResourceNotFoundException
	if err := c.DeleteSMSSandboxPhoneNumber(ctx, r, phone); !errors.As(err, &notFound) {
		t.Errorf("delete again: %v", err)
	}
	fake.OptOut(r, phone)
	var optedOut *types.OptedOutException
	if err := c.CreateSMSSandboxPhoneNumber(ctx, r, phone, ""); !errors.As(err, &optedOut) {
		t.Errorf("an opted-out number: %v", err)
	}
	fake.SetSMSSandbox(r, false)
	if must[bool](t)(c.GetSMSSandboxAccountStatus(ctx, r)) {
		t.Error("still in the sandbox")
	}

	// Validation before the wire.
	wantValidation(t, c.VerifySMSSandboxPhoneNumber(ctx, r, phone, "12a45"), "VerifySMSSandboxPhoneNumber", r, "OneTimePassword", model.RuleFormat)
	wantValidation(t, c.CreateSMSSandboxPhoneNumber(ctx, r, phone, "en"), "CreateSMSSandboxPhoneNumber", r, "LanguageCode", model.RuleFormat)
	wantValidation(t, c.DeleteSMSSandboxPhoneNumber(ctx, r, "+0123"), "DeleteSMSSandboxPhoneNumber", r, "PhoneNumber", model.RuleFormat)
	if fake.Calls("VerifySMSSandboxPhoneNumber") != 2 || fake.Calls("CreateSMSSandboxPhoneNumber") != 2 || fake.Calls("DeleteSMSSandboxPhoneNumber") != 3 {
		t.Error("invalid input reached the fake")
	}
}

func TestListOriginationNumbers(t *testing.T) {
	fake, c, _ := fakeClient(t)
	ctx := context.Background()
	r := region.EUWest1
	created := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	for i := range 35 {
		fake.AddOriginationNumber(r, types.PhoneNumberInformation{
			PhoneNumber: aws.String(fmt.Sprintf("+1877555%04d", i)), CreatedAt: aws.Time(created), Iso2CountryCode: aws.String("US"),
			NumberCapabilities: []types.NumberCapability{types.NumberCapabilitySms}, RouteType: types.RouteTypeTransactional, Status: aws.String("ACTIVE"),
		})
	}
	list := must[*model.ListOriginationNumbersResponse](t)(c.ListOriginationNumbers(ctx, r))
	if len(list.PhoneNumbers) != 35 || fake.Calls("ListOriginationNumbers") != 2 {
		t.Fatalf("%d numbers in %d calls", len(list.PhoneNumbers), fake.Calls("ListOriginationNumbers"))
	}
	n := list.PhoneNumbers[0]
	if n.PhoneNumber != "+18775550000" || !n.CreatedAt.Equal(created) || n.ISO2CountryCode != "US" || len(n.Capabilities) != 1 || n.Capabilities[0] != "SMS" || n.RouteType != "Transactional" || n.Status != "ACTIVE" {
		t.Errorf("first number %+v", n)
	}
	if err := (model.SMSOptions{OriginationNumber: n.PhoneNumber}).Validate(); err != nil {
		t.Errorf("a listed number should do as an SMS origination number: %v", err)
	}
}
