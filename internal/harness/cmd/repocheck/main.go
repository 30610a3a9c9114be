// Command repocheck fails when the repository holds what it must not:
//
//   - a tracked binary executable or archive (ELF, Mach-O, PE, ar): build
//     outputs belong in .gitignore, not in every clone;
//   - a module that the library and the test harness both use at different
//     versions: the harness must test the library with the versions the
//     library's go.mod gives its users.
//
// `make lint` runs it from the repository root.
package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/mod/modfile"
)

func main() {
	problems := append(trackedBinaries(), moduleSkew(".", "internal/harness")...)
	for _, p := range problems {
		fmt.Fprintln(os.Stderr, "repocheck:", p)
	}
	if len(problems) > 0 {
		os.Exit(1)
	}
}

// magics are the first bytes of executables and object archives.
var magics = map[string][]byte{
	"ELF executable":          {0x7f, 'E', 'L', 'F'},
	"Mach-O executable":       {0xcf, 0xfa, 0xed, 0xfe},
	"Mach-O executable (32)":  {0xce, 0xfa, 0xed, 0xfe},
	"Mach-O universal binary": {0xca, 0xfe, 0xba, 0xbe},
	"Windows executable":      {'M', 'Z'},
	"ar archive":              []byte("!<arch>\n"),
}

func trackedBinaries() []string {
	out, err := exec.Command("git", "ls-files", "-z").Output()
	if err != nil {
		return []string{fmt.Sprintf("git ls-files: %v", err)}
	}
	var problems []string
	for _, name := range strings.Split(strings.TrimRight(string(out), "\x00"), "\x00") {
		if kind := binaryKind(name); kind != "" {
			problems = append(problems, fmt.Sprintf("%s is a tracked %s: remove it (git rm --cached) and ignore build outputs", name, kind))
		}
	}
	return problems
}

func binaryKind(name string) string {
	f, err := os.Open(name)
	if err != nil {
		return "" // deleted in the work tree: nothing to check
	}
	defer f.Close()
	head := make([]byte, 8)
	n, _ := io.ReadFull(f, head)
	for kind, magic := range magics {
		if n >= len(magic) && bytes.Equal(head[:len(magic)], magic) {
			return kind
		}
	}
	return ""
}

// moduleSkew reports modules that both go.mod files require at different
// versions. Since Go 1.17 a go.mod lists every module its build needs, so
// comparing the files is comparing what each module builds with.
func moduleSkew(library, harness string) []string {
	lib, err := requirements(library)
	if err != nil {
		return []string{err.Error()}
	}
	h, err := requirements(harness)
	if err != nil {
		return []string{err.Error()}
	}
	var problems []string
	for path, v := range lib {
		if hv, ok := h[path]; ok && hv != v {
			problems = append(problems, fmt.Sprintf("%s is %s in the library but %s in %s: run `go get %s@%s` there", path, v, hv, harness, path, v))
		}
	}
	slices.Sort(problems)
	return problems
}

func requirements(dir string) (map[string]string, error) {
	name := filepath.Join(dir, "go.mod")
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	f, err := modfile.ParseLax(name, data, nil)
	if err != nil {
		return nil, err
	}
	mods := map[string]string{}
	for _, r := range f.Require {
		mods[r.Mod.Path] = r.Mod.Version
	}
	return mods, nil
}
