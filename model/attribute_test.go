package model

import (
	"bytes"
	"errors"
	"math"
	"strings"
	"testing"
)

type cents int64

func TestNumberAttributeFormats(t *testing.T) {
	tests := []struct {
		got  MessageAttribute
		want string
	}{
		{NumberAttribute(42), "42"},
		{NumberAttribute(int8(-8)), "-8"},
		{NumberAttribute(uint64(math.MaxUint64)), "18446744073709551615"},
		{NumberAttribute(cents(1999)), "1999"},
		{NumberAttribute(1.5), "1.5"},
		{NumberAttribute(float32(0.1)), "0.1"},
		{NumberAttribute(1e21), "1000000000000000000000"},
		{NumberAttribute(-0.000125), "-0.000125"},
	}
	for _, tt := range tests {
		if tt.got.StringValue() != tt.want || tt.got.Type() != TypeNumber || tt.got.DataType() != "Number" {
			t.Errorf("got %q (%s); want %q", tt.got.StringValue(), tt.got.DataType(), tt.want)
		}
		if err := tt.got.validateValue("v"); err != nil {
			t.Errorf("%s does not validate: %v", tt.want, err)
		}
	}
}

func TestNumberValidation(t *testing.T) {
	good := []string{"0", "-0", "+7", "3.", ".5", "1e5", "1E-5", "6.02e23",
		"12345678901234567890123456789012345678",                  // 38 digits
		"1000000000000000000000000000000000000000000000000000000", // 1 significant digit
		"1e126", "9.9e126", "1e-128", "0.0000"}
	for _, s := range good {
		if _, err := DecimalAttribute(s); err != nil {
			t.Errorf("DecimalAttribute(%q): %v", s, err)
		}
	}
	bad := []struct {
		s    string
		rule Rule
	}{
		{"", RuleRequired},
		{"abc", RuleFormat},
		{"1,5", RuleFormat},
		{"0x10", RuleFormat},
		{"1e", RuleFormat},
		{"1e+", RuleFormat},
		{"--1", RuleFormat},
		{".", RuleFormat},
		{"NaN", RuleFormat},
		{"+Inf", RuleFormat},
		{" 1", RuleFormat},
		{"123456789012345678901234567890123456789", RuleRange}, // 39 digits
		{"1e127", RuleRange},
		{"1e-129", RuleRange},
		{"1e99999999", RuleFormat},
	}
	for _, tt := range bad {
		_, err := DecimalAttribute(tt.s)
		if !errors.Is(err, &ValidationError{Rule: tt.rule}) {
			t.Errorf("DecimalAttribute(%q) = %v; want rule %s", tt.s, err, tt.rule)
		}
	}
}

func TestStringArrayAttribute(t *testing.T) {
	a := StringArrayAttribute("red", `"quoted"`, "ü")
	if a.StringValue() != `["red","\"quoted\"","ü"]` || a.Type() != TypeStringArray {
		t.Fatalf("got %s %s", a.DataType(), a.StringValue())
	}
	if err := StringArrayAttribute().validateValue("v"); err != nil {
		t.Errorf("empty array rejected: %v", err) // "[]" is a valid, if useless, value
	}
	for _, v := range []string{`[1, "a", true, null]`, `[]`} {
		if _, err := ParseAttribute("String.Array", v); err != nil {
			t.Errorf("ParseAttribute(String.Array, %s): %v", v, err)
		}
	}
	for _, v := range []string{`{"a":1}`, `[[1]]`, `[{"a":1}]`, `not json`, `"str"`} {
		if _, err := ParseAttribute("String.Array", v); !errors.Is(err, &ValidationError{Rule: RuleFormat}) {
			t.Errorf("ParseAttribute(String.Array, %s) = %v; want format error", v, err)
		}
	}
}

func TestParseAttribute(t *testing.T) {
	a, err := ParseAttribute("Binary.png", "AAEC")
	if err != nil || !bytes.Equal(a.BinaryValue(), []byte{0, 1, 2}) || a.Type() != TypeBinary || a.DataType() != "Binary.png" {
		t.Fatalf("binary: %v %v", a, err)
	}
	// A custom label has the body's rules, not the attribute name's: SNS
	// documents "the same restrictions on the content as the message body".
	for _, dt := range []string{"String..", "Number.a b", "Number.µs"} {
		if _, err := ParseAttribute(dt, "1"); err != nil {
			t.Errorf("ParseAttribute(%q): %v", dt, err)
		}
	}
	// BinaryValue returns a copy: the caller cannot change the attribute.
	a.BinaryValue()[0] = 9
	if a.BinaryValue()[0] != 0 {
		t.Error("BinaryValue aliases internal storage")
	}
	bad := []struct {
		dataType, value string
		rule            Rule
	}{
		{"", "x", RuleRequired},
		{"Integer", "1", RuleFormat},
		{"Stringy", "1", RuleFormat},
		{"Number.", "1", RuleFormat},
		{"Number.a\x01b", "1", RuleCharset},
		{"Number", "one", RuleFormat},
		{"Binary", "!!", RuleFormat},
		{"Binary", "", RuleRequired},
		{"String", "", RuleRequired},
		{"String", "bad\x01", RuleCharset},
		{"String." + strings.Repeat("x", 256), "v", RuleMaxLength},
	}
	for _, tt := range bad {
		_, err := ParseAttribute(tt.dataType, tt.value)
		if !errors.Is(err, &ValidationError{Rule: tt.rule}) {
			t.Errorf("ParseAttribute(%q, %q) = %v; want %s", tt.dataType, tt.value, err, tt.rule)
		}
	}
}

