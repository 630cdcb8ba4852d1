package redaction

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"go.opentelemetry.io/collector/pdata/pcommon"
)

// node is a JSON value that keeps the order of object members, so that map order is compared too.
type node struct {
	kind    byte // 's' string, 'n' integer, 'b' bool, 'z' null, 'a' array, 'o' object
	str     string
	num     int64
	boolean bool
	items   []node
	keys    []string
}

func parseNode(dec *json.Decoder) (node, error) {
	tok, err := dec.Token()
	if err != nil {
		return node{}, err
	}
	switch t := tok.(type) {
	case string:
		return node{kind: 's', str: t}, nil
	case json.Number:
		n, err := strconv.ParseInt(string(t), 10, 64)
		if err != nil {
			return node{}, fmt.Errorf("not an integer: %s", t)
		}
		return node{kind: 'n', num: n}, nil
	case bool:
		return node{kind: 'b', boolean: t}, nil
	case nil:
		return node{kind: 'z'}, nil
	case json.Delim:
		out := node{kind: 'a'}
		if t == '{' {
			out.kind = 'o'
		}
		for dec.More() {
			if out.kind == 'o' {
				k, err := dec.Token()
				if err != nil {
					return node{}, err
				}
				out.keys = append(out.keys, k.(string))
			}
			item, err := parseNode(dec)
			if err != nil {
				return node{}, err
			}
			out.items = append(out.items, item)
		}
		_, err := dec.Token()
		return out, err
	}
	return node{}, fmt.Errorf("unexpected token %v", tok)
}

func decodeNode(data []byte) (node, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	return parseNode(dec)
}

// member returns the member of an object node, if present.
func (n node) member(key string) (node, bool) {
	for i, k := range n.keys {
		if k == key {
			return n.items[i], true
		}
	}
	return node{}, false
}

func (n node) toValue(v pcommon.Value) {
	switch n.kind {
	case 's':
		v.SetStr(n.str)
	case 'n':
		v.SetInt(n.num)
	case 'b':
		v.SetBool(n.boolean)
	case 'a':
		s := v.SetEmptySlice()
		for _, item := range n.items {
			item.toValue(s.AppendEmpty())
		}
	case 'o':
		n.toMap(v.SetEmptyMap())
	}
}

func (n node) toMap(m pcommon.Map) {
	for i, k := range n.keys {
		n.items[i].toValue(m.PutEmpty(k))
	}
}

// render writes a value in JSON with map members in their order.
func render(v pcommon.Value) string {
	switch v.Type() {
	case pcommon.ValueTypeStr:
		return quote(v.Str())
	case pcommon.ValueTypeInt:
		return strconv.FormatInt(v.Int(), 10)
	case pcommon.ValueTypeBool:
		return strconv.FormatBool(v.Bool())
	case pcommon.ValueTypeEmpty:
		return "null"
	case pcommon.ValueTypeSlice:
		parts := []string{}
		for _, item := range v.Slice().All() {
			parts = append(parts, render(item))
		}
		return "[" + strings.Join(parts, ",") + "]"
	case pcommon.ValueTypeMap:
		return renderMap(v.Map())
	}
	return fmt.Sprintf("<%s>", v.Type())
}

func renderMap(m pcommon.Map) string {
	parts := []string{}
	for k, item := range m.All() {
		parts = append(parts, quote(k)+":"+render(item))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func renderNode(n node) string {
	v := pcommon.NewValueEmpty()
	n.toValue(v)
	return render(v)
}

// allStrings lists every string of a value, map keys included.
func allStrings(v pcommon.Value, out *[]string) {
	switch v.Type() {
	case pcommon.ValueTypeStr:
		*out = append(*out, v.Str())
	case pcommon.ValueTypeSlice:
		for _, item := range v.Slice().All() {
			allStrings(item, out)
		}
	case pcommon.ValueTypeMap:
		for k, item := range v.Map().All() {
			*out = append(*out, k)
			allStrings(item, out)
		}
	}
}

func sortedKeys(m map[string]uint64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// quote writes s as a JSON string without HTML escaping.
func quote(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}
