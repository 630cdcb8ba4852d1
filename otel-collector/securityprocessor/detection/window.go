package detection

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// event is one matching record as a tracker remembers it.
type event struct {
	ts int64
	// val is the hash of the value_count field (0 when the record lacks it) or, for a
	// temporal_ordered tracker, the 1-based index of the step the record matched.
	val uint64
}

// keyLog is the state of a key that has outgrown its slot (see compact.go) or keeps evidence.
type keyLog struct {
	events []event    // ascending by ts
	extras *keyExtras // nil until the key gets near firing: most keys never do
}

// keyExtras is what only keys close to firing need.
type keyExtras struct {
	evidence  []string
	nextEvid  int
	alertedAt []int64 // per rule of the tracker: event time of its last alert, 0 = never
	// distinct holds incremental counts per value_count rule (by rule position) once the key is
	// busy; nil until then and after a late record, which rebuilds them.
	distinct []*distinctWindow
}

const maxEvidenceBytes = 160

// extra returns the key's extras, creating them for a tracker with the given number of rules.
func (l *keyLog) extra(rules int) *keyExtras {
	if l.extras == nil {
		l.extras = &keyExtras{alertedAt: make([]int64, rules)}
	}
	return l.extras
}

// insert adds a late record in time order (the rare path), forgets events older than horizon
// before the newest and keeps at most limit; it returns how many events the limit dropped.
// Incremental counts are dropped and rebuilt when next needed.
func (l *keyLog) insert(e event, horizon int64, limit int) (dropped int) {
	i := sort.Search(len(l.events), func(i int) bool { return l.events[i].ts > e.ts })
	l.events = append(l.events, event{})
	copy(l.events[i+1:], l.events[i:])
	l.events[i] = e
	if l.extras != nil {
		l.extras.distinct = nil
	}
	l.pruneBefore(l.events[len(l.events)-1].ts - horizon)
	if over := len(l.events) - limit; over > 0 {
		l.events = l.events[over:]
		return over
	}
	return 0
}

// appendNewest adds a record at least as new as every other, keeping the incremental counts of
// rules in step; it returns how many events the limit dropped.
func (l *keyLog) appendNewest(e event, rules []*compiledRule, horizon int64, limit int) (dropped int) {
	for _, r := range rules {
		if d := l.distinctOf(r); d != nil {
			d.slide(r, l.events, e.ts-r.timespan)
		}
	}
	// Events older than the horizon are already outside every rule's window.
	l.pruneBefore(e.ts - horizon)
	if over := len(l.events) + 1 - limit; over > 0 {
		for _, r := range rules {
			if d := l.distinctOf(r); d != nil {
				for d.size > len(l.events)-over {
					d.popOldest(r, l.events)
				}
			}
		}
		l.dropOldest(over, limit)
		dropped = over
	}
	if len(l.events) == cap(l.events) && limit <= shortLog {
		// A short log grows to its limit, not past it: at the limit it holds no slack.
		grown := make([]event, len(l.events), min(max(2*len(l.events), 2*inlineEvents), limit))
		copy(grown, l.events)
		l.events = grown
	}
	l.events = append(l.events, e)
	for _, r := range rules {
		if d := l.distinctOf(r); d != nil {
			d.push(r, e)
		}
	}
	return dropped
}

// shortLog is the limit up to which a log at its limit moves its events down in place (an
// event_count key keeps its threshold's events): it then keeps one array of the limit's size
// instead of re-slicing forward into ever new, larger ones. Longer logs re-slice, which is O(1),
// and append's doubling amortises the copies.
const shortLog = 64

func (l *keyLog) dropOldest(n, limit int) {
	if limit > shortLog {
		l.events = l.events[n:]
		return
	}
	l.events = l.events[:copy(l.events, l.events[n:])]
}

func (l *keyLog) distinctOf(r *compiledRule) *distinctWindow {
	if l.extras == nil || l.extras.distinct == nil {
		return nil
	}
	return l.extras.distinct[r.pos]
}

// pruneBefore forgets events older than cutoff. Re-slicing instead of copying keeps this O(1);
// append reallocates (copying only live events) when the capacity runs out.
func (l *keyLog) pruneBefore(cutoff int64) {
	keep := sort.Search(len(l.events), func(i int) bool { return l.events[i].ts >= cutoff })
	l.events = l.events[keep:]
}

// keepPerStep keeps the newest min_count events of each sequence step (event.val is the 1-based
// step). For two-step sequences, like the defaults, that is exact: the newest records of the
// first step are the best candidates for any later record of the second. For longer sequences
// an older record of a step can be forgotten although a different order would have used it.
func (l *keyLog) keepPerStep(steps []Step) {
	var seen [maxSteps]int
	kept := len(l.events)
	for i := len(l.events) - 1; i >= 0; i-- {
		step := int(l.events[i].val) - 1
		seen[step]++
		if seen[step] > max(steps[step].MinCount, 1) {
			l.events[i].val = 0 // marked for removal
			kept--
		}
	}
	if kept == len(l.events) {
		return
	}
	out := l.events[:0]
	for _, e := range l.events {
		if e.val != 0 {
			out = append(out, e)
		}
	}
	l.events = out
}

// addEvidence keeps the bodies of the most recent records, each cut to maxEvidenceBytes.
func (l *keyExtras) addEvidence(body string, limit int) {
	if limit == 0 {
		return
	}
	body = l.keptCopy(truncateUTF8(body, maxEvidenceBytes))
	if len(l.evidence) < limit {
		l.evidence = append(l.evidence, body)
		return
	}
	l.evidence[l.nextEvid] = body
	l.nextEvid = (l.nextEvid + 1) % limit
}

// keptCopy returns a copy of body that does not pin the incoming request in memory, sharing the
// newest evidence entry's copy when it is the same text (templated bodies repeat).
func (l *keyExtras) keptCopy(body string) string {
	if n := len(l.evidence); n > 0 {
		newest := l.evidence[n-1] // while filling, and when the ring starts over
		if l.nextEvid > 0 {
			newest = l.evidence[l.nextEvid-1]
		}
		if newest == body {
			return newest
		}
	}
	return strings.Clone(body)
}

// evidenceSample returns the kept bodies oldest first.
func (l *keyExtras) evidenceSample() []string {
	out := make([]string, 0, len(l.evidence))
	out = append(out, l.evidence[l.nextEvid:]...)
	return append(out, l.evidence[:l.nextEvid]...)
}

// truncateUTF8 cuts s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) > n {
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	return s
}
