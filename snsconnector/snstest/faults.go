package snstest

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/service/sns/types"

	"github.com/go-sns/connector/region"
)

// Call describes an operation as it reaches the fake, for an [Interceptor].
type Call struct {
	// Op is the operation, named as the SDK method: "Publish",
	// "CreateTopic", ...
	Op string
	// Region is the region the call goes to.
	Region region.Region
	// Input is the SDK input as the caller passed it (*sns.PublishInput,
	// ...), possibly nil. Treat it as read-only.
	Input any
}

// Interceptor sees every call before the fake handles it. A non-nil error
// fails the call with that error, wrapped as the SDK wraps service errors;
// return a modeled error (&types.ThrottledException{...}) to look like SNS.
// It may block, honouring ctx, to simulate latency.
type Interceptor func(ctx context.Context, call Call) error

// EntryFault decides, for one entry of a PublishBatch that is otherwise
// valid, whether SNS fails it: a non-nil result puts the entry in the
// response's Failed list (its Id is filled in) and the entry is neither
// published nor delivered. It lets a test give its code a partial failure,
// which a 200 response from SNS may carry.
type EntryFault func(topicARN string, entry types.PublishBatchRequestEntry) *types.BatchResultErrorEntry

// faults is the fault injection state, guarded by Server.mu.
type faults struct {
	calls      map[string]int
	next       map[string][]error
	intercept  Interceptor
	entryFault EntryFault
}

// FailNext makes the next call of operation op (the SDK method name,
// "Publish") fail with err, before the fake looks at its input. Several
// calls queue up: each failure is used once, in order. A nil err does
// nothing.
func (s *Server) FailNext(op string, err error) {
	if err == nil {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.faults.next == nil {
		s.faults.next = map[string][]error{}
	}
	s.faults.next[op] = append(s.faults.next[op], err)
}

// SetInterceptor installs f to see every later call; nil removes it.
func (s *Server) SetInterceptor(f Interceptor) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.intercept = f
}

// SetEntryFault installs f to decide the fate of each PublishBatch entry;
// nil removes it.
func (s *Server) SetEntryFault(f EntryFault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.entryFault = f
}

// Calls returns how many times operation op has been called, failed calls
// included: a test can check that its code retried, or did not call at all.
func (s *Server) Calls(op string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults.calls[op]
}

// inject counts the call and returns the failure to give it, if any. User
// code (the interceptor) runs outside the lock so it may call the fake.
func (s *Server) inject(ctx context.Context, c Call) error {
	s.mu.Lock()
	if s.faults.calls == nil {
		s.faults.calls = map[string]int{}
	}
	s.faults.calls[c.Op]++
	var queued error
	if q := s.faults.next[c.Op]; len(q) > 0 {
		queued = q[0]
		s.faults.next[c.Op] = q[1:]
	}
	intercept := s.faults.intercept
	s.mu.Unlock()
	if queued != nil {
		return queued
	}
	if intercept != nil {
		return intercept(ctx, c)
	}
	return nil
}

// entryFaults asks the entry fault hook about each entry, outside the lock.
// The result is nil when no hook is set.
func (s *Server) entryFaults(topicARN string, entries []types.PublishBatchRequestEntry) []*types.BatchResultErrorEntry {
	s.mu.Lock()
	f := s.faults.entryFault
	s.mu.Unlock()
	if f == nil {
		return nil
	}
	out := make([]*types.BatchResultErrorEntry, len(entries))
	for i, e := range entries {
		out[i] = f(topicARN, e)
	}
	return out
}
