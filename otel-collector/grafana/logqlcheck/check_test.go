package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

const dashboardTemplate = `{
  "templating": {"list": [
    {"name": "datasource", "type": "datasource", "query": "loki"},
    {"name": "service", "type": "query", "includeAll": true, "allValue": ".+"}
  ]},
  "panels": [
    {"id": 1, "title": "ok", "type": "timeseries", "targets": [
      {"refId": "A", "expr": "sum by (event_name) (count_over_time({service_name=~\"$service\"} | event_name=~\"security[.].+\" [$__auto]))"}
    ]},
    {"id": 2, "title": "row", "type": "row", "panels": [
      {"id": 3, "title": "nested", "type": "table", "targets": [{"refId": "B", "expr": EXPR}]}
    ]}
  ]
}`

func TestDashboardAcceptsValidExpressions(t *testing.T) {
	expr := `"topk(10, sum by (client_address) (count_over_time({service_name=~\"${service}\"} | event_name=\"security.authn_login_fail\" [$__range])))"`
	problems, n, err := CheckDashboard("d.json", []byte(strings.Replace(dashboardTemplate, "EXPR", expr, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 || len(problems) != 0 {
		t.Fatalf("want 2 expressions and no problems, got %d and %v", n, problems)
	}
}

func TestDashboardRejectsBrokenExpression(t *testing.T) {
	cases := map[string]string{
		"missing value":         `"sum(count_over_time({service_name=~\".+\"} | event_name= [5m]))"`,
		"unbalanced parens":     `"sum(count_over_time({service_name=~\".+\"} [5m])"`,
		"empty-compatible only": `"{service_name=~\".*\"}"`,
		"unknown variable":      `"count_over_time({service_name=~\"$servce\"} [5m])"`,
		"range without metric":  `"sum({service_name=~\".+\"} [5m])"`,
	}
	for name, expr := range cases {
		t.Run(name, func(t *testing.T) {
			problems, _, err := CheckDashboard("bad.json", []byte(strings.Replace(dashboardTemplate, "EXPR", expr, 1)))
			if err != nil {
				t.Fatal(err)
			}
			if len(problems) != 1 {
				t.Fatalf("want one problem, got %v", problems)
			}
			got := problems[0].String()
			if !strings.Contains(got, `bad.json: panel "nested" (id 3) target B: `) {
				t.Errorf("problem does not name the file, panel and target: %s", got)
			}
		})
	}
}

func TestDashboardWithoutExpressionsIsAProblem(t *testing.T) {
	problems, _, err := CheckDashboard("empty.json", []byte(`{"panels": []}`))
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || !strings.Contains(problems[0].Err, "no LogQL expressions") {
		t.Fatalf("got %v", problems)
	}
}

const goodRules = `groups:
  - name: g
    rules:
      - alert: A
        expr: sum by (security_rule_name) (count_over_time({service_name=~".+"} | event_name="security.alert" [5m])) > 0
        for: 1m
        labels:
          severity: critical
        annotations:
          summary: "{{ $labels.security_rule_name }} fired"
`

func TestRulesAccepted(t *testing.T) {
	problems, n, err := CheckRules(writeFile(t, "rules.yaml", goodRules))
	if err != nil {
		t.Fatal(err)
	}
	if n != 1 || len(problems) != 0 {
		t.Fatalf("want 1 rule and no problems, got %d and %v", n, problems)
	}
}

func TestRulesRejected(t *testing.T) {
	cases := map[string]struct{ rules, want string }{
		"broken LogQL": {
			strings.Replace(goodRules, `event_name="security.alert"`, `event_name=`, 1),
			`could not parse expression for alert 'A' in group 'g'`,
		},
		"log query as alert": {
			strings.Replace(goodRules, `sum by (security_rule_name) (count_over_time({service_name=~".+"} | event_name="security.alert" [5m])) > 0`, `'{service_name=~".+"} | event_name="security.alert"'`, 1),
			`group "g" rule "A": not a metric query`,
		},
		"unknown field": {
			strings.Replace(goodRules, "for: 1m", "for: 1m\n        severity: critical", 1),
			"field severity not found",
		},
		"broken template": {
			strings.Replace(goodRules, "{{ $labels.security_rule_name }}", "{{ $labels.security_rule_name ", 1),
			"template",
		},
		"bad label name": {
			strings.Replace(goodRules, "severity: critical", "sever-ity: critical", 1),
			"invalid label name",
		},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			problems, _, err := CheckRules(writeFile(t, "rules.yaml", c.rules))
			if err != nil {
				t.Fatal(err)
			}
			var all []string
			for _, p := range problems {
				all = append(all, p.String())
			}
			if !strings.Contains(strings.Join(all, "\n"), c.want) {
				t.Fatalf("want a problem containing %q, got %q", c.want, all)
			}
		})
	}
}

func TestRunExitCodes(t *testing.T) {
	good := writeFile(t, "rules.yaml", goodRules)
	bad := writeFile(t, "bad.yaml", strings.Replace(goodRules, `[5m]`, `[5x]`, 1))
	var out, errOut bytes.Buffer
	if code := run([]string{good}, &out, &errOut); code != 0 {
		t.Fatalf("good file: exit %d, %s %s", code, out.String(), errOut.String())
	}
	out.Reset()
	if code := run([]string{good, bad}, &out, &errOut); code != 1 {
		t.Fatalf("bad file: exit %d", code)
	}
	if !strings.Contains(out.String(), bad) {
		t.Fatalf("output does not name the bad file: %s", out.String())
	}
	if code := run([]string{writeFile(t, "x.txt", "")}, &out, &errOut); code != 2 {
		t.Fatalf("unknown file kind: exit %d", code)
	}
}
