// Package throughput measures how fast messages go from a Go client through
// SNS into an SQS queue, on the fauxqs emulator, so the ways of publishing
// this module offers can be compared with each other and with the raw SDK
// in one benchmark run on one machine.
//
// Each measurement creates a topic with a raw-delivery SQS subscription,
// publishes b.N messages (the timed phase: wall time and the process's CPU
// time, user plus system, from getrusage), then reads every message back
// from the queue and fails unless each one arrived exactly once and, on a
// FIFO topic, each message group's in order. It reports
// msgs/s and cpu-µs/msg. WarmUp runs every case once first, unmeasured. The emulator runs on the same machine, so its CPU
// competes with the client's: compare numbers from one run only.
package throughput

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/go-sns/connector/internal/cputime"
	"github.com/go-sns/connector/internal/harness/fauxqs"
	"github.com/go-sns/connector/model"
	"github.com/go-sns/connector/region"
	"github.com/go-sns/connector/snsconnector"
)

// Region is where the benchmarks create their topics.
const Region = region.USEast1

// Env is what a Case publishes with.
type Env struct {
	Server *fauxqs.Server
	Topic  model.Topic
	// Client is a connector client for the emulator, with the SDK's
	// defaults (retries, HTTP client).
	Client *snsconnector.Client
	// SNS is a raw SDK client for the emulator, with the same defaults.
	SNS *sns.Client

	sqs *sqs.Client // reads the queue back
}

// Case is one way of publishing: Publish sends messages 0 to n-1 (see
// Message, and FIFOMessage on a FIFO topic) and returns once SNS has
// accepted every one.
type Case struct {
	Name    string
	Publish func(ctx context.Context, env *Env, n int) error
	FIFO    bool // to a FIFO topic, read back from a FIFO queue in each group's order
}

// Message returns message i: a body of about 80 bytes that names i, and a
// String and a Number attribute, a typical event.
func Message(i int) model.Message {
	return model.Message{
		Body: Body(i),
		Attributes: map[string]model.MessageAttribute{
			"store": model.StringAttribute("example_corp"),
			"price": model.NumberAttribute(12.5),
		},
	}
}

// FIFOMessage returns message i of a FIFO topic: Message(i) in group
// i % Groups, deduplicated by i.
func FIFOMessage(i int) model.Message {
	m := Message(i)
	m.GroupID, m.DeduplicationID = "g"+strconv.Itoa(i%Groups), strconv.Itoa(i)
	return m
}

// Body returns the body of message i.
func Body(i int) string {
	return "msg " + strconv.Itoa(i) + ": order shipped to the customer, tracking code 1Z999AA10123456784"
}

func indexOf(body string) (int, bool) {
	rest, ok := strings.CutPrefix(body, "msg ")
	if !ok {
		return 0, false
	}
	num, _, ok := strings.Cut(rest, ":")
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(num)
	return i, err == nil
}

// WarmUp runs every case on n messages, unmeasured, before the first
// measurement. The emulator is a Node.js program whose JIT speeds it up as
// it runs: without warming up, whichever case runs later meets a faster
// emulator, and on this machine a faster peer also means less client CPU
// per message (fewer idle wake-ups).
func WarmUp(srv *fauxqs.Server, cases []Case, n int) error {
	for _, c := range cases {
		env, q, err := setUp(srv, c.FIFO)
		if err != nil {
			return err
		}
		if err := c.Publish(context.Background(), env, n); err != nil {
			return fmt.Errorf("warming up %s: %w", c.Name, err)
		}
		if err := drain(context.Background(), env.sqs, q.URL, n, c.FIFO); err != nil {
			return fmt.Errorf("warming up %s: %w", c.Name, err)
		}
	}
	return nil
}

