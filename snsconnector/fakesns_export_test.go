package snsconnector

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/notification"
	"github.com/go-sns/connector/region"
)

// FakeSNS is what this package's tests use of *snstest.Server (see
// snstest's Calls, FailNext and SetEntryFault).
type FakeSNS interface {
	API
	Calls(op string) int
	FailNext(op string, err error)
	OptOut(r region.Region, phoneNumber string)
	VerifierOptions() []notification.Option
	WaitHTTPDeliveries(ctx context.Context) error
	SetEntryFault(f func(topicARN string, entry types.PublishBatchRequestEntry) *types.BatchResultErrorEntry)
}

// StartFakeSNS serves snstest's fake SNS over HTTP on a loopback port
// until tb ends, and returns its URL. snstest imports this package, so only
// the external test package may import snstest: fakesns_test.go sets this
// when the test binary starts.
var StartFakeSNS func(tb testing.TB) (url string, fake FakeSNS)

// missingTopic is a topic no stub has.
const missingTopic = "arn:aws:sns:us-east-1:123456789012:missing"

// stubEndpoint is an SNS endpoint for tests of the client's SDK path: the
// fake in us-east-1 of account 123456789012, reached through the SDK's
// serializer, signer and error decoding.
type stubEndpoint struct {
	URL  string
	Fake FakeSNS
}

// newStub starts a stub endpoint with the named topics.
func newStub(tb testing.TB, topics ...string) *stubEndpoint {
	tb.Helper()
	url, fake := StartFakeSNS(tb)
	for _, name := range topics {
		if _, err := fake.CreateTopic(context.Background(), &sns.CreateTopicInput{Name: aws.String(name)}); err != nil {
			tb.Fatal(err)
		}
	}
	return &stubEndpoint{URL: url, Fake: fake}
}
