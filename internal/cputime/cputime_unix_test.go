//go:build unix

package cputime

import (
	"crypto/sha256"
	"testing"
)

// The benchmarks divide Process's difference by their messages: it must
// grow with the work done, or they would report nothing.
func TestProcessGrowsWithWork(t *testing.T) {
	before := Process()
	if before <= 0 {
		t.Fatalf("Process() = %v before any work; want the CPU the test binary has used", before)
	}
	sum := sha256.Sum256(nil)
	for range 200_000 { // tens of milliseconds of CPU, well above rusage's resolution
		sum = sha256.Sum256(sum[:])
	}
	if after := Process(); after <= before {
		t.Fatalf("Process() went from %v to %v over 200,000 hashes (last %x); want it to grow", before, after, sum[:4])
	}
}
