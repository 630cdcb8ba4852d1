package integrity

import (
	"crypto/sha256"
	"encoding/binary"
	"math"
	"slices"
	"strings"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// Canonical encoding, version 1. The hash of a record is SHA-256 over:
//
//	"secotel.chain.v1" stream chain seq prev_hash event_name time observed_time
//	severity_number severity_text flags trace_id span_id body attributes scope_name
//	scope_version resource_attributes
//
// Strings and byte strings are a uvarint length then the bytes; seq, times, severity number
// and flags are 8-byte big-endian; prev_hash, trace_id and span_id are their raw bytes. A value
// is a type tag then its payload (see appendValue); a map is a uvarint count then its entries
// sorted by key (stable, so duplicate keys keep their order). The record's own
// security.integrity.{stream,chain,seq,prev_hash,hash} attributes are left out: stream, chain,
// seq and prev_hash are encoded as fields and hash is the result.
const encodingVersion = "secotel.chain.v1"

// Link is what a record's hash commits to besides the record itself.
type Link struct {
	Stream string
	Chain  string
	Seq    uint64
	Prev   [sha256.Size]byte
}

// Value type tags.
const (
	tagEmpty byte = iota
	tagString
	tagBool
	tagInt
	tagDouble
	tagBytes
	tagSlice
	tagMap
)

type keyValue struct {
	key string
	val pcommon.Value
}

// encoder reuses its buffers across records; it is not safe for concurrent use.
type encoder struct {
	buf   []byte
	pairs [][]keyValue // one scratch slice per map nesting depth
}

// Hash returns the chain hash of a record.
func (e *encoder) Hash(link Link, lr plog.LogRecord, scope pcommon.InstrumentationScope, resource pcommon.Resource) [sha256.Size]byte {
	e.buf = e.encode(e.buf[:0], link, lr, scope, resource)
	return sha256.Sum256(e.buf)
}

func (e *encoder) encode(b []byte, link Link, lr plog.LogRecord, scope pcommon.InstrumentationScope, resource pcommon.Resource) []byte {
	b = appendString(b, encodingVersion)
	b = appendString(b, link.Stream)
	b = appendString(b, link.Chain)
	b = binary.BigEndian.AppendUint64(b, link.Seq)
	b = append(b, link.Prev[:]...)
	b = appendString(b, lr.EventName())
	b = binary.BigEndian.AppendUint64(b, uint64(lr.Timestamp()))
	b = binary.BigEndian.AppendUint64(b, uint64(lr.ObservedTimestamp()))
	b = binary.BigEndian.AppendUint64(b, uint64(lr.SeverityNumber()))
	b = appendString(b, lr.SeverityText())
	b = binary.BigEndian.AppendUint64(b, uint64(lr.Flags()))
	traceID, spanID := lr.TraceID(), lr.SpanID()
	b = append(b, traceID[:]...)
	b = append(b, spanID[:]...)
	b = e.appendValue(b, lr.Body(), 0)
	b = e.appendMap(b, lr.Attributes(), 0, isChainAttr)
	b = appendString(b, scope.Name())
	b = appendString(b, scope.Version())
	return e.appendMap(b, resource.Attributes(), 0, nil)
}

func (e *encoder) appendValue(b []byte, v pcommon.Value, depth int) []byte {
	switch v.Type() {
	case pcommon.ValueTypeStr:
		return appendString(append(b, tagString), v.Str())
	case pcommon.ValueTypeBool:
		if v.Bool() {
			return append(b, tagBool, 1)
		}
		return append(b, tagBool, 0)
	case pcommon.ValueTypeInt:
		return binary.BigEndian.AppendUint64(append(b, tagInt), uint64(v.Int()))
	case pcommon.ValueTypeDouble:
		return binary.BigEndian.AppendUint64(append(b, tagDouble), math.Float64bits(v.Double()))
	case pcommon.ValueTypeBytes:
		return appendBytes(append(b, tagBytes), v.Bytes().AsRaw())
	case pcommon.ValueTypeSlice:
		s := v.Slice()
		b = binary.AppendUvarint(append(b, tagSlice), uint64(s.Len()))
		for i := 0; i < s.Len(); i++ {
			b = e.appendValue(b, s.At(i), depth+1)
		}
		return b
	case pcommon.ValueTypeMap:
		return e.appendMap(append(b, tagMap), v.Map(), depth+1, nil)
	default:
		return append(b, tagEmpty)
	}
}

// appendMap writes the map's entries sorted by key, leaving out the keys skip reports.
func (e *encoder) appendMap(b []byte, m pcommon.Map, depth int, skip func(string) bool) []byte {
	for len(e.pairs) <= depth {
		e.pairs = append(e.pairs, nil)
	}
	pairs := e.pairs[depth][:0]
	for k, v := range m.All() {
		if skip == nil || !skip(k) {
			pairs = append(pairs, keyValue{k, v})
		}
	}
	slices.SortStableFunc(pairs, func(a, b keyValue) int { return strings.Compare(a.key, b.key) })
	e.pairs[depth] = pairs
	b = binary.AppendUvarint(b, uint64(len(pairs)))
	for i := range pairs {
		// Re-read through e.pairs: a nested map may have grown the outer slices.
		kv := e.pairs[depth][i]
		b = appendString(b, kv.key)
		b = e.appendValue(b, kv.val, depth)
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func appendBytes(b []byte, p []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(p))), p...)
}
