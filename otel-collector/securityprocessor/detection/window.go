package detection

import (
	"sort"
	"unicode/utf8"
)

// event is one matching record as a tracker remembers it.
type event struct {
	ts int64
	// val is the hash of the value_count field (0 when the record lacks it) or, for a
	// temporal_ordered tracker, the 1-based index of the step the record matched.
	val uint64
}

// keyLog is the state of a key that has seen more than one event or has alerted.
type keyLog struct {
	events    []event // ascending by ts
	evidence  []string
	nextEvid  int
	alertedAt []int64 // per rule of the tracker: event time of its last alert, 0 = never
}

const maxEvidenceBytes = 160

// events returns the key's events in time order.
func (s *slot) events() []event {
	if s.log == nil {
		return []event{s.first}
	}
	return s.log.events
}

func (s *slot) newest() int64 {
	if s.log == nil {
		return s.first.ts
	}
	if n := len(s.log.events); n > 0 {
		return s.log.events[n-1].ts
	}
	return 0
}

func (s *slot) ensureLog(rules int) *keyLog {
	if s.log == nil {
		s.log = &keyLog{events: []event{s.first}, alertedAt: make([]int64, rules)}
	}
	return s.log
}

// add inserts e in time order, forgets events older than horizon before the newest, and keeps
// at most maxEvents; it returns how many events the cap dropped.
func (l *keyLog) add(e event, horizon int64, maxEvents int) (dropped int) {
	i := sort.Search(len(l.events), func(i int) bool { return l.events[i].ts > e.ts })
	l.events = append(l.events, event{})
	copy(l.events[i+1:], l.events[i:])
	l.events[i] = e

	cutoff := l.events[len(l.events)-1].ts - horizon
	keep := sort.Search(len(l.events), func(i int) bool { return l.events[i].ts >= cutoff })
	if over := len(l.events) - keep - maxEvents; over > 0 {
		keep += over
		dropped = over
	}
	if keep > 0 {
		l.events = append(l.events[:0], l.events[keep:]...)
	}
	return dropped
}

// addEvidence keeps the bodies of the most recent records, each cut to maxEvidenceBytes.
func (l *keyLog) addEvidence(body string, limit int) {
	if limit == 0 {
		return
	}
	body = truncateUTF8(body, maxEvidenceBytes)
	if len(l.evidence) < limit {
		l.evidence = append(l.evidence, body)
		return
	}
	l.evidence[l.nextEvid] = body
	l.nextEvid = (l.nextEvid + 1) % limit
}

// evidenceSample returns the kept bodies oldest first.
func (l *keyLog) evidenceSample() []string {
	out := make([]string, 0, len(l.evidence))
	out = append(out, l.evidence[l.nextEvid:]...)
	return append(out, l.evidence[:l.nextEvid]...)
}

// truncateUTF8 cuts s to at most n bytes without splitting a character; the copy keeps the
// evidence from pinning the whole incoming request in memory.
func truncateUTF8(s string, n int) string {
	if len(s) > n {
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	return string([]byte(s))
}
