package auth

import (
	"errors"
	"io/fs"
	"regexp"
	"strings"
)

// The certificate, certificate_chain and private_key keys take a file name
// or the PEM itself, pasted in the profile (a block scalar "|", or one
// line with "\n" escapes) or expanded from ${VAR}: what a Mendix user
// copies from a certificate authority's page, or a container gets from a
// secret store. pkcs12 takes a file name only: the format is binary.
//
// Key material is never quoted in an error, whether it was pasted where a
// file name belongs or the file name merely looks like it.

// pemBegin starts every PEM block.
const pemBegin = "-----BEGIN "

// isInlinePEM reports whether a file key's value is PEM text rather than a
// file name.
func isInlinePEM(v string) bool {
	return strings.HasPrefix(strings.TrimSpace(v), pemBegin)
}

// pemBlock matches one PEM block on a single line, as YAML leaves it when a
// PEM is folded into a plain scalar (line breaks become spaces).
var pemBlock = regexp.MustCompile(`-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\s]*)-----END ([A-Z0-9 ]+)-----`)

// inlinePEM returns the PEM text of a pasted value. A PEM with its line
// breaks is used as it is; a one-line form ("\n" written as two
// characters, or breaks folded into spaces) gets its lines back.
func inlinePEM(v string) []byte {
	v = strings.TrimSpace(v)
	if !strings.ContainsAny(v, "\r\n") {
		v = strings.ReplaceAll(v, `\n`, "\n")
	}
	if strings.ContainsAny(v, "\r\n") {
		return []byte(v + "\n")
	}
	var b strings.Builder
	for _, m := range pemBlock.FindAllStringSubmatch(v, -1) {
		body := strings.Join(strings.Fields(m[2]), "")
		b.WriteString("-----BEGIN " + m[1] + "-----\n")
		for len(body) > 64 {
			b.WriteString(body[:64] + "\n")
			body = body[64:]
		}
		b.WriteString(body + "\n-----END " + m[3] + "-----\n")
	}
	return []byte(b.String())
}

// looksLikeKeyMaterial reports whether a value given as a file name may be
// key material pasted in the wrong place: PEM armour, a line break, or 64
// characters or more of nothing but base64 (a file name has a dot, a dash
// or an underscore somewhere). Such a value is never quoted.
func looksLikeKeyMaterial(s string) bool {
	if strings.Contains(s, "-----") || strings.ContainsAny(s, "\r\n") || strings.Contains(s, `\n`) {
		return true
	}
	if len(s) < 64 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(alnumByte(c) || c == '+' || c == '/' || c == '=') {
			return false
		}
	}
	return true
}

func alnumByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// hiddenName stands for a file name that is not shown.
const hiddenName = "[file name not shown: it looks like key material]"

// shownName is how an error names the file that name, as the profile
// writes it, resolves to: the path, or hiddenName. It judges the name as
// written: the directory it is resolved in says nothing about it (and a
// directory whose name has a dot, a dash or an underscore would make any
// pasted key look like a file name).
func shownName(name, path string) string {
	if looksLikeKeyMaterial(name) {
		return hiddenName
	}
	return path
}

// scrubPathError returns err, an error about path (the file name
// resolves to), with the path replaced by shownName's placeholder when name
// looks like key material, so that no wrapped error quotes it either.
// errors.Is(err, fs.ErrNotExist) still holds.
func scrubPathError(err error, name, path string) error {
	if !looksLikeKeyMaterial(name) {
		return err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return &fs.PathError{Op: pe.Op, Path: hiddenName, Err: pe.Err}
	}
	return errors.New(strings.ReplaceAll(err.Error(), path, hiddenName))
}
