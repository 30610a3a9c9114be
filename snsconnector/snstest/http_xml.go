package snstest

import (
	"bytes"
	"encoding/base64"
	"encoding/xml"
	"math/big"
	"strconv"
	"time"

	"github.com/aws/smithy-go"
	"github.com/aws/smithy-go/document"
	smithytime "github.com/aws/smithy-go/time"
	"github.com/aws/smithy-go/traits"
)

// xmlResult writes an SDK output as the <OpResult> element of an awsQuery
// response. It is a smithy.ShapeSerializer: the output's own Serialize
// method walks it with the SDK's schemas, so every element is named as the
// SDK's deserializer reads it and no operation needs code of its own.
// Lists are <Name><member>...</member></Name> and maps
// <Name><entry><key>k</key><value>v</value></entry></Name>, as SNS and STS
// write them; their schemas have no flattened shapes, XML attributes or
// per-member namespaces.
type xmlResult struct {
	root   string         // the root element: "PublishResult"
	schema *smithy.Schema // the root shape, nil for an operation without output
	b      bytes.Buffer
	stack  []xmlFrame
}

// xmlFrame is an open struct, list or map.
type xmlFrame struct {
	close      string // what closing it writes
	list       bool
	item       string // list: the element of each item
	isMap      bool
	key, value string // map: the entry's elements
	inEntry    bool   // map: a key is written, its value comes next
}

var _ smithy.ShapeSerializer = (*xmlResult)(nil)

// name returns the element for the next value and what to write after it
// closes.
func (w *xmlResult) name(schema *smithy.Schema) (name, after string) {
	if len(w.stack) == 0 {
		return w.root, ""
	}
	top := &w.stack[len(w.stack)-1]
	switch {
	case top.list:
		return top.item, ""
	case top.isMap && top.inEntry:
		top.inEntry = false
		return top.value, "</entry>"
	}
	if xn, ok := smithy.SchemaDirectTrait[*traits.XMLName](schema); ok {
		return xn.Name, ""
	}
	return schema.MemberName(), ""
}

func (w *xmlResult) scalar(schema *smithy.Schema, text string) {
	name, after := w.name(schema)
	w.b.WriteString("<" + name + ">")
	xml.EscapeText(&w.b, []byte(text)) // writes to a bytes.Buffer never fail
	w.b.WriteString("</" + name + ">" + after)
}

func (w *xmlResult) open(schema *smithy.Schema, f xmlFrame) {
	if len(w.stack) == 0 {
		w.schema = schema
		if schema == nil { // no output shape: no Result element
			w.stack = append(w.stack, f)
			return
		}
	}
	name, after := w.name(schema)
	w.b.WriteString("<" + name + ">")
	f.close = "</" + name + ">" + after
	w.stack = append(w.stack, f)
}

func (w *xmlResult) closeFrame() {
	if len(w.stack) == 0 {
		return
	}
	f := w.stack[len(w.stack)-1]
	w.stack = w.stack[:len(w.stack)-1]
	w.b.WriteString(f.close)
}

// Bytes returns the XML written.
func (w *xmlResult) Bytes() []byte { return w.b.Bytes() }

// WriteInt8 implements smithy.ShapeSerializer.
func (w *xmlResult) WriteInt8(s *smithy.Schema, v int8) { w.scalar(s, strconv.FormatInt(int64(v), 10)) }

// WriteInt16 implements smithy.ShapeSerializer.
func (w *xmlResult) WriteInt16(s *smithy.Schema, v int16) {
	w.scalar(s, strconv.FormatInt(int64(v), 10))
}

// WriteInt32 implements smithy.ShapeSerializer.
func (w *xmlResult) WriteInt32(s *smithy.Schema, v int32) {
	w.scalar(s, strconv.FormatInt(int64(v), 10))
}

// WriteInt64 implements smithy.ShapeSerializer.
func (w *xmlResult) WriteInt64(s *smithy.Schema, v int64) { w.scalar(s, strconv.FormatInt(v, 10)) }

// WriteFloat32 implements smithy.ShapeSerializer.
func (w *xmlResult) WriteFloat32(s *smithy.Schema, v float32) {
	w.scalar(s, strconv.FormatFloat(float64(v), 'g', -1, 32))
}

