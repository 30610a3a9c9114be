package model

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf8"
)

// AttributeType is the logical data type of a message attribute.
type AttributeType string

// The data types SNS supports. A data type may carry a custom suffix
// ("Number.float", "Binary.png") that SNS passes through untouched.
const (
	TypeString      AttributeType = "String"
	TypeStringArray AttributeType = "String.Array"
	TypeNumber      AttributeType = "Number"
	TypeBinary      AttributeType = "Binary"
)

// MessageAttribute is a typed message attribute value. Build one with
// [StringAttribute], [StringArrayAttribute], [NumberAttribute],
// [DecimalAttribute], [BinaryAttribute] or, for data from outside the
// program, [ParseAttribute]; the zero value is invalid.
//
// The fields are unexported so an attribute's type and value always agree:
// a Number attribute holds a number, a Binary attribute holds bytes.
type MessageAttribute struct {
	dataType string // full SNS DataType, custom suffix included
	str      string // value of String, String.Array and Number types
	bin      []byte // value of Binary types
}

// StringAttribute returns a String attribute. The value must be non-empty
// valid UTF-8; [Message.Validate] checks it.
func StringAttribute(v string) MessageAttribute {
	return MessageAttribute{dataType: string(TypeString), str: v}
}

// StringArrayAttribute returns a String.Array attribute holding values, which
// SNS carries as a JSON array of strings (filter policies match each element).
func StringArrayAttribute(values ...string) MessageAttribute {
	if values == nil {
		values = []string{}
	}
	b, _ := json.Marshal(values) // a []string always marshals
	return MessageAttribute{dataType: string(TypeStringArray), str: string(b)}
}

// Numeric is the set of Go types [NumberAttribute] accepts.
type Numeric interface {
	~int | ~int8 | ~int16 | ~int32 | ~int64 |
		~uint | ~uint8 | ~uint16 | ~uint32 | ~uint64 |
		~float32 | ~float64
}

// NumberAttribute returns a Number attribute holding n, written in plain
// decimal notation. NaN and infinities cannot be sent: validation rejects
// them.
func NumberAttribute[N Numeric](n N) MessageAttribute {
	// reflect sees through defined types (type Cents int64) that a type
	// switch would miss, and ignores any String method they have.
	v := reflect.ValueOf(n)
	var s string
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		s = strconv.FormatInt(v.Int(), 10)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		s = strconv.FormatUint(v.Uint(), 10)
	case reflect.Float32:
		s = formatFloat(v.Float(), 32)
	default:
		s = formatFloat(v.Float(), 64)
	}
	return MessageAttribute{dataType: string(TypeNumber), str: s}
}

func formatFloat(f float64, bits int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.FormatFloat(f, 'g', -1, bits) // "NaN", "+Inf": rejected by validation
	}
	return strconv.FormatFloat(f, 'f', -1, bits)
}

// DecimalAttribute returns a Number attribute from its decimal text, for
// values a float64 cannot hold exactly (SNS keeps 38 digits of precision).
// It returns a *ValidationError if s is not a number SNS accepts.
func DecimalAttribute(s string) (MessageAttribute, error) {
	a := MessageAttribute{dataType: string(TypeNumber), str: s}
	if err := a.validateValue("Value"); err != nil {
		return MessageAttribute{}, err
	}
	return a, nil
}

// NewAttribute builds an attribute from the parts of an SNS
// MessageAttributeValue as the API carries them: the data type, and the
// StringValue or the BinaryValue that type calls for (give "" or nil for the
// other). It is how attributes received in the shape of the SNS API become a
// MessageAttribute; snstest reads every published attribute with it. It
// returns a *ValidationError whose Field is DataType, StringValue or
// BinaryValue.
func NewAttribute(dataType, stringValue string, binaryValue []byte) (MessageAttribute, error) {
	if err := validateDataType("DataType", dataType); err != nil {
		return MessageAttribute{}, err
	}
	a := MessageAttribute{dataType: dataType}
	field := "StringValue"
	if a.Type() == TypeBinary {
		if stringValue != "" {
			return MessageAttribute{}, invalid("StringValue", RuleForbidden, "a Binary attribute carries its value in BinaryValue")
		}
		a.bin, field = bytes.Clone(binaryValue), "BinaryValue"
	} else {
		if stringValue == "" && len(binaryValue) > 0 {
			return MessageAttribute{}, invalid("BinaryValue", RuleForbidden, "a %s attribute carries its value in StringValue", a.Type())
		}
		a.str = stringValue
	}
	if err := a.validateValue(field); err != nil {
		return MessageAttribute{}, err
	}
	return a, nil
}

