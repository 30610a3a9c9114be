package snsconnector

import (
	"testing"

	"github.com/go-sns/connector/internal/leakcheck"
)

// noLeaks fails the test if goroutines started during it are still running
// a few seconds after its end.
func noLeaks(t *testing.T) { t.Helper(); leakcheck.Check(t) }
