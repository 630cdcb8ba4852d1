package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/grafana/loki/v3/pkg/logql/syntax"
	"github.com/grafana/loki/v3/pkg/ruler"
	"github.com/prometheus/common/model"
)

// Problem is one expression or rule that Loki rejects.
type Problem struct {
	File  string
	Where string // panel, target or rule
	Expr  string
	Err   string
}

func (p Problem) String() string {
	if p.Expr == "" {
		return fmt.Sprintf("%s: %s: %s", p.File, p.Where, p.Err)
	}
	return fmt.Sprintf("%s: %s: %s\n\texpr: %s", p.File, p.Where, p.Err, p.Expr)
}

// CheckFile checks one dashboard (.json) or Loki rules file (.yaml/.yml) and returns its problems
// and the number of expressions it parsed.
func CheckFile(file string) ([]Problem, int, error) {
	switch strings.ToLower(filepath.Ext(file)) {
	case ".json":
		data, err := os.ReadFile(file)
		if err != nil {
			return nil, 0, err
		}
		return CheckDashboard(file, data)
	case ".yaml", ".yml":
		return CheckRules(file)
	default:
		return nil, 0, fmt.Errorf("unknown file kind %q: want .json (dashboard) or .yaml (rules)", filepath.Ext(file))
	}
}

// CheckRules loads a rules file with the Loki ruler's own group loader, which decodes Prometheus
// rule groups with unknown fields rejected and validates each rule (LogQL expression, labels,
// annotation names, templates). An alerting rule must also be a metric query (a sample
// expression): the ruler cannot evaluate a log query as an alert.
func CheckRules(file string) ([]Problem, int, error) {
	groups, errs := ruler.GroupLoader{}.Load(file, false, model.UTF8Validation)
	var problems []Problem
	for _, err := range errs {
		problems = append(problems, Problem{File: file, Where: "rules", Err: err.Error()})
	}
	if groups == nil {
		return problems, 0, nil
	}
	if len(groups.Groups) == 0 {
		problems = append(problems, Problem{File: file, Where: "rules", Err: "no rule groups"})
	}
	n := 0
	for _, g := range groups.Groups {
		for _, r := range g.Rules {
			name := r.Alert
			if name == "" {
				name = r.Record
			}
			where := fmt.Sprintf("group %q rule %q", g.Name, name)
			n++
			if _, err := syntax.ParseSampleExpr(r.Expr); err != nil {
				problems = append(problems, Problem{File: file, Where: where, Expr: r.Expr, Err: "not a metric query: " + err.Error()})
			}
		}
	}
	return problems, n, nil
}

type dashboard struct {
	Panels      []panel `json:"panels"`
	Annotations struct {
		List []struct {
			Name   string `json:"name"`
			Expr   string `json:"expr"`
			Target *struct {
				Expr string `json:"expr"`
			} `json:"target"`
		} `json:"list"`
	} `json:"annotations"`
	Templating struct {
		List []variable `json:"list"`
	} `json:"templating"`
}

type panel struct {
	ID      int      `json:"id"`
	Title   string   `json:"title"`
	Type    string   `json:"type"`
	Targets []target `json:"targets"`
	Panels  []panel  `json:"panels"` // a collapsed row's panels
}

type target struct {
	RefID string  `json:"refId"`
	Expr  *string `json:"expr"`
}

type variable struct {
	Name       string          `json:"name"`
	Type       string          `json:"type"`
	IncludeAll bool            `json:"includeAll"`
	AllValue   string          `json:"allValue"`
	Query      json.RawMessage `json:"query"`
	Current    struct {
		Value json.RawMessage `json:"value"`
	} `json:"current"`
}

// item is one expression of a dashboard and where it sits.
type item struct {
	where string
	expr  *string // nil: a target without expr
}

