package auth

import (
	"errors"
	"testing"
)

// TestAnnotatedExampleFile keeps examples/profiles.yaml loadable: every
// profile parses up to the files it names (the certificates there do not
// exist, which must be the only complaint).
func TestAnnotatedExampleFile(t *testing.T) {
	vars := env(map[string]string{"DEV_SECRET": "x", "P12_PASSWORD": "x", "EXTERNAL_ID": "ext-1"})
	for _, name := range []string{"dev", "default"} {
		if _, err := LoadProfile("../examples/profiles.yaml", name, vars); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	for _, name := range []string{"prod", "prod-p12"} {
		_, err := LoadProfile("../examples/profiles.yaml", name, vars)
		for _, e := range unjoin(err) {
			if !errors.Is(e, &ProfileError{Rule: RuleNotFound}) {
				t.Errorf("%s: %v", name, e)
			}
		}
		if err == nil {
			t.Errorf("%s: the example certificates exist?", name)
		}
	}
}
