package snsconnector

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// TestEveryCallRefusesAnARNOfAnotherRegion: every operation that takes a
// region and an ARN refuses an ARN of another region, or of another
// partition, with a *model.ValidationError naming the field, and sends
// nothing: the stub behind the real SDK client counts zero requests. The
// method set is walked, so an operation added later without a case here
// fails the test.
func TestEveryCallRefusesAnARNOfAnotherRegion(t *testing.T) {
	const (
		topicARN = "arn:aws:sns:eu-west-1:123456789012:orders"
		subARN   = topicARN + ":6a1b0c2d-3e4f-5a6b-7c8d-9e0f1a2b3c4d"
		queueARN = "arn:aws:sqs:eu-west-1:123456789012:orders-queue"
		pushARN  = "arn:aws:sns:eu-west-1:123456789012:endpoint/GCM/my-app/5e3e9847-3183-3f18-a7e8-671c3a57d4b3"
		appARN   = "arn:aws:sns:eu-west-1:123456789012:app/GCM/my-app"
	)
	topic := model.Topic{ARN: topicARN}
	msg := model.Message{Body: "x"}
	queue, err := model.SQSEndpoint(queueARN)
	if err != nil {
		t.Fatal(err)
	}
	device, err := model.ApplicationEndpoint(pushARN)
	if err != nil {
		t.Fatal(err)
	}
	ops := map[string]struct {
		field string
		call  func(context.Context, *Client, region.Region) error
	}{
		"ConfirmSubscription": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.ConfirmSubscription(ctx, r, topic, "token", false)
			return err
		}},
		"DeleteTopic": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			return c.DeleteTopic(ctx, r, topic)
		}},
		"GetSubscriptionAttributes": {"SubscriptionARN", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.GetSubscriptionAttributes(ctx, r, subARN)
			return err
		}},
		"GetTopicAttributes": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.GetTopicAttributes(ctx, r, topic)
			return err
		}},
		"ListSubscriptionsByTopic": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.ListSubscriptionsByTopic(ctx, r, topic)
			return err
		}},
		"ListSubscriptionsByTopicIter": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			for _, err := range c.ListSubscriptionsByTopicIter(ctx, r, topic) {
				return err
			}
			return nil
		}},
		"ListTagsForResource": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.ListTagsForResource(ctx, r, topic)
			return err
		}},
		"NewPublisher": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			p, err := c.NewPublisher(r, topic, PublishSettings{})
			if p != nil {
				p.Close(ctx)
			}
			return err
		}},
		"Publish": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.Publish(ctx, r, model.PublishRequest{Topic: topic, Message: msg})
			return err
		}},
		"PublishBatch": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			resp, err := c.PublishBatch(ctx, r, topic, []model.Message{msg, msg})
			for i, res := range resp.Results {
				if !errors.Is(res.Err, &model.ValidationError{Field: "Topic.ARN", Rule: model.RuleConflict}) {
					t.Errorf("PublishBatch in %s: result %d: %v", r, i, res.Err)
				}
			}
			return err
		}},
		"PublishToEndpoint": {"Endpoint.Address", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.PublishToEndpoint(ctx, r, device, msg)
			return err
		}},
		"PublishWithResponse": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.PublishWithResponse(ctx, r, model.PublishRequest{Topic: topic, Message: msg})
			return err
		}},
		"SetSubscriptionAttributes": {"SubscriptionARN", func(ctx context.Context, c *Client, r region.Region) error {
			return c.SetSubscriptionAttributes(ctx, r, subARN, model.SetRawMessageDelivery(true))
		}},
		"SetTopicAttributes": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			return c.SetTopicAttributes(ctx, r, topic, model.SetDisplayName("Orders"))
		}},
		"Subscribe": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.Subscribe(ctx, r, model.SubscribeRequest{Topic: topic, Endpoint: queue})
			return err
		}},
		"TagResource": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			return c.TagResource(ctx, r, topic, model.Tags{"team": "orders"})
		}},
		"Unsubscribe": {"SubscriptionARN", func(ctx context.Context, c *Client, r region.Region) error {
			return c.Unsubscribe(ctx, r, subARN)
		}},
		"UntagResource": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			return c.UntagResource(ctx, r, topic, "team")
		}},
		"AddPermission": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			return c.AddPermission(ctx, r, topic, model.Permission{Label: "p", AccountIDs: []string{"111122223333"}, Actions: []string{"Publish"}})
		}},
		"RemovePermission": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			return c.RemovePermission(ctx, r, topic, "p")
		}},
		"GetDataProtectionPolicy": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.GetDataProtectionPolicy(ctx, r, topic)
			return err
		}},
		"PutDataProtectionPolicy": {"Topic.ARN", func(ctx context.Context, c *Client, r region.Region) error {
			return c.PutDataProtectionPolicy(ctx, r, topic, `{"Name":"p"}`)
		}},
		"GetPlatformApplicationAttributes": {"PlatformApplicationARN", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.GetPlatformApplicationAttributes(ctx, r, appARN)
			return err
		}},
		"SetPlatformApplicationAttributes": {"PlatformApplicationARN", func(ctx context.Context, c *Client, r region.Region) error {
			return c.SetPlatformApplicationAttributes(ctx, r, appARN, model.SetPlatformSuccessSampleRate(5))
		}},
		"DeletePlatformApplication": {"PlatformApplicationARN", func(ctx context.Context, c *Client, r region.Region) error {
			return c.DeletePlatformApplication(ctx, r, appARN)
		}},
		"CreatePlatformEndpoint": {"PlatformApplicationARN", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.CreatePlatformEndpoint(ctx, r, model.CreatePlatformEndpointRequest{Application: appARN, Token: "t"})
			return err
		}},
		"ListEndpointsByPlatformApplication": {"PlatformApplicationARN", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.ListEndpointsByPlatformApplication(ctx, r, appARN)
			return err
		}},
		"ListEndpointsByPlatformApplicationIter": {"PlatformApplicationARN", func(ctx context.Context, c *Client, r region.Region) error {
			for _, err := range c.ListEndpointsByPlatformApplicationIter(ctx, r, appARN) {
				return err
			}
			return nil
		}},
		"GetEndpointAttributes": {"EndpointARN", func(ctx context.Context, c *Client, r region.Region) error {
			_, err := c.GetEndpointAttributes(ctx, r, pushARN)
			return err
		}},
		"SetEndpointAttributes": {"EndpointARN", func(ctx context.Context, c *Client, r region.Region) error {
			return c.SetEndpointAttributes(ctx, r, pushARN, model.SetEndpointEnabled(true))
		}},
		"DeleteEndpoint": {"EndpointARN", func(ctx context.Context, c *Client, r region.Region) error {
			return c.DeleteEndpoint(ctx, r, pushARN)
		}},
	}
	// The methods that take a region and no ARN.
	noARN := map[string]bool{"API": true, "CreateTopic": true, "ListTopics": true, "ListTopicsIter": true, "PublishSMS": true, "ResolveTopic": true,
		"ListSubscriptions": true, "ListSubscriptionsIter": true,
		"CreatePlatformApplication": true, "ListPlatformApplications": true, "ListPlatformApplicationsIter": true,
		"GetSMSAttributes": true, "SetSMSAttributes": true, "CheckIfPhoneNumberIsOptedOut": true, "OptInPhoneNumber": true,
		"ListPhoneNumbersOptedOut": true, "ListPhoneNumbersOptedOutIter": true, "GetSMSSandboxAccountStatus": true,
		"CreateSMSSandboxPhoneNumber": true, "VerifySMSSandboxPhoneNumber": true, "DeleteSMSSandboxPhoneNumber": true,
		"ListSMSSandboxPhoneNumbers": true, "ListSMSSandboxPhoneNumbersIter": true, "ListOriginationNumbers": true, "ListOriginationNumbersIter": true}
	regionType := reflect.TypeFor[region.Region]()
	ct := reflect.TypeFor[*Client]()
	for i := range ct.NumMethod() {
		m := ct.Method(i)
		for j := range m.Type.NumIn() {
			if m.Type.In(j) != regionType {
				continue
			}
			if _, ok := ops[m.Name]; !ok && !noARN[m.Name] {
				t.Errorf("Client.%s takes a region: add it to this table, or to noARN if it takes no ARN", m.Name)
			}
		}
	}

	stub := newStub(t)
	requests := &forwardingCounter{}
	ctx := context.Background()
	c, err := New(ctx, WithStaticCredentials("AKIDEXAMPLE", "secret", ""), WithEndpoint(stub.URL), WithRetryMaxAttempts(1), WithHTTPClient(requests))
	if err != nil {
		t.Fatal(err)
	}
	for name, op := range ops {
		// us-east-1: another region; cn-north-1: another partition too.
		for _, r := range []region.Region{region.USEast1, region.CNNorth1} {
			before := requests.n.Load()
			err := op.call(ctx, c, r)
			var ve *model.ValidationError
			if !errors.As(err, &ve) || ve.Field != op.field || ve.Rule != model.RuleConflict {
				t.Errorf("%s in %s: %v; want a %s error on %s", name, r, err, model.RuleConflict, op.field)
			}
			var e *Error
			if !errors.As(err, &e) || e.Region != r {
				t.Errorf("%s in %s: not an *Error naming the region: %v", name, r, err)
			}
			if n := requests.n.Load() - before; n != 0 {
				t.Errorf("%s in %s: %d requests reached the stub", name, r, n)
			}
		}
	}
	// The stub does count: the topic's own region reaches it (the fake has
	// no such topic, which is beside the point).
	before := requests.n.Load()
	if _, err := c.Publish(ctx, region.EUWest1, model.PublishRequest{Topic: topic, Message: msg}); requests.n.Load() != before+1 {
		t.Fatalf("publishing in the topic's region: %v, %d requests", err, requests.n.Load()-before)
	}
}

// forwardingCounter counts the requests that leave and sends them.
type forwardingCounter struct{ n atomic.Int64 }

func (c *forwardingCounter) Do(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return http.DefaultClient.Do(r)
}
