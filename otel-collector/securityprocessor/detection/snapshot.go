package detection

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// The detection state is saved as one value so that a restarted collector continues every
// window, suppression and eviction count where it stopped. Layout (integers are varints unless
// said otherwise):
//
//	"secotel.detection.v2\n", hash key (2 x 8 bytes), tracker count, then per tracker:
//	signature (length, bytes), clock epoch, clock tick, eviction window start, count, alerted-at,
//	key count, then per key from least to most recently used:
//	key (8 bytes), layout (0 inline, 1 log, 2 log with extras), event count, events (time as the
//	difference to the previous event's, the first to the epoch; value), and with extras the
//	alerted-at time of each rule and the evidence, oldest first.
//
// then the source_silent watches (silence_snapshot.go). A tracker whose signature (rules,
// selection, grouping) or time grid changed starts empty.
const snapshotMagic = "secotel.detection.v2\n"

const (
	layoutInline = iota
	layoutLog
	layoutExtras
)

// Snapshot encodes the engine's state.
func (e *Engine) Snapshot() []byte {
	b := append([]byte(nil), snapshotMagic...)
	b = binary.LittleEndian.AppendUint64(b, e.hashKey.k0)
	b = binary.LittleEndian.AppendUint64(b, e.hashKey.k1)
	b = binary.AppendUvarint(b, uint64(len(e.trackers)))
	for _, t := range e.trackers {
		b = t.appendSnapshot(b)
	}
	b = binary.AppendUvarint(b, uint64(len(e.silences)))
	for _, w := range e.silences {
		b = w.appendSnapshot(b)
	}
	return b
}

// signature identifies what a tracker's state means: its rules, what it selects and keys by.
func (t *tracker) signature() string {
	return fmt.Sprintf("%s|%s|%s|%s", t.name, RouteName(t.groupBy), t.match.signature(), t.field)
}

func (t *tracker) appendSnapshot(b []byte) []byte {
	b = appendString(b, t.signature())
	c := &t.table.clock
	b = binary.AppendVarint(b, c.epoch)
	b = binary.AppendVarint(b, c.tick)
	b = binary.AppendVarint(b, t.evictions.windowStart)
	b = binary.AppendUvarint(b, uint64(t.evictions.count))
	b = binary.AppendVarint(b, t.evictions.alertedAt)
	b = binary.AppendUvarint(b, uint64(t.table.count))
	for s := t.table.tail; s != none; s = t.table.slots[s].prev {
		b = t.appendKey(b, &t.table.slots[s])
	}
	return b
}

