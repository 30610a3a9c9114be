package docs

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/go/packages"
)

// root is the library module's directory.
var root = filepath.Join("..", "..", "..")

// block is one fenced code block of a Markdown file.
type block struct {
	lang string
	line int // of the opening fence
	text string
}

func readmeBlocks(t *testing.T) []block {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var blocks []block
	var cur *block
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case cur == nil && strings.HasPrefix(line, "```"):
			cur = &block{lang: strings.TrimPrefix(line, "```"), line: n}
		case cur != nil && line == "```":
			blocks = append(blocks, *cur)
			cur = nil
		case cur != nil:
			cur.text += line + "\n"
		}
	}
	if cur != nil {
		t.Fatalf("README.md:%d: code block never closed", cur.line)
	}
	return blocks
}

// imports maps the package names README snippets use to their paths, so a
// snippet need not repeat its imports.
var imports = map[string]string{
	"aws":          "github.com/aws/aws-sdk-go-v2/aws",
	"auth":         "github.com/go-sns/connector/auth",
	"bytes":        "bytes",
	"config":       "github.com/aws/aws-sdk-go-v2/config",
	"context":      "context",
	"errors":       "errors",
	"fmt":          "fmt",
	"http":         "net/http",
	"httptest":     "net/http/httptest",
	"json":         "encoding/json",
	"log":          "log",
	"model":        "github.com/go-sns/connector/model",
	"notification": "github.com/go-sns/connector/notification",
	"offload":      "github.com/go-sns/connector/offload",
	"os":           "os",
	"region":       "github.com/go-sns/connector/region",
	"s3":           "github.com/aws/aws-sdk-go-v2/service/s3",
	"slog":         "log/slog",
	"sns":          "github.com/aws/aws-sdk-go-v2/service/sns",
	"snsconnector": "github.com/go-sns/connector/snsconnector",
	"snstest":      "github.com/go-sns/connector/snsconnector/snstest",
	"sqs":          "github.com/aws/aws-sdk-go-v2/service/sqs",
	"strings":      "strings",
	"sts":          "github.com/aws/aws-sdk-go-v2/service/sts",
	"testing":      "testing",
	"time":         "time",
	"types":        "github.com/aws/aws-sdk-go-v2/service/sns/types",
	"url":          "net/url",
	"x509":         "crypto/x509",
}

// prelude is what every snippet may assume, as the README says at its
// first snippet: a context, a client, a region and a topic.
const prelude = `
var (
	ctx    = context.Background()
	client *snsconnector.Client
	r      = region.EUWest1
	topic  model.Topic
)
`

// snippetFile turns a README Go block into a Go file. A block that starts
// with "package" is a file already. Otherwise its import blocks and its
// top-level declarations (func, type, var, const at the start of a line)
// stay at file level, and every other line becomes the body of a function
// returning error, so "return err" works; the packages it names are
// imported for it.
func snippetFile(text string) string {
	if strings.HasPrefix(strings.TrimSpace(text), "package ") {
		return text
	}
	var decls, stmts, imps []string
	lines := strings.Split(text, "\n")
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		top := false
		for _, kw := range []string{"func ", "type ", "var ", "const ", "import "} {
			top = top || strings.HasPrefix(line, kw)
		}
		if !top {
			stmts = append(stmts, line)
			continue
		}
		decl := []string{line}
		if end := map[byte]string{'{': "}", '(': ")"}[line[len(line)-1]]; end != "" {
			for i++; i < len(lines) && !strings.HasPrefix(lines[i], end); i++ {
				decl = append(decl, lines[i])
			}
			if i < len(lines) {
				decl = append(decl, lines[i])
			}
		}
		if strings.HasPrefix(line, "import ") {
			imps = append(imps, decl...)
		} else {
			decls = append(decls, decl...)
		}
	}
	var b strings.Builder
	b.WriteString("package snippet\n\n")
	used := map[string]bool{"context": true, "snsconnector": true, "region": true, "model": true}
	for name := range qualifiers(text) {
		used[name] = true
	}
	for _, name := range sortedKeys(used) {
		if path, ok := imports[name]; ok && !strings.Contains(strings.Join(imps, "\n"), `"`+path+`"`) {
			fmt.Fprintf(&b, "import %q\n", path)
		}
	}
	b.WriteString(strings.Join(imps, "\n") + "\n" + prelude + "\n")
	b.WriteString(strings.Join(decls, "\n") + "\n\n")
	b.WriteString("func _() error {\n" + strings.Join(stmts, "\n") + "\n\treturn nil\n}\n")
	return b.String()
}

func sortedKeys(m map[string]bool) []string { return slices.Sorted(maps.Keys(m)) }

