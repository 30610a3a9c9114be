package integration

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// ListSubscriptions follows fauxqs's pages through the SDK's wire format
// and finds every subscription of every topic. (fauxqs lists every
// region's; the conformance suite declares that quirk, so this test only
// asks for its own subscriptions.)
func TestIntegrationListSubscriptionsFollowsPages(t *testing.T) {
	srv := emulator.Need(t)
	ctx := context.Background()
	r := region.EUNorth1
	c, tr := emulatorClient(t, srv)
	want := map[string]bool{}
	for i := range 2 {
		arn := createTopic(t, srv, r, fauxqs.UniqueName("allsubs"), nil)
		for j := range 60 {
			q := must[model.Endpoint](t)(model.SQSEndpoint(fmt.Sprintf("arn:aws:sqs:%s:000000000000:%s-%d-%d", r, fauxqs.UniqueName("q"), i, j)))
			sub := must[model.Subscription](t)(c.Subscribe(ctx, r, model.SubscribeRequest{Topic: model.Topic{ARN: arn}, Endpoint: q}))
			want[sub.ARN] = true
		}
	}
	before := tr.n.Load()
	found := 0
	for s, err := range c.ListSubscriptionsIter(ctx, r) {
		if err != nil {
			t.Fatal(err)
		}
		if want[s.ARN] {
			found++
			delete(want, s.ARN)
		}
	}
	if found != 120 || len(want) != 0 {
		t.Errorf("found %d of 120 subscriptions", found)
	}
	if pages := tr.n.Load() - before; pages < 2 {
		t.Errorf("%d requests for over 120 subscriptions; want pages of 100", pages)
	}

	// Invalid input never reaches the emulator.
	before = tr.n.Load()
	_, err := c.CheckIfPhoneNumberIsOptedOut(ctx, r, "0044 7700 900123")
	var e *snsconnector.Error
	if !errors.As(err, &e) || !errors.Is(err, model.ErrInvalid) {
		t.Errorf("bad number: %v", err)
	}
	if n := tr.n.Load() - before; n != 0 {
		t.Errorf("%d requests for invalid input", n)
	}
}
