package conformance

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"
)

func testCreateTopicIsIdempotent(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(mainRegion)

	name := uniqueName("create")
	arn := createTopic(t, h, mainRegion, name, nil)
	if want := topicARNOf(h, mainRegion, name); arn != want {
		t.Errorf("topic ARN %q; want %q", arn, want)
	}
	if again := createTopic(t, h, mainRegion, name, nil); again != arn {
		t.Errorf("CreateTopic again returned %q; want the same ARN %q", again, arn)
	}

	// Same attributes: the same topic. Different ones: refused.
	named := uniqueName("display")
	first := createTopic(t, h, mainRegion, named, map[string]string{"DisplayName": "first"})
	if again := createTopic(t, h, mainRegion, named, map[string]string{"DisplayName": "first"}); again != first {
		t.Errorf("CreateTopic with the same attributes returned %q; want %q", again, first)
	}
	_, err := api.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(named), Attributes: map[string]string{"DisplayName": "second"}})
	wantErr[*types.InvalidParameterException](t, err, "CreateTopic with a different DisplayName")

	// Same for tags.
	tagged := uniqueName("tagged")
	team := func(v string) []types.Tag { return []types.Tag{{Key: aws.String("team"), Value: aws.String(v)}} }
	_, err = api.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(tagged), Tags: team("a")})
	must(t, err, "CreateTopic with tags")
	_, err = api.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(tagged), Tags: team("a")})
	must(t, err, "CreateTopic again with the same tags")
	_, err = api.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(tagged), Tags: team("b")})
	wantErr[*types.InvalidParameterException](t, err, "CreateTopic with a different tag value")

	fifoName := uniqueName("create") + ".fifo"
	if got, want := createTopic(t, h, mainRegion, fifoName, map[string]string{"FifoTopic": "true"}), topicARNOf(h, mainRegion, fifoName); got != want {
		t.Errorf("FIFO topic ARN %q; want %q", got, want)
	}
}

func testTopicNameRules(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(mainRegion)
	bad := []struct {
		name  string
		attrs map[string]string
	}{
		{"", nil},
		{"has space", nil},
		{"dotted.name", nil},
		{"ümlaut", nil},
		{strings.Repeat("a", 257), nil},
		{uniqueName("no-suffix"), map[string]string{"FifoTopic": "true"}},
	}
	for _, b := range bad {
		_, err := api.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(b.name), Attributes: b.attrs})
		wantErr[*types.InvalidParameterException](t, err, fmt.Sprintf("CreateTopic %.20q %v", b.name, b.attrs))
	}
	// 256 characters is the longest name.
	createTopic(t, h, mainRegion, uniqueName("long")+"-"+strings.Repeat("x", 200), nil)

	suffixOnly := uniqueName("suffix") + ".fifo"
	out, err := api.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(suffixOnly)})
	if h.Quirks().FIFONameWithoutAttribute {
		must(t, err, "CreateTopic .fifo without FifoTopic (quirk: accepted)")
		attrs, err := api.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: out.TopicArn})
		must(t, err, "GetTopicAttributes")
		if attrs.Attributes["FifoTopic"] != "true" {
			t.Errorf("quirk FIFONameWithoutAttribute: the topic is not FIFO: %v", attrs.Attributes)
		}
		return
	}
	wantErr[*types.InvalidParameterException](t, err, "CreateTopic .fifo without FifoTopic=true")
}

func testListTopicsPages(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(listRegion)
	const n = 130 // two pages
	want := map[string]bool{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 8)
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			out, err := api.CreateTopic(ctx, &sns.CreateTopicInput{Name: aws.String(fmt.Sprintf("%s-%03d", uniqueName("list"), i))})
			if err != nil {
				t.Error(err)
				return
			}
			mu.Lock()
			want[aws.ToString(out.TopicArn)] = true
			mu.Unlock()
		})
	}
	wg.Wait()
	if t.Failed() {
		return
	}

	var listed []string
	pages := 0
	in := &sns.ListTopicsInput{}
	for {
		out, err := api.ListTopics(ctx, in)
		must(t, err, "ListTopics")
		pages++
		if len(out.Topics) > 100 {
			t.Errorf("page %d has %d topics; SNS pages hold at most 100", pages, len(out.Topics))
		}
		for _, tp := range out.Topics {
			listed = append(listed, aws.ToString(tp.TopicArn))
		}
		if aws.ToString(out.NextToken) == "" {
			break
		}
		if pages > 1000 {
			t.Fatal("ListTopics keeps returning a NextToken")
		}
		in.NextToken = out.NextToken
	}

	inRegion := listed
	if h.Quirks().ListTopicsAllRegions {
		// Only this test uses listRegion, so its topics there are all of them.
		prefix := topicARNOf(h, listRegion, "")
		inRegion = slices.DeleteFunc(slices.Clone(listed), func(a string) bool { return !strings.HasPrefix(a, prefix) })
	} else if pages != 2 {
		t.Errorf("%d pages for %d topics; want 2", pages, n)
	}
	seen := map[string]bool{}
	for _, a := range inRegion {
		if seen[a] {
			t.Errorf("%s listed twice", a)
		}
		seen[a] = true
		if !want[a] {
			t.Errorf("%s listed in %s, which has only the test's topics", a, listRegion)
		}
	}
	for a := range want {
		if !seen[a] {
			t.Errorf("%s not listed", a)
		}
	}
}

