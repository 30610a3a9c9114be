// Package scripts holds the shell scripts the Makefile runs; its tests
// drive them with fake commands.
package scripts

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// fakeGo writes a stand-in for the go command that answers its nth call
// with outcomes[n-1] ("pass", "deadline" or "crash") and counts its calls.
func fakeGo(t *testing.T, outcomes ...string) (goPath, callsPath string) {
	t.Helper()
	dir := t.TempDir()
	callsPath = filepath.Join(dir, "calls")
	script := `#!/bin/sh
n=$(($(cat "` + callsPath + `" 2>/dev/null || echo 0) + 1))
echo "$n" > "` + callsPath + `"
case $(sed -n "${n}p" "` + filepath.Join(dir, "outcomes") + `") in
pass) echo ok; exit 0 ;;
deadline) printf -- '--- FAIL: FuzzX (2.01s)\n    context deadline exceeded\nFAIL\n'; exit 1 ;;
crash) printf -- '--- FAIL: FuzzX (0.10s)\n    panic: boom\n    Failing input written to testdata/fuzz/FuzzX/abc\nFAIL\n'; exit 1 ;;
esac
exit 3
`
	goPath = filepath.Join(dir, "go")
	if err := os.WriteFile(goPath, []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "outcomes"), []byte(strings.Join(outcomes, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	return goPath, callsPath
}

func TestFuzzoneRetriesOnlyGosDeadlineRace(t *testing.T) {
	for _, tc := range []struct {
		name     string
		outcomes []string
		ok       bool
		calls    string
		says     string
	}{
		{"passes", []string{"pass"}, true, "1", ""},
		{"a crash fails at once", []string{"crash", "pass"}, false, "1", "the input is saved"},
		{"the race is run again", []string{"deadline", "pass"}, true, "2", "go.dev/issue/75804"},
		{"a crash after the race fails", []string{"deadline", "crash"}, false, "2", "the input is saved"},
		{"the race three times fails", []string{"deadline", "deadline", "deadline", "pass"}, false, "3", "without a failing input"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			goPath, callsPath := fakeGo(t, tc.outcomes...)
			cmd := exec.Command("./fuzzone", ".", "./pkg", "FuzzX", "2s")
			cmd.Env = append(os.Environ(), "GO="+goPath)
			out, err := cmd.CombinedOutput()
			if ok := err == nil; ok != tc.ok {
				t.Fatalf("fuzzone succeeded = %v, want %v; output:\n%s", ok, tc.ok, out)
			}
			calls, _ := os.ReadFile(callsPath)
			if got := strings.TrimSpace(string(calls)); got != tc.calls {
				t.Errorf("go ran %s times, want %s", got, tc.calls)
			}
			if !strings.Contains(string(out), tc.says) {
				t.Errorf("output does not say %q:\n%s", tc.says, out)
			}
		})
	}
}
