package snsconnector

import "strings"

// redacted is an error whose text hides a value the service echoed back
// in its message: a phone number, an email address, a URL with a password.
// errors.As still reaches the SDK's error underneath, with the text
// unchanged; only this error's text, which *Error and the logs show, hides
// the value.
type redacted struct {
	err  error
	hide string
}

func (e *redacted) Error() string { return strings.ReplaceAll(e.err.Error(), e.hide, "[redacted]") }

func (e *redacted) Unwrap() error { return e.err }

// redact returns err with hide removed from its text, or err itself when
// it does not contain hide (or hide is "").
func redact(err error, hide string) error {
	if err == nil || hide == "" || !strings.Contains(err.Error(), hide) {
		return err
	}
	return &redacted{err: err, hide: hide}
}

// redactAll is redact for several values: every one of hide is removed
// from err's text.
func redactAll(err error, hide ...string) error {
	for _, h := range hide {
		err = redact(err, h)
	}
	return err
}

// revealedValues returns the values of attributes that hold secrets or
// personal data, for redactAll. Values of fewer than 4 bytes are left out:
// hiding them would garble the rest of the text, and they give nothing
// away.
func revealedValues(attrs map[string]string) []string {
	out := make([]string, 0, len(attrs))
	for _, v := range attrs {
		if len(v) >= 4 {
			out = append(out, v)
		}
	}
	return out
}
