package reliability

import (
	"context"
	"os"
	"strconv"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/region"
)

func TestMain(m *testing.M) {
	code := m.Run()
	emulator.Close()
	os.Exit(code)
}

// SoakEnv, when set to 1, runs the long versions (make soak).
const SoakEnv = "SNSCONNECTOR_SOAK"

// scale returns the short size for make test, the long one for make soak.
func scale(short, long int) int {
	if v, _ := strconv.ParseBool(os.Getenv(SoakEnv)); v {
		return long
	}
	return short
}

func createTopic(t *testing.T, srv *fauxqs.Server, r region.Region, name string, fifo bool) string {
	t.Helper()
	in := &sns.CreateTopicInput{Name: aws.String(name)}
	if fifo {
		in.Attributes = map[string]string{"FifoTopic": "true"}
	}
	out, err := srv.SNS(string(r)).CreateTopic(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	return aws.ToString(out.TopicArn)
}

// topicWithQueue creates a topic (FIFO when fifo; the name must then end in
// ".fifo") and an SQS queue of the same kind subscribed to it with raw delivery,
// whose messages the tests read back.
func topicWithQueue(t *testing.T, srv *fauxqs.Server, r region.Region, name string, fifo bool) (string, *fauxqs.Queue) {
	t.Helper()
	topic := createTopic(t, srv, r, name, fifo)
	q, err := srv.SubscribeQueue(context.Background(), string(r), topic, nil)
	if err != nil {
		t.Fatal(err)
	}
	return topic, q
}
