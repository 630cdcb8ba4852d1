package detection

import (
	"strings"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// A gateway tier is exact for every rule when each gateway sees all records of the keys it owns.
// A router sends one copy of each record per routed key (the group_by of a set of rules), to the
// gateway that owns that key's normalised value, and marks the copy with these attributes.
const (
	// RouteAttribute names the key a copy was routed by: group_by attributes joined by ",".
	RouteAttribute = "secotel.route"
	// RouteKeyAttribute is the normalised key value the router chose the gateway by.
	RouteKeyAttribute = "secotel.route.key"
)

// RouteName is the RouteAttribute value for a group_by.
func RouteName(groupBy []string) string { return strings.Join(groupBy, ",") }

// Router marks records for routing by one group_by (router side).
type Router struct {
	groupBy []string
	kinds   []keyKind
	route   string
	v6      int
}

// NewRouter routes by groupBy, normalised as the gateways' engines normalise keys.
func NewRouter(groupBy []string, n Normalization) *Router {
	r := &Router{groupBy: groupBy, route: RouteName(groupBy), v6: n.IPv6Prefix}
	for _, attr := range groupBy {
		r.kinds = append(r.kinds, n.kindOf(attr))
	}
	return r
}

// Mark sets the route attributes on lr (replacing any a sender set) and reports whether the
// record has every group_by attribute; the key of a record that lacks one is empty.
func (r *Router) Mark(lr plog.LogRecord, resource pcommon.Resource) bool {
	attrs, res := lr.Attributes(), resource.Attributes()
	parts := make([]string, len(r.groupBy))
	keyed := true
	for i, attr := range r.groupBy {
		v, ok := lookup(attr, attrs, res)
		if !ok {
			keyed = false
			break
		}
		parts[i] = normalized(v, r.kinds[i], r.v6)
	}
	key := ""
	if keyed {
		key = strings.Join(parts, "\x00")
	}
	attrs.PutStr(RouteAttribute, r.route)
	attrs.PutStr(RouteKeyAttribute, key)
	return keyed
}

// routeOf is the index in Settings.Routes of the route a copy came by; -1 for a record that no
// router marked (a single collector, or a sender that reached the gateway directly).
func (e *Engine) routeOf(attrs pcommon.Map) int {
	if len(e.routes) == 0 {
		return -1
	}
	v, ok := attrs.Get(RouteAttribute)
	if !ok {
		return -1
	}
	for i, r := range e.routes {
		if v.Str() == r {
			return i
		}
	}
	return -1
}

// feeds tells whether a record that came by route feeds tracker t: a copy feeds the trackers of
// its route, and the first route's copy (the one kept) also those no route serves.
func (e *Engine) feeds(t *tracker, route int) bool {
	return route < 0 || t.route == route || route == 0 && t.route < 0
}

// IsRouteCopy tells whether lr is a copy for another route than the first: it fed its rules and
// is not kept (the first route's copy is).
func (e *Engine) IsRouteCopy(lr plog.LogRecord) bool {
	return e.routeOf(lr.Attributes()) > 0
}