func testDeleteTopic(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(mainRegion)
	arn := createTopic(t, h, mainRegion, uniqueName("delete"), nil)
	_, err := api.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(arn)})
	must(t, err, "DeleteTopic")

	_, err = api.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
	wantErr[*types.NotFoundException](t, err, "GetTopicAttributes after delete")
	_, err = api.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("x")})
	wantErr[*types.NotFoundException](t, err, "Publish after delete")

	// "This action is idempotent, so deleting a topic that does not exist
	// does not result in an error."
	_, err = api.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(arn)})
	must(t, err, "DeleteTopic again")
	_, err = api.DeleteTopic(ctx, &sns.DeleteTopicInput{TopicArn: aws.String(topicARNOf(h, mainRegion, uniqueName("never")))})
	must(t, err, "DeleteTopic of a topic never created")
}

func testTopicsAreRegional(t *testing.T, h Harness) {
	ctx := context.Background()
	arn := createTopic(t, h, mainRegion, uniqueName("regional"), nil)
	other := h.API(otherRegion)
	_, getErr := other.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
	_, pubErr := other.Publish(ctx, &sns.PublishInput{TopicArn: aws.String(arn), Message: aws.String("x")})
	if h.Quirks().CrossRegionAccess {
		if getErr != nil || pubErr != nil {
			t.Errorf("quirk CrossRegionAccess: calls from %s failed: %v, %v", otherRegion, getErr, pubErr)
		}
		return
	}
	wantErr[*types.InvalidParameterException](t, getErr, "GetTopicAttributes from another region")
	wantErr[*types.InvalidParameterException](t, pubErr, "Publish from another region")
}

func testTopicAttributes(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(mainRegion)
	arn := createTopic(t, h, mainRegion, uniqueName("attrs"), nil)
	get := func() map[string]string {
		t.Helper()
		out, err := api.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(arn)})
		must(t, err, "GetTopicAttributes")
		return out.Attributes
	}
	a := get()
	for k, want := range map[string]string{
		"TopicArn": arn, "Owner": h.AccountID(), "DisplayName": "",
		"SubscriptionsConfirmed": "0", "SubscriptionsPending": "0", "SubscriptionsDeleted": "0",
	} {
		if got, ok := a[k]; !ok || got != want {
			t.Errorf("attribute %s = %q (present %v); want %q", k, got, ok, want)
		}
	}
	if a["EffectiveDeliveryPolicy"] == "" {
		t.Error("no EffectiveDeliveryPolicy")
	}
	if _, ok := a["FifoTopic"]; ok {
		t.Error("a standard topic reports FifoTopic")
	}
	if h.Quirks().NoTopicDefaults {
		if _, ok := a["Policy"]; ok {
			t.Error("quirk NoTopicDefaults: the default Policy is reported; drop the quirk")
		}
	} else if !strings.Contains(a["Policy"], arn) {
		t.Errorf("default Policy %q does not name the topic", a["Policy"])
	}

	set := map[string]string{
		"DisplayName":      "Orders",
		"DeliveryPolicy":   `{"http":{"defaultHealthyRetryPolicy":{"numRetries":5}}}`,
		"Policy":           `{"Version":"2008-10-17","Statement":[]}`,
		"SignatureVersion": "2",
		"TracingConfig":    "Active",
	}
	for k, v := range set {
		_, err := api.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(arn), AttributeName: aws.String(k), AttributeValue: aws.String(v)})
		must(t, err, "SetTopicAttributes "+k)
	}
	a = get()
	for k, v := range set {
		if a[k] != v {
			t.Errorf("after SetTopicAttributes %s = %q; want %q", k, a[k], v)
		}
	}

	for _, name := range []string{"FifoTopic", "TopicArn", "NoSuchAttribute"} {
		_, err := api.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(arn), AttributeName: aws.String(name), AttributeValue: aws.String("true")})
		wantErr[*types.InvalidParameterException](t, err, "SetTopicAttributes "+name)
	}
	_, err := api.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(arn), AttributeName: aws.String("SignatureVersion"), AttributeValue: aws.String("3")})
	if h.Quirks().LaxAttributeValues {
		must(t, err, "SetTopicAttributes SignatureVersion 3 (quirk: accepted)")
	} else {
		wantErr[*types.InvalidParameterException](t, err, "SetTopicAttributes SignatureVersion 3")
	}
	_, err = api.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(topicARNOf(h, mainRegion, uniqueName("missing"))), AttributeName: aws.String("DisplayName"), AttributeValue: aws.String("x")})
	wantErr[*types.NotFoundException](t, err, "SetTopicAttributes on a missing topic")

	// A FIFO topic reports FifoTopic and its deduplication setting.
	fifo := createFIFOTopic(t, h, false)
	out, err := api.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(fifo)})
	must(t, err, "GetTopicAttributes FIFO")
	if out.Attributes["FifoTopic"] != "true" || out.Attributes["ContentBasedDeduplication"] != "false" {
		t.Errorf("FIFO topic attributes %v; want FifoTopic true, ContentBasedDeduplication false", out.Attributes)
	}
	_, err = api.SetTopicAttributes(ctx, &sns.SetTopicAttributesInput{TopicArn: aws.String(fifo), AttributeName: aws.String("ContentBasedDeduplication"), AttributeValue: aws.String("true")})
	must(t, err, "SetTopicAttributes ContentBasedDeduplication")
	out, err = api.GetTopicAttributes(ctx, &sns.GetTopicAttributesInput{TopicArn: aws.String(fifo)})
	must(t, err, "GetTopicAttributes FIFO")
	if out.Attributes["ContentBasedDeduplication"] != "true" {
		t.Errorf("ContentBasedDeduplication = %q after setting it", out.Attributes["ContentBasedDeduplication"])
	}

	// The subscription counts follow the subscriptions.
	subscribeQueue(t, h, arn, nil)
	if a := get(); a["SubscriptionsConfirmed"] != "1" || a["SubscriptionsPending"] != "0" {
		t.Errorf("after one SQS subscription: confirmed %q, pending %q; want 1 and 0", a["SubscriptionsConfirmed"], a["SubscriptionsPending"])
	}
}

