package model

import (
	"encoding/json"
	"fmt"
	"testing"
)

// TestPersonalDataMasksItsValue: a PersonalData prints one fixed mask, or
// "" when empty, and gives its value back through Reveal. That no rendering
// of one, or of anything that holds one, shows the value is
// snsconnector's TestSecretsNeverLeave's to check.
func TestPersonalDataMasksItsValue(t *testing.T) {
	const phone = "+14155550123"
	p := PersonalData(phone)
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
