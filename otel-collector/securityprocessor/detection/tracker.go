package detection

import (
	"slices"

	"go.opentelemetry.io/collector/pdata/pcommon"
)

// tracker keeps per-key event windows for the rules that select the same records with the same
// grouping, so brute force, credential stuffing and spraying cost one entry per source together.
// Each temporal_ordered rule has a tracker of its own because firing consumes its facts.
type tracker struct {
	name    string
	match   matcher
	groupBy []string
	// groupKinds and fieldKind say how each group-by attribute and the field are normalised.
	groupKinds []keyKind
	field      string // attribute hashed into event.val for value_count rules; "" for none
	fieldKind  keyKind
	temporal   bool
	rules      []*compiledRule
	horizon    int64 // longest timespan of the rules
	// evidenceFrom is the event count from which a key keeps evidence: only keys close to the
	// smallest threshold pay for it.
	evidenceFrom int
	// retain is how many events per key the rules can use: an event_count rule only ever needs
	// its last threshold events, a value_count rule everything in its window (0: no limit below
	// max_events_per_key). Temporal trackers keep min_count events per step instead.
	retain int
	table  *keyTable
	buf    [inlineEvents + 1]event // a key's inline events unpacked, plus the one being added
	// route is the index in Settings.Routes of the copies that feed this tracker; -1 when no
	// route serves its key (the first route's copies feed it).
	route int
	// evictions counts this tracker's recent evictions for the detection_degraded alert.
	evictions evictionRate
	// logOnly keeps every key's events in a log: the plain layout, which tests compare with.
	logOnly bool
}

func buildTrackers(rules []Rule, maxKeys int, n *Normalization) []*tracker {
	var trackers []*tracker
	for _, rule := range rules {
		r := compileRule(rule)
		t := findTracker(trackers, r)
		if t == nil {
			t = &tracker{match: compileSelector(r.Select), groupBy: r.GroupBy, temporal: r.Type == TypeTemporalOrdered}
			trackers = append(trackers, t)
		}
		if r.Type == TypeValueCount {
			t.field, t.fieldKind = r.Field, n.kindOf(r.Field)
		}
		r.pos = len(t.rules)
		t.rules = append(t.rules, r)
		t.horizon = max(t.horizon, r.timespan)
	}
	for _, t := range trackers {
		t.name = trackerName(t.rules)
		for _, attr := range t.groupBy {
			t.groupKinds = append(t.groupKinds, n.kindOf(attr))
		}
		t.evidenceFrom = t.smallestThreshold()
		t.retain = t.usableEvents()
		t.table = newKeyTable(maxKeys, t.horizon)
	}
	return trackers
}

// findTracker returns the tracker an event_count or value_count rule can share.
func findTracker(trackers []*tracker, r *compiledRule) *tracker {
	if r.Type == TypeTemporalOrdered {
		return nil
	}
	sig := compileSelector(r.Select)
	for _, t := range trackers {
		if t.temporal || !slices.Equal(t.groupBy, r.GroupBy) || t.match.signature() != sig.signature() {
			continue
		}
		if r.Type == TypeValueCount && t.field != "" && t.field != r.Field {
			continue
		}
		return t
	}
	return nil
}

func (t *tracker) smallestThreshold() int {
	smallest := 0
	for _, r := range t.rules {
		n := r.Threshold
		if r.Type == TypeTemporalOrdered {
			n = 0
			for _, s := range r.Sequence {
				n += max(s.MinCount, 1)
			}
		}
		if smallest == 0 || n < smallest {
			smallest = n
		}
	}
	return smallest
}

func (t *tracker) usableEvents() int {
	if t.temporal || t.field != "" {
		return 0
	}
	most := 0
	for _, r := range t.rules {
		most = max(most, r.Threshold)
	}
	return most
}

// keepsEvidence tells whether a key with count events is close enough to firing to keep bodies.
func (t *tracker) keepsEvidence(count, maxEvidence int) bool {
	return maxEvidence > 0 && count > t.evidenceFrom-maxEvidence
}

// valueOf decides whether the record belongs to this tracker and what its event.val is.
func (t *tracker) valueOf(e *Engine, name string, attrs, res pcommon.Map) (uint64, bool) {
	if t.temporal {
		step := t.rules[0].stepOf(name, attrs, res)
		return step, step != 0
	}
	if !t.match.matches(name, attrs, res) {
		return 0, false
	}
	if t.field == "" {
		return 0, true
	}
	if v, ok := lookup(t.field, attrs, res); ok {
		return e.valueHash(normalized(v, t.fieldKind, e.ipv6Prefix)), true
	}
	return 0, true
}

// events returns the key's events in time order; inline ones are unpacked into the tracker's buffer.
func (t *tracker) events(s *slot) []event {
	if log := t.table.logOf(s); log != nil {
		return log.events
	}
	return s.unpack(&t.table.clock, t.buf[:0])
}

func (t *tracker) newest(s *slot) int64 { return newest(t.events(s)) }

func newest(events []event) int64 {
	if n := len(events); n > 0 {
		return events[n-1].ts
	}
	return 0
}

