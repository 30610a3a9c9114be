// Package conformance is one suite of SNS behaviour tests that runs against
// any implementation of snsconnector.API: the in-memory snstest fake and
// the fauxqs emulator. It proves the fake against a real peer, after Go
// CDK's pubsub/drivertest.
//
// Every assertion states what real Amazon SNS does. Where a peer is known to
// differ, it declares the difference in [Quirks] and the suite checks the
// peer's documented behaviour instead, so a gap is explicit, is never
// papered over by weakening an assertion for every peer, and is noticed
// when the peer fixes it.
package conformance

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// Harness connects the suite to one peer.
type Harness interface {
	// API returns the peer's SNS API for region r.
	API(r region.Region) snsconnector.API
	// NewQueue returns a new, empty Amazon SQS queue (a FIFO queue when
	// fifo) in region r that the suite can subscribe to a topic by its ARN
	// and read deliveries from.
	NewQueue(t *testing.T, r region.Region, fifo bool) Queue
	// ConfirmationToken returns the token the peer sent the endpoint of a
	// subscription pending confirmation.
	ConfirmationToken(t *testing.T, subscriptionARN string) string
	// AccountID is the account the peer puts in the ARNs it builds.
	AccountID() string
	// Quirks are the peer's known differences from Amazon SNS.
	Quirks() Quirks
}

// Queue is an SQS queue as the suite sees it.
type Queue interface {
	// ARN is the queue's ARN, the endpoint of an "sqs" subscription.
	ARN() string
	// Receive returns the messages that arrive, in order, removing them
	// from the queue: as soon as it has n, or once wait has passed without
	// a new one.
	Receive(ctx context.Context, n int, wait time.Duration) ([]Received, error)
}

// Received is a message as an SQS consumer reads it.
type Received struct {
	// Body is the message body: the published message with raw delivery,
	// else SNS's JSON envelope.
	Body string
	// Attributes are the SQS message attributes: the published message
	// attributes with raw delivery, none otherwise.
	Attributes map[string]types.MessageAttributeValue
	// GroupID and DeduplicationID are set on FIFO queues.
	GroupID         string
	DeduplicationID string
}

// Quirks are ways a peer is known to differ from Amazon SNS. Each field
// names one difference; a peer that sets it is checked for its own
// behaviour there instead of SNS's. The zero value is "behaves as SNS".
type Quirks struct {
	// ListTopicsAllRegions: ListTopics lists the topics of every region,
	// not only the region called. SNS topics are regional.
	ListTopicsAllRegions bool
	// CrossRegionAccess: a topic is found through a client of another
	// region. SNS answers InvalidParameter: "You can publish messages only
	// to topics and endpoints in the same Amazon Web Services Region."
	CrossRegionAccess bool
	// FIFONameWithoutAttribute: CreateTopic makes a FIFO topic of a name
	// ending in ".fifo" without FifoTopic=true. SNS refuses the name
	// ("Invalid parameter: Topic Name"): '.' is not allowed in the name of
	// a standard topic.
	FIFONameWithoutAttribute bool
	// NoTopicDefaults: GetTopicAttributes lacks the default Policy SNS
	// reports for every topic.
	NoTopicDefaults bool
	// LaxAttributeValues: SetTopicAttributes accepts any value, such as
	// SignatureVersion "3". SNS refuses a value outside the attribute's
	// documented set with InvalidParameter.
	LaxAttributeValues bool
	// TagsNotFoundCode: tagging a missing topic fails with NotFound. SNS's
	// tagging operations answer ResourceNotFound.
	TagsNotFoundCode bool
	// NoTagValidation: TagResource accepts more than 50 tags and repeated
	// keys. SNS answers TagLimitExceeded and InvalidParameter ("Duplicated
	// keys are not allowed.").
	NoTagValidation bool
	// LaxPublishValidation: Publish checks only presence, size and the FIFO
	// IDs; it accepts attribute names SNS reserves ("AWS.", "Amazon."),
	// unknown attribute data types, and a MessageDeduplicationId on a
	// standard topic, which SNS refuses with ParameterValueInvalid and
	// InvalidParameter.
	LaxPublishValidation bool
	// MessageStructureIgnored: MessageStructure "json" is ignored: the
	// whole JSON document is delivered, and a document without "default"
	// is accepted. SNS delivers the entry for the subscriber's protocol
	// (else "default") and refuses a document without "default".
	MessageStructureIgnored bool
	// NoSequenceNumber: Publish and PublishBatch return no SequenceNumber
	// for FIFO topics. SNS returns one, increasing within the topic.
	NoSequenceNumber bool
	// NoBatchSizeLimit: PublishBatch checks each entry's size but not the
	// batch's total. SNS refuses a batch over 256 KiB in all with
	// BatchRequestTooLong.
	NoBatchSizeLimit bool
	// BatchEntryErrorsFailed: a PublishBatch entry that breaks a FIFO rule
	// is reported in Failed. SNS refuses the whole request with
	// InvalidParameter.
	BatchEntryErrorsFailed bool
	// PendingSubscriptionARN: Subscribe answers with the ARN of a
	// subscription pending confirmation, and ListSubscriptionsByTopic lists
	// it by ARN. SNS answers "pending confirmation" unless
	// ReturnSubscriptionArn is set, and lists "PendingConfirmation".
	PendingSubscriptionARN bool
	// ListSubscriptionsMissingTopic: ListSubscriptionsByTopic returns an
	// empty list for a topic that does not exist. SNS answers NotFound.
	ListSubscriptionsMissingTopic bool
	// NoArrayFilter: filter policies compare a String.Array attribute as
	// one string and skip arrays in a JSON body. SNS matches each element.
	NoArrayFilter bool
	// ListSubscriptionsAllRegions: ListSubscriptions lists the
	// subscriptions of every region, not only the region called.
	ListSubscriptionsAllRegions bool
	// NoArchiveReplay: SetTopicAttributes refuses ArchivePolicy, and
	// SetSubscriptionAttributes ReplayPolicy, as unknown attributes. SNS
	// archives a FIFO topic's messages for 1 to 365 days and replays them
	// to a subscription on request.
	NoArchiveReplay bool
	// LaxFilterPolicyValidation: Subscribe and SetSubscriptionAttributes
	// accept a filter policy with an empty array of values, or with nested
	// keys for the MessageAttributes scope. SNS refuses both with
	// InvalidParameter.
	LaxFilterPolicyValidation bool
	// FilterExampleMismatches are the developer guide's filter examples
	// (internal/filterguide) on which the peer's verdict is the opposite of
	// the guide's, by example ID, each with the reason. The suite expects
	// the peer's verdict there, so an example the peer comes to agree with
	// fails until its entry goes; an ID of no example fails too.
	FilterExampleMismatches map[string]string
}