// WriteFloat64 implements smithy.ShapeSerializer.
func (w *xmlResult) WriteFloat64(s *smithy.Schema, v float64) {
	w.scalar(s, strconv.FormatFloat(v, 'g', -1, 64))
}

// WriteBool implements smithy.ShapeSerializer.
func (w *xmlResult) WriteBool(s *smithy.Schema, v bool) { w.scalar(s, strconv.FormatBool(v)) }

// WriteString implements smithy.ShapeSerializer.
func (w *xmlResult) WriteString(s *smithy.Schema, v string) { w.scalar(s, v) }

// WriteBigInt implements smithy.ShapeSerializer.
func (w *xmlResult) WriteBigInt(s *smithy.Schema, v *big.Int) { w.scalar(s, v.String()) }

// WriteBigFloat implements smithy.ShapeSerializer.
func (w *xmlResult) WriteBigFloat(s *smithy.Schema, v *big.Float) { w.scalar(s, v.Text('g', -1)) }

// WriteBlob implements smithy.ShapeSerializer.
func (w *xmlResult) WriteBlob(s *smithy.Schema, v []byte) {
	if v != nil {
		w.scalar(s, base64.StdEncoding.EncodeToString(v))
	}
}

// WriteTime implements smithy.ShapeSerializer: ISO 8601, the query
// protocols' default.
func (w *xmlResult) WriteTime(s *smithy.Schema, v time.Time) {
	if t, ok := smithy.SchemaTrait[*traits.TimestampFormat](s); ok && t.Format == "epoch-seconds" {
		w.scalar(s, strconv.FormatFloat(smithytime.FormatEpochSeconds(v), 'f', -1, 64))
		return
	}
	w.scalar(s, smithytime.FormatDateTime(v))
}

// WriteUnion implements smithy.ShapeSerializer: a union is an element
// holding its one member.
func (w *xmlResult) WriteUnion(schema, _ *smithy.Schema) { w.open(schema, xmlFrame{}) }

// CloseUnion implements smithy.ShapeSerializer.
func (w *xmlResult) CloseUnion() { w.closeFrame() }

// WriteDocument implements smithy.ShapeSerializer. The query protocols
// have no documents; none of SNS's outputs holds one.
func (w *xmlResult) WriteDocument(*smithy.Schema, document.Value) {}

// WriteNil implements smithy.ShapeSerializer.
func (w *xmlResult) WriteNil(s *smithy.Schema) {
	if n := len(w.stack); n > 0 && w.stack[n-1].isMap && w.stack[n-1].inEntry {
		w.scalar(s, "") // a map entry with no value
	}
}

// WriteStruct implements smithy.ShapeSerializer.
func (w *xmlResult) WriteStruct(s *smithy.Schema) { w.open(s, xmlFrame{}) }

// CloseStruct implements smithy.ShapeSerializer.
func (w *xmlResult) CloseStruct() { w.closeFrame() }

// WriteList implements smithy.ShapeSerializer.
func (w *xmlResult) WriteList(s *smithy.Schema) {
	item := "member"
	if xn, ok := smithy.SchemaTrait[*traits.XMLName](s.ListMember()); ok {
		item = xn.Name
	}
	w.open(s, xmlFrame{list: true, item: item})
}

// CloseList implements smithy.ShapeSerializer.
func (w *xmlResult) CloseList() { w.closeFrame() }

// WriteMap implements smithy.ShapeSerializer.
func (w *xmlResult) WriteMap(s *smithy.Schema) {
	f := xmlFrame{isMap: true, key: "key", value: "value"}
	if xn, ok := smithy.SchemaTrait[*traits.XMLName](s.MapKey()); ok {
		f.key = xn.Name
	}
	if xn, ok := smithy.SchemaTrait[*traits.XMLName](s.MapValue()); ok {
		f.value = xn.Name
	}
	w.open(s, f)
}

// WriteKey implements smithy.ShapeSerializer.
func (w *xmlResult) WriteKey(_ *smithy.Schema, key string) {
	top := &w.stack[len(w.stack)-1]
	w.b.WriteString("<entry><" + top.key + ">")
	xml.EscapeText(&w.b, []byte(key))
	w.b.WriteString("</" + top.key + ">")
	top.inEntry = true
}

// CloseMap implements smithy.ShapeSerializer.
func (w *xmlResult) CloseMap() { w.closeFrame() }
