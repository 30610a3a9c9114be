package model_test

import (
	"errors"
	"fmt"

	"github.com/go-sns/connector/model"
)

func ExampleNewFilterPolicy() {
	p := model.NewFilterPolicy(model.FilterScopeMessageAttributes).
		Where("store", model.StringEquals("example_corp", "other")).
		Where("price_usd", model.NumberBetween(100, 500)).
		Where("customer_interests", model.Exists()).
		Where("event", model.StringAnythingBut("order_cancelled"))
	js, err := p.JSON()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Scope())
	fmt.Println(js)
	// Output:
	// MessageAttributes
	// {"customer_interests":[{"exists":true}],"event":[{"anything-but":"order_cancelled"}],"price_usd":[{"numeric":[">=",100,"<=",500]}],"store":["example_corp","other"]}
}

func ExampleFilterPolicy_Where() {
	// Conditions on one key are alternatives: red, orange, or anything
	// starting with "bl".
	p := model.NewFilterPolicy("").
		Where("color", model.StringEquals("red", "orange"), model.StringPrefix("bl")).
		Where("source_ip", model.IPAddressIn("10.0.0.0/24", "192.0.2.7"))
	js, _ := p.JSON()
	fmt.Println(js)
	// Output:
	// {"color":["red","orange",{"prefix":"bl"}],"source_ip":[{"cidr":"10.0.0.0/24"},{"cidr":"192.0.2.7/32"}]}
}

func ExampleFilterPolicy_Or() {
	p := model.NewFilterPolicy(model.FilterScopeMessageBody).
		Where("source", model.StringEquals("aws.cloudwatch")).
		Or(
			model.FilterPolicy{}.Where("metricName", model.StringEquals("CPUUtilization", "ReadLatency")),
			model.FilterPolicy{}.Where("namespace", model.StringEquals("AWS/EC2", "AWS/ES")),
		)
	js, _ := p.JSON()
	fmt.Println(js)
	// Output:
	// {"$or":[{"metricName":["CPUUtilization","ReadLatency"]},{"namespace":["AWS/EC2","AWS/ES"]}],"source":["aws.cloudwatch"]}
}

func ExampleFilterPolicy_WhereNested() {
	// Only policies on the message body may nest.
	p := model.NewFilterPolicy(model.FilterScopeMessageBody).
		WhereNested("Records", model.FilterPolicy{}.
			Where("eventName", model.StringPrefix("ObjectCreated:")).
			WhereNested("s3", model.FilterPolicy{}.
				WhereNested("object", model.FilterPolicy{}.
					Where("key", model.StringPrefix("auto-")))))
	js, _ := p.JSON()
	fmt.Println(js)
	// Output:
	// {"Records":{"eventName":[{"prefix":"ObjectCreated:"}],"s3":{"object":{"key":[{"prefix":"auto-"}]}}}}
}

func ExampleParseFilterPolicy() {
	p, err := model.ParseFilterPolicy(model.FilterScopeMessageAttributes, `{
		"price_usd": [{"numeric": [">", 0, "<=", 1.5e2]}],
		"store": ["example_corp"]
	}`)
	if err != nil {
		fmt.Println(err)
		return
	}
	js, _ := p.JSON()
	fmt.Println(js)

	_, err = model.ParseFilterPolicy(model.FilterScopeMessageAttributes, `{"price_usd": [{"numeric": [">", 500, "<", 100]}]}`)
	var ve *model.ValidationError
	if errors.As(err, &ve) {
		fmt.Println(ve.Field, ve.Rule)
	}
	// Output:
	// {"price_usd":[{"numeric":[">",0,"<=",150]}],"store":["example_corp"]}
	// FilterPolicy["price_usd"][0]["numeric"] conflict
}

func ExampleFilterPolicy_Match() {
	// The guide's anything-but example: an array matches when any of its
	// values is not excluded.
	p := model.NewFilterPolicy(model.FilterScopeMessageAttributes).
		Where("price", model.NumberAnythingBut(100, 500)).
		Where("file", model.StringWildcard("*.png"), model.NotExists())
	for _, prices := range []string{"[100, 50]", "[100, 500]"} {
		price, _ := model.ParseAttribute("String.Array", prices)
		m := model.Message{Body: "new upload", Attributes: map[string]model.MessageAttribute{
			"price": price,
			"file":  model.StringAttribute("uploads/cat.png"),
		}}
		fmt.Println(prices, p.Match(m))
	}

	body, _ := model.ParseFilterPolicy(model.FilterScopeMessageBody, `{"order": {"state": [{"anything-but": {"suffix": "-cancelled"}}]}}`)
	fmt.Println(body.Match(model.Message{Body: `{"order": {"state": "paid"}}`}))
	fmt.Println(body.Match(model.Message{Body: `{"order": {"state": "user-cancelled"}}`}))
	// Output:
	// [100, 50] true
	// [100, 500] false
	// true
	// false
}
