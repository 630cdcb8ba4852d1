package detection

import "math"

// A key's first inlineEvents events live in its slot, packed, so that the common source (a few
// failed logins) costs 48 bytes and no allocation: a million sources with three failures each fit
// in the 64 MiB budget (bench/README.md). A key with more events, or close enough to firing to keep evidence and
// suppression times, moves them to a keyLog.
const inlineEvents = 3

// packedEvent is an event in a slot: its time in ticks after the slot's base, and its value (a
// 32-bit value hash, or the step of a temporal_ordered tracker).
type packedEvent struct{ off, val uint32 }

// baseShift: a slot's base counts units of 2^baseShift ticks, so that uint32 bases cover 142 years
// of 1µs ticks while offsets (under 2^32 ticks) stay exact within a slot.
const baseShift = 20

// clock is a tracker's time grid. Event times are kept in whole ticks (1µs, or the smallest power
// of two µs whose 2^32 ticks cover the tracker's horizon), counted from an epoch set by the first
// event, so windows are exact on that grid.
type clock struct {
	epoch int64 // ns; 0 until the first event
	tick  int64 // ns
}

// lateMargin is how far before the first event the epoch lies, in ticks (19 hours at 1µs): late
// records within it keep their time, older ones are counted at the epoch.
const lateMargin = 1 << 36

func newClock(horizon int64) clock {
	tick := int64(1000)
	for horizon/tick+2<<baseShift >= math.MaxUint32 {
		tick *= 2
	}
	return clock{tick: tick}
}

// ticks is ts on the grid, counted from the epoch (which the first call sets).
func (c *clock) ticks(ts int64) uint64 {
	if c.epoch == 0 {
		c.epoch = ts - lateMargin*c.tick
	}
	if ts <= c.epoch {
		return 0
	}
	return uint64((ts - c.epoch) / c.tick)
}

// round is ts rounded down to the grid: the time every rule of the tracker sees.
func (c *clock) round(ts int64) int64 { return c.time(c.ticks(ts)) }

func (c *clock) time(ticks uint64) int64 { return c.epoch + int64(ticks)*c.tick }

// inlineCount is how many events the slot holds inline; logIndex is 1 + its log's index in the
// table's logs, 0 for none.
func (s *slot) inlineCount() int { return int(s.meta & 3) }
func (s *slot) logIndex() int32  { return int32(s.meta >> 2) }

// unpack appends the slot's inline events, oldest first, to buf.
func (s *slot) unpack(c *clock, buf []event) []event {
	for _, p := range s.inline[:s.inlineCount()] {
		buf = append(buf, event{ts: c.time(uint64(s.base)<<baseShift + uint64(p.off)), val: uint64(p.val)})
	}
	return buf
}

// pack stores events (times on c's grid, spanning under 2^32 ticks, at most inlineEvents) inline.
func (s *slot) pack(c *clock, events []event) {
	s.meta &^= 3
	if len(events) == 0 {
		return
	}
	s.base = uint32(c.ticks(events[0].ts) >> baseShift)
	from := uint64(s.base) << baseShift
	for i, e := range events {
		s.inline[i] = packedEvent{off: uint32(c.ticks(e.ts) - from), val: uint32(e.val)}
	}
	s.meta |= uint32(len(events))
}
