package detection

import (
	"sort"
	"strings"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/secotel/secotel/otel-collector/securityprocessor/internal/securityevents"
)

const eventPrefix = "security."

// Records the processor itself produces (these and the Emittable events) never feed detection, so
// alerts cannot trigger alerts and a downstream collector does not count them again.
var ownEvents = map[string]bool{securityevents.Alert: true, securityevents.IntegrityCheckpoint: true}

type condition struct{ key, value string }

// matcher is a compiled Selector.
type matcher struct {
	events []string // small: a linear scan beats a map
	where  []condition
}

func compileSelector(s Selector) matcher {
	m := matcher{events: append([]string(nil), s.Events...)}
	for k, v := range s.Where {
		m.where = append(m.where, condition{k, v})
	}
	sort.Slice(m.where, func(i, j int) bool { return m.where[i].key < m.where[j].key })
	return m
}

func (m *matcher) matches(name string, attrs, resource pcommon.Map) bool {
	if len(m.events) == 0 {
		if !strings.HasPrefix(name, eventPrefix) {
			return false
		}
	} else if !contains(m.events, name) {
		return false
	}
	for _, c := range m.where {
		v, ok := lookup(c.key, attrs, resource)
		if !ok || v.AsString() != c.value {
			return false
		}
	}
	return true
}

// signature identifies selectors that pick the same records.
func (m *matcher) signature() string {
	events := append([]string(nil), m.events...)
	sort.Strings(events)
	var b strings.Builder
	b.WriteString(strings.Join(events, "|"))
	for _, c := range m.where {
		b.WriteString("\x00" + c.key + "=" + c.value)
	}
	return b.String()
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// lookup reads a record attribute, falling back to the resource (e.g. service.name).
func lookup(key string, attrs, resource pcommon.Map) (pcommon.Value, bool) {
	if v, ok := attrs.Get(key); ok {
		return v, true
	}
	return resource.Get(key)
}

// EventTime is the record's timestamp, or its observed timestamp when the producer set none.
func EventTime(lr plog.LogRecord) int64 {
	if ts := lr.Timestamp(); ts != 0 {
		return int64(ts)
	}
	return int64(lr.ObservedTimestamp())
}
