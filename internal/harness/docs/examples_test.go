package docs

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestExamplesExplainThemselves builds every program under examples/ and
// runs it with -h: before its flags it must say what it does, what it needs
// (the emulator, or AWS and which permissions) and show a command line.
func TestExamplesExplainThemselves(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join(root, "examples", "*", "main.go"))
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", bin+string(filepath.Separator), "./examples/...")
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the examples: %v\n%s", err, out)
	}
	for _, main := range dirs {
		name := filepath.Base(filepath.Dir(main))
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(filepath.Join(bin, name), "-h")
			cmd.Env = append(os.Environ(), "AWS_ENDPOINT_URL=")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%s -h: %v\n%s", name, err, out)
			}
			help := string(out)
			first, _, _ := strings.Cut(help, "\n")
			if !strings.HasPrefix(first, name+" ") || len(first) < 30 {
				t.Errorf("-h must open with a sentence saying what %s does; it opens with %q", name, first)
			}
			for _, want := range []string{"\nNeeds: ", "\nExample:\n  ", "\nFlags:\n"} {
				if !strings.Contains(help, want) {
					t.Errorf("-h of %s has no %q section:\n%s", name, strings.TrimSpace(want), help)
				}
			}
		})
	}
}
