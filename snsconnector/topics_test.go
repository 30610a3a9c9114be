package snsconnector

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
)

// topicsAPI is a fake with topics, attributes and tags, and call counts.
type topicsAPI struct {
	mockAPI
	mu       sync.Mutex
	attrs    map[string]map[string]string // topic ARN -> attributes
	tags     map[string]map[string]string
	getCalls int
	sets     []string // "name=value"
	creates  []*sns.CreateTopicInput
	account  string
	stsCalls int
}

func newTopicsAPI() *topicsAPI {
	return &topicsAPI{attrs: map[string]map[string]string{}, tags: map[string]map[string]string{}, account: "123456789012"}
}

func (f *topicsAPI) CreateTopic(_ context.Context, in *sns.CreateTopicInput, _ ...func(*sns.Options)) (*sns.CreateTopicOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.creates = append(f.creates, in)
	arn := "arn:aws:sns:eu-west-1:" + f.account + ":" + aws.ToString(in.Name)
	a := map[string]string{"TopicArn": arn}
	for k, v := range in.Attributes {
		a[k] = v
	}
	f.attrs[arn] = a
	return &sns.CreateTopicOutput{TopicArn: aws.String(arn)}, nil
}

func (f *topicsAPI) GetTopicAttributes(_ context.Context, in *sns.GetTopicAttributesInput, _ ...func(*sns.Options)) (*sns.GetTopicAttributesOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.getCalls++
	a, ok := f.attrs[aws.ToString(in.TopicArn)]
	if !ok {
		return nil, &types.NotFoundException{Message: aws.String("Topic does not exist")}
	}
	return &sns.GetTopicAttributesOutput{Attributes: a}, nil
}

func (f *topicsAPI) SetTopicAttributes(_ context.Context, in *sns.SetTopicAttributesInput, _ ...func(*sns.Options)) (*sns.SetTopicAttributesOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sets = append(f.sets, aws.ToString(in.AttributeName)+"="+aws.ToString(in.AttributeValue))
	f.attrs[aws.ToString(in.TopicArn)][aws.ToString(in.AttributeName)] = aws.ToString(in.AttributeValue)
	return &sns.SetTopicAttributesOutput{}, nil
}

func (f *topicsAPI) GetCallerIdentity(context.Context, *sts.GetCallerIdentityInput, ...func(*sts.Options)) (*sts.GetCallerIdentityOutput, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stsCalls++
	return &sts.GetCallerIdentityOutput{Account: aws.String(f.account)}, nil
}

