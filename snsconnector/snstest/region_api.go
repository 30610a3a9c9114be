package snstest

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/region"
)

// regionAPI is the fake seen through a client bound to one region: the
// region goes first in the options, so a call's own options still win, as
// with an *sns.Client made for that region.
type regionAPI struct {
	s      *Server
	region region.Region
}

func (a regionAPI) opts(optFns []func(*sns.Options)) []func(*sns.Options) {
	r := string(a.region)
	return append([]func(*sns.Options){func(o *sns.Options) { o.Region = r }}, optFns...)
}

func (a regionAPI) ListTopics(ctx context.Context, in *sns.ListTopicsInput, optFns ...func(*sns.Options)) (*sns.ListTopicsOutput, error) {
	return a.s.ListTopics(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) Publish(ctx context.Context, in *sns.PublishInput, optFns ...func(*sns.Options)) (*sns.PublishOutput, error) {
	return a.s.Publish(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) PublishBatch(ctx context.Context, in *sns.PublishBatchInput, optFns ...func(*sns.Options)) (*sns.PublishBatchOutput, error) {
	return a.s.PublishBatch(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) CreateTopic(ctx context.Context, in *sns.CreateTopicInput, optFns ...func(*sns.Options)) (*sns.CreateTopicOutput, error) {
	return a.s.CreateTopic(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) DeleteTopic(ctx context.Context, in *sns.DeleteTopicInput, optFns ...func(*sns.Options)) (*sns.DeleteTopicOutput, error) {
	return a.s.DeleteTopic(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) GetTopicAttributes(ctx context.Context, in *sns.GetTopicAttributesInput, optFns ...func(*sns.Options)) (*sns.GetTopicAttributesOutput, error) {
	return a.s.GetTopicAttributes(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) SetTopicAttributes(ctx context.Context, in *sns.SetTopicAttributesInput, optFns ...func(*sns.Options)) (*sns.SetTopicAttributesOutput, error) {
	return a.s.SetTopicAttributes(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) TagResource(ctx context.Context, in *sns.TagResourceInput, optFns ...func(*sns.Options)) (*sns.TagResourceOutput, error) {
	return a.s.TagResource(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) UntagResource(ctx context.Context, in *sns.UntagResourceInput, optFns ...func(*sns.Options)) (*sns.UntagResourceOutput, error) {
	return a.s.UntagResource(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) ListTagsForResource(ctx context.Context, in *sns.ListTagsForResourceInput, optFns ...func(*sns.Options)) (*sns.ListTagsForResourceOutput, error) {
	return a.s.ListTagsForResource(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) Subscribe(ctx context.Context, in *sns.SubscribeInput, optFns ...func(*sns.Options)) (*sns.SubscribeOutput, error) {
	return a.s.Subscribe(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) ConfirmSubscription(ctx context.Context, in *sns.ConfirmSubscriptionInput, optFns ...func(*sns.Options)) (*sns.ConfirmSubscriptionOutput, error) {
	return a.s.ConfirmSubscription(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) Unsubscribe(ctx context.Context, in *sns.UnsubscribeInput, optFns ...func(*sns.Options)) (*sns.UnsubscribeOutput, error) {
	return a.s.Unsubscribe(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) ListSubscriptionsByTopic(ctx context.Context, in *sns.ListSubscriptionsByTopicInput, optFns ...func(*sns.Options)) (*sns.ListSubscriptionsByTopicOutput, error) {
	return a.s.ListSubscriptionsByTopic(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) GetSubscriptionAttributes(ctx context.Context, in *sns.GetSubscriptionAttributesInput, optFns ...func(*sns.Options)) (*sns.GetSubscriptionAttributesOutput, error) {
	return a.s.GetSubscriptionAttributes(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) SetSubscriptionAttributes(ctx context.Context, in *sns.SetSubscriptionAttributesInput, optFns ...func(*sns.Options)) (*sns.SetSubscriptionAttributesOutput, error) {
	return a.s.SetSubscriptionAttributes(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) ListSubscriptions(ctx context.Context, in *sns.ListSubscriptionsInput, optFns ...func(*sns.Options)) (*sns.ListSubscriptionsOutput, error) {
	return a.s.ListSubscriptions(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) AddPermission(ctx context.Context, in *sns.AddPermissionInput, optFns ...func(*sns.Options)) (*sns.AddPermissionOutput, error) {
	return a.s.AddPermission(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) RemovePermission(ctx context.Context, in *sns.RemovePermissionInput, optFns ...func(*sns.Options)) (*sns.RemovePermissionOutput, error) {
	return a.s.RemovePermission(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) GetDataProtectionPolicy(ctx context.Context, in *sns.GetDataProtectionPolicyInput, optFns ...func(*sns.Options)) (*sns.GetDataProtectionPolicyOutput, error) {
	return a.s.GetDataProtectionPolicy(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) PutDataProtectionPolicy(ctx context.Context, in *sns.PutDataProtectionPolicyInput, optFns ...func(*sns.Options)) (*sns.PutDataProtectionPolicyOutput, error) {
	return a.s.PutDataProtectionPolicy(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) CreatePlatformApplication(ctx context.Context, in *sns.CreatePlatformApplicationInput, optFns ...func(*sns.Options)) (*sns.CreatePlatformApplicationOutput, error) {
	return a.s.CreatePlatformApplication(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) GetPlatformApplicationAttributes(ctx context.Context, in *sns.GetPlatformApplicationAttributesInput, optFns ...func(*sns.Options)) (*sns.GetPlatformApplicationAttributesOutput, error) {
	return a.s.GetPlatformApplicationAttributes(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) SetPlatformApplicationAttributes(ctx context.Context, in *sns.SetPlatformApplicationAttributesInput, optFns ...func(*sns.Options)) (*sns.SetPlatformApplicationAttributesOutput, error) {
	return a.s.SetPlatformApplicationAttributes(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) DeletePlatformApplication(ctx context.Context, in *sns.DeletePlatformApplicationInput, optFns ...func(*sns.Options)) (*sns.DeletePlatformApplicationOutput, error) {
	return a.s.DeletePlatformApplication(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) ListPlatformApplications(ctx context.Context, in *sns.ListPlatformApplicationsInput, optFns ...func(*sns.Options)) (*sns.ListPlatformApplicationsOutput, error) {
	return a.s.ListPlatformApplications(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) CreatePlatformEndpoint(ctx context.Context, in *sns.CreatePlatformEndpointInput, optFns ...func(*sns.Options)) (*sns.CreatePlatformEndpointOutput, error) {
	return a.s.CreatePlatformEndpoint(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) GetEndpointAttributes(ctx context.Context, in *sns.GetEndpointAttributesInput, optFns ...func(*sns.Options)) (*sns.GetEndpointAttributesOutput, error) {
	return a.s.GetEndpointAttributes(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) SetEndpointAttributes(ctx context.Context, in *sns.SetEndpointAttributesInput, optFns ...func(*sns.Options)) (*sns.SetEndpointAttributesOutput, error) {
	return a.s.SetEndpointAttributes(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) DeleteEndpoint(ctx context.Context, in *sns.DeleteEndpointInput, optFns ...func(*sns.Options)) (*sns.DeleteEndpointOutput, error) {
	return a.s.DeleteEndpoint(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) ListEndpointsByPlatformApplication(ctx context.Context, in *sns.ListEndpointsByPlatformApplicationInput, optFns ...func(*sns.Options)) (*sns.ListEndpointsByPlatformApplicationOutput, error) {
	return a.s.ListEndpointsByPlatformApplication(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) GetSMSAttributes(ctx context.Context, in *sns.GetSMSAttributesInput, optFns ...func(*sns.Options)) (*sns.GetSMSAttributesOutput, error) {
	return a.s.GetSMSAttributes(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) SetSMSAttributes(ctx context.Context, in *sns.SetSMSAttributesInput, optFns ...func(*sns.Options)) (*sns.SetSMSAttributesOutput, error) {
	return a.s.SetSMSAttributes(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) CheckIfPhoneNumberIsOptedOut(ctx context.Context, in *sns.CheckIfPhoneNumberIsOptedOutInput, optFns ...func(*sns.Options)) (*sns.CheckIfPhoneNumberIsOptedOutOutput, error) {
	return a.s.CheckIfPhoneNumberIsOptedOut(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) ListPhoneNumbersOptedOut(ctx context.Context, in *sns.ListPhoneNumbersOptedOutInput, optFns ...func(*sns.Options)) (*sns.ListPhoneNumbersOptedOutOutput, error) {
	return a.s.ListPhoneNumbersOptedOut(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) OptInPhoneNumber(ctx context.Context, in *sns.OptInPhoneNumberInput, optFns ...func(*sns.Options)) (*sns.OptInPhoneNumberOutput, error) {
	return a.s.OptInPhoneNumber(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) GetSMSSandboxAccountStatus(ctx context.Context, in *sns.GetSMSSandboxAccountStatusInput, optFns ...func(*sns.Options)) (*sns.GetSMSSandboxAccountStatusOutput, error) {
	return a.s.GetSMSSandboxAccountStatus(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) CreateSMSSandboxPhoneNumber(ctx context.Context, in *sns.CreateSMSSandboxPhoneNumberInput, optFns ...func(*sns.Options)) (*sns.CreateSMSSandboxPhoneNumberOutput, error) {
	return a.s.CreateSMSSandboxPhoneNumber(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) VerifySMSSandboxPhoneNumber(ctx context.Context, in *sns.VerifySMSSandboxPhoneNumberInput, optFns ...func(*sns.Options)) (*sns.VerifySMSSandboxPhoneNumberOutput, error) {
	return a.s.VerifySMSSandboxPhoneNumber(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) DeleteSMSSandboxPhoneNumber(ctx context.Context, in *sns.DeleteSMSSandboxPhoneNumberInput, optFns ...func(*sns.Options)) (*sns.DeleteSMSSandboxPhoneNumberOutput, error) {
	return a.s.DeleteSMSSandboxPhoneNumber(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) ListSMSSandboxPhoneNumbers(ctx context.Context, in *sns.ListSMSSandboxPhoneNumbersInput, optFns ...func(*sns.Options)) (*sns.ListSMSSandboxPhoneNumbersOutput, error) {
	return a.s.ListSMSSandboxPhoneNumbers(ctx, in, a.opts(optFns)...)
}

func (a regionAPI) ListOriginationNumbers(ctx context.Context, in *sns.ListOriginationNumbersInput, optFns ...func(*sns.Options)) (*sns.ListOriginationNumbersOutput, error) {
	return a.s.ListOriginationNumbers(ctx, in, a.opts(optFns)...)
}