// TestNewAttribute reads attributes as the SNS API carries them, with the
// field that breaks a rule named.
func TestNewAttribute(t *testing.T) {
	bin := []byte{0, 1}
	a, err := NewAttribute("Binary.png", "", bin)
	if err != nil || a.Type() != TypeBinary || a.DataType() != "Binary.png" || !bytes.Equal(a.BinaryValue(), bin) {
		t.Fatalf("binary: %v %v", a, err)
	}
	bin[0] = 9
	if a.BinaryValue()[0] != 0 {
		t.Error("NewAttribute keeps the caller's slice")
	}
	if a, err := NewAttribute("Number.float", "-1.5e3", nil); err != nil || a.Type() != TypeNumber || a.StringValue() != "-1.5e3" {
		t.Errorf("number: %v %v", a, err)
	}
	bad := []struct {
		dataType, str string
		bin           []byte
		field         string
		rule          Rule
	}{
		{"", "x", nil, "DataType", RuleRequired},
		{"Stringy", "x", nil, "DataType", RuleFormat},
		{"String.", "x", nil, "DataType", RuleFormat},
		{"String.\x00", "x", nil, "DataType", RuleCharset},
		{"Binary", "x", []byte{1}, "StringValue", RuleForbidden},
		{"Binary", "", nil, "BinaryValue", RuleRequired},
		{"String", "", []byte{1}, "BinaryValue", RuleForbidden},
		{"String", "", nil, "StringValue", RuleRequired},
		{"Number", "12a", nil, "StringValue", RuleFormat},
		{"String.Array", "[{}]", nil, "StringValue", RuleFormat},
	}
	for _, tt := range bad {
		_, err := NewAttribute(tt.dataType, tt.str, tt.bin)
		if !errors.Is(err, &ValidationError{Field: tt.field, Rule: tt.rule}) {
			t.Errorf("NewAttribute(%q, %q, %v) = %v; want %s (%s)", tt.dataType, tt.str, tt.bin, err, tt.field, tt.rule)
		}
	}
}

func TestBinaryAttributeCopiesInput(t *testing.T) {
	in := []byte{1, 2, 3}
	a := BinaryAttribute(in)
	in[0] = 9
	if a.BinaryValue()[0] != 1 {
		t.Fatal("BinaryAttribute keeps the caller's slice")
	}
}

func TestAttributeNames(t *testing.T) {
	good := []string{"a", "store_id", "x-y.z", strings.Repeat("n", 256), "AWSx", "amazonx.y"}
	for _, n := range good {
		if err := ValidateAttributeName(n); err != nil {
			t.Errorf("%q rejected: %v", n, err)
		}
	}
	bad := map[string]Rule{
		"":                       RuleRequired,
		strings.Repeat("n", 257): RuleMaxLength,
		"AWS.SNS.SMS.SenderID":   RuleReserved,
		"amazon.x":               RuleReserved,
		".a":                     RuleFormat,
		"a.":                     RuleFormat,
		"a..b":                   RuleFormat,
		"naïve":                  RuleCharset,
		"a/b":                    RuleCharset,
	}
	for n, rule := range bad {
		if err := ValidateAttributeName(n); !errors.Is(err, &ValidationError{Rule: rule}) {
			t.Errorf("ValidateAttributeName(%q) = %v; want %s", shorten(n, 20), err, rule)
		}
	}
}

func TestPayloadSizeCountsNamesTypesValues(t *testing.T) {
	m := Message{Body: "body", Attributes: map[string]MessageAttribute{
		"s": StringAttribute("abc"),        // 1 + 6 + 3
		"b": BinaryAttribute([]byte{1, 2}), // 1 + 6 + 2
	}}
	if got, want := m.PayloadSize(), 4+10+9; got != want {
		t.Fatalf("PayloadSize = %d; want %d", got, want)
	}
}
