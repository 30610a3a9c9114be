//go:build !unix

// Package cputime reads the CPU time the process has used, for the
// benchmarks that report client CPU per message (snsconnector's and the
// harness's throughput runs).
package cputime

import "time"

// Process is not measured here: it returns 0, and benchmarks then report
// no CPU per message.
func Process() time.Duration { return 0 }
