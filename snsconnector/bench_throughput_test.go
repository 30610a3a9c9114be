package snsconnector_test

import (
	"context"
	"testing"

	"github.com/go-sns/connector/internal/fauxqs"
	"github.com/go-sns/connector/internal/throughput"
)

// BenchmarkThroughput publishes through fauxqs and counts every message
// back out of an SQS queue: sequential Publish, PublishBatch, the
// Publisher from many goroutines, and the raw SDK's parallel PublishBatch
// as the ceiling, all in one run (make bench-throughput). It reports msgs/s
// and the client's CPU per message; ns/op is per message too. The emulator
// shares the machine, so compare numbers of one run only.
func BenchmarkThroughput(b *testing.B) {
	if _, _, err := fauxqs.Paths(); err != nil {
		b.Skip(err)
	}
	srv, err := fauxqs.Start(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Stop()
	cases := throughput.Cases()
	if err := throughput.WarmUp(srv, cases, 5000); err != nil {
		b.Fatal(err)
	}
	for _, c := range throughput.Rotate(cases) {
		b.Run(c.Name, func(b *testing.B) { throughput.Run(b, srv, c) })
	}
}