func TestCreateTopicSendsTypedAttributesAndTags(t *testing.T) {
	f := newTopicsAPI()
	c := newTestClient(t, f)
	topic, err := c.CreateTopic(context.Background(), region.EUWest1, model.CreateTopicRequest{
		Name: "orders.fifo",
		Attributes: model.TopicAttributes{
			DisplayName: "Orders", ContentBasedDeduplication: true, SignatureVersion: 2,
			ThroughputScope: model.ThroughputScopeMessageGroup,
		},
		Tags: model.Tags{"team": "checkout", "env": "prod"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if topic.Name != "orders.fifo" || !topic.FIFO() {
		t.Errorf("topic %+v", topic)
	}
	in := f.creates[0]
	want := map[string]string{"FifoTopic": "true", "DisplayName": "Orders", "ContentBasedDeduplication": "true",
		"SignatureVersion": "2", "FifoThroughputScope": "MessageGroup"}
	if len(in.Attributes) != len(want) {
		t.Errorf("attributes %v", in.Attributes)
	}
	for k, v := range want {
		if in.Attributes[k] != v {
			t.Errorf("attribute %s = %q; want %q", k, in.Attributes[k], v)
		}
	}
	if len(in.Tags) != 2 || aws.ToString(in.Tags[0].Key) != "env" || aws.ToString(in.Tags[1].Value) != "checkout" {
		t.Errorf("tags %v", in.Tags)
	}
}

func TestCreateTopicRefusesInvalidRequests(t *testing.T) {
	f := newTopicsAPI()
	c := newTestClient(t, f)
	bad := []struct {
		req   model.CreateTopicRequest
		field string
		rule  model.Rule
	}{
		{model.CreateTopicRequest{Name: ""}, "Topic.Name", model.RuleRequired},
		{model.CreateTopicRequest{Name: "orders", Attributes: model.TopicAttributes{FIFO: true}}, "TopicAttributes.FIFO", model.RuleConflict},
		{model.CreateTopicRequest{Name: "orders", Attributes: model.TopicAttributes{ContentBasedDeduplication: true}}, "TopicAttributes.ContentBasedDeduplication", model.RuleForbidden},
		{model.CreateTopicRequest{Name: "o.fifo", Attributes: model.TopicAttributes{TracingConfig: model.TracingActive}}, "TopicAttributes.TracingConfig", model.RuleForbidden},
		{model.CreateTopicRequest{Name: "o", Attributes: model.TopicAttributes{Policy: "{not json"}}, "TopicAttributes.Policy", model.RuleFormat},
		{model.CreateTopicRequest{Name: "o", Attributes: model.TopicAttributes{SignatureVersion: 3}}, "TopicAttributes.SignatureVersion", model.RuleRange},
		{model.CreateTopicRequest{Name: "o", Attributes: model.TopicAttributes{MaximumMessageSize: 2 << 20}}, "TopicAttributes.MaximumMessageSize", model.RuleRange},
		{model.CreateTopicRequest{Name: "o", Attributes: model.TopicAttributes{Extra: map[string]string{"FifoTopic": "true"}}}, `TopicAttributes.Extra["FifoTopic"]`, model.RuleConflict},
		{model.CreateTopicRequest{Name: "o", Tags: model.Tags{"aws:team": "x"}}, `Tags["aws:team"].Key`, model.RuleReserved},
		{model.CreateTopicRequest{Name: "o", Tags: model.Tags{"team": strings.Repeat("v", 257)}}, `Tags["team"]`, model.RuleMaxLength},
		{model.CreateTopicRequest{Name: "o", Tags: model.Tags{"a|b": "v"}}, `Tags["a|b"].Key`, model.RuleCharset},
	}
	for _, tt := range bad {
		_, err := c.CreateTopic(context.Background(), region.EUWest1, tt.req)
		if !errors.Is(err, &model.ValidationError{Field: tt.field, Rule: tt.rule}) {
			t.Errorf("%+v: %v; want %s %s", tt.req, err, tt.field, tt.rule)
		}
	}
	many := model.Tags{}
	for i := range 51 {
		many[strings.Repeat("k", i+1)] = "v"
	}
	if _, err := c.CreateTopic(context.Background(), region.EUWest1, model.CreateTopicRequest{Name: "o", Tags: many}); !errors.Is(err, &model.ValidationError{Field: "Tags", Rule: model.RuleMaxCount}) {
		t.Errorf("51 tags: %v", err)
	}
	if len(f.creates) != 0 {
		t.Fatalf("%d invalid creates sent", len(f.creates))
	}
}

func TestGetAndSetTopicAttributes(t *testing.T) {
	f := newTopicsAPI()
	c := newTestClient(t, f)
	ctx := context.Background()
	topic, _ := c.CreateTopic(ctx, region.EUWest1, model.CreateTopicRequest{Name: "orders"})
	f.attrs[topic.ARN]["SubscriptionsConfirmed"] = "3"
	f.attrs[topic.ARN]["Owner"] = "123456789012"
	f.attrs[topic.ARN]["SomethingNew"] = "x"
	if err := c.SetTopicAttributes(ctx, region.EUWest1, topic,
		model.SetDisplayName("Orders"), model.SetSignatureVersion(2), model.SetMaximumMessageSize(1<<20),
		model.SetTracingConfig(model.TracingActive)); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.sets, ","); got != "DisplayName=Orders,SignatureVersion=2,MaximumMessageSize=1048576,TracingConfig=Active" {
		t.Errorf("sets %s", got)
	}
	d, err := c.GetTopicAttributes(ctx, region.EUWest1, topic)
	if err != nil {
		t.Fatal(err)
	}
	if d.Attributes.DisplayName != "Orders" || d.Attributes.SignatureVersion != 2 || d.MaxMessageSize() != 1<<20 ||
		d.SubscriptionsConfirmed != 3 || d.Owner != "123456789012" || d.Raw["SomethingNew"] != "x" || d.Topic != topic {
		t.Errorf("details %+v", d)
	}
	// Changes that contradict the topic are refused before sending.
	f.sets = nil
	for _, ch := range []model.TopicAttributeChange{
		model.SetContentBasedDeduplication(true), // standard topic
		model.SetSignatureVersion(0),
		{Name: "FifoTopic", Value: "true"},
		model.SetRawTopicAttribute("Policy", "{}"),
		model.SetDeliveryPolicy("nope"),
	} {
		if err := c.SetTopicAttributes(ctx, region.EUWest1, topic, model.SetDisplayName("ok"), ch); !errors.Is(err, model.ErrInvalid) {
			t.Errorf("change %s=%s: %v", ch.Name, ch.Value, err)
		}
	}
	if len(f.sets) != 0 {
		t.Errorf("a batch with an invalid change sent %v", f.sets)
	}
}

func TestPublishUsesTheTopicsLargerLimit(t *testing.T) {
	f := newTopicsAPI()
	c := newTestClient(t, f)
	ctx := context.Background()
	big, _ := c.CreateTopic(ctx, region.EUWest1, model.CreateTopicRequest{Name: "big", Attributes: model.TopicAttributes{MaximumMessageSize: 1 << 20}})
	small, _ := c.CreateTopic(ctx, region.EUWest1, model.CreateTopicRequest{Name: "small"})
	body := strings.Repeat("x", 300_000)

	for range 2 {
		if _, err := c.Publish(ctx, region.EUWest1, model.PublishRequest{Topic: big, Message: model.Message{Body: body}}); err != nil {
			t.Fatalf("300 KB to a 1 MiB topic: %v", err)
		}
	}
	if f.getCalls != 1 {
		t.Errorf("%d GetTopicAttributes calls for two large publishes; want 1 (cached)", f.getCalls)
	}
	_, err := c.Publish(ctx, region.EUWest1, model.PublishRequest{Topic: small, Message: model.Message{Body: body}})
	if !errors.Is(err, &model.ValidationError{Field: "Message", Rule: model.RuleMaxSize}) {
		t.Fatalf("300 KB to a default topic: %v", err)
	}
	if _, err := c.Publish(ctx, region.EUWest1, model.PublishRequest{Topic: big, Message: model.Message{Body: strings.Repeat("x", 1<<20+1)}}); !errors.Is(err, model.ErrInvalid) {
		t.Fatalf("over 1 MiB: %v", err)
	}
	// Small messages never cost a lookup.
	f.getCalls = 0
	other, _ := c.CreateTopic(ctx, region.EUWest1, model.CreateTopicRequest{Name: "other"})
	if _, err := c.Publish(ctx, region.EUWest1, model.PublishRequest{Topic: other, Message: model.Message{Body: "x"}}); err != nil || f.getCalls != 0 {
		t.Fatalf("small publish: %v, %d lookups", err, f.getCalls)
	}
	// An explicit limit is the caller's word: no lookup.
	c2 := newTestClient(t, f, WithLimits(model.Limits{MaxPayloadBytes: 262_144}))
	f.getCalls = 0
	if _, err := c2.Publish(ctx, region.EUWest1, model.PublishRequest{Topic: big, Message: model.Message{Body: body}}); !errors.Is(err, model.ErrInvalid) || f.getCalls != 0 {
		t.Fatalf("explicit limit: %v, %d lookups", err, f.getCalls)
	}
}

func TestResolveTopicBuildsTheARNAndChecksOnce(t *testing.T) {
	f := newTopicsAPI()
	c := newTestClient(t, f)
	ctx := context.Background()
	created, _ := c.CreateTopic(ctx, region.EUWest1, model.CreateTopicRequest{Name: "orders"})
	f.getCalls = 0
	var wg sync.WaitGroup
	for range 16 {
		wg.Go(func() {
			got, err := c.ResolveTopic(ctx, region.EUWest1, "orders")
			if err != nil || got != created {
				t.Errorf("ResolveTopic = %+v, %v", got, err)
			}
		})
	}
	wg.Wait()
	if f.stsCalls != 1 {
		t.Errorf("%d STS calls; want 1", f.stsCalls)
	}
	if f.getCalls > 16 || f.getCalls < 1 {
		t.Errorf("%d existence checks", f.getCalls)
	}
	f.getCalls = 0
	if _, err := c.ResolveTopic(ctx, region.EUWest1, "orders"); err != nil || f.getCalls != 0 {
		t.Errorf("cached resolve: %v, %d checks", err, f.getCalls)
	}
	_, err := c.ResolveTopic(ctx, region.EUWest1, "missing")
	var nf *types.NotFoundException
	if !errors.As(err, &nf) {
		t.Errorf("missing topic: %v", err)
	}
	if _, err := c.ResolveTopic(ctx, region.EUWest1, "bad name"); !errors.Is(err, model.ErrInvalid) {
		t.Errorf("bad name: %v", err)
	}
	// With an account given, STS is never asked.
	f.stsCalls = 0
	c3 := newTestClient(t, f, WithAccountID("123456789012"))
	if _, err := c3.ResolveTopic(ctx, region.EUWest1, "orders"); err != nil || f.stsCalls != 0 {
		t.Errorf("WithAccountID: %v, %d STS calls", err, f.stsCalls)
	}
}

func TestResolveTopicWithoutAnyAccountSourceSaysWhatToDo(t *testing.T) {
	c := newTestClient(t, &mockAPI{})
	_, err := c.ResolveTopic(context.Background(), region.EUWest1, "orders")
	if err == nil || !strings.Contains(err.Error(), "WithAccountID") {
		t.Fatalf("err %v", err)
	}
}
