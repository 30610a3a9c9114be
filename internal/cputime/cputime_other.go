//go:build !unix

package cputime

import "time"

// Process is not measured here: it returns 0, and benchmarks then report
// no CPU per message.
func Process() time.Duration { return 0 }