// record adds the event (its time on the tracker's clock) to the key's window and returns the
// key's slot. A key whose events are inline is worked on as a log on the stack, then packed back,
// or moved to a log of its own when it has outgrown its slot or needs extras.
// It reports whether a key was evicted to make room for a new one.
func (t *tracker) record(e *Engine, key uint64, ev event, body string, arrival int64) (s *slot, evicted bool) {
	idx := t.table.find(key)
	if idx == none {
		if t.table.full() {
			evicted = t.makeRoom(e, arrival)
		}
		idx = t.table.insert(key)
		s := &t.table.slots[idx]
		t.buf[0] = ev
		s.pack(&t.table.clock, t.buf[:1])
		if t.keepsEvidence(1, e.maxEvidence) {
			t.table.ensureLog(s).extra(len(t.rules)).addEvidence(body, e.maxEvidence)
		}
		return s, evicted
	}
	t.table.touch(idx)
	s = &t.table.slots[idx]
	log := t.table.logOf(s)
	var inline keyLog
	if log == nil {
		inline.events = t.events(s)
		log = &inline
	}
	inOrder := ev.ts >= newest(log.events)
	limit := e.maxEvents
	if t.retain > 0 && t.retain < limit {
		limit = t.retain
	}
	var dropped int
	if inOrder {
		dropped = log.appendNewest(ev, t.rules, t.horizon, limit)
	} else {
		dropped = log.insert(ev, t.horizon, limit)
	}
	// Only the configured cap loses events a rule could still use; the others are spent.
	if dropped > 0 && limit == e.maxEvents {
		e.telemetry.Truncated(t.name, dropped)
	}
	if t.temporal {
		log.keepPerStep(t.rules[0].Sequence)
	}
	evidence := t.keepsEvidence(len(log.events), e.maxEvidence)
	if log == &inline {
		if len(log.events) <= inlineEvents && !evidence && !t.logOnly {
			s.pack(&t.table.clock, log.events)
			return s, false
		}
		log = t.table.attachLog(s, append(make([]event, 0, 2*len(log.events)), log.events...))
	}
	if evidence {
		log.extra(len(t.rules)).addEvidence(body, e.maxEvidence)
	}
	return s, false
}

// makeRoom removes one of the least recently used keys to make room for a new one: an idle key
// if there is one (not an eviction), else the one with the fewest events, so that a flood of
// new keys pushes out other new keys rather than one close to firing. It reports an eviction.
func (t *tracker) makeRoom(e *Engine, arrival int64) bool {
	cutoff := arrival - e.tolerance
	victim := t.table.victim(func(s *slot) int { return t.progress(s, cutoff, e.suppressFor) })
	idle := t.idle(&t.table.slots[victim], cutoff, e.suppressFor)
	t.table.remove(victim)
	if !idle {
		e.telemetry.Evicted(t.name)
	}
	return !idle
}

// progress ranks a key for eviction: -1 when idle, else the events it holds.
func (t *tracker) progress(s *slot, cutoff, suppressFor int64) int {
	if t.idle(s, cutoff, suppressFor) {
		return -1
	}
	if log := t.table.logOf(s); log != nil {
		return len(log.events)
	}
	return s.inlineCount()
}

// idle tells whether the key's window and suppression have both run out: no record arriving
// after cutoff (the collector's clock less the tolerance) can join its window.
func (t *tracker) idle(s *slot, cutoff, suppressFor int64) bool {
	return t.newest(s)+t.horizon < cutoff && !t.suppressing(s, cutoff, suppressFor)
}

// evaluate runs the tracker's rules for the key and applies suppression.
func (t *tracker) evaluate(e *Engine, s *slot, now int64, attrs, res pcommon.Map, alerts []Alert) []Alert {
	// Rules look at the window ending at the key's newest record, which a late record can complete.
	now = max(now, t.newest(s))
	for _, r := range t.rules {
		if !t.fires(e, s, r, now) {
			continue
		}
		log := t.table.ensureLog(s)
		x := log.extra(len(t.rules))
		if last := x.alertedAt[r.pos]; last != 0 && now-last < e.suppressFor {
			e.telemetry.Suppressed(r.Name)
			continue
		}
		out, _ := r.evaluate(log.events, now, e.scratch) // the details, only for an emitted alert
		x.alertedAt[r.pos] = now
		alerts = append(alerts, e.alert(t, r, out, now, attrs, res, x.evidenceSample()))
		if t.temporal {
			log.events = log.events[:0] // the sequence's facts are used up
		}
	}
	return alerts
}

// fires tells whether r fires for the key at now (its newest event). A busy key's value_count
// rules answer from incremental counts; everything else scans the window.
func (t *tracker) fires(e *Engine, s *slot, r *compiledRule, now int64) bool {
	if log := t.table.logOf(s); r.Type == TypeValueCount && log != nil && len(log.events) > incrementalFrom {
		x := log.extra(len(t.rules))
		if x.distinct == nil {
			x.distinct = make([]*distinctWindow, len(t.rules))
		}
		d := x.distinct[r.pos]
		if d == nil {
			d = newDistinctWindow(r, log.events, now)
			x.distinct[r.pos] = d
		}
		return d.qualified >= r.Threshold
	}
	_, fired := r.evaluate(t.events(s), now, e.scratch)
	return fired
}

// expireIdle drops least-recently-used keys whose window and suppression have both run out by
// the collector's clock, each key judged by its own newest event: a later record of the key can
// be dated at most tolerance before its arrival. It looks at two keys per record, which keeps
// pace with arrivals without a background sweep.
func (t *tracker) expireIdle(arrival, tolerance, suppressFor int64) {
	cutoff := arrival - tolerance
	for range 2 {
		idx := t.table.tail
		if idx == none {
			return
		}
		if !t.idle(&t.table.slots[idx], cutoff, suppressFor) {
			return
		}
		t.table.remove(idx)
	}
}

func (t *tracker) suppressing(s *slot, cutoff, suppressFor int64) bool {
	log := t.table.logOf(s)
	if log == nil || log.extras == nil {
		return false
	}
	for _, at := range log.extras.alertedAt {
		if at != 0 && at+suppressFor >= cutoff {
			return true
		}
	}
	return false
}
