package securityprocessor

import (
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/secotel/secotel/otel-collector/securityprocessor/detection"
)

// markRoute (router side) marks every record with its route and key, and drops the records
// lacking the key unless this route's copies are the ones the gateways keep.
func (p *securityProcessor) markRoute(rl plog.ResourceLogs) {
	scopes := rl.ScopeLogs()
	for i := 0; i < scopes.Len(); i++ {
		scopes.At(i).LogRecords().RemoveIf(func(lr plog.LogRecord) bool {
			return !p.router.Mark(lr, rl.Resource()) && !p.cfg.Route.KeepUnkeyed
		})
	}
}

// dropRouteCopies (gateway side) removes the copies that only fed their rules, and the route
// marks from the records kept, before they are chained.
func (p *securityProcessor) dropRouteCopies(rl plog.ResourceLogs) {
	if len(p.cfg.Detection.Routes) == 0 {
		return
	}
	scopes := rl.ScopeLogs()
	for i := 0; i < scopes.Len(); i++ {
		scopes.At(i).LogRecords().RemoveIf(func(lr plog.LogRecord) bool {
			if p.engine.IsRouteCopy(lr) {
				return true
			}
			lr.Attributes().Remove(detection.RouteAttribute)
			lr.Attributes().Remove(detection.RouteKeyAttribute)
			return false
		})
	}
	// A payload of user-keyed copies only would otherwise reach the output as a line without
	// records, which secotel-verify reports as inserted.
	scopes.RemoveIf(func(sl plog.ScopeLogs) bool { return sl.LogRecords().Len() == 0 })
}
