package detection

import (
	"time"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// DegradedRule describes the alert a tracker raises when it evicts keys faster than
// Settings.EvictionAlert per minute: a flood of distinct keys (addresses, user names) is pushing
// state out, and an attacker's key may go with it. It is the collector's own, not a rule to
// configure; it counts evictions (type event_count) and its key is the tracker.
var DegradedRule = Rule{
	Name: "detection_degraded", Type: TypeEventCount, Severity: securityevents.LevelWarn, Category: "detection",
	Description: "A detection tracker is full and evicts keys; a flood of distinct keys may hide an attack",
	Timespan:    evictionWindow,
}

// DegradedKey is the alert key attribute that names the evicting tracker.
const DegradedKey = securityevents.AttrSecurityDetectionTracker

const evictionWindow = time.Minute

// evictionRate counts one tracker's evictions per minute of the collector's clock.
type evictionRate struct {
	windowStart int64
	count       int
	alertedAt   int64 // arrival of the last detection_degraded alert, 0 = never
}

// noteEviction counts an eviction and returns a detection_degraded alert when the count reaches
// the limit within the minute. At most one alert per tracker per minute, and none within
// suppress_for of the last, so a flood cannot turn into an alert flood.
func (e *Engine) noteEviction(t *tracker, arrival int64) (Alert, bool) {
	r := &t.evictions
	if e.evictionAlert == 0 {
		return Alert{}, false
	}
	if arrival-r.windowStart >= int64(evictionWindow) {
		r.windowStart, r.count = arrival, 0
	}
	r.count++
	if r.count != e.evictionAlert {
		return Alert{}, false
	}
	if r.alertedAt != 0 && arrival-r.alertedAt < e.suppressFor {
		e.telemetry.Suppressed(DegradedRule.Name)
		return Alert{}, false
	}
	r.alertedAt = arrival
	return Alert{
		Rule:      DegradedRule,
		RuleUUID:  e.degraded.uuid,
		Key:       []KeyValue{{Name: DegradedKey, Value: t.name}},
		Count:     r.count,
		Window:    evictionWindow,
		FirstSeen: r.windowStart,
		LastSeen:  arrival,
	}, true
}
