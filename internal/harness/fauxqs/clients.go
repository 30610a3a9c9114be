package fauxqs

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	s3types "github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// Credentials are what every client of the emulator signs with; fauxqs
// checks no signature.
var Credentials = credentials.NewStaticCredentialsProvider("test", "test", "")

// Config returns an AWS configuration for the emulator in region r.
func (s *Server) Config(r string) aws.Config {
	return aws.Config{
		Region:       r,
		Credentials:  Credentials,
		BaseEndpoint: aws.String(s.URL),
	}
}

// SNS returns a raw SDK SNS client for the emulator in region r.
func (s *Server) SNS(r string) *sns.Client { return sns.NewFromConfig(s.Config(r)) }

// S3 returns a raw SDK S3 client for the emulator in region r, which
// serves S3 on the same port. Buckets are addressed by path
// (http://127.0.0.1:PORT/bucket/key): a loopback address has no bucket
// subdomains.
func (s *Server) S3(r string) *s3.Client {
	return s3.NewFromConfig(s.Config(r), func(o *s3.Options) { o.UsePathStyle = true })
}

// NewBucket creates a bucket with a unique name and returns the name.
func (s *Server) NewBucket(ctx context.Context, r string) (string, error) {
	name := strings.ToLower(UniqueName("bucket"))
	in := &s3.CreateBucketInput{Bucket: aws.String(name)}
	if r != "us-east-1" {
		in.CreateBucketConfiguration = &s3types.CreateBucketConfiguration{LocationConstraint: s3types.BucketLocationConstraint(r)}
	}
	if _, err := s.S3(r).CreateBucket(ctx, in); err != nil {
		return "", fmt.Errorf("creating bucket: %w", err)
	}
	return name, nil
}

// SQS returns a raw SDK SQS client for the emulator in region r. It reads
// through [BufferedTransport].
func (s *Server) SQS(r string) *sqs.Client {
	return sqs.NewFromConfig(s.Config(r), func(o *sqs.Options) {
		o.HTTPClient = &http.Client{Transport: BufferedTransport{}}
	})
}

// BufferedTransport reads each response body whole before the SDK sees it.
// Against fauxqs, aws-sdk-go-v2's SQS client (v1.53) now and then fails to
// read a large ReceiveMessage body ("deserialization failed ... use of
// closed network connection", as in aws/aws-sdk-go-v2#2935) and retries;
// the messages the failed attempt received then stay in flight for the
// visibility timeout and look lost. Buffered, the body cannot be cut off.
type BufferedTransport struct{}

// RoundTrip sends r with http.DefaultTransport and buffers the answer.
func (BufferedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

var seq atomic.Int64

// UniqueName returns prefix followed by a number unique in this process and
// the current time, so tests sharing an emulator never collide.
func UniqueName(prefix string) string {
	return fmt.Sprintf("%s-%d-%d", prefix, time.Now().UnixNano()%1e9, seq.Add(1))
}

// Queue is an SQS queue on the emulator.
type Queue struct {
	URL, ARN string
	sqs      *sqs.Client
}

// NewQueue creates a queue (a FIFO queue when fifo) and returns it.
func (s *Server) NewQueue(ctx context.Context, r string, fifo bool) (*Queue, error) {
	c := s.SQS(r)
	name := UniqueName("q")
	in := &sqs.CreateQueueInput{QueueName: aws.String(name)}
	if fifo {
		in.QueueName = aws.String(name + ".fifo")
		in.Attributes = map[string]string{"FifoQueue": "true"}
	}
	out, err := c.CreateQueue(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("creating queue: %w", err)
	}
	attrs, err := c.GetQueueAttributes(ctx, &sqs.GetQueueAttributesInput{
		QueueUrl:       out.QueueUrl,
		AttributeNames: []sqstypes.QueueAttributeName{sqstypes.QueueAttributeNameQueueArn},
	})
	if err != nil {
		return nil, fmt.Errorf("reading queue ARN: %w", err)
	}
	return &Queue{URL: aws.ToString(out.QueueUrl), ARN: attrs.Attributes["QueueArn"], sqs: c}, nil
}

// SubscribeQueue creates a queue of the topic's kind and subscribes it to
// the topic with raw message delivery, so received bodies are the published
// bodies and message attributes arrive as SQS attributes. Extra
// subscription attributes (a filter policy, say) may be given.
func (s *Server) SubscribeQueue(ctx context.Context, r, topicARN string, attrs map[string]string) (*Queue, error) {
	q, err := s.NewQueue(ctx, r, strings.HasSuffix(topicARN, ".fifo"))
	if err != nil {
		return nil, err
	}
	a := map[string]string{"RawMessageDelivery": "true"}
	for k, v := range attrs {
		a[k] = v
	}
	_, err = s.SNS(r).Subscribe(ctx, &sns.SubscribeInput{
		TopicArn:   aws.String(topicARN),
		Protocol:   aws.String("sqs"),
		Endpoint:   aws.String(q.ARN),
		Attributes: a,
	})
	if err != nil {
		return nil, fmt.Errorf("subscribing queue: %w", err)
	}
	return q, nil
}

// Receive reads and deletes messages until it has n or wait has passed
// with nothing new arriving. It returns what it got, in arrival order.
//
// Should a receive's answer still be lost on the way back (see
// BufferedTransport), a short visibility timeout makes its messages visible
// again within the wait; a message received twice is returned once.
func (q *Queue) Receive(ctx context.Context, n int, wait time.Duration) ([]sqstypes.Message, error) {
	var got []sqstypes.Message
	seen := map[string]bool{}
	idle := time.Now()
	for len(got) < n && time.Since(idle) < wait {
		out, err := q.sqs.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl:                    aws.String(q.URL),
			MaxNumberOfMessages:         10,
			WaitTimeSeconds:             1,
			VisibilityTimeout:           3,
			MessageAttributeNames:       []string{"All"},
			MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{sqstypes.MessageSystemAttributeNameAll},
		})
		if err != nil {
			return got, fmt.Errorf("receiving: %w", err)
		}
		if len(out.Messages) == 0 {
			continue
		}
		idle = time.Now()
		for _, m := range out.Messages {
			if id := aws.ToString(m.MessageId); !seen[id] {
				seen[id] = true
				got = append(got, m)
			}
		}
		entries := make([]sqstypes.DeleteMessageBatchRequestEntry, len(out.Messages))
		for i, m := range out.Messages {
			entries[i] = sqstypes.DeleteMessageBatchRequestEntry{Id: aws.String(fmt.Sprint(i)), ReceiptHandle: m.ReceiptHandle}
		}
		if _, err := q.sqs.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(q.URL), Entries: entries}); err != nil {
			return got, fmt.Errorf("deleting: %w", err)
		}
	}
	return got, nil
}
