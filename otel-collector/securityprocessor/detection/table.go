package detection

// keyTable holds per-key state for up to maxKeys keys, evicting the least recently used.
//
// Written by hand rather than map[uint64]*state plus container/list because detection state for a
// million sources has to fit in 64 MiB: a slot is 48 bytes with its first events packed inside
// (see compact.go) and the open-addressing index 4 bytes per cell, against roughly 100 bytes per
// key for a Go map of pointers with a linked list, before any event.
type keyTable struct {
	index      []int32 // open addressing with linear probing; empty cells hold -1
	slots      []slot
	free       int32 // first free slot, chained through slot.next; -1 when none
	head, tail int32 // most and least recently used slot; -1 when empty
	count      int
	maxKeys    int
	clock      clock
	// logs hold the events and extras of the keys that outgrew their slot; freeLogs are the
	// indexes of unused entries.
	logs     []*keyLog
	freeLogs []int32
}

// slot is one key's state: its recency links and, until it outgrows them, its events.
type slot struct {
	key        uint64
	prev, next int32
	base       uint32 // time of the inline events, in units of 2^baseShift ticks
	meta       uint32 // inline event count (2 bits), then 1 + index in logs (0: none)
	inline     [inlineEvents]packedEvent
}

const none = -1

func newKeyTable(maxKeys int, horizon int64) *keyTable {
	t := &keyTable{free: none, head: none, tail: none, maxKeys: maxKeys, clock: newClock(horizon)}
	t.index = emptyIndex(16)
	return t
}

func emptyIndex(n int) []int32 {
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = none
	}
	return idx
}

// cell spreads the key hash over the index (keys are already hashes; the multiply only mixes)
// by multiply-shift, which needs no power-of-two size: a full table's index is then 4/3 of
// max_keys cells instead of the next power of two above that.
func (t *keyTable) cell(key uint64) int {
	return int((key * 0x9E3779B97F4A7C15 >> 32) * uint64(len(t.index)) >> 32)
}

// nextCell is linear probing's next cell, wrapping around.
func (t *keyTable) nextCell(c int) int {
	if c++; c == len(t.index) {
		return 0
	}
	return c
}

func (t *keyTable) find(key uint64) int32 {
	for c := t.cell(key); ; c = t.nextCell(c) {
		s := t.index[c]
		if s == none {
			return none
		}
		if t.slots[s].key == key {
			return s
		}
	}
}

// full tells whether a key must go before another can be inserted.
func (t *keyTable) full() bool { return t.count >= t.maxKeys }

// evictionScan is how many of the least recently used keys eviction compares.
const evictionScan = 8

// victim returns, among the evictionScan least recently used keys, the one of least rank, the
// least recently used on ties. Ranking by progress toward firing keeps a key one event short of
// its threshold through a flood of single-event keys: each flood key ranks lower.
func (t *keyTable) victim(rank func(*slot) int) int32 {
	best, bestRank := int32(none), 0
	for s, n := t.tail, 0; s != none && n < evictionScan; s, n = t.slots[s].prev, n+1 {
		if r := rank(&t.slots[s]); best == none || r < bestRank {
			best, bestRank = s, r
		}
	}
	return best
}

// insert adds a key that is not present into a table that is not full.
func (t *keyTable) insert(key uint64) (s int32) {
	if t.free != none {
		s = t.free
		t.free = t.slots[s].next
		t.slots[s] = slot{key: key}
	} else {
		t.growSlots()
		s = int32(len(t.slots))
		t.slots = append(t.slots, slot{key: key})
	}
	if (t.count+1)*4 > len(t.index)*3 {
		t.rehash(min(2*len(t.index), t.maxKeys*4/3+1))
	}
	c := t.cell(key)
	for t.index[c] != none {
		c = t.nextCell(c)
	}
	t.index[c] = s
	t.count++
	t.pushFront(s)
	return s
}

// growSlots doubles capacity itself, capped at maxKeys, so a full table holds no slack.
func (t *keyTable) growSlots() {
	if len(t.slots) < cap(t.slots) {
		return
	}
	n := min(max(2*cap(t.slots), 16), t.maxKeys)
	grown := make([]slot, len(t.slots), n)
	copy(grown, t.slots)
	t.slots = grown
}

func (t *keyTable) rehash(size int) {
	t.index = emptyIndex(size)
	for s := t.head; s != none; s = t.slots[s].next {
		c := t.cell(t.slots[s].key)
		for t.index[c] != none {
			c = t.nextCell(c)
		}
		t.index[c] = s
	}
}

// remove deletes slot s, closing the probe gap by shifting later entries back.
func (t *keyTable) remove(s int32) {
	c := t.cell(t.slots[s].key)
	for t.index[c] != s {
		c = t.nextCell(c)
	}
	t.index[c] = none
	for next := t.nextCell(c); t.index[next] != none; next = t.nextCell(next) {
		moved := t.index[next]
		home := t.cell(t.slots[moved].key)
		if !cyclicallyIn(home, c, next) {
			t.index[c] = moved
			t.index[next] = none
			c = next
		}
	}
	t.unlink(s)
	if l := t.slots[s].logIndex(); l != 0 {
		t.logs[l-1] = nil
		t.freeLogs = append(t.freeLogs, l-1)
	}
	t.slots[s] = slot{next: t.free}
	t.free = s
	t.count--
}

// touch marks slot s as most recently used.
func (t *keyTable) touch(s int32) {
	if t.head == s {
		return
	}
	t.unlink(s)
	t.pushFront(s)
}

func (t *keyTable) pushFront(s int32) {
	t.slots[s].prev = none
	t.slots[s].next = t.head
	if t.head != none {
		t.slots[t.head].prev = s
	}
	t.head = s
	if t.tail == none {
		t.tail = s
	}
}

func (t *keyTable) unlink(s int32) {
	p, n := t.slots[s].prev, t.slots[s].next
	if p != none {
		t.slots[p].next = n
	} else {
		t.head = n
	}
	if n != none {
		t.slots[n].prev = p
	} else {
		t.tail = p
	}
}

// cyclicallyIn reports whether cell x lies in (lo, hi] on the circular index. An entry whose home
// is there would become unreachable if moved back to lo.
func cyclicallyIn(x, lo, hi int) bool {
	if lo < hi {
		return lo < x && x <= hi
	}
	return lo < x || x <= hi
}

// logOf returns the key's log, nil when its events are inline.
func (t *keyTable) logOf(s *slot) *keyLog {
	if l := s.logIndex(); l != 0 {
		return t.logs[l-1]
	}
	return nil
}

// ensureLog moves the key's inline events to a log of its own, unless it has one already.
func (t *keyTable) ensureLog(s *slot) *keyLog {
	if log := t.logOf(s); log != nil {
		return log
	}
	return t.attachLog(s, s.unpack(&t.clock, make([]event, 0, 2*inlineEvents)))
}

// attachLog gives a key whose events are inline a log holding events instead.
func (t *keyTable) attachLog(s *slot, events []event) *keyLog {
	log := &keyLog{events: events}
	var l int32
	if n := len(t.freeLogs); n > 0 {
		l = t.freeLogs[n-1]
		t.freeLogs = t.freeLogs[:n-1]
		t.logs[l] = log
	} else {
		l = int32(len(t.logs))
		t.logs = append(t.logs, log)
	}
	s.meta = uint32(l+1) << 2
	return log
}
