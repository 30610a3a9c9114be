package snsconnector

import (
	"context"
	"errors"
	"iter"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// repeatingAPI answers every listing with one item and the same NextToken,
// as a broken peer would, counting the calls.
type repeatingAPI struct {
	API
	calls int
}

var same = aws.String("same-token")

func (a *repeatingAPI) ListSubscriptions(context.Context, *sns.ListSubscriptionsInput, ...func(*sns.Options)) (*sns.ListSubscriptionsOutput, error) {
	a.calls++
	return &sns.ListSubscriptionsOutput{Subscriptions: []types.Subscription{{SubscriptionArn: aws.String(topicARN + ":1")}}, NextToken: same}, nil
}

func (a *repeatingAPI) ListPlatformApplications(context.Context, *sns.ListPlatformApplicationsInput, ...func(*sns.Options)) (*sns.ListPlatformApplicationsOutput, error) {
	a.calls++
	return &sns.ListPlatformApplicationsOutput{PlatformApplications: []types.PlatformApplication{{PlatformApplicationArn: aws.String(appARN)}}, NextToken: same}, nil
}

func (a *repeatingAPI) ListEndpointsByPlatformApplication(context.Context, *sns.ListEndpointsByPlatformApplicationInput, ...func(*sns.Options)) (*sns.ListEndpointsByPlatformApplicationOutput, error) {
	a.calls++
	return &sns.ListEndpointsByPlatformApplicationOutput{Endpoints: []types.Endpoint{{EndpointArn: aws.String(appARN)}}, NextToken: same}, nil
}

func (a *repeatingAPI) ListPhoneNumbersOptedOut(context.Context, *sns.ListPhoneNumbersOptedOutInput, ...func(*sns.Options)) (*sns.ListPhoneNumbersOptedOutOutput, error) {
	a.calls++
	return &sns.ListPhoneNumbersOptedOutOutput{PhoneNumbers: []string{"+14155550100"}, NextToken: same}, nil
}

func (a *repeatingAPI) ListSMSSandboxPhoneNumbers(context.Context, *sns.ListSMSSandboxPhoneNumbersInput, ...func(*sns.Options)) (*sns.ListSMSSandboxPhoneNumbersOutput, error) {
	a.calls++
	return &sns.ListSMSSandboxPhoneNumbersOutput{PhoneNumbers: []types.SMSSandboxPhoneNumber{{PhoneNumber: aws.String("+14155550100")}}, NextToken: same}, nil
}

func (a *repeatingAPI) ListOriginationNumbers(context.Context, *sns.ListOriginationNumbersInput, ...func(*sns.Options)) (*sns.ListOriginationNumbersOutput, error) {
	a.calls++
	return &sns.ListOriginationNumbersOutput{PhoneNumbers: []types.PhoneNumberInformation{{PhoneNumber: aws.String("+18775550100")}}, NextToken: same}, nil
}

func (a *repeatingAPI) ListTopics(context.Context, *sns.ListTopicsInput, ...func(*sns.Options)) (*sns.ListTopicsOutput, error) {
	a.calls++
	return &sns.ListTopicsOutput{Topics: []types.Topic{{TopicArn: aws.String(topicARN)}}, NextToken: same}, nil
}

func (a *repeatingAPI) ListSubscriptionsByTopic(context.Context, *sns.ListSubscriptionsByTopicInput, ...func(*sns.Options)) (*sns.ListSubscriptionsByTopicOutput, error) {
	a.calls++
	return &sns.ListSubscriptionsByTopicOutput{Subscriptions: []types.Subscription{{SubscriptionArn: aws.String(topicARN + ":1")}}, NextToken: same}, nil
}

const appARN = "arn:aws:sns:eu-west-1:123456789012:app/GCM/my-app"

// drain runs a listing to its end and returns how many items it yielded
// and its error.
func drain[T any](seq iter.Seq2[T, error]) (n int, err error) {
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// Every listing stops, with an error, at a peer that repeats its token,
// instead of looping forever; and it yields what came before.
func TestEveryListingRefusesARepeatedToken(t *testing.T) {
	ctx := context.Background()
	r := region.EUWest1
	listings := map[string]func(c *Client) (int, error){
		"ListTopics": func(c *Client) (int, error) { return drain(c.ListTopicsIter(ctx, r)) },
		"ListSubscriptionsByTopic": func(c *Client) (int, error) {
			return drain(c.ListSubscriptionsByTopicIter(ctx, r, model.Topic{ARN: topicARN}))
		},
		"ListSubscriptions":        func(c *Client) (int, error) { return drain(c.ListSubscriptionsIter(ctx, r)) },
		"ListPlatformApplications": func(c *Client) (int, error) { return drain(c.ListPlatformApplicationsIter(ctx, r)) },
		"ListEndpointsByPlatformApplication": func(c *Client) (int, error) {
			return drain(c.ListEndpointsByPlatformApplicationIter(ctx, r, appARN))
		},
		"ListPhoneNumbersOptedOut":   func(c *Client) (int, error) { return drain(c.ListPhoneNumbersOptedOutIter(ctx, r)) },
		"ListSMSSandboxPhoneNumbers": func(c *Client) (int, error) { return drain(c.ListSMSSandboxPhoneNumbersIter(ctx, r)) },
		"ListOriginationNumbers":     func(c *Client) (int, error) { return drain(c.ListOriginationNumbersIter(ctx, r)) },
	}
	for op, list := range listings {
		t.Run(op, func(t *testing.T) {
			api := &repeatingAPI{}
			n, err := list(newTestClient(t, api))
			var e *Error
			if !errors.Is(err, errRepeatedToken) || !errors.As(err, &e) || e.Op != op || e.Region != r {
				t.Fatalf("got %v; want the repeated-token error of %s", err, op)
			}
			if api.calls != 2 || n != 2 {
				t.Errorf("%d calls yielding %d items; want 2 pages of 1", api.calls, n)
			}
		})
	}
}

func TestListingsStopOnCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	api := &repeatingAPI{}
	c := newTestClient(t, api)
	if _, err := c.ListSubscriptions(ctx, region.EUWest1); !errors.Is(err, context.Canceled) {
		t.Errorf("ListSubscriptions: %v", err)
	}
	if _, err := c.ListOriginationNumbers(ctx, region.EUWest1); !errors.Is(err, context.Canceled) {
		t.Errorf("ListOriginationNumbers: %v", err)
	}
}
