package snstest

import (
	"context"
	"reflect"
	"testing"

	"github.com/aws/smithy-go"

	"github.com/go-sns/connector/snsconnector"
)

// TestEveryActionsInputDecodes walks each action's input schema beside the
// SDK's input type: every member, at every depth, must land in a field the
// decoder can fill. A new SDK release that renames or retypes a member
// fails here rather than in a user's test.
func TestEveryActionsInputDecodes(t *testing.T) {
	api := reflect.TypeFor[snsconnector.API]()
	if len(actions) != api.NumMethod()+1 {
		t.Errorf("%d actions; the fake implements the %d SNS operations of snsconnector.API and GetCallerIdentity", len(actions), api.NumMethod())
	}
	for i := range api.NumMethod() {
		if _, ok := actions[api.Method(i).Name]; !ok {
			t.Errorf("%s is not served over HTTP: add it to actions", api.Method(i).Name)
		}
	}
	for name, act := range actions {
		var in smithy.Serializable
		// The action's own closure knows the input type; find it by
		// decoding an empty form and capturing what reaches the method.
		api := regionAPI{s: New(), region: DefaultRegion}
		api.s.SetInterceptor(func(_ context.Context, c Call) error {
			in, _ = c.Input.(smithy.Serializable)
			return context.Canceled // stop before the operation runs
		})
		act.serve(context.Background(), api, &formNode{})
		if name == "GetCallerIdentity" {
			continue // answered without the interceptor; it has no members
		}
		if in == nil {
			t.Errorf("%s: the interceptor saw no SDK input", name)
			continue
		}
		var w xmlResult
		in.Serialize(&w) // learns the input's schema
		if w.schema == nil {
			t.Errorf("%s: no input schema", name)
			continue
		}
		checkShape(t, name, w.schema, reflect.TypeOf(in).Elem(), 0)
	}
}

func checkShape(t *testing.T, path string, schema *smithy.Schema, typ reflect.Type, depth int) {
	t.Helper()
	if depth > maxFormDepth {
		t.Errorf("%s: nested deeper than %d", path, maxFormDepth)
		return
	}
	if typ.Kind() == reflect.Pointer {
		typ = typ.Elem()
	}
	ok := true
	switch schema.Type() {
	case smithy.ShapeTypeStructure:
		for name, m := range schema.Members() {
			f, found := typ.FieldByName(fieldName(name))
			if !found {
				t.Errorf("%s.%s: %s has no field %s", path, name, typ, fieldName(name))
				continue
			}
			checkShape(t, path+"."+name, m, f.Type, depth+1)
		}
	case smithy.ShapeTypeList, smithy.ShapeTypeSet:
		ok = typ.Kind() == reflect.Slice
		if ok {
			checkShape(t, path+".member", schema.ListMember(), typ.Elem(), depth+1)
		}
	case smithy.ShapeTypeMap:
		ok = typ.Kind() == reflect.Map && typ.Key().Kind() == reflect.String
		if ok {
			checkShape(t, path+".value", schema.MapValue(), typ.Elem(), depth+1)
		}
	case smithy.ShapeTypeString, smithy.ShapeTypeEnum:
		ok = typ.Kind() == reflect.String
	case smithy.ShapeTypeBoolean:
		ok = typ.Kind() == reflect.Bool
	case smithy.ShapeTypeByte, smithy.ShapeTypeShort, smithy.ShapeTypeInteger, smithy.ShapeTypeLong, smithy.ShapeTypeIntEnum:
		ok = typ.Kind() >= reflect.Int && typ.Kind() <= reflect.Int64
	case smithy.ShapeTypeFloat, smithy.ShapeTypeDouble:
		ok = typ.Kind() == reflect.Float32 || typ.Kind() == reflect.Float64
	case smithy.ShapeTypeBlob:
		ok = typ == reflect.TypeFor[[]byte]()
	default:
		ok = false
	}
	if !ok {
		t.Errorf("%s: a shape of type %d cannot be read into %s", path, schema.Type(), typ)
	}
}
