package docs

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// testOnly are modules only the harness may need: a user's build must not.
var testOnly = []string{
	"github.com/Shopify/toxiproxy", "github.com/prometheus/", "github.com/rs/zerolog", "go.uber.org/goleak",
	"gocloud.dev", "github.com/Admiral-Piett/goaws", "gotest.tools", "honnef.co/go/tools", "golang.org/x/perf",
}

// TestUserModuleGraphHasNoTestTools makes a fresh module that imports the
// library, as a user's would, and lists its module graph.
func TestUserModuleGraphHasNoTestTools(t *testing.T) {
	lib, err := filepath.Abs(root)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	write := func(name, content string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	goVersion, _ := exec.Command("go", "list", "-m", "-f", "{{.GoVersion}}").Output()
	write("go.mod", "module example.com/user\n\ngo "+strings.TrimSpace(string(goVersion))+
		"\n\nrequire github.com/go-sns/connector v0.0.0\n\nreplace github.com/go-sns/connector => "+lib+"\n")
	write("main.go", `package main

import "github.com/go-sns/connector/snsconnector"

func main() { _ = snsconnector.New }
`)
	run := func(args ...string) string {
		cmd := exec.Command("go", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("go %s: %v\n%s", strings.Join(args, " "), err, out)
		}
		return string(out)
	}
	run("mod", "tidy")
	graph := run("list", "-m", "all")
	if !strings.Contains(graph, "github.com/aws/aws-sdk-go-v2/service/sns ") {
		t.Fatalf("the user's module graph lacks the SNS SDK, so it was not built from the library:\n%s", graph)
	}
	for _, mod := range testOnly {
		if strings.Contains(graph, mod) {
			t.Errorf("a module that imports snsconnector gets %s in its graph:\n%s", mod, graph)
		}
	}
}