func (t *tracker) appendKey(b []byte, s *slot) []byte {
	b = binary.LittleEndian.AppendUint64(b, s.key)
	log := t.table.logOf(s)
	layout := layoutInline
	if log != nil {
		layout = layoutLog
		if log.extras != nil {
			layout = layoutExtras
		}
	}
	b = append(b, byte(layout))
	events := t.events(s)
	b = binary.AppendUvarint(b, uint64(len(events)))
	prev := t.table.clock.epoch
	for _, ev := range events {
		b = binary.AppendVarint(b, ev.ts-prev)
		b = binary.AppendUvarint(b, ev.val)
		prev = ev.ts
	}
	if layout == layoutExtras {
		x := log.extras
		b = binary.AppendUvarint(b, uint64(len(x.alertedAt)))
		for _, at := range x.alertedAt {
			b = binary.AppendVarint(b, at)
		}
		evidence := x.evidenceSample()
		b = binary.AppendUvarint(b, uint64(len(evidence)))
		for _, body := range evidence {
			b = appendString(b, body)
		}
	}
	return b
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// Restore replaces the engine's state with a snapshot's. On an error the engine is left empty,
// as a collector without saved state starts.
func (e *Engine) Restore(data []byte) error {
	err := e.restore(&reader{b: data})
	if err != nil {
		for _, t := range e.trackers {
			t.table = newKeyTable(t.table.maxKeys, t.horizon)
			t.evictions = evictionRate{}
		}
		for _, w := range e.silences {
			w.instances, w.refused, w.reported, w.alertedAt = map[silenceKey]*watched{}, 0, 0, 0
		}
	}
	return err
}

func (e *Engine) restore(r *reader) error {
	if string(r.bytes(len(snapshotMagic))) != snapshotMagic {
		return errors.New("not a detection state (or an older format)")
	}
	e.hashKey = hashKey{r.uint64(), r.uint64()}
	saved := r.uvarint()
	if r.err != nil {
		return r.err
	}
	for range saved {
		sig := r.string()
		t := bySignature(e.trackers, sig)
		if err := readTracker(r, t, e.maxEvidence); err != nil {
			return fmt.Errorf("tracker %q: %w", sig, err)
		}
	}
	if err := e.readSilences(r, e.clock()); err != nil {
		return err
	}
	if len(r.b) > 0 {
		return errors.New("trailing bytes after the last watch")
	}
	return nil
}

// bySignature finds the tracker or watch whose saved state a signature names; nil when the
// configuration no longer has it.
func bySignature[T interface{ signature() string }](all []T, sig string) T {
	for _, x := range all {
		if x.signature() == sig {
			return x
		}
	}
	var missing T
	return missing
}

// readTracker reads one tracker's state into t; t is nil for a tracker the configuration no
// longer has, whose state is read and dropped, as is a state on another time grid.
func readTracker(r *reader, t *tracker, maxEvidence int) error {
	epoch, tick := r.varint(), r.varint()
	rate := evictionRate{windowStart: r.varint(), count: int(r.uvarint()), alertedAt: r.varint()}
	n := r.uvarint()
	var fresh *keyTable
	if t != nil {
		if fresh = newKeyTable(t.table.maxKeys, t.horizon); fresh.clock.tick != tick {
			fresh = nil
		} else {
			fresh.clock.epoch = epoch
		}
	}
	for i := uint64(0); i < n && r.err == nil; i++ {
		k := readKey(r, epoch)
		// Keys come least recently used first; when max_keys shrank, the oldest are left out.
		if fresh != nil && r.err == nil && n-i <= uint64(fresh.maxKeys) {
			t.restoreKey(r, fresh, k, maxEvidence)
		}
	}
	if r.err == nil && fresh != nil {
		t.table, t.evictions = fresh, rate
	}
	return r.err
}

// savedKey is one key as read from a snapshot.
type savedKey struct {
	key       uint64
	layout    byte
	events    []event
	alertedAt []int64
	evidence  []string
}

func readKey(r *reader, epoch int64) savedKey {
	k := savedKey{key: r.uint64(), layout: r.byte()}
	n := r.count(2) // an event takes at least two bytes
	prev := epoch
	for range n {
		prev += r.varint()
		k.events = append(k.events, event{ts: prev, val: r.uvarint()})
	}
	if k.layout > layoutExtras || k.layout == layoutInline && len(k.events) > inlineEvents {
		r.fail("bad key layout")
	}
	if k.layout == layoutExtras {
		for range r.count(1) {
			k.alertedAt = append(k.alertedAt, r.varint())
		}
		for range r.count(1) {
			k.evidence = append(k.evidence, r.string())
		}
	}
	return k
}

func (t *tracker) restoreKey(r *reader, table *keyTable, k savedKey, maxEvidence int) {
	if !t.validEvents(k.events) {
		r.fail("events out of order or of an unknown sequence step")
		return
	}
	if table.find(k.key) != none {
		return
	}
	s := &table.slots[table.insert(k.key)]
	if k.layout == layoutInline && !t.logOnly {
		s.pack(&table.clock, k.events)
		return
	}
	log := table.attachLog(s, k.events)
	if k.layout == layoutExtras {
		x := log.extra(len(t.rules))
		copy(x.alertedAt, k.alertedAt)
		for _, body := range k.evidence {
			x.addEvidence(body, maxEvidence)
		}
	}
}

// validEvents checks what the windows rely on: events in time order and, for a sequence, each
// value a step of it.
func (t *tracker) validEvents(events []event) bool {
	for i, ev := range events {
		if i > 0 && ev.ts < events[i-1].ts {
			return false
		}
		if t.temporal && (ev.val < 1 || ev.val > uint64(len(t.rules[0].Sequence))) {
			return false
		}
	}
	return true
}

// reader decodes a snapshot; the first error sticks and later reads return zeros.
type reader struct {
	b   []byte
	err error
}

func (r *reader) fail(msg string) {
	if r.err == nil {
		r.err = errors.New(msg)
	}
	r.b = nil
}

func (r *reader) bytes(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.fail("truncated")
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *reader) byte() byte {
	if b := r.bytes(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *reader) uint64() uint64 {
	if b := r.bytes(8); b != nil {
		return binary.LittleEndian.Uint64(b)
	}
	return 0
}

func (r *reader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.fail("bad number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *reader) varint() int64 {
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.fail("bad number")
		return 0
	}
	r.b = r.b[n:]
	return v
}

// count reads a length whose items take at least minBytes each, so that a corrupt length cannot
// make the reader allocate more than the snapshot could hold.
func (r *reader) count(minBytes int) int {
	n := r.uvarint()
	if n > uint64(len(r.b)/minBytes) {
		r.fail("a count larger than the data")
		return 0
	}
	return int(n)
}

func (r *reader) string() string {
	return string(r.bytes(r.count(1)))
}
