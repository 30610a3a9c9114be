// Command publish sends one message to an SNS topic.
//
//	go run ./examples/publish -topic arn:aws:sns:eu-west-1:123456789012:orders \
//	    -subject "Order shipped" -message "Order 42 has shipped" \
//	    -attr store=String:example_corp -attr total=Number:129.95 \
//	    -attr tags='String.Array:["express","gift"]' -attr sum=Binary:yv4=
//
// The region defaults to the topic ARN's. Attribute values are given as
// TYPE:VALUE, Binary values in base64. Invalid input is reported before
// anything is sent.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"strings"

	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// attrFlags collects repeated -attr name=TYPE:VALUE flags.
type attrFlags map[string]model.MessageAttribute

func (a attrFlags) String() string { return fmt.Sprint(len(a), " attributes") }

func (a attrFlags) Set(s string) error {
	name, typed, ok := strings.Cut(s, "=")
	if !ok {
		return errors.New("want name=TYPE:VALUE")
	}
	dataType, value, ok := strings.Cut(typed, ":")
	if !ok {
		return errors.New("want name=TYPE:VALUE")
	}
	attr, err := model.ParseAttribute(dataType, value)
	if err != nil {
		return err
	}
	a[name] = attr
	return nil
}

// usage is what -h prints before the flags: what the program does, what it
// needs and how to run it.
const usage = `publish sends one message to an SNS topic and prints its message ID. Invalid
input is reported before anything is sent. Attribute values are TYPE:VALUE,
Binary values in base64; the region defaults to the topic ARN's.

Needs: AWS credentials (the default chain) with sns:Publish on the topic.

Example:
  go run ./examples/publish -topic arn:aws:sns:eu-west-1:123456789012:orders \
      -message "Order 42 has shipped" -attr store=String:example_corp -attr total=Number:129.95

Flags:
`

func main() {
	flag.Usage = func() {
		fmt.Fprint(flag.CommandLine.Output(), usage)
		flag.PrintDefaults()
	}
	attrs := attrFlags{}
	regionName := flag.String("region", "", "AWS region (default: the topic ARN's)")
	topicARN := flag.String("topic", "", "topic ARN (required)")
	subject := flag.String("subject", "", "subject for email subscribers")
	message := flag.String("message", "", "message body (required)")
	group := flag.String("group", "", "message group ID (FIFO topics)")
	dedup := flag.String("dedup", "", "deduplication ID (FIFO topics)")
	flag.Var(attrs, "attr", "message attribute name=TYPE:VALUE (repeatable)")
	flag.Parse()
	log.SetFlags(0)

	topic, err := model.TopicFromARN(*topicARN)
	if err != nil {
		log.Fatal(err)
	}
	r := region.Region("")
	if *regionName != "" {
		if r, err = region.Parse(*regionName); err != nil {
			log.Fatal(err)
		}
	} else {
		a, _ := model.ParseTopicARN(topic.ARN)
		r = a.Region
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	client, err := snsconnector.New(ctx)
	if err != nil {
		log.Fatal(err)
	}
	resp, err := client.PublishWithResponse(ctx, r, model.PublishRequest{
		Topic: topic,
		Message: model.Message{
			Subject: *subject, Body: *message, Attributes: attrs,
			GroupID: *group, DeduplicationID: *dedup,
		},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("published", resp.MessageID)
	if resp.SequenceNumber != "" {
		fmt.Println("sequence number", resp.SequenceNumber)
	}
}
