package auth

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// TestSecretFormats: a Secret prints a mask under every verb and in JSON,
// and gives its value back only through Reveal. That no rendering of one,
// or of anything that holds one, shows the value is snsconnector's
// TestSecretsNeverLeave's to check.
func TestSecretFormats(t *testing.T) {
	s := NewSecret("hunter2")
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d", "%10s"} {
		if got := fmt.Sprintf(verb, s); !strings.Contains(got, "REDACTED") {
			t.Errorf("%s: %q", verb, got)
		}
	}
	if s.Reveal() != "hunter2" || fmt.Sprint(Secret{}) != "" {
		t.Error("Reveal or empty secret")
	}
	b, _ := json.Marshal(struct{ S Secret }{s})
	if string(b) != `{"S":"[REDACTED]"}` {
		t.Errorf("json: %s", b)
	}
}
