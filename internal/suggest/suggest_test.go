package suggest

import (
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"abc", "abc", 0}, {"abc", "", 3}, {"kitten", "sitting", 3},
		{"eu-wset-1", "eu-west-1", 2}, {strings.Repeat("a", 65), "a", maxLen},
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d; want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	c := []string{"role_arn", "profile_arn", "duration"}
	if got := Closest("role_ar", c, 3); got != "role_arn" {
		t.Errorf("got %q", got)
	}
	if got := Closest("zzzzzzzz", c, 3); got != "" {
		t.Errorf("far word got %q", got)
	}
}
