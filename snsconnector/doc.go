// Package snsconnector publishes to and manages Amazon SNS topics with a
// small, typed API over aws-sdk-go-v2.
//
// A [Client] is made once with [New] and shared: it is safe for concurrent
// use, creates one SDK client per region on first use and reuses it. Every
// request is validated (see package model) before anything is sent, an
// ARN of another region or partition than the call's included, and
// every failure is an *[Error] that names the operation, region and topic
// and wraps the cause, so errors.As reaches both *model.ValidationError and
// the SDK's modeled errors such as *types.NotFoundException.
//
//	client, err := snsconnector.New(ctx)
//	ok, err := client.Publish(ctx, region.EUWest1, model.PublishRequest{
//		Topic:   model.Topic{ARN: "arn:aws:sns:eu-west-1:123456789012:orders"},
//		Message: model.Message{Body: "order 42 shipped"},
//	})
//
// Operations are methods named after the SNS action they perform, one file
// each: topics ([Client.CreateTopic], [Client.GetTopicAttributes],
// [Client.SetTopicAttributes], tags, [Client.DeleteTopic], and
// [Client.ResolveTopic] to address a topic by name), subscriptions
// ([Client.Subscribe] with typed endpoints and filter policies,
// [Client.ConfirmSubscription], [Client.ListSubscriptionsByTopic],
// [Client.Unsubscribe]), and publishing to a topic, a phone number
// ([Client.PublishSMS]) or a device ([Client.PublishToEndpoint]).
//
// To publish many messages, [Client.PublishBatch] takes any number and
// reports each one's outcome; a [Publisher] batches a stream of messages
// from many goroutines (see [PublishSettings]).
//
// Messages larger than SNS takes go through S3 with
// [WithPayloadOffloading] (package offload), on the wire compatible with
// AWS's extended client libraries.
//
// Credentials come from the AWS default chain, or from a named profile
// with [WithProfile] (package auth: static keys, IAM Roles Anywhere).
//
// Tests put a fake behind the narrow [API] interface with [WithAPIFactory]:
// package snstest is an in-memory SNS made for it.
package snsconnector
