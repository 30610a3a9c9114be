// Command listtopics prints every SNS topic of the account in a region,
// one "name<TAB>ARN" line each.
//
//	go run ./examples/listtopics -region eu-west-1
//
// Credentials come from the AWS default chain; AWS_ENDPOINT_URL points it at
// an emulator.
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"

	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// usage is what -h prints before the flags: what the program does, what it
// needs and how to run it.
const usage = `listtopics prints every SNS topic of the account in a region, one
"name<TAB>ARN" line each.

Needs: AWS credentials (the default chain: environment, ~/.aws, SSO, ...) with
sns:ListTopics in the region; or the emulator: make example NAME=listtopics.

Example:
  go run ./examples/listtopics -region eu-west-1

Flags:
`

func main() {
	flag.Usage = func() {
		fmt.Fprint(flag.CommandLine.Output(), usage)
		flag.PrintDefaults()
	}
	regionName := flag.String("region", os.Getenv("AWS_REGION"), "AWS region: a code (us-east-1) or Mendix name (us_east_1)")
	flag.Parse()
	log.SetFlags(0)
	r, err := region.Parse(*regionName)
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	client, err := snsconnector.New(ctx)
	if err != nil {
		log.Fatal(err)
	}
	// The iterator prints topics as pages arrive, even for thousands.
	n := 0
	for t, err := range client.ListTopicsIter(ctx, r) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s\t%s\n", t.Name, t.ARN)
		n++
	}
	fmt.Fprintf(os.Stderr, "%d topic(s) in %s\n", n, r.Caption())
}