// qualifiers returns the identifiers written just before a '.' in src.
func qualifiers(src string) map[string]bool {
	var s scanner.Scanner
	fset := token.NewFileSet()
	s.Init(fset.AddFile("", -1, len(src)), []byte(src), nil, 0)
	names := map[string]bool{}
	prev := ""
	for {
		_, tok, lit := s.Scan()
		if tok == token.EOF {
			return names
		}
		if tok == token.PERIOD && prev != "" {
			names[prev] = true
		}
		prev = ""
		if tok == token.IDENT {
			prev = lit
		}
	}
}

// TestReadmeGoBlocksCompile type-checks every Go block of the README
// against the library module as it is. Unused variables and imports are
// allowed (a snippet shows a call, not a program); everything else a
// compiler would refuse fails the test, with the README line.
func TestReadmeGoBlocksCompile(t *testing.T) {
	var files []string
	var lines []int
	for _, b := range readmeBlocks(t) {
		if b.lang == "go" {
			files = append(files, snippetFile(b.text))
			lines = append(lines, b.line)
		}
	}
	if len(files) < 10 {
		t.Fatalf("found %d Go blocks in README.md; the parser is broken", len(files))
	}
	fset := token.NewFileSet()
	parsed := make([]*ast.File, len(files))
	paths := map[string]bool{}
	for i, src := range files {
		f, err := parser.ParseFile(fset, fmt.Sprintf("README.md:%d", lines[i]), src, 0)
		if err != nil {
			t.Errorf("README.md:%d: the Go block does not parse: %v\n%s", lines[i], err, numbered(src))
			continue
		}
		parsed[i] = f
		for _, imp := range f.Imports {
			paths[strings.Trim(imp.Path.Value, `"`)] = true
		}
	}
	pkgs, err := packages.Load(&packages.Config{Mode: packages.NeedName | packages.NeedTypes | packages.NeedImports | packages.NeedDeps, Dir: root}, sortedKeys(paths)...)
	if err != nil {
		t.Fatal(err)
	}
	byPath := map[string]*types.Package{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			t.Errorf("loading %s: %v", p.PkgPath, e)
		}
		byPath[p.PkgPath] = p.Types
	})
	for i, f := range parsed {
		if f == nil {
			continue
		}
		var hard []string
		conf := types.Config{
			Importer: importerFunc(func(path string) (*types.Package, error) {
				if p := byPath[path]; p != nil {
					return p, nil
				}
				return nil, fmt.Errorf("package %s not loaded", path)
			}),
			Error: func(err error) {
				if te, ok := err.(types.Error); ok && te.Soft && strings.Contains(te.Msg, "not used") {
					return
				}
				hard = append(hard, err.Error())
			},
		}
		conf.Check("snippet", fset, []*ast.File{f}, nil)
		if len(hard) > 0 {
			t.Errorf("README.md:%d: the Go block does not compile:\n  %s\nas compiled:\n%s", lines[i], strings.Join(hard, "\n  "), numbered(files[i]))
		}
	}
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

func numbered(src string) string {
	var b strings.Builder
	for i, l := range strings.Split(src, "\n") {
		fmt.Fprintf(&b, "%4d  %s\n", i+1, l)
	}
	return b.String()
}

// notRunHere are the shell commands of the README that this test does not
// run, and why.
var notRunHere = map[string]string{
	"go get github.com/go-sns/connector": "fetches the published module; the module proxy is not reachable from tests",
	"make demo":                          ".ci/run runs it after make test",
	"make test":                          "this test runs inside make test",
}

// TestReadmeShellBlocksRun runs every command of the README's shell blocks
// from the repository root, as a reader would paste it.
func TestReadmeShellBlocksRun(t *testing.T) {
	ran := 0
	for _, b := range readmeBlocks(t) {
		if b.lang != "sh" {
			continue
		}
		for i, line := range strings.Split(b.text, "\n") {
			cmd := strings.TrimSpace(line)
			if c, _, ok := strings.Cut(cmd, " #"); ok {
				cmd = strings.TrimSpace(c)
			}
			if cmd == "" || strings.HasPrefix(cmd, "#") {
				continue
			}
			if _, skip := notRunHere[cmd]; skip {
				continue
			}
			ran++
			c := exec.Command("bash", "-euo", "pipefail", "-c", cmd)
			c.Dir = root
			c.Env = append(os.Environ(), "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null")
			timer := time.AfterFunc(2*time.Minute, func() { c.Process.Kill() })
			out, err := c.CombinedOutput()
			timer.Stop()
			if err != nil {
				t.Errorf("README.md:%d: `%s` failed: %v\n%s", b.line+1+i, cmd, err, out)
			}
		}
	}
	if ran == 0 {
		t.Fatal("no shell command of the README ran: the parser is broken")
	}
}
