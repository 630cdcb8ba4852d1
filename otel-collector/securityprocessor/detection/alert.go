package detection

import (
	"strings"
	"time"
)

// Alert is one rule firing for one group-by key.
type Alert struct {
	Rule          Rule
	RuleUUID      string
	Key           []KeyValue // the group-by attributes, in the rule's order
	Count         int        // records that contributed
	DistinctCount int        // value_count only
	Window        time.Duration
	FirstSeen     int64 // unix nanoseconds
	LastSeen      int64
	Evidence      []string // bodies of the most recent contributing records, oldest first
}

// KeyValue is one group-by attribute of an alert.
type KeyValue struct{ Name, Value string }

// KeyString renders the key as attr=value pairs joined by ",".
func (a *Alert) KeyString() string {
	parts := make([]string, len(a.Key))
	for i, kv := range a.Key {
		parts[i] = kv.Name + "=" + kv.Value
	}
	return strings.Join(parts, ",")
}
