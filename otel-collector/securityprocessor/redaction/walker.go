package redaction

import (
	"math"
	"strconv"

	"go.opentelemetry.io/collector/pdata/pcommon"
)

const depthMarker = "[TRUNCATED:depth]"

func unsupportedMarker(kind string) string { return "[UNSUPPORTED:" + kind + "]" }

// walker redacts pcommon values in place (spec/redaction.md, section 1): key rules mask whole values, strings go
// through the string pipeline, maps and slices are walked to MaxDepth keeping MaxItems entries.
type walker struct {
	strings  *stringRedactor
	keys     *keyMatcher
	clean    *cleanCache
	maxDepth int
	maxItems int
	stats    *counters
}

// attribute redacts a top-level attribute value (depth 1); its key is judged as given and never rewritten.
// A string value the key rules leave alone is looked up in the clean cache first.
func (w *walker) attribute(key string, v pcommon.Value) {
	kind := w.keys.kindOf(key)
	if kind != "" || v.Type() != pcommon.ValueTypeStr {
		w.masked(kind, v, 1)
		return
	}
	s := v.Str()
	if s == "" || w.clean.has(s) {
		return
	}
	if redacted := w.strings.redact(s); redacted != s {
		v.SetStr(redacted)
	} else {
		w.clean.remember(s)
	}
}

// entry redacts v stored under key: masked whole when the key holds a secret, unless v is a boolean or empty.
func (w *walker) entry(key string, v pcommon.Value, depth int) {
	kind := ""
	if key != "" {
		kind = w.keys.kindOf(key)
	}
	w.masked(kind, v, depth)
}

// masked redacts v whose key rules gave kind ("" for none).
func (w *walker) masked(kind string, v pcommon.Value, depth int) {
	if kind == "" || v.Type() == pcommon.ValueTypeEmpty || v.Type() == pcommon.ValueTypeBool {
		w.value(v, depth)
		return
	}
	replacement := mask(kind)
	if v.Type() != pcommon.ValueTypeStr || v.Str() != replacement {
		w.stats.add(kind)
		v.SetStr(replacement)
	}
}

func (w *walker) value(v pcommon.Value, depth int) {
	switch v.Type() {
	case pcommon.ValueTypeStr:
		if s := v.Str(); s != "" {
			if redacted := w.strings.redact(s); redacted != s {
				v.SetStr(redacted)
			}
		}
	case pcommon.ValueTypeMap, pcommon.ValueTypeSlice, pcommon.ValueTypeBytes:
		w.container(v, depth)
	case pcommon.ValueTypeInt, pcommon.ValueTypeDouble:
		w.number(v)
	case pcommon.ValueTypeBool, pcommon.ValueTypeEmpty:
	default:
		w.stats.add("unsupported")
		v.SetStr(unsupportedMarker("object"))
	}
}

// Whole numbers from 1e12 up to (not including) 1e21 are also checked as their decimal text (section 1): a card
// number passed as a JSON number is still a card. The value becomes a string only when that text changes.
const (
	numberAsTextFrom  = 1e12
	numberAsTextBelow = 1e21
)

func (w *walker) number(v pcommon.Value) {
	var text string
	switch v.Type() {
	case pcommon.ValueTypeInt:
		if n := v.Int(); n >= numberAsTextFrom {
			text = strconv.FormatInt(n, 10)
		}
	default:
		// JavaScript writes such a double as its shortest round-trip digits padded with zeros, as 'f' with -1 does.
		if d := v.Double(); d >= numberAsTextFrom && d < numberAsTextBelow && d == math.Trunc(d) {
			text = strconv.FormatFloat(d, 'f', -1, 64)
		}
	}
	if text == "" {
		return
	}
	if redacted := w.strings.redact(text); redacted != text {
		v.SetStr(redacted)
	}
}

func (w *walker) container(v pcommon.Value, depth int) {
	if depth >= w.maxDepth {
		w.stats.add("truncated_depth")
		v.SetStr(depthMarker)
		return
	}
	switch v.Type() {
	case pcommon.ValueTypeSlice:
		w.slice(v.Slice(), depth)
	case pcommon.ValueTypeMap:
		w.nestedMap(v.Map(), depth)
	default:
		w.stats.add("unsupported")
		v.SetStr(unsupportedMarker("bytes"))
	}
}

func (w *walker) slice(s pcommon.Slice, depth int) {
	kept := min(s.Len(), w.maxItems)
	for i := 0; i < kept; i++ {
		w.value(s.At(i), depth+1)
	}
	if kept < s.Len() {
		w.stats.add("truncated_items")
		i := 0
		s.RemoveIf(func(pcommon.Value) bool { i++; return i > kept })
	}
}

// nestedMap walks a map inside a value: its keys are text too (neutralised and scanned), the key rules judge the
// key as written out, and when two keys redact to the same key the later value replaces the earlier one in the
// earlier one's place. The map is rebuilt only when a key changed or entries were dropped.
func (w *walker) nestedMap(m pcommon.Map, depth int) {
	kept := min(m.Len(), w.maxItems)
	keys := make([]string, 0, kept)
	rebuild := kept < m.Len()
	m.Range(func(key string, v pcommon.Value) bool {
		if len(keys) == kept {
			return false
		}
		redactedKey := w.strings.redact(key)
		rebuild = rebuild || redactedKey != key
		keys = append(keys, redactedKey)
		w.entry(redactedKey, v, depth+1)
		return true
	})
	if kept < m.Len() {
		w.stats.add("truncated_items")
	}
	if !rebuild {
		return
	}
	rebuilt := pcommon.NewMap()
	rebuilt.EnsureCapacity(kept)
	i := 0
	m.Range(func(_ string, v pcommon.Value) bool {
		if i == kept {
			return false
		}
		v.MoveTo(rebuilt.PutEmpty(keys[i]))
		i++
		return true
	})
	rebuilt.MoveTo(m)
}
