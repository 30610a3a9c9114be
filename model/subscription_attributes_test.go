package model

import (
	"slices"
	"testing"
)

func TestParseSubscriptionDetails(t *testing.T) {
	raw := map[string]string{
		"SubscriptionArn":              subARN,
		"TopicArn":                     subTopic,
		"Protocol":                     "sqs",
		"Endpoint":                     queueARN,
		"Owner":                        "123456789012",
		"PendingConfirmation":          "false",
		"ConfirmationWasAuthenticated": "true",
		"RawMessageDelivery":           "true",
		"FilterPolicy":                 `{"detail": {"kind": ["order_placed"]}}`,
		"FilterPolicyScope":            "MessageBody",
		"RedrivePolicy":                `{"deadLetterTargetArn":"` + dlqARN + `"}`,
		"EffectiveDeliveryPolicy":      `{"healthyRetryPolicy":{"numRetries":3}}`,
		"SubscriptionPrincipal":        "arn:aws:iam::123456789012:user/ops",
	}
	d := ParseSubscriptionDetails(raw)
	want := Subscription{ARN: subARN, TopicARN: subTopic, Protocol: ProtocolSQS, Endpoint: queueARN, Owner: "123456789012"}
	if d.Subscription != want {
		t.Errorf("subscription %+v", d.Subscription)
	}
	if !d.ConfirmationWasAuthenticated || !d.RawMessageDelivery || d.DeadLetterQueueARN != dlqARN ||
		d.RedrivePolicy != raw["RedrivePolicy"] || d.EffectiveDeliveryPolicy != raw["EffectiveDeliveryPolicy"] ||
		d.DeliveryPolicy != "" || d.SubscriptionRoleARN != "" {
		t.Errorf("details %+v", d)
	}
	if !d.HasFilterPolicy() || d.FilterPolicy.Scope() != FilterScopeMessageBody {
		t.Fatalf("filter policy %v scope %s", d.HasFilterPolicy(), d.FilterPolicy.Scope())
	}
	if js := mustJSON(t, d.FilterPolicy); js != `{"detail":{"kind":["order_placed"]}}` {
		t.Errorf("filter policy read back as %s", js)
	}
	if d.Raw["SubscriptionPrincipal"] == "" {
		t.Error("Raw lost an attribute")
	}
}

func TestParseSubscriptionDetailsEdgeCases(t *testing.T) {
	pending := ParseSubscriptionDetails(map[string]string{"PendingConfirmation": "true", "Protocol": "https", "SubscriptionArn": subARN})
	if !pending.Subscription.Pending || pending.Subscription.ARN != subARN {
		t.Errorf("pending: %+v", pending.Subscription)
	}
	placeholder := ParseSubscriptionDetails(map[string]string{"SubscriptionArn": "PendingConfirmation"})
	if !placeholder.Subscription.Pending || placeholder.Subscription.ARN != "" {
		t.Errorf("placeholder ARN: %+v", placeholder.Subscription)
	}
	for _, policy := range []string{"", "{}", " {} "} {
		d := ParseSubscriptionDetails(map[string]string{"FilterPolicy": policy})
		if d.HasFilterPolicy() || !d.FilterPolicy.IsEmpty() {
			t.Errorf("policy %q read as a filter", policy)
		}
	}
	// A scope-less policy is a MessageAttributes one, as in SNS.
	d := ParseSubscriptionDetails(map[string]string{"FilterPolicy": `{"store":["a"]}`})
	if d.FilterPolicy.IsEmpty() || d.FilterPolicy.Scope() != FilterScopeMessageAttributes {
		t.Errorf("scope-less policy: %+v", d.FilterPolicy)
	}
	// A policy this package cannot read is reported as present, not lost.
	d = ParseSubscriptionDetails(map[string]string{"FilterPolicy": `{"store":[{"regex":"a*"}]}`})
	if !d.HasFilterPolicy() || !d.FilterPolicy.IsEmpty() {
		t.Errorf("unreadable policy: has %v empty %v", d.HasFilterPolicy(), d.FilterPolicy.IsEmpty())
	}
	if d := ParseSubscriptionDetails(map[string]string{"RedrivePolicy": "not json"}); d.DeadLetterQueueARN != "" || d.RedrivePolicy != "not json" {
		t.Errorf("bad redrive policy: %+v", d)
	}
}

func TestSubscriptionAttributeChanges(t *testing.T) {
	sub, err := ParseSubscriptionARN(subARN)
	if err != nil {
		t.Fatal(err)
	}
	attrsPolicy := NewFilterPolicy(FilterScopeMessageAttributes).Where("store", StringEquals("a"))
	bodyPolicy := NewFilterPolicy(FilterScopeMessageBody).WhereNested("detail", FilterPolicy{}.Where("kind", Exists()))
	tests := []struct {
		name string
		ch   SubscriptionAttributeChange
		want []SubscriptionAttribute
	}{
		{"raw on", SetRawMessageDelivery(true), []SubscriptionAttribute{{"RawMessageDelivery", "true"}}},
		{"raw off", SetRawMessageDelivery(false), []SubscriptionAttribute{{"RawMessageDelivery", "false"}}},
		{"attributes policy: policy, then scope", SetFilterPolicy(attrsPolicy),
			[]SubscriptionAttribute{{"FilterPolicy", `{"store":["a"]}`}, {"FilterPolicyScope", "MessageAttributes"}}},
		{"body policy: scope, then policy", SetFilterPolicy(bodyPolicy),
			[]SubscriptionAttribute{{"FilterPolicyScope", "MessageBody"}, {"FilterPolicy", `{"detail":{"kind":[{"exists":true}]}}`}}},
		{"clear policy", ClearFilterPolicy(), []SubscriptionAttribute{{"FilterPolicy", "{}"}}},
		{"redrive", SetRedrivePolicy(dlqARN), []SubscriptionAttribute{{"RedrivePolicy", `{"deadLetterTargetArn":"` + dlqARN + `"}`}}},
		{"delivery policy", SetSubscriptionDeliveryPolicy(`{"throttlePolicy":{"maxReceivesPerSecond":5}}`),
			[]SubscriptionAttribute{{"DeliveryPolicy", `{"throttlePolicy":{"maxReceivesPerSecond":5}}`}}},
		{"role", SetSubscriptionRoleARN(roleARN), []SubscriptionAttribute{{"SubscriptionRoleArn", roleARN}}},
		{"raw attribute", SetRawSubscriptionAttribute("SomeFutureAttribute", "x"),
			[]SubscriptionAttribute{{"SomeFutureAttribute", "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.ch.Validate(sub); err != nil {
				t.Fatal(err)
			}
			if got := tt.ch.Writes(); !slices.Equal(got, tt.want) {
				t.Errorf("writes %v\nwant   %v", got, tt.want)
			}
		})
	}
}