// BinaryAttribute returns a Binary attribute. The bytes are sent as they are
// (the SDK base64-encodes them on the wire); the slice is copied.
func BinaryAttribute(v []byte) MessageAttribute {
	return MessageAttribute{dataType: string(TypeBinary), bin: bytes.Clone(v)}
}

// WithCustomType returns a copy of a with a custom type label appended to
// its data type: NumberAttribute(1.5).WithCustomType("float") has data type
// "Number.float". Subscribers see the label; filter policies ignore it.
func (a MessageAttribute) WithCustomType(label string) MessageAttribute {
	a.dataType = string(a.Type()) + "." + label
	return a
}

// ParseAttribute builds an attribute from a data type and a textual value,
// as they arrive from configuration or another system (the Mendix
// MessageAttribute entity: Type and Value). Binary values are given in
// standard base64. It returns a *ValidationError when they do not agree.
func ParseAttribute(dataType, value string) (MessageAttribute, error) {
	a := MessageAttribute{dataType: dataType}
	if err := validateDataType("DataType", dataType); err != nil {
		return MessageAttribute{}, err
	}
	if a.Type() == TypeBinary {
		b, err := decodeBase64(value)
		if err != nil {
			return MessageAttribute{}, invalid("Value", RuleFormat, "binary value is not standard base64")
		}
		a.bin = b
	} else {
		a.str = value
	}
	if err := a.validateValue("Value"); err != nil {
		return MessageAttribute{}, err
	}
	return a, nil
}

// Type returns the attribute's logical type, without any custom label.
func (a MessageAttribute) Type() AttributeType {
	switch {
	case a.dataType == string(TypeStringArray) || strings.HasPrefix(a.dataType, string(TypeStringArray)+"."):
		return TypeStringArray
	case hasBase(a.dataType, TypeString):
		return TypeString
	case hasBase(a.dataType, TypeNumber):
		return TypeNumber
	case hasBase(a.dataType, TypeBinary):
		return TypeBinary
	}
	return ""
}

func hasBase(dataType string, base AttributeType) bool {
	return dataType == string(base) || strings.HasPrefix(dataType, string(base)+".")
}

// DataType returns the full SNS data type, custom label included.
func (a MessageAttribute) DataType() string { return a.dataType }

// StringValue returns the value of a String, String.Array or Number
// attribute as SNS carries it; "" for Binary.
func (a MessageAttribute) StringValue() string { return a.str }

// BinaryValue returns a copy of a Binary attribute's bytes; nil otherwise.
func (a MessageAttribute) BinaryValue() []byte { return bytes.Clone(a.bin) }

// size is what the attribute's type and value add to the payload.
func (a MessageAttribute) size() int {
	return len(a.dataType) + len(a.str) + len(a.bin)
}

// String describes the attribute without its value, which may be
// confidential: "Number attribute (3 bytes)".
func (a MessageAttribute) String() string {
	n := len(a.str) + len(a.bin)
	return fmt.Sprintf("%s attribute (%d bytes)", a.dataType, n)
}

const maxDataTypeLen = 256

func validateDataType(field, dataType string) error {
	if dataType == "" {
		return invalid(field, RuleRequired, "data type is required (String, String.Array, Number or Binary)")
	}
	if len(dataType) > maxDataTypeLen {
		return invalid(field, RuleMaxLength, "data type is %d characters; at most %d", len(dataType), maxDataTypeLen)
	}
	a := MessageAttribute{dataType: dataType}
	base := a.Type()
	if base == "" {
		return invalid(field, RuleFormat, "data type %q is not String, String.Array, Number or Binary (optionally with a .label suffix)", shorten(dataType, 64))
	}
	label := strings.TrimPrefix(dataType, string(base))
	if label == "" {
		return nil
	}
	label = label[1:] // drop the '.'
	if label == "" {
		return invalid(field, RuleFormat, "data type %q ends with '.'; give a label after it or none", dataType)
	}
	// "The data type has the same restrictions on the content as the
	// message body" (Amazon SNS message attributes): any text SNS accepts
	// in a body, so "String.." and "Number.µs" are data types too.
	if err := validateText(field, label, "the custom type label"); err != nil {
		return err
	}
	return nil
}

// validateValue checks the value against its type's rules. field names the
// value in errors.
func (a MessageAttribute) validateValue(field string) error {
	switch a.Type() {
	case TypeBinary:
		if len(a.bin) == 0 {
			return invalid(field, RuleRequired, "binary value must not be empty")
		}
		return nil
	case TypeNumber:
		return validateNumber(field, a.str)
	case TypeStringArray:
		if err := validateText(field, a.str, "value"); err != nil {
			return err
		}
		return validateStringArray(field, a.str)
	case TypeString:
		return validateText(field, a.str, "value")
	}
	return validateDataType(strings.TrimSuffix(field, "Value")+"DataType", a.dataType)
}

