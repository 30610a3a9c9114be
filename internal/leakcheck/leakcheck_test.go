package leakcheck

import (
	"strings"
	"testing"
	"time"
)

func TestStartedSinceSeesAGoroutineUntilItEnds(t *testing.T) {
	before := goroutines()
	release := make(chan struct{})
	done := make(chan struct{})
	go func() { defer close(done); <-release }()
	extra := startedSince(before)
	if len(extra) != 1 || !strings.Contains(extra[0], "TestStartedSinceSeesAGoroutineUntilItEnds") {
		t.Fatalf("started since: %q; want the one goroutine this test started", extra)
	}
	close(release)
	<-done
	for deadline := time.Now().Add(5 * time.Second); len(startedSince(before)) > 0; time.Sleep(time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("an ended goroutine is still reported: %q", startedSince(before))
		}
	}
}