func testTags(t *testing.T, h Harness) {
	ctx := context.Background()
	api := h.API(mainRegion)
	out, err := api.CreateTopic(ctx, &sns.CreateTopicInput{
		Name: aws.String(uniqueName("tags")),
		Tags: []types.Tag{{Key: aws.String("a"), Value: aws.String("1")}},
	})
	must(t, err, "CreateTopic")
	arn := out.TopicArn
	list := func() map[string]string {
		t.Helper()
		out, err := api.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: arn})
		must(t, err, "ListTagsForResource")
		m := map[string]string{}
		for _, tg := range out.Tags {
			m[aws.ToString(tg.Key)] = aws.ToString(tg.Value)
		}
		return m
	}
	equal := func(got, want map[string]string, when string) {
		t.Helper()
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: tags %v; want %v", when, got, want)
		}
	}
	equal(list(), map[string]string{"a": "1"}, "after CreateTopic")

	_, err = api.TagResource(ctx, &sns.TagResourceInput{ResourceArn: arn, Tags: []types.Tag{
		{Key: aws.String("a"), Value: aws.String("10")},
		{Key: aws.String("b"), Value: aws.String("")},
	}})
	must(t, err, "TagResource")
	equal(list(), map[string]string{"a": "10", "b": ""}, "after TagResource")

	_, err = api.UntagResource(ctx, &sns.UntagResourceInput{ResourceArn: arn, TagKeys: []string{"a", "never-set"}})
	must(t, err, "UntagResource")
	equal(list(), map[string]string{"b": ""}, "after UntagResource")

	missing := aws.String(topicARNOf(h, mainRegion, uniqueName("missing")))
	_, tagErr := api.TagResource(ctx, &sns.TagResourceInput{ResourceArn: missing, Tags: []types.Tag{{Key: aws.String("k"), Value: aws.String("v")}}})
	_, listErr := api.ListTagsForResource(ctx, &sns.ListTagsForResourceInput{ResourceArn: missing})
	if h.Quirks().TagsNotFoundCode {
		wantErr[*types.NotFoundException](t, tagErr, "TagResource on a missing topic (quirk)")
		wantErr[*types.NotFoundException](t, listErr, "ListTagsForResource on a missing topic (quirk)")
	} else {
		wantErr[*types.ResourceNotFoundException](t, tagErr, "TagResource on a missing topic")
		wantErr[*types.ResourceNotFoundException](t, listErr, "ListTagsForResource on a missing topic")
	}

	var many []types.Tag
	for i := range 50 {
		many = append(many, types.Tag{Key: aws.String(fmt.Sprintf("k%02d", i)), Value: aws.String("v")})
	}
	_, limitErr := api.TagResource(ctx, &sns.TagResourceInput{ResourceArn: arn, Tags: many}) // 51 with "b"
	dup := []types.Tag{{Key: aws.String("d"), Value: aws.String("1")}, {Key: aws.String("d"), Value: aws.String("2")}}
	_, dupErr := api.TagResource(ctx, &sns.TagResourceInput{ResourceArn: arn, Tags: dup})
	if h.Quirks().NoTagValidation {
		if limitErr != nil || dupErr != nil {
			t.Errorf("quirk NoTagValidation: the tags were refused (%v, %v); drop the quirk", limitErr, dupErr)
		}
		return
	}
	wantErr[*types.TagLimitExceededException](t, limitErr, "TagResource to 51 tags")
	wantErr[*types.InvalidParameterException](t, dupErr, "TagResource with a repeated key")
}
