package conformance_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/internal/harness/conformance"
	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

var emulator fauxqs.Shared

func TestMain(m *testing.M) {
	code := m.Run()
	emulator.Close()
	os.Exit(code)
}

// TestIntegrationConformanceFauxqs runs the behaviour suite against the
// fauxqs emulator, the real peer the snstest fake is proven against.
func TestIntegrationConformanceFauxqs(t *testing.T) {
	conformance.Run(t, fauxqsHarness{emulator.Need(t)})
}

type fauxqsHarness struct{ srv *fauxqs.Server }

func (h fauxqsHarness) API(r region.Region) snsconnector.API { return h.srv.SNS(string(r)) }

// AccountID is fauxqs's fixed account.
func (h fauxqsHarness) AccountID() string { return "000000000000" }

// ConfirmationToken: fauxqs sends no confirmation request; its token is the
// subscription ARN (see its confirmSubscription action).
func (h fauxqsHarness) ConfirmationToken(_ *testing.T, subscriptionARN string) string {
	return subscriptionARN
}

// Quirks are fauxqs 2.4.1's differences from SNS, each found by running
// this suite and read in its source (dist/sns).
func (h fauxqsHarness) Quirks() conformance.Quirks {
	return conformance.Quirks{
		ListTopicsAllRegions:          true, // one topic map for all regions (snsStore.listTopics)
		CrossRegionAccess:             true, // topics are looked up by ARN whatever the caller's region
		FIFONameWithoutAttribute:      true, // createTopic sets FifoTopic for any ".fifo" name
		NoTopicDefaults:               true, // getTopicAttributes has no default Policy
		LaxAttributeValues:            true, // setTopicAttributes checks names only
		TagsNotFoundCode:              true, // tag actions answer NotFound
		NoTagValidation:               true, // tagResource neither counts nor checks keys
		LaxPublishValidation:          true, // publish never reads attribute names or types
		MessageStructureIgnored:       true, // publish ignores MessageStructure
		NoSequenceNumber:              true, // publish answers MessageId only
		NoBatchSizeLimit:              true, // publishBatch checks each entry's size only
		BatchEntryErrorsFailed:        true, // publishBatch fails FIFO entries one by one
		PendingSubscriptionARN:        true, // subscribe always answers the ARN
		ListSubscriptionsMissingTopic: true, // listSubscriptionsByTopic: [] for a missing topic
		NoArrayFilter:                 true, // filter.js reads StringValue as one string, skips arrays
		LaxFilterPolicyValidation:     true, // validateFilterPolicyLimits counts keys and combinations only
		ListSubscriptionsAllRegions:   true, // one subscription map for all regions (snsStore.listSubscriptions)
		NoArchiveReplay:               true, // VALID_TOPIC_ATTRIBUTES and VALID_SUBSCRIPTION_ATTRIBUTES lack them
		FilterExampleMismatches: byExample(map[string][]string{
			"filter.js reads a String.Array's StringValue as one string, and flattenToAttributes drops a body's arrays and nulls": {
				"examples-1", "examples-2", "string-3", "string-14", "numeric-10", "key-8", "key-9", "key-14",
				"constraints-7", "payload-2", "ours-2", "ours-9", "ours-24", "ours-27",
			},
			`"exists": true holds for any attribute present, an empty string too`: {"key-5"},
			"values are compared as text or as numbers whatever the attribute's type: a String matches a number, a Number a wildcard, a string \"true\" the boolean": {
				"attributes-2", "constraints-8", "ours-17", "ours-23", "ours-29",
			},
			"Binary attributes are matched like the others":                           {"constraints-5", "constraints-6"},
			"numbers are compared as float64, exactly and beyond 10^9":                {"constraints-2", "constraints-4"},
			`a "$or" inside an "$or" or under a key is misread (flattenFilterPolicy)`: {"andor-12", "andor-14"},
			`a wildcard's "\\*" is a wildcard, not a '*'`:                             {"ours-15"},
			"cidr compares IPv4 with IPv4 only, not an IPv4-mapped IPv6 address":      {"ours-21"},
		}),
	}
}

// byExample turns reasons with the examples they explain into the
// example-to-reason map of Quirks.FilterExampleMismatches.
func byExample(reasons map[string][]string) map[string]string {
	out := map[string]string{}
	for why, ids := range reasons {
		for _, id := range ids {
			out[id] = why
		}
	}
	return out
}

func (h fauxqsHarness) NewQueue(t *testing.T, r region.Region, fifo bool) conformance.Queue {
	t.Helper()
	q, err := h.srv.NewQueue(context.Background(), string(r), fifo)
	if err != nil {
		t.Fatal(err)
	}
	return fauxqsQueue{q}
}

type fauxqsQueue struct{ q *fauxqs.Queue }

func (q fauxqsQueue) ARN() string { return q.q.ARN }

func (q fauxqsQueue) Receive(ctx context.Context, n int, wait time.Duration) ([]conformance.Received, error) {
	msgs, err := q.q.Receive(ctx, n, wait)
	out := make([]conformance.Received, len(msgs))
	for i, m := range msgs {
		r := conformance.Received{
			Body:            aws.ToString(m.Body),
			GroupID:         m.Attributes["MessageGroupId"],
			DeduplicationID: m.Attributes["MessageDeduplicationId"],
		}
		if len(m.MessageAttributes) > 0 {
			r.Attributes = map[string]snstypes.MessageAttributeValue{}
			for name, a := range m.MessageAttributes {
				r.Attributes[name] = snstypes.MessageAttributeValue{DataType: a.DataType, StringValue: a.StringValue, BinaryValue: a.BinaryValue}
			}
		}
		out[i] = r
	}
	return out, err
}