// Regions the suite uses. listRegion and subsRegion are used by one
// listing test each, so it knows every topic or subscription there.
const (
	mainRegion  = region.EUWest1
	otherRegion = region.USWest2
	listRegion  = region.APSoutheast2
	subsRegion  = region.CACentral1
)

// How long to wait for a delivery that should arrive, and for one that
// should not (asynchronous peers get this long to prove a negative).
const (
	deliveryWait = 5 * time.Second
	quietWait    = time.Second
)

// Run runs every behaviour test against the peer h connects to, each as a
// parallel subtest.
func Run(t *testing.T, h Harness) {
	tests := []struct {
		name string
		fn   func(*testing.T, Harness)
	}{
		{"CreateTopicIsIdempotent", testCreateTopicIsIdempotent},
		{"TopicNameRules", testTopicNameRules},
		{"ListTopicsPagesOf100", testListTopicsPages},
		{"DeleteTopic", testDeleteTopic},
		{"TopicsAreRegional", testTopicsAreRegional},
		{"TopicAttributes", testTopicAttributes},
		{"Tags", testTags},
		{"PublishRawDelivery", testPublishRawDelivery},
		{"PublishEnvelope", testPublishEnvelope},
		{"PublishValidation", testPublishValidation},
		{"MessageStructureJSON", testMessageStructureJSON},
		{"FIFORules", testFIFORules},
		{"FIFODeduplication", testFIFODeduplication},
		{"FIFOOrderWithinGroup", testFIFOOrder},
		{"PublishBatch", testPublishBatch},
		{"PublishBatchLimits", testPublishBatchLimits},
		{"PublishBatchFIFO", testPublishBatchFIFO},
		{"Subscriptions", testSubscriptions},
		{"ListSubscriptionsPagesOf100", testListSubscriptionsPages},
		{"PendingConfirmation", testPendingConfirmation},
		{"FilterPolicyOnAttributes", testFilterPolicyAttributes},
		{"FilterPolicyOnBody", testFilterPolicyBody},
		{"FilterPolicyGuideExamples", testFilterPolicyGuideExamples},
		{"CancelledContext", testCancelledContext},
		{"ListSubscriptionsOfTheRegion", testListSubscriptions},
		{"ArchiveAndReplay", testArchiveAndReplay},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, h)
		})
	}
}
