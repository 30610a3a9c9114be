package conformance

import (
	"context"
	"encoding/base64"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/internal/filterguide"
)

// guideGroup is the examples that share a policy and scope: one topic and
// one subscription, to which their messages are published.
type guideGroup struct {
	scope, policy string
	examples      []filterguide.Example
	queue         Queue
}

// testFilterPolicyGuideExamples runs every filter example of the developer
// guide (internal/filterguide, the table model's unit test runs too)
// through the peer: a queue subscribed with the example's policy, the
// example's message published, and the message delivered exactly when the
// guide says the policy matches it, or, where the peer declares a
// mismatch, exactly when the guide says it does not.
//
// A topic gets only the messages of its policy's examples, so every
// delivery is accounted for. Every topic is set up and published to first,
// then every queue is read at once: the wait for the last delivery and the
// quiet period after it are paid once, not once per example.
func testFilterPolicyGuideExamples(t *testing.T, h Harness) {
	examples, err := filterguide.Examples()
	must(t, err, "reading the guide's examples")
	mismatches := h.Quirks().FilterExampleMismatches
	known := map[string]bool{}
	var groups []*guideGroup
	index := map[[2]string]*guideGroup{}
	for _, ex := range examples {
		known[ex.ID] = true
		key := [2]string{ex.Scope, ex.Policy}
		g := index[key]
		if g == nil {
			g = &guideGroup{scope: ex.Scope, policy: ex.Policy}
			index[key] = g
			groups = append(groups, g)
		}
		g.examples = append(g.examples, ex)
	}
	for id := range mismatches {
		if !known[id] {
			t.Errorf("the peer declares a mismatch on %q, which is no example of the guide's", id)
		}
	}

	ctx := context.Background()
	api := h.API(mainRegion)
	for _, g := range groups {
		arn := createTopic(t, h, mainRegion, uniqueName("guide"), nil)
		g.queue, _ = subscribeQueue(t, h, arn, withRaw(map[string]string{"FilterPolicy": g.policy, "FilterPolicyScope": g.scope}))
		published := map[string]bool{}
		for _, ex := range g.examples {
			in := guideMessage(t, arn, ex)
			if published[*in.Message] {
				continue // the same message for the same policy: one delivery answers both
			}
			published[*in.Message] = true
			if _, err := api.Publish(ctx, in); err != nil {
				t.Errorf("%s: Publish: %v", ex.ID, err)
			}
		}
	}

	var wg sync.WaitGroup
	for _, g := range groups {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g.check(t, mismatches)
		}()
	}
	wg.Wait()
}

// guideMessage is the Publish of an example's message. A message for a
// policy on message attributes carries the example's ID as its body, so its
// delivery names the example; a body is published as the example writes
// it.
func guideMessage(t *testing.T, topicARN string, ex filterguide.Example) *sns.PublishInput {
	in := &sns.PublishInput{TopicArn: aws.String(topicARN), Message: aws.String(deliveredAs(ex))}
	if ex.Scope == filterguide.ScopeBody {
		return in
	}
	in.MessageAttributes = map[string]types.MessageAttributeValue{}
	for _, a := range ex.Attributes {
		v := types.MessageAttributeValue{DataType: aws.String(a.Type)}
		if strings.HasPrefix(a.Type, "Binary") {
			b, err := base64.StdEncoding.DecodeString(a.Value)
			if err != nil {
				t.Fatalf("%s: attribute %s: %v", ex.ID, a.Name, err)
			}
			v.BinaryValue = b
		} else {
			v.StringValue = aws.String(a.Value)
		}
		in.MessageAttributes[a.Name] = v
	}
	return in
}

// deliveredAs is the body the example's message arrives with.
func deliveredAs(ex filterguide.Example) string {
	if ex.Scope == filterguide.ScopeBody {
		return ex.Body
	}
	return ex.ID
}

// check reads the group's queue and compares each example's delivery with
// what the peer should do: the guide's verdict, or its opposite where the
// peer declares a mismatch.
func (g *guideGroup) check(t *testing.T, mismatches map[string]string) {
	want := map[string]bool{} // body → to be delivered
	expect := 0
	for _, ex := range g.examples {
		body := deliveredAs(ex)
		if w := ex.Match != (mismatches[ex.ID] != ""); w && !want[body] {
			want[body] = true
			expect++
		}
	}
	got, err := g.queue.Receive(context.Background(), expect, deliveryWait)
	if err == nil {
		var more []Received
		more, err = g.queue.Receive(context.Background(), 10, quietWait)
		got = append(got, more...)
	}
	if err != nil {
		t.Errorf("%s policy %s: Receive: %v", g.scope, g.policy, err)
		return
	}
	delivered := map[string]bool{}
	for _, m := range got {
		delivered[m.Body] = true
	}
	for _, ex := range g.examples {
		got, why := delivered[deliveredAs(ex)], mismatches[ex.ID]
		switch {
		case why == "" && got != ex.Match:
			t.Errorf("%s (%s): %s policy %s, message %s: delivered %v; the guide says %v",
				ex.ID, pageOf(ex), g.scope, g.policy, describe(ex), got, ex.Match)
		case why != "" && got == ex.Match:
			t.Errorf("%s (%s): delivered %v as the guide says, though the peer declares it does not (%s): remove the mismatch",
				ex.ID, pageOf(ex), got, why)
		}
	}
}

func pageOf(ex filterguide.Example) string {
	if ex.Page == "" {
		return "a case of ours"
	}
	return ex.Page
}

func describe(ex filterguide.Example) string {
	if ex.Scope == filterguide.ScopeBody {
		return "body " + ex.Body
	}
	parts := make([]string, len(ex.Attributes))
	for i, a := range ex.Attributes {
		parts[i] = a.Name + " " + a.Type + " " + a.Value
	}
	return "attributes [" + strings.Join(parts, "; ") + "]"
}