func TestSubscriptionAttributeChangesRejected(t *testing.T) {
	sub, _ := ParseSubscriptionARN(subARN)
	fifoSub, _ := ParseSubscriptionARN(subFIFOARN)
	tests := []struct {
		name  string
		sub   SubscriptionARN
		ch    SubscriptionAttributeChange
		field string
		rule  Rule
	}{
		{"zero change", sub, SubscriptionAttributeChange{}, "SubscriptionAttributeChange.Name", RuleRequired},
		{"empty policy", sub, SetFilterPolicy(FilterPolicy{}), "FilterPolicy", RuleRequired},
		{"nested attributes policy", sub, SetFilterPolicy(NewFilterPolicy("").WhereNested("a", FilterPolicy{}.Where("b", Exists()))), `FilterPolicy["a"]`, RuleForbidden},
		{"redrive not SQS", sub, SetRedrivePolicy(functionARN), "SubscriptionOptions.DeadLetterQueueARN", RuleFormat},
		{"redrive in another region", sub, SetRedrivePolicy("arn:aws:sqs:eu-west-1:123456789012:dlq"), "SubscriptionOptions.DeadLetterQueueARN", RuleConflict},
		{"standard redrive for FIFO", fifoSub, SetRedrivePolicy(dlqARN), "SubscriptionOptions.DeadLetterQueueARN", RuleConflict},
		{"delivery policy not an object", sub, SetSubscriptionDeliveryPolicy(`["x"]`), "SubscriptionOptions.DeliveryPolicy", RuleFormat},
		{"role not IAM", sub, SetSubscriptionRoleARN(queueARN), "Endpoint.SubscriptionRoleARN", RuleFormat},
		{"raw with no name", sub, SetRawSubscriptionAttribute("", "x"), "SubscriptionAttributeChange.Name", RuleRequired},
		{"raw bypassing a typed setter", sub, SetRawSubscriptionAttribute("FilterPolicyScope", "MessageBody"), `SubscriptionAttributes["FilterPolicyScope"]`, RuleConflict},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			expectProblem(t, tt.ch.Validate(tt.sub), tt.field, tt.rule)
		})
	}
	// A FIFO DLQ suits a FIFO subscription.
	if err := SetRedrivePolicy(fifoDLQ).Validate(fifoSub); err != nil {
		t.Error(err)
	}
}

// A change built by hand, bypassing the Set... functions, is still checked
// by its name and value.
func TestHandBuiltSubscriptionAttributeChanges(t *testing.T) {
	sub, _ := ParseSubscriptionARN(subARN)
	tests := []struct {
		name, value, field string
		rule               Rule
	}{
		{"RawMessageDelivery", "yes", "SubscriptionOptions.RawMessageDelivery", RuleFormat},
		{"FilterPolicy", `{"a":`, "FilterPolicy", RuleFormat},
		{"FilterPolicy", `{"a":[{"numeric":[">",5,"<",1]}]}`, `FilterPolicy["a"][0]["numeric"]`, RuleConflict},
		{"FilterPolicyScope", "Body", "FilterPolicyScope", RuleFormat},
		{"RedrivePolicy", `{}`, "SubscriptionOptions.DeadLetterQueueARN", RuleFormat},
		{"RedrivePolicy", `{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:123456789012:dlq"}`, "SubscriptionOptions.DeadLetterQueueARN", RuleConflict},
		{"DeliveryPolicy", "retry twice", "SubscriptionOptions.DeliveryPolicy", RuleFormat},
		{"SubscriptionRoleArn", queueARN, "Endpoint.SubscriptionRoleARN", RuleFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name+" "+tt.value, func(t *testing.T) {
			ch := SubscriptionAttributeChange{Name: tt.name, Value: tt.value}
			expectProblem(t, ch.Validate(sub), tt.field, tt.rule)
		})
	}
	// Well-formed hand-built changes pass, and write what they say.
	for _, ch := range []SubscriptionAttributeChange{
		{Name: "FilterPolicy", Value: `{"detail":{"kind":["x"]}}`},
		{Name: "FilterPolicy", Value: "{}"},
		{Name: "FilterPolicyScope", Value: "MessageBody"},
		{Name: "RedrivePolicy", Value: `{"deadLetterTargetArn":"` + dlqARN + `"}`},
	} {
		if err := ch.Validate(sub); err != nil {
			t.Errorf("%s %s: %v", ch.Name, ch.Value, err)
		}
		if w := ch.Writes(); len(w) != 1 || w[0] != (SubscriptionAttribute{ch.Name, ch.Value}) {
			t.Errorf("writes %v", w)
		}
	}
}
