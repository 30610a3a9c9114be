package snstest

import (
	"encoding/base64"
	"fmt"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/traits"
)

// formNode is a request's form as a tree of its dotted keys:
// "Tags.member.1.Key=k" is the path Tags, member, 1, Key holding "k".
type formNode struct {
	value    *string
	children map[string]*formNode
}

// newFormTree builds the tree of a parsed form. A key given twice keeps its
// first value.
func newFormTree(form url.Values) *formNode {
	root := &formNode{}
	for key, values := range form {
		n := root
		for part := range strings.SplitSeq(key, ".") {
			if n.children == nil {
				n.children = map[string]*formNode{}
			}
			child := n.children[part]
			if child == nil {
				child = &formNode{}
				n.children[part] = child
			}
			n = child
		}
		if len(values) > 0 {
			n.value = &values[0]
		}
	}
	return root
}

// formError is a parameter the fake cannot read: SNS answers it with
// InvalidParameter. The SDK never sends one.
type formError struct {
	param, reason string
}

func (e *formError) Error() string {
	return "Invalid parameter: " + e.param + " Reason: " + e.reason
}

// maxFormDepth bounds the nesting decode follows; SNS's inputs nest four
// deep (PublishBatchRequestEntries.member.N.MessageAttributes.entry.N.Value).
const maxFormDepth = 16

// decodeForm fills the SDK input in (a pointer to a struct) from the form,
// reading each member under the key the SDK's awsQuery serializer writes it
// for schema: the member's xmlName or name, lists as Name.member.N, maps as
// Name.entry.N.key and .value (or the names the map's xmlName traits give),
// blobs in base64. Keys of no member are ignored.
func decodeForm(root *formNode, schema *smithy.Schema, in any) error {
	return decodeStruct(root, schema, reflect.ValueOf(in).Elem(), "", 0)
}

// queryName is a member's key in the form, as the SDK's serializer names it.
func queryName(m *smithy.Schema) string {
	if xn, ok := smithy.SchemaTrait[*traits.XMLName](m); ok {
		return xn.Name
	}
	return m.MemberName()
}

