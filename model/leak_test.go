package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

// renderings returns v as every fmt verb, encoding/json and slog's text and
// JSON handlers show it, alone and inside a struct and a slice.
func renderings(v any) []string {
	var out []string
	type holder struct{ V any }
	for _, x := range []any{v, holder{v}, []any{v}, &holder{v}} {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d", "%T"} {
			out = append(out, fmt.Sprintf(verb, x))
		}
		b, err := json.Marshal(x)
		out = append(out, string(b), fmt.Sprint(err))
	}
	var buf bytes.Buffer
	slog.New(slog.NewTextHandler(&buf, nil)).Info("m", "v", v)
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("m", "v", v)
	out = append(out, buf.String(), fmt.Sprint(v))
	return out
}

// wantNoLeak fails the test if any rendering of v contains a secret.
func wantNoLeak(t *testing.T, what string, v any, secrets ...string) {
	t.Helper()
	for _, r := range renderings(v) {
		for _, s := range secrets {
			if s != "" && strings.Contains(r, s) {
				t.Errorf("%s leaks %.12q... in %q", what, s, r)
			}
		}
	}
}

// wantErrNoLeak fails the test if an error's text holds a secret.
func wantErrNoLeak(t *testing.T, what string, err error, secrets ...string) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(err.Error(), s) {
			t.Errorf("%s: error leaks %.12q...: %v", what, s, err)
		}
	}
}

func TestPersonalDataNeverPrints(t *testing.T) {
	const phone = "+14155550123"
	p := PersonalData(phone)
	wantNoLeak(t, "PersonalData", p, phone)
	wantNoLeak(t, "SandboxPhoneNumber", SandboxPhoneNumber{PhoneNumber: p, Status: SandboxVerified}, phone)
	if p.Reveal() != phone || string(p) != phone {
		t.Errorf("Reveal = %q", p.Reveal())
	}
	if got := fmt.Sprint(p); got != "[personal data]" {
		t.Errorf("Sprint = %q", got)
	}
	if got := fmt.Sprintf("%q|%#v", PersonalData(""), PersonalData("")); got != `""|""` {
		t.Errorf("empty PersonalData prints %s", got)
	}
	if b, _ := json.Marshal(struct{ P PersonalData }{p}); string(b) != `{"P":"[personal data]"}` {
		t.Errorf("JSON %s", b)
	}
}
