package detection

import (
	"math"
	"slices"
	"strings"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// Settings configure an Engine; the rules must have passed Rule.Validate.
type Settings struct {
	Rules           []Rule
	SuppressFor     time.Duration
	MaxKeys         int // per tracker
	MaxEventsPerKey int
	MaxEvidence     int
	// ClockTolerance is how far a record's time may lie from Now before the record is judged at
	// its arrival instead (and counted): a sender's clock, right or forged, cannot move windows.
	ClockTolerance time.Duration
	// EvictionAlert is the number of evictions within a minute at which a tracker raises a
	// detection_degraded alert (0: never).
	EvictionAlert int
	// Normalization maps spellings of one source or account to one key; the zero value means
	// DefaultNormalization.
	Normalization Normalization
	// MaxSilentSources bounds the instances source_silent rules watch; more are refused, not
	// evicted for.
	MaxSilentSources int
	// Routes are the keys a router routes copies by (RouteName of a group_by), the first being
	// the copy the gateway keeps; empty for a collector that sees every record once.
	Routes []string
	// Now is the collector's clock. Nil trusts every record's own time, which only replays of
	// recorded traffic (tests, benchmarks) want.
	Now func() time.Time
}

// Telemetry receives the engine's bounded-state events; the processor turns them into metrics.
type Telemetry interface {
	Evicted(tracker string)
	Truncated(tracker string, events int)
	Suppressed(rule string)
	// ClockSkewed counts a record judged at arrival because its time was outside ClockTolerance.
	ClockSkewed()
}

// Engine evaluates rules over records. It is not safe for concurrent use.
type Engine struct {
	trackers    []*tracker
	suppressFor int64
	maxEvents   int
	maxEvidence int
	hashKey     hashKey
	buf         []byte // the bytes being hashed
	scratch     map[uint64]uint32
	tolerance   int64
	ipv6Prefix  int
	// evictionAlert and degraded: see EvictionAlert and degraded.go.
	evictionAlert int
	degraded      *compiledRule
	routes        []string
	now           func() time.Time
	telemetry     Telemetry
	silences      []*silenceWatch // one per source_silent rule
}

// NewEngine compiles the rules into trackers.
func NewEngine(s Settings, tel Telemetry) *Engine {
	e := &Engine{
		suppressFor:   int64(s.SuppressFor),
		maxEvents:     s.MaxEventsPerKey,
		maxEvidence:   s.MaxEvidence,
		hashKey:       newHashKey(),
		scratch:       make(map[uint64]uint32),
		tolerance:     int64(s.ClockTolerance),
		evictionAlert: s.EvictionAlert,
		degraded:      compileRule(DegradedRule),
		now:           s.Now,
		telemetry:     tel,
	}
	n := s.Normalization
	if n.IPv6Prefix == 0 {
		n = DefaultNormalization()
	}
	e.ipv6Prefix = n.IPv6Prefix
	var counted []Rule
	for _, r := range s.Rules {
		if r.Type == TypeSourceSilent {
			e.silences = append(e.silences, newSilenceWatch(r, s.MaxSilentSources))
		} else {
			counted = append(counted, r)
		}
	}
	e.trackers = buildTrackers(counted, s.MaxKeys, &n)
	e.routes = s.Routes
	for _, t := range e.trackers {
		t.route = slices.Index(e.routes, RouteName(t.groupBy))
	}
	return e
}

// Observe feeds one record to every rule and returns the alerts it triggers.
func (e *Engine) Observe(lr plog.LogRecord, resource pcommon.Resource) []Alert {
	name := lr.EventName()
	if ownEvents[name] || Emittable[name] {
		return nil
	}
	arrival, ts := e.times(lr)
	attrs, res := lr.Attributes(), resource.Attributes()
	for _, w := range e.silences {
		w.observe(name, attrs, res, arrival)
	}
	route := e.routeOf(attrs)
	var alerts []Alert
	for _, t := range e.trackers {
		if !e.feeds(t, route) {
			continue
		}
		val, ok := t.valueOf(e, name, attrs, res)
		if !ok {
			continue
		}
		key, ok := e.groupKey(t, attrs, res)
		if !ok {
			continue
		}
		at := t.table.clock.round(ts)
		s, evicted := t.record(e, key, event{ts: at, val: val}, lr.Body().AsString(), arrival)
		if evicted {
			if a, ok := e.noteEviction(t, arrival); ok {
				alerts = append(alerts, a)
			}
		}
		alerts = t.evaluate(e, s, at, attrs, res, alerts)
		t.expireIdle(arrival, e.tolerance, e.suppressFor)
	}
	return alerts
}

// times returns the record's arrival on the collector's clock and the time rules see: its own
// time, or its arrival when that lies outside the clock tolerance.
func (e *Engine) times(lr plog.LogRecord) (arrival, ts int64) {
	ts = EventTime(lr)
	if e.now == nil {
		return ts, ts
	}
	arrival = e.now().UnixNano()
	if ts == 0 {
		return arrival, arrival // a record without any time
	}
	if ts < arrival-e.tolerance || ts > arrival+e.tolerance {
		e.telemetry.ClockSkewed()
		ts = arrival
	}
	return arrival, ts
}

// clock is the collector's time now (the wall clock when the settings gave none).
func (e *Engine) clock() int64 {
	if e.now == nil {
		return time.Now().UnixNano()
	}
	return e.now().UnixNano()
}

// CheckSilence returns a source_silent alert for every watched instance silent at now.
func (e *Engine) CheckSilence(now time.Time) []Alert {
	var alerts []Alert
	at := now.UnixNano()
	for _, w := range e.silences {
		alerts = append(alerts, w.check(at)...)
		if a, ok := e.noteRefused(w, at); ok {
			alerts = append(alerts, a)
		}
	}
	return alerts
}

// noteRefused returns a detection_degraded alert when a full watch refused instances since its
// last one: a flood of made-up instances may keep real ones from being watched. At most one per
// watch within suppress_for.
func (e *Engine) noteRefused(w *silenceWatch, now int64) (Alert, bool) {
	if w.refused == w.reported {
		return Alert{}, false
	}
	if w.alertedAt != 0 && now-w.alertedAt < e.suppressFor {
		e.telemetry.Suppressed(DegradedRule.Name)
		return Alert{}, false
	}
	a := Alert{
		Rule:      DegradedRule,
		RuleUUID:  e.degraded.uuid,
		Key:       []KeyValue{{Name: DegradedKey, Value: w.rule.Name}},
		Count:     w.refused - w.reported,
		Window:    time.Duration(now - max(w.alertedAt, now-int64(e.suppressFor))),
		FirstSeen: max(w.alertedAt, now-int64(e.suppressFor)),
		LastSeen:  now,
	}
	w.reported, w.alertedAt = w.refused, now
	return a, true
}

// SilenceRefused is how many instances source_silent rules could not watch because their state
// was full.
func (e *Engine) SilenceRefused() int {
	n := 0
	for _, w := range e.silences {
		n += w.refused
	}
	return n
}

// SilenceTimespan is the shortest timespan of the source_silent rules (0 without any): how often
// they are checked follows from it.
func (e *Engine) SilenceTimespan() time.Duration {
	var shortest time.Duration
	for _, w := range e.silences {
		if shortest == 0 || w.rule.Timespan < shortest {
			shortest = w.rule.Timespan
		}
	}
	return shortest
}

// TrackerKeys is the number of keys one tracker holds.
type TrackerKeys struct {
	Tracker string
	Keys    int
}

// Keys reports the state size of every tracker.
func (e *Engine) Keys() []TrackerKeys {
	out := make([]TrackerKeys, len(e.trackers), len(e.trackers)+len(e.silences))
	for i, t := range e.trackers {
		out[i] = TrackerKeys{Tracker: t.name, Keys: t.table.count}
	}
	for _, w := range e.silences {
		out = append(out, TrackerKeys{Tracker: w.rule.Name, Keys: len(w.instances)})
	}
	return out
}

// groupKey hashes the normalised group-by values; a record lacking one of them has no key for
// the rule.
func (e *Engine) groupKey(t *tracker, attrs, res pcommon.Map) (uint64, bool) {
	e.buf = e.buf[:0]
	for i, attr := range t.groupBy {
		v, ok := lookup(attr, attrs, res)
		if !ok {
			return 0, false
		}
		e.buf = append(e.buf, normalized(v, t.groupKinds[i], e.ipv6Prefix)...)
		e.buf = append(e.buf, 0)
	}
	return nonZero(e.hashKey.sum(e.buf)), true
}

// valueHash is 32 bits, which is what a slot keeps of a value (compact.go): with a random key
// (see hashKey), two values in one key's window are taken for one with probability n²/2^33 for n values.
func (e *Engine) valueHash(s string) uint64 {
	e.buf = append(e.buf[:0], s...)
	return nonZero(e.hashKey.sum(e.buf) & math.MaxUint32)
}

// nonZero keeps 0 free to mean "no value".
func nonZero(h uint64) uint64 { return max(h, 1) }

func (e *Engine) alert(t *tracker, r *compiledRule, out outcome, now int64, attrs, res pcommon.Map, evidence []string) Alert {
	a := Alert{
		Rule:          r.Rule,
		RuleUUID:      r.uuid,
		Count:         out.count,
		DistinctCount: out.distinct,
		Window:        r.Timespan,
		FirstSeen:     out.firstSeen,
		LastSeen:      now,
		Evidence:      evidence,
	}
	for i, attr := range t.groupBy {
		v, _ := lookup(attr, attrs, res)
		a.Key = append(a.Key, KeyValue{Name: attr, Value: normalized(v, t.groupKinds[i], e.ipv6Prefix)})
	}
	return a
}

// trackerName labels a tracker in metrics by the rules it serves.
func trackerName(rules []*compiledRule) string {
	names := make([]string, len(rules))
	for i, r := range rules {
		names[i] = r.Name
	}
	return strings.Join(names, "+")
}
