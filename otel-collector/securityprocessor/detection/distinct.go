package detection

// incrementalFrom is the window length from which a value_count rule keeps its per-value counts
// up to date record by record instead of rescanning the window: below it a scan is cheaper than
// the map, and most keys never get there.
const incrementalFrom = 32

// distinctWindow holds one value_count rule's per-value counts for one key. The window is always
// the newest `size` events of the key's log.
type distinctWindow struct {
	counts    map[uint64]int32
	size      int
	qualified int // values whose count passes per_value_min / per_value_max
}

func newDistinctWindow(r *compiledRule, events []event, now int64) *distinctWindow {
	d := &distinctWindow{counts: map[uint64]int32{}}
	for _, e := range r.window(events, now) {
		d.push(r, e)
	}
	return d
}

func (d *distinctWindow) push(r *compiledRule, e event) {
	d.size++
	d.count(r, e.val, 1)
}

// popOldest removes the oldest event of the window.
func (d *distinctWindow) popOldest(r *compiledRule, events []event) {
	e := events[len(events)-d.size]
	d.size--
	d.count(r, e.val, -1)
}

// slide drops the window's events older than cutoff.
func (d *distinctWindow) slide(r *compiledRule, events []event, cutoff int64) {
	for d.size > 0 && events[len(events)-d.size].ts < cutoff {
		d.popOldest(r, events)
	}
}

func (d *distinctWindow) count(r *compiledRule, val uint64, delta int32) {
	if val == 0 {
		return // the record lacked the field
	}
	before := d.counts[val]
	after := before + delta
	if r.counts(int(before)) {
		d.qualified--
	}
	if r.counts(int(after)) {
		d.qualified++
	}
	if after == 0 {
		delete(d.counts, val)
	} else {
		d.counts[val] = after
	}
}
