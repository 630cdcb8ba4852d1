package detection

import (
	"sort"

	"github.com/google/uuid"
	"go.opentelemetry.io/collector/pdata/pcommon"
)

// ruleNamespace makes security_rule.uuid a stable UUIDv5 of the rule name.
var ruleNamespace = uuid.MustParse("6f1d3c52-8a4e-4c1b-9a57-5ec07e1a1e70")

// compiledRule is a validated Rule ready to evaluate against a key's events.
type compiledRule struct {
	Rule
	uuid     string
	timespan int64
	pos      int       // index of this rule's suppression slot in keyExtras.alertedAt
	steps    []matcher // temporal_ordered only
}

// outcome is what a rule saw in its window when it fired.
type outcome struct {
	count, distinct int
	firstSeen       int64
}

func compileRule(r Rule) *compiledRule {
	c := &compiledRule{
		Rule:     r,
		uuid:     uuid.NewSHA1(ruleNamespace, []byte(r.Name)).String(),
		timespan: int64(r.Timespan),
	}
	for _, s := range r.Sequence {
		c.steps = append(c.steps, compileSelector(s.Select))
	}
	return c
}

// window returns the events in [now-timespan, now].
func (r *compiledRule) window(events []event, now int64) []event {
	lo := sort.Search(len(events), func(i int) bool { return events[i].ts >= now-r.timespan })
	hi := sort.Search(len(events), func(i int) bool { return events[i].ts > now })
	return events[lo:hi]
}

// evaluate reports whether the rule fires for a key whose latest record happened at now.
// scratch is a reusable map for value_count (the engine is single-threaded).
func (r *compiledRule) evaluate(events []event, now int64, scratch map[uint64]uint32) (outcome, bool) {
	win := r.window(events, now)
	switch r.Type {
	case TypeEventCount:
		return outcome{count: len(win), firstSeen: first(win)}, len(win) >= r.Threshold
	case TypeValueCount:
		return r.evaluateDistinct(win, scratch)
	default:
		return r.evaluateSequence(win)
	}
}

func (r *compiledRule) evaluateDistinct(win []event, scratch map[uint64]uint32) (outcome, bool) {
	if len(win) < r.Threshold {
		return outcome{}, false
	}
	clear(scratch)
	for _, e := range win {
		if e.val != 0 {
			scratch[e.val]++
		}
	}
	var out outcome
	for _, n := range scratch {
		if r.counts(int(n)) {
			out.distinct++
			out.count += int(n)
		}
	}
	if out.distinct < r.Threshold {
		return outcome{}, false
	}
	for _, e := range win {
		if e.val != 0 && r.counts(int(scratch[e.val])) {
			out.firstSeen = e.ts
			break
		}
	}
	return out, true
}

// counts applies per_value_min / per_value_max to one value's occurrences.
func (r *compiledRule) counts(n int) bool {
	return n >= max(r.PerValueMin, 1) && (r.PerValueMax == 0 || n <= r.PerValueMax)
}

// evaluateSequence walks the window in time order: each step must reach its min_count before the
// next step's records count. Records of an earlier step after it completed are ignored.
func (r *compiledRule) evaluateSequence(win []event) (outcome, bool) {
	stage, seen := 0, 0
	var out outcome
	for _, e := range win {
		if e.val != uint64(stage+1) {
			continue
		}
		if out.count == 0 {
			out.firstSeen = e.ts
		}
		out.count++
		seen++
		if seen >= max(r.Sequence[stage].MinCount, 1) {
			stage, seen = stage+1, 0
			if stage == len(r.Sequence) {
				return out, true
			}
		}
	}
	return outcome{}, false
}

// stepOf returns the 1-based index of the first sequence step the record matches, 0 for none.
func (r *compiledRule) stepOf(name string, attrs, resource pcommon.Map) uint64 {
	for i := range r.steps {
		if r.steps[i].matches(name, attrs, resource) {
			return uint64(i + 1)
		}
	}
	return 0
}

func first(win []event) int64 {
	if len(win) == 0 {
		return 0
	}
	return win[0].ts
}
