package auth

import (
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The YAML parser's messages can carry a piece of a value: an unquoted
// secret starting with '*' is an alias, and "unknown anchor 'the-secret'
// referenced" names it. A profile's errors therefore never include the
// parser's text as it is: yamlError keeps the problem in words, drops what
// the parser quoted, and finds the key and line itself.

var (
	// yamlLinePrefix is the "line N: " the parser puts before a problem.
	yamlLinePrefix = regexp.MustCompile(`^line ([0-9]+): `)
	// yamlQuoted is what the parser quotes from the document, such as an
	// alias's name; its own single characters (',' or '}') stay.
	yamlQuoted = regexp.MustCompile("'[^']{2,}'|`[^`]{2,}`|\"[^\"]{2,}\"|''|``")
	// keyLine is a "key: value" line of a profile.
	keyLine = regexp.MustCompile(`^[ \t]*([a-z0-9_]+)[ \t]*:[ \t]+(.+)$`)
)

// yamlIndicators are the characters that give a value a YAML meaning when
// they start it: quote such a value.
const yamlIndicators = "*&!{}[]|>%@`'\"#,?-"

// maxYAMLProbes bounds the lines yamlError parses on their own.
const maxYAMLProbes = 1000

// yamlError turns a parser error on data into a *ProfileError with the
// file, the line, the key when one line alone shows the same problem, and
// the problem in the parser's words without anything it quoted.
func yamlError(data []byte, file, profile string, err error) *ProfileError {
	problem, line := yamlProblem(err)
	e := &ProfileError{File: file, Profile: profile, Line: line, Rule: RuleSyntax, Reason: "not valid YAML: " + problem}
	lines := strings.Split(string(data), "\n")
	probes := 0
	for i, text := range lines {
		m := keyLine.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		if _, known := keyMethod[m[1]]; !known {
			continue
		}
		if probes++; probes > maxYAMLProbes {
			break
		}
		var n yaml.Node
		perr := yaml.Unmarshal([]byte("k: "+m[2]+"\n"), &n)
		if perr == nil {
			continue
		}
		if p, _ := yamlProblem(perr); p != problem {
			continue
		}
		// The parser reports some problems a line early or late; one
		// within a line of what it says, or the first when it names no
		// line, is the culprit.
		if line != 0 && (i+1 < line-1 || i+1 > line+1) {
			continue
		}
		e.Key, e.Line = m[1], i+1
		e.Reason = "the value is not valid YAML: " + problem
		if v := strings.TrimSpace(m[2]); v != "" && strings.IndexByte(yamlIndicators, v[0]) >= 0 {
			e.Reason += "; a value that starts with " + strconv.Quote(v[:1]) + " has a meaning in YAML: put the whole value in quotes"
		}
		break
	}
	// A tab in the indentation near the line named is the mistake.
	for i := line - 1; e.Key == "" && line > 0 && i <= line+1; i++ {
		if i < 1 || i > len(lines) {
			continue
		}
		text := lines[i-1]
		if !strings.Contains(text[:len(text)-len(strings.TrimLeft(text, " \t"))], "\t") {
			continue
		}
		e.Line = i
		e.Reason += " (YAML indents with spaces, not tabs)"
		if m := keyLine.FindStringSubmatch(text); m != nil {
			if _, known := keyMethod[m[1]]; known {
				e.Key = m[1]
			}
		}
		break
	}
	return e
}

// yamlProblem splits a parser error into its problem, without anything
// quoted from the document, and its line (0 when it names none).
func yamlProblem(err error) (problem string, line int) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if m := yamlLinePrefix.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	msg = yamlQuoted.ReplaceAllString(msg, "")
	return strings.Join(strings.Fields(msg), " "), line
}

// yamlShapeProblem reports a value YAML read differently from what was
// most likely meant, in words that do not quote it: an alias ("*name"),
// and on a secret key an anchor ("&name"), a tag ("!name"), or a comment
// where the value should be ("#..."), each of which eats the start of an
// unquoted secret.
func yamlShapeProblem(k, v *yaml.Node) string {
	const quote = "; if the value really starts with that character, put the whole value in quotes"
	switch {
	case v.Kind == yaml.AliasNode:
		return "the value is a YAML alias (it starts with '*'), and profiles use none" + quote
	case !secretKeys[k.Value]:
		return ""
	case v.Anchor != "":
		return "the value has a YAML anchor (it starts with '&'), and a secret takes none" + quote
	case v.Style&yaml.TaggedStyle != 0 && v.Tag != "!!str":
		return "the value has a YAML tag (it starts with '!'), and a secret takes none" + quote
	case v.Kind == yaml.ScalarNode && v.Tag == "!!null" && v.Value == "" && (k.LineComment != "" || v.LineComment != ""):
		return "the value is empty and a comment follows (a value that starts with '#' is a comment)" + quote
	}
	return ""
}