// fieldName is the Go field the SDK's code generator makes of a member.
func fieldName(member string) string {
	if member == "" {
		return ""
	}
	return strings.ToUpper(member[:1]) + member[1:]
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

func decodeStruct(n *formNode, schema *smithy.Schema, v reflect.Value, path string, depth int) error {
	if depth > maxFormDepth {
		return &formError{path, "nested too deep"}
	}
	members := schema.Members()
	for _, name := range slices.Sorted(maps.Keys(members)) {
		m := members[name]
		child := n.children[queryName(m)]
		if child == nil {
			continue
		}
		f := v.FieldByName(fieldName(m.MemberName()))
		if !f.IsValid() {
			return fmt.Errorf("snstest: %s has no field for the member %s", v.Type(), m.MemberName())
		}
		if err := decodeValue(child, m, f, join(path, queryName(m)), depth+1); err != nil {
			return err
		}
	}
	return nil
}

// decodeValue reads n, a value of shape schema, into the settable v.
func decodeValue(n *formNode, schema *smithy.Schema, v reflect.Value, path string, depth int) error {
	if v.Kind() == reflect.Pointer {
		p := reflect.New(v.Type().Elem())
		if err := decodeValue(n, schema, p.Elem(), path, depth); err != nil {
			return err
		}
		v.Set(p)
		return nil
	}
	switch schema.Type() {
	case smithy.ShapeTypeStructure:
		return decodeStruct(n, schema, v, path, depth)
	case smithy.ShapeTypeList, smithy.ShapeTypeSet:
		return decodeList(n, schema, v, path, depth)
	case smithy.ShapeTypeMap:
		return decodeMap(n, schema, v, path, depth)
	}
	if n.value == nil {
		return &formError{path, "a value is required"}
	}
	s := *n.value
	switch schema.Type() {
	case smithy.ShapeTypeString, smithy.ShapeTypeEnum:
		if v.Kind() != reflect.String {
			break
		}
		v.SetString(s)
		return nil
	case smithy.ShapeTypeBoolean:
		b, err := strconv.ParseBool(s)
		if err != nil || v.Kind() != reflect.Bool {
			return &formError{path, "the value must be true or false"}
		}
		v.SetBool(b)
		return nil
	case smithy.ShapeTypeByte, smithy.ShapeTypeShort, smithy.ShapeTypeInteger, smithy.ShapeTypeLong, smithy.ShapeTypeIntEnum:
		if !v.CanInt() {
			break
		}
		i, err := strconv.ParseInt(s, 10, v.Type().Bits())
		if err != nil {
			return &formError{path, "the value must be an integer"}
		}
		v.SetInt(i)
		return nil
	case smithy.ShapeTypeFloat, smithy.ShapeTypeDouble:
		if !v.CanFloat() {
			break
		}
		f, err := strconv.ParseFloat(s, v.Type().Bits())
		if err != nil {
			return &formError{path, "the value must be a number"}
		}
		v.SetFloat(f)
		return nil
	case smithy.ShapeTypeBlob:
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil || v.Type() != reflect.TypeFor[[]byte]() {
			return &formError{path, "the value must be base64"}
		}
		v.SetBytes(b)
		return nil
	}
	return fmt.Errorf("snstest: cannot read %s into %s", path, v.Type())
}

// items returns the numbered children of n in order: a list's .1, .2, ...
// or a map's entries. The numbers must run from 1 with no gap, as the SDK
// writes them.
func items(n *formNode, path string) ([]*formNode, error) {
	if n == nil {
		return nil, nil
	}
	out := make([]*formNode, len(n.children))
	for k, child := range n.children {
		i, err := strconv.Atoi(k)
		if err != nil || i < 1 || i > len(out) || out[i-1] != nil {
			return nil, &formError{join(path, k), "list members are numbered from 1"}
		}
		out[i-1] = child
	}
	return out, nil
}

func decodeList(n *formNode, schema *smithy.Schema, v reflect.Value, path string, depth int) error {
	if v.Kind() != reflect.Slice {
		return fmt.Errorf("snstest: cannot read the list %s into %s", path, v.Type())
	}
	item := "member"
	if xn, ok := smithy.SchemaTrait[*traits.XMLName](schema.ListMember()); ok {
		item = xn.Name
	}
	// An empty list travels as "Name=" (the SDK's serializer), with no items.
	list, err := items(n.children[item], join(path, item))
	if err != nil {
		return err
	}
	out := reflect.MakeSlice(v.Type(), len(list), len(list))
	for i, child := range list {
		if err := decodeValue(child, schema.ListMember(), out.Index(i), join(path, item+"."+strconv.Itoa(i+1)), depth+1); err != nil {
			return err
		}
	}
	v.Set(out)
	return nil
}

func decodeMap(n *formNode, schema *smithy.Schema, v reflect.Value, path string, depth int) error {
	if v.Kind() != reflect.Map || v.Type().Key().Kind() != reflect.String {
		return fmt.Errorf("snstest: cannot read the map %s into %s", path, v.Type())
	}
	keyName, valueName := queryName(schema.MapKey()), queryName(schema.MapValue())
	entries, err := items(n.children["entry"], join(path, "entry"))
	if err != nil {
		return err
	}
	out := reflect.MakeMapWithSize(v.Type(), len(entries))
	for i, e := range entries {
		at := join(path, "entry."+strconv.Itoa(i+1))
		k, val := e.children[keyName], e.children[valueName]
		if k == nil || k.value == nil {
			return &formError{join(at, keyName), "a map entry needs a key"}
		}
		if val == nil {
			return &formError{join(at, valueName), "a map entry needs a value"}
		}
		elem := reflect.New(v.Type().Elem()).Elem()
		if err := decodeValue(val, schema.MapValue(), elem, join(at, valueName), depth+1); err != nil {
			return err
		}
		out.SetMapIndex(reflect.ValueOf(*k.value).Convert(v.Type().Key()), elem)
	}
	v.Set(out)
	return nil
}
