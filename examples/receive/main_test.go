package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// The demo verifies the two signed messages, prints their typed attributes,
// and refuses the tampered copy.
func TestRunDemo(t *testing.T) {
	var out bytes.Buffer
	if err := runDemo(context.Background(), &out); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{
		`"order shipped, total 129.95"`, `"order shipped, total 15"`,
		"total (Number.float): 129.95", `tags (String.Array): ["express","gift"]`, "sum (Binary): ca fe",
		"refused: rule signature",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "verified Notification"); n != 2 {
		t.Errorf("%d verified, want 2:\n%s", n, got)
	}
}