// items lists the target expressions (panels, including those of collapsed rows) and the Loki
// annotation queries of a dashboard.
func (d *dashboard) items() []item {
	var out []item
	var walk func([]panel)
	walk = func(panels []panel) {
		for _, p := range panels {
			for _, t := range p.Targets {
				out = append(out, item{fmt.Sprintf("panel %q (id %d) target %s", p.Title, p.ID, t.RefID), t.Expr})
			}
			walk(p.Panels)
		}
	}
	walk(d.Panels)
	for _, a := range d.Annotations.List {
		if a.Expr != "" {
			out = append(out, item{fmt.Sprintf("annotation %q", a.Name), &a.Expr})
		}
		if a.Target != nil && a.Target.Expr != "" {
			out = append(out, item{fmt.Sprintf("annotation %q target", a.Name), &a.Target.Expr})
		}
	}
	return out
}

// CheckDashboard parses every target expression and Loki annotation query of a dashboard, after
// putting in the values Grafana would give its variables.
func CheckDashboard(file string, data []byte) ([]Problem, int, error) {
	var d dashboard
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, 0, fmt.Errorf("not a dashboard: %w", err)
	}
	vars := variableValues(d.Templating.List)
	var problems []Problem
	n := 0
	for _, it := range d.items() {
		if it.expr == nil {
			problems = append(problems, Problem{File: file, Where: it.where, Err: "target has no expr"})
			continue
		}
		n++
		if _, err := parseDashboardExpr(*it.expr, vars); err != nil {
			problems = append(problems, Problem{File: file, Where: it.where, Expr: *it.expr, Err: err.Error()})
		}
	}
	if n == 0 {
		problems = append(problems, Problem{File: file, Where: "dashboard", Err: "no LogQL expressions found"})
	}
	return problems, n, nil
}

func parseDashboardExpr(expr string, vars map[string]string) (syntax.Expr, error) {
	if strings.TrimSpace(expr) == "" {
		return nil, fmt.Errorf("empty expression")
	}
	query, err := interpolate(expr, vars)
	if err != nil {
		return nil, err
	}
	return syntax.ParseExpr(query)
}

// Grafana replaces these before the query reaches Loki; any duration stands in for them here.
var builtins = map[string]string{
	"__auto": "1m", "__interval": "1m", "__rate_interval": "1m", "__range": "1h",
	"__interval_ms": "60000", "__range_ms": "3600000", "__range_s": "3600",
}

// variableValues gives each dashboard variable the value Grafana would put in a query: the
// "All" value of a multi-value variable, otherwise its current value or its query.
func variableValues(list []variable) map[string]string {
	out := map[string]string{}
	for k, v := range builtins {
		out[k] = v
	}
	for _, v := range list {
		switch {
		case v.IncludeAll && v.AllValue != "":
			out[v.Name] = v.AllValue
		case v.IncludeAll:
			out[v.Name] = ".+"
		case v.Type == "datasource":
			out[v.Name] = "loki"
		default:
			var s string
			if json.Unmarshal(v.Current.Value, &s) == nil && s != "" {
				out[v.Name] = s
			} else if json.Unmarshal(v.Query, &s) == nil {
				out[v.Name] = s
			}
		}
	}
	return out
}

// Grafana's variable syntaxes: $name, ${name}, ${name:format} and [[name]].
var varRef = regexp.MustCompile(`\$\{([A-Za-z0-9_]+)(?::[^}]*)?\}|\$([A-Za-z0-9_]+)|\[\[([A-Za-z0-9_]+)(?::[^\]]*)?\]\]`)

func interpolate(expr string, vars map[string]string) (string, error) {
	var unknown []string
	out := varRef.ReplaceAllStringFunc(expr, func(ref string) string {
		m := varRef.FindStringSubmatch(ref)
		name := m[1] + m[2] + m[3]
		if v, ok := vars[name]; ok {
			return v
		}
		if strings.Trim(name, "0123456789") == "" {
			return ref // $1 in label_replace: a capture group, not a variable
		}
		unknown = append(unknown, "$"+name)
		return ref
	})
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return "", fmt.Errorf("unknown dashboard variable(s) %s", strings.Join(unknown, ", "))
	}
	return out, nil
}
