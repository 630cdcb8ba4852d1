// Package ownscope appends the processor's own records (alerts, checkpoints) to a ResourceLogs
// in a scope of their own, created only when there is something to append.
package ownscope

import "go.opentelemetry.io/collector/pdata/plog"

// Name is the instrumentation scope of records the processor creates.
const Name = "secotel.securityprocessor"

// Appender adds records to one ResourceLogs' own scope.
type Appender struct {
	rl      plog.ResourceLogs
	records plog.LogRecordSlice
	created bool
}

// New returns an appender for rl; the scope is created on the first Append.
func New(rl plog.ResourceLogs) *Appender { return &Appender{rl: rl} }

// Append adds an empty record to the own scope and returns it.
func (a *Appender) Append() plog.LogRecord {
	if !a.created {
		sl := a.rl.ScopeLogs().AppendEmpty()
		sl.Scope().SetName(Name)
		a.records = sl.LogRecords()
		a.created = true
	}
	return a.records.AppendEmpty()
}
