package detection

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"sort"
	"time"

	"go.opentelemetry.io/collector/pdata/pcommon"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

// TypeSourceSilent is the rule type for absence: a service instance that announced itself and
// then fell silent without ending.
const TypeSourceSilent = "source_silent"

const (
	attrServiceName       = "service.name"
	attrServiceInstanceID = "service.instance.id"
)

// silenceWatch keeps, per service instance, when the collector last heard it say it is alive.
//
// An instance is watched once its sys_startup or sys_heartbeat announces a shutdown commitment
// and a heartbeat interval above 0 (one that sends no heartbeats would look silent while idle).
// Only records carrying the same commitment count as alive; only a sys_shutdown or sys_crash
// whose proof hashes to it ends the watch. The instance is keyed by the resource's service.name
// and service.instance.id, which a sender chooses freely: see the README for what a sender
// forging them can and cannot do.
//
// The state is bounded: at MaxSilentSources instances new ones are refused (and counted), never
// evicted for, so a flood of made-up instances cannot push a watched one out.
type silenceWatch struct {
	rule      *compiledRule
	max       int
	instances map[silenceKey]*watched
	refused   int
	// reported is the refused count at the last detection_degraded alert, alertedAt its time.
	reported  int
	alertedAt int64
}

type silenceKey struct{ service, instance string }

type watched struct {
	commitment [sha256.Size]byte
	interval   int64 // the announced heartbeat interval, nanoseconds
	firstSeen  int64
	lastSeen   int64
	notBefore  int64 // a restored instance is not silent before this (see restoreInstance)
}

func newSilenceWatch(r Rule, maxSources int) *silenceWatch {
	return &silenceWatch{rule: compileRule(r), max: maxSources, instances: map[silenceKey]*watched{}}
}

// observe notes one record of an instance at the collector's time `at` (never the record's own
// time, which the sender chooses).
func (w *silenceWatch) observe(name string, attrs, res pcommon.Map, at int64) {
	key, ok := instanceKey(res)
	if !ok {
		return
	}
	switch name {
	case securityevents.SysStartup, securityevents.SysHeartbeat:
		w.alive(key, attrs, at)
	case securityevents.SysShutdown, securityevents.SysCrash:
		w.ended(key, attrs)
	}
}

func (w *silenceWatch) alive(key silenceKey, attrs pcommon.Map, at int64) {
	commitment, ok := hexAttr(attrs, securityevents.AttrSecurityShutdownCommitment)
	if !ok {
		return
	}
	if s, watching := w.instances[key]; watching {
		if s.commitment == commitment {
			s.lastSeen = at
		}
		return
	}
	interval, _ := attrs.Get(securityevents.AttrSecurityHeartbeatInterval)
	if interval.Type() != pcommon.ValueTypeInt || interval.Int() <= 0 {
		return
	}
	if len(w.instances) >= w.max {
		w.refused++
		return
	}
	w.instances[key] = &watched{
		commitment: commitment,
		interval:   min(interval.Int(), maxInterval/int64(time.Second)) * int64(time.Second),
		firstSeen:  at,
		lastSeen:   at,
	}
}

func (w *silenceWatch) ended(key silenceKey, attrs pcommon.Map) {
	s, watching := w.instances[key]
	if !watching {
		return
	}
	proof, ok := attrs.Get(securityevents.AttrSecurityShutdownProof)
	if !ok || proof.Type() != pcommon.ValueTypeStr {
		return
	}
	sum := sha256.Sum256([]byte(proof.Str()))
	if subtle.ConstantTimeCompare(sum[:], s.commitment[:]) == 1 {
		delete(w.instances, key)
	}
}

// silentAt is how long an instance may stay quiet: the rule's timespan, or two of its announced
// heartbeat intervals when that is longer, so a slow heartbeat is not taken for silence.
func (w *silenceWatch) silentAt(s *watched) int64 {
	return max(s.lastSeen+max(w.rule.timespan, 2*s.interval), s.notBefore)
}

// check returns an alert for every instance silent at now, oldest silence first, and stops
// watching them: one alert per silence.
func (w *silenceWatch) check(now int64) []Alert {
	var alerts []Alert
	for key, s := range w.instances {
		if now < w.silentAt(s) {
			continue
		}
		alerts = append(alerts, Alert{
			Rule:      w.rule.Rule,
			RuleUUID:  w.rule.uuid,
			Key:       []KeyValue{{Name: attrServiceName, Value: key.service}, {Name: attrServiceInstanceID, Value: key.instance}},
			Count:     0,
			Window:    time.Duration(max(w.rule.timespan, 2*s.interval)),
			FirstSeen: s.firstSeen,
			LastSeen:  s.lastSeen,
		})
		delete(w.instances, key)
	}
	sort.Slice(alerts, func(i, j int) bool { return alerts[i].LastSeen < alerts[j].LastSeen })
	return alerts
}

// maxKeyPart bounds the bytes one watched instance's key holds.
const maxKeyPart = 256

// instanceKey reads the instance from the resource only: a record attribute cannot stand in for it.
func instanceKey(res pcommon.Map) (silenceKey, bool) {
	id, ok := res.Get(attrServiceInstanceID)
	if !ok || id.Type() != pcommon.ValueTypeStr || id.Str() == "" || len(id.Str()) > maxKeyPart {
		return silenceKey{}, false
	}
	service := ""
	if v, ok := res.Get(attrServiceName); ok {
		service = v.AsString()
	}
	if len(service) > maxKeyPart {
		return silenceKey{}, false
	}
	return silenceKey{service: service, instance: id.Str()}, true
}

func hexAttr(attrs pcommon.Map, name string) (out [sha256.Size]byte, ok bool) {
	v, found := attrs.Get(name)
	if !found || v.Type() != pcommon.ValueTypeStr {
		return out, false
	}
	b, err := hex.DecodeString(v.Str())
	if err != nil || len(b) != sha256.Size {
		return out, false
	}
	copy(out[:], b)
	return out, true
}
