package main

import (
	"sort"

	"github.com/grafana/loki/v3/pkg/logql/log"
	"github.com/grafana/loki/v3/pkg/logql/syntax"
)

// LabelNames returns the label and structured-metadata names an expression reads: stream
// selector matchers, label filters, unwrap identifiers and grouping labels.
func LabelNames(expr syntax.Expr) []string {
	seen := map[string]bool{}
	var filter func(log.LabelFilterer)
	filter = func(f log.LabelFilterer) {
		switch f := f.(type) {
		case *log.BinaryLabelFilter:
			filter(f.Left)
			filter(f.Right)
		case *log.StringLabelFilter:
			seen[f.Name] = true
		case *log.LineFilterLabelFilter:
			seen[f.Name] = true
		case *log.NumericLabelFilter:
			seen[f.Name] = true
		case *log.DurationLabelFilter:
			seen[f.Name] = true
		case *log.BytesLabelFilter:
			seen[f.Name] = true
		}
	}
	grouping := func(g *syntax.Grouping) {
		if g != nil {
			for _, name := range g.Groups {
				seen[name] = true
			}
		}
	}
	expr.Walk(func(e syntax.Expr) bool {
		switch e := e.(type) {
		case *syntax.MatchersExpr:
			for _, m := range e.Mts {
				seen[m.Name] = true
			}
		case *syntax.LabelFilterExpr:
			filter(e.LabelFilterer)
		case *syntax.LogRangeExpr:
			if e.Unwrap != nil {
				seen[e.Unwrap.Identifier] = true
			}
		case *syntax.RangeAggregationExpr:
			grouping(e.Grouping)
		case *syntax.VectorAggregationExpr:
			grouping(e.Grouping)
		}
		return true
	})
	names := make([]string, 0, len(seen))
	for name := range seen {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}