// validateText applies the rules SNS has for message text: non-empty, valid
// UTF-8, and only characters SQS and XML accept (#x9 #xA #xD #x20-#xD7FF
// #xE000-#xFFFD #x10000-#x10FFFF), since SNS rejects or cannot deliver others.
func validateText(field, s, what string) error {
	if s == "" {
		return invalid(field, RuleRequired, "%s must not be empty", what)
	}
	if !utf8.ValidString(s) {
		return invalid(field, RuleCharset, "%s is not valid UTF-8", what)
	}
	for i, r := range s {
		if !allowedRune(r) {
			return invalid(field, RuleCharset, "%s has character U+%04X at byte %d, which SNS does not accept", what, r, i)
		}
	}
	return nil
}

func allowedRune(r rune) bool {
	return r == 0x9 || r == 0xA || r == 0xD ||
		(r >= 0x20 && r <= 0xD7FF) || (r >= 0xE000 && r <= 0xFFFD) || (r >= 0x10000 && r <= 0x10FFFF)
}

func validateStringArray(field, s string) error {
	var elems []json.RawMessage
	if err := json.Unmarshal([]byte(s), &elems); err != nil || elems == nil {
		return invalid(field, RuleFormat, "a String.Array value must be a JSON array")
	}
	for i, e := range elems {
		switch t := bytes.TrimSpace(e); {
		case len(t) > 0 && (t[0] == '{' || t[0] == '['):
			return invalid(field, RuleFormat, "element %d of the String.Array is an object or array; only strings, numbers, true, false and null are allowed", i)
		}
	}
	return nil
}

// Number limits from the SNS developer guide: up to 38 digits of precision,
// magnitude between 10^-128 and 10^+126.
const (
	maxNumberDigits = 38
	maxNumberExp    = 126
	minNumberExp    = -128
)

// validateNumber accepts an optionally signed decimal with an optional
// fraction and exponent, and applies SNS's precision and range limits.
func validateNumber(field, s string) error {
	if s == "" {
		return invalid(field, RuleRequired, "number value must not be empty")
	}
	digits, mag, ok := parseDecimal(s)
	if !ok {
		return invalid(field, RuleFormat, "not a decimal number (want e.g. 42, -1.5 or 6.02e23)")
	}
	if digits == 0 { // zero
		return nil
	}
	if digits > maxNumberDigits {
		return invalid(field, RuleRange, "%d significant digits; SNS keeps at most %d", digits, maxNumberDigits)
	}
	if mag > maxNumberExp || mag < minNumberExp {
		return invalid(field, RuleRange, "magnitude 10^%d is outside SNS's range 10^%d to 10^+%d", mag, minNumberExp, maxNumberExp)
	}
	return nil
}

// decimalValue returns the value of a Number attribute's text, read with the
// grammar of [parseDecimal]: the one decimal parser of this module, for
// validation and filter matching alike.
func decimalValue(s string) (float64, bool) {
	if _, _, ok := parseDecimal(s); !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// parseDecimal reads [+-]digits[.digits][(e|E)[+-]digits], with at least
// one mantissa digit, and returns the number of significant digits (0 for
// zero) and the decimal exponent of the most significant one (2 for 345).
// It does not allocate.
func parseDecimal(s string) (digits, mag int, ok bool) {
	i := 0
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	intStart := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	intEnd := i
	fracStart, fracEnd := i, i
	if i < len(s) && s[i] == '.' {
		i++
		fracStart = i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		fracEnd = i
	}
	nInt, nFrac := intEnd-intStart, fracEnd-fracStart
	if nInt+nFrac == 0 {
		return 0, 0, false
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		e := s[i+1:]
		if e != "" && (e[0] == '+' || e[0] == '-') {
			e = e[1:]
		}
		if e == "" || len(e) > 6 {
			return 0, 0, false
		}
		for j := 0; j < len(e); j++ {
			if !isDigit(e[j]) {
				return 0, 0, false
			}
			exp = exp*10 + int(e[j]-'0')
		}
		if s[i+1] == '-' {
			exp = -exp
		}
		i = len(s)
	}
	if i != len(s) {
		return 0, 0, false
	}
	// Digit k of the mantissa, reading the integer then the fraction part.
	digit := func(k int) byte {
		if k < nInt {
			return s[intStart+k]
		}
		return s[fracStart+k-nInt]
	}
	first, last := -1, -1
	for k := 0; k < nInt+nFrac; k++ {
		if digit(k) != '0' {
			if first < 0 {
				first = k
			}
			last = k
		}
	}
	if first < 0 {
		return 0, 0, true
	}
	return last - first + 1, nInt - 1 - first + exp, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
