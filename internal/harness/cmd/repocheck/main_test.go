package main

import (
	"os"
	"path/filepath"
	"testing"
)

func TestBinaryKind(t *testing.T) {
	dir := t.TempDir()
	for name, tc := range map[string]struct {
		content []byte
		want    string
	}{
		"elf":    {[]byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, "ELF executable"},
		"macho":  {[]byte{0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1}, "Mach-O executable"},
		"pe":     {[]byte("MZ\x90\x00\x03\x00\x00\x00"), "Windows executable"},
		"ar":     {[]byte("!<arch>\n__.PKGDEF"), "ar archive"},
		"script": {[]byte("#!/usr/bin/env bash\necho hi\n"), ""},
		"go":     {[]byte("package main\n"), ""},
		"empty":  {nil, ""},
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, tc.content, 0o755); err != nil {
			t.Fatal(err)
		}
		if got := binaryKind(path); got != tc.want {
			t.Errorf("%s: binaryKind = %q, want %q", name, got, tc.want)
		}
	}
}
