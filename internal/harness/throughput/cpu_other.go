//go:build !unix

package throughput

import "time"

// cpuTime is not measured here; Run then reports no cpu-µs/msg.
func cpuTime() time.Duration { return 0 }
