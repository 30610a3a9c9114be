// Package leakcheck finds goroutines a test left running: goleak's
// IgnoreCurrent and VerifyNone in a few lines, so that the library's go.mod
// holds no test tools. Tests of the library's packages share it.
package leakcheck

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Check fails the test if goroutines started during it are still running
// a few seconds after its end: call it first thing in the test.
func Check(t testing.TB) {
	t.Helper()
	before := goroutines()
	t.Cleanup(func() {
		deadline := time.Now().Add(5 * time.Second)
		for {
			extra := startedSince(before)
			if len(extra) == 0 {
				return
			}
			if time.Now().After(deadline) {
				t.Errorf("%d goroutines started by the test are still running:\n\n%s", len(extra), strings.Join(extra, "\n\n"))
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	})
}

// startedSince returns the stacks of the goroutines running now that were
// not in before.
func startedSince(before map[string]string) []string {
	var extra []string
	for id, stack := range goroutines() {
		if _, ok := before[id]; !ok {
			extra = append(extra, stack)
		}
	}
	return extra
}

// goroutines returns every goroutine's stack by its "goroutine N" header.
func goroutines() map[string]string {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	all := map[string]string{}
	for _, g := range bytes.Split(buf, []byte("\n\n")) {
		header, _, _ := strings.Cut(string(g), " [")
		all[header] = string(g)
	}
	return all
}
