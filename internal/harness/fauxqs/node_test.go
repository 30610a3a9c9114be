package fauxqs

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

func TestNodeIsRecent(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake node binaries are shell scripts")
	}
	for version, want := range map[string]bool{
		"v20.20.2": false, "v22.4.9": false, "v22.5.0": true, "v22.23.3": true, "v24.0.0": true, "garbage": false,
	} {
		fake := filepath.Join(t.TempDir(), "node")
		if err := os.WriteFile(fake, []byte("#!/bin/sh\necho "+version+"\n"), 0o755); err != nil {
			t.Fatal(err)
		}
		if got := nodeIsRecent(fake); got != want {
			t.Errorf("node %s: recent = %v, want %v", version, got, want)
		}
	}
}