// setUp creates a topic (a FIFO topic with fifo) with a raw-delivery
// queue, and the clients.
func setUp(srv *fauxqs.Server, fifo bool) (*Env, *fauxqs.Queue, error) {
	ctx := context.Background()
	name := fauxqs.UniqueName("bench")
	in := &sns.CreateTopicInput{Name: aws.String(name)}
	if fifo {
		in.Name = aws.String(name + ".fifo")
		in.Attributes = map[string]string{"FifoTopic": "true", "FifoThroughputScope": "MessageGroup"}
	}
	out, err := srv.SNS(string(Region)).CreateTopic(ctx, in)
	if err != nil {
		return nil, nil, err
	}
	topic := model.Topic{ARN: aws.ToString(out.TopicArn), Name: aws.ToString(in.Name)}
	q, err := srv.SubscribeQueue(ctx, string(Region), topic.ARN, nil)
	if err != nil {
		return nil, nil, err
	}
	client, err := snsconnector.New(ctx, snsconnector.WithEndpoint(srv.URL), snsconnector.WithCredentialsProvider(fauxqs.Credentials))
	if err != nil {
		return nil, nil, err
	}
	cfg := srv.Config(string(Region))
	env := &Env{
		Server: srv, Topic: topic, Client: client, SNS: sns.NewFromConfig(cfg),
		sqs: srv.SQS(string(Region)),
	}
	return env, q, nil
}

// Rotate returns cases rotated left by the number in $THROUGHPUT_ROTATE
// (none when unset): make bench-throughput gives each of its runs another
// rotation, so that every case runs in every position (first after the
// warm-up, last, ...) and an effect of position averages out.
func Rotate(cases []Case) []Case {
	k, err := strconv.Atoi(os.Getenv("THROUGHPUT_ROTATE"))
	if err != nil || len(cases) == 0 {
		return cases
	}
	k = ((k % len(cases)) + len(cases)) % len(cases)
	return append(append([]Case(nil), cases[k:]...), cases[:k]...)
}

// Run measures c: see the package documentation.
func Run(b *testing.B, srv *fauxqs.Server, c Case) {
	ctx := context.Background()
	env, q, err := setUp(srv, c.FIFO)
	if err != nil {
		b.Fatal(err)
	}

	runtime.GC()
	cpu0 := cputime.Process()
	b.ResetTimer()
	start := time.Now()
	err = c.Publish(ctx, env, b.N)
	elapsed := time.Since(start)
	cpu := cputime.Process() - cpu0
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	if err := drain(ctx, env.sqs, q.URL, b.N, c.FIFO); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "msgs/s")
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/msg")
	}
}

// drain reads n messages from the queue with several receivers and checks
// that each of messages 0 to n-1 arrived exactly once and, with fifo, that
// each group's arrived in order. (A FIFO queue hands out a group's next
// messages only once those received before are deleted.)
func drain(ctx context.Context, c *sqs.Client, url string, n int, fifo bool) error {
	var mu sync.Mutex
	seen := make([]bool, n)
	last := make([]int, Groups) // per group, the last index received, +1
	var got, problems atomic.Int64
	var first error
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
		problems.Add(1)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			idle := time.Now()
			for got.Load() < int64(n) && problems.Load() == 0 {
				if time.Since(idle) > 15*time.Second {
					fail(fmt.Errorf("only %d of %d messages arrived", got.Load(), n))
					return
				}
				out, err := c.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url), MaxNumberOfMessages: 10, WaitTimeSeconds: 1})
				if err != nil {
					fail(err)
					return
				}
				if len(out.Messages) == 0 {
					continue
				}
				idle = time.Now()
				entries := make([]sqstypes.DeleteMessageBatchRequestEntry, len(out.Messages))
				for i, m := range out.Messages {
					entries[i] = sqstypes.DeleteMessageBatchRequestEntry{Id: aws.String(strconv.Itoa(i)), ReceiptHandle: m.ReceiptHandle}
					idx, ok := indexOf(aws.ToString(m.Body))
					mu.Lock()
					dup := ok && idx < n && seen[idx]
					reordered := false
					if ok && idx < n {
						seen[idx] = true
						g := idx % Groups
						reordered = fifo && idx+1 < last[g]
						last[g] = max(last[g], idx+1)
					}
					mu.Unlock()
					if !ok || idx >= n || dup {
						fail(fmt.Errorf("unexpected or repeated message %.40q", aws.ToString(m.Body)))
						return
					}
					if reordered {
						fail(fmt.Errorf("FIFO order broken: %.40q arrived after a later message of its group", aws.ToString(m.Body)))
						return
					}
					got.Add(1)
				}
				if _, err := c.DeleteMessageBatch(ctx, &sqs.DeleteMessageBatchInput{QueueUrl: aws.String(url), Entries: entries}); err != nil {
					fail(err)
					return
				}
			}
		})
	}
	wg.Wait()
	return first
}
