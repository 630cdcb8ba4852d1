package detection

// keyTable holds per-key state for up to maxKeys keys, evicting the least recently used.
//
// Written by hand rather than map[uint64]*state plus container/list because detection state for a
// million sources has to fit in 64 MiB: a slot is 40 bytes and the open-addressing index 4 bytes
// per cell, against roughly 100 bytes per key for a Go map of pointers with a linked list.
type keyTable struct {
	index      []int32 // open addressing with linear probing; empty cells hold -1
	slots      []slot
	free       int32 // first free slot, chained through slot.next; -1 when none
	head, tail int32 // most and least recently used slot; -1 when empty
	count      int
	maxKeys    int
}

// slot is one key's state. The first event lives inline; a key that sees a second event (or
// alerts) gets a keyLog, so the common one-record source costs no extra allocation.
type slot struct {
	key        uint64
	prev, next int32
	first      event
	log        *keyLog
}

const none = -1

func newKeyTable(maxKeys int) *keyTable {
	t := &keyTable{free: none, head: none, tail: none, maxKeys: maxKeys}
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

// cell spreads the key hash over the index (keys are already hashes; the multiply only mixes).
func (t *keyTable) cell(key uint64) int {
	return int((key * 0x9E3779B97F4A7C15) >> 32 & uint64(len(t.index)-1))
}

func (t *keyTable) find(key uint64) int32 {
	mask := len(t.index) - 1
	for c := t.cell(key); ; c = (c + 1) & mask {
		s := t.index[c]
		if s == none {
			return none
		}
		if t.slots[s].key == key {
			return s
		}
	}
}

// insert adds a key that is not present. When the table is full it first evicts the least
// recently used key and reports true.
func (t *keyTable) insert(key uint64) (s int32, evicted bool) {
	if t.count >= t.maxKeys {
		t.remove(t.tail)
		evicted = true
	}
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
		t.rehash(len(t.index) * 2)
	}
	mask := len(t.index) - 1
	c := t.cell(key)
	for t.index[c] != none {
		c = (c + 1) & mask
	}
	t.index[c] = s
	t.count++
	t.pushFront(s)
	return s, evicted
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
	mask := size - 1
	for s := t.head; s != none; s = t.slots[s].next {
		c := t.cell(t.slots[s].key)
		for t.index[c] != none {
			c = (c + 1) & mask
		}
		t.index[c] = s
	}
}

// remove deletes slot s, closing the probe gap by shifting later entries back.
func (t *keyTable) remove(s int32) {
	mask := len(t.index) - 1
	c := t.cell(t.slots[s].key)
	for t.index[c] != s {
		c = (c + 1) & mask
	}
	t.index[c] = none
	for next := (c + 1) & mask; t.index[next] != none; next = (next + 1) & mask {
		moved := t.index[next]
		home := t.cell(t.slots[moved].key)
		if !cyclicallyIn(home, c, next) {
			t.index[c] = moved
			t.index[next] = none
			c = next
		}
	}
	t.unlink(s)
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
