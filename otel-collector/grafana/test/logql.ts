// Checks the LogQL of the dashboards and the Loki ruler rules with Grafana's own LogQL grammar
// (@grafana/lezer-logql, Apache-2.0: the grammar Grafana's query editor parses with). Lezer parsers
// recover from errors by inserting error nodes instead of throwing, so an expression is accepted
// only when its tree holds no error node. Also reports which label names an expression reads, so
// the tests can hold them to Loki's documented OTLP mapping (loki-otlp.ts).
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parser } from '@grafana/lezer-logql';
import type { SyntaxNode } from '@lezer/common';
import { parse as parseYaml } from 'yaml';

/** One expression, rule or file that the check rejects. */
export interface Problem {
  file: string;
  where: string;
  message: string;
  expr?: string;
}

export function formatProblem(p: Problem): string {
  return `${p.file}: ${p.where}: ${p.message}${p.expr === undefined ? '' : `\n\texpr: ${p.expr}`}`;
}

export interface ParsedExpr {
  /** `metric` for an expression that yields samples (what an alert needs), `log` for log lines. */
  kind: 'metric' | 'log';
  /** Label and structured-metadata names read: selector matchers, label filters, unwrap, grouping. */
  labels: string[];
  /** The names the stream selectors match on: Loki can only select streams by index labels. */
  selectorLabels: string[];
}

/** Parses one LogQL expression; throws an Error naming the first offset the grammar rejects. */
export function parseLogQL(expr: string): ParsedExpr {
  if (expr.trim() === '') throw new Error('empty expression');
  const tree = parser.parse(expr);
  const labels = new Set<string>();
  const selectorLabels = new Set<string>();
  let errorAt = -1;
  tree.iterate({
    enter(node) {
      if (node.type.isError && errorAt < 0) errorAt = node.from;
      if (node.name !== 'Identifier' || !readsLabel(node.node)) return;
      const name = expr.slice(node.from, node.to);
      labels.add(name);
      if (node.node.parent?.parent?.name === 'Matchers') selectorLabels.add(name);
    },
  });
  if (errorAt >= 0) {
    throw new Error(`parse error at offset ${errorAt}: ${JSON.stringify(expr.slice(errorAt, errorAt + 20))}`);
  }
  const top = tree.topNode.firstChild?.firstChild;
  return {
    kind: top?.name === 'MetricExpr' ? 'metric' : 'log',
    labels: [...labels].sort(),
    selectorLabels: [...selectorLabels].sort(),
  };
}

// Identifiers that name a label: in a matcher (stream selector or label filter), a numeric,
// duration or bytes filter, `unwrap`, or a `by`/`without` list. Others (e.g. json/logfmt
// extraction targets, label_format) name labels the query creates, not ones it reads.
const LABEL_READERS = new Set([
  'Matcher',
  'NumberFilter',
  'DurationFilter',
  'BytesFilter',
  'UnwrapExpr',
  'Labels',
  'IpLabelFilter',
]);

function readsLabel(node: SyntaxNode): boolean {
  return node.parent !== null && LABEL_READERS.has(node.parent.name);
}

// ---- dashboards -------------------------------------------------------------------------------

interface Panel {
  id?: number;
  title?: string;
  targets?: { refId?: string; expr?: unknown }[];
  panels?: Panel[];
}

interface Variable {
  name: string;
  type?: string;
  includeAll?: boolean;
  allValue?: string;
  query?: unknown;
  current?: { value?: unknown };
}

interface Dashboard {
  panels?: Panel[];
  annotations?: { list?: { name?: string; expr?: string; target?: { expr?: string } }[] };
  templating?: { list?: Variable[] };
}

/** Grafana replaces these before a query reaches Loki; any duration stands in for them here. */
const BUILTINS: Record<string, string> = {
  __auto: '1m',
  __interval: '1m',
  __rate_interval: '1m',
  __range: '1h',
  __interval_ms: '60000',
  __range_ms: '3600000',
  __range_s: '3600',
};

/** The value Grafana puts in a query for each variable: a multi-value variable's "All" value, else its current value. */
function variableValues(list: Variable[]): Map<string, string> {
  const values = new Map(Object.entries(BUILTINS));
  for (const v of list) {
    if (v.includeAll) values.set(v.name, v.allValue || '.+');
    else if (v.type === 'datasource') values.set(v.name, 'loki');
    else if (typeof v.current?.value === 'string' && v.current.value !== '')
      values.set(v.name, v.current.value);
    else if (typeof v.query === 'string') values.set(v.name, v.query);
  }
  return values;
}

// Grafana's variable syntaxes: $name, ${name}, ${name:format} and [[name]].
const VARIABLE_REF =
  /\$\{([A-Za-z0-9_]+)(?::[^}]*)?\}|\$([A-Za-z0-9_]+)|\[\[([A-Za-z0-9_]+)(?::[^\]]*)?\]\]/g;

/** Puts in the dashboard's variables; throws naming every unknown one. */
export function interpolate(expr: string, values: Map<string, string>): string {
  const unknown = new Set<string>();
  const out = expr.replace(VARIABLE_REF, (ref, a?: string, b?: string, c?: string) => {
    const name = a ?? b ?? c ?? '';
    const value = values.get(name);
    if (value !== undefined) return value;
    if (/^[0-9]+$/.test(name)) return ref; // $1 in label_replace: a capture group, not a variable
    unknown.add(`$${name}`);
    return ref;
  });
  if (unknown.size > 0) throw new Error(`unknown dashboard variable(s) ${[...unknown].sort().join(', ')}`);
  return out;
}

/** Every target of every panel (collapsed rows included) and every Loki annotation query, with where it sits. */
function dashboardExpressions(d: Dashboard): { where: string; expr: unknown }[] {
  const out: { where: string; expr: unknown }[] = [];
  const walk = (panels: Panel[] = []) => {
    for (const p of panels) {
      for (const t of p.targets ?? []) {
        out.push({ where: `panel ${JSON.stringify(p.title)} (id ${p.id}) target ${t.refId}`, expr: t.expr });
      }
      walk(p.panels);
    }
  };
  walk(d.panels);
  for (const a of d.annotations?.list ?? []) {
    if (a.expr) out.push({ where: `annotation ${JSON.stringify(a.name)}`, expr: a.expr });
    if (a.target?.expr)
      out.push({ where: `annotation ${JSON.stringify(a.name)} target`, expr: a.target.expr });
  }
  return out;
}

export interface CheckedExpr extends ParsedExpr {
  file: string;
  where: string;
  expr: string;
}

export interface CheckResult {
  problems: Problem[];
  /** The expressions that parsed, with the label names each reads. */
  expressions: CheckedExpr[];
}

function checkDashboard(file: string): CheckResult {
  const d = JSON.parse(readFileSync(file, 'utf8')) as Dashboard;
  const values = variableValues(d.templating?.list ?? []);
  const result: CheckResult = { problems: [], expressions: [] };
  const items = dashboardExpressions(d);
  if (items.length === 0)
    result.problems.push({ file, where: 'dashboard', message: 'no LogQL expressions found' });
  for (const { where, expr } of items) {
    if (typeof expr !== 'string') {
      result.problems.push({ file, where, message: 'target has no expr' });
      continue;
    }
    try {
      result.expressions.push({ file, where, expr, ...parseLogQL(interpolate(expr, values)) });
    } catch (error) {
      result.problems.push({ file, where, message: (error as Error).message, expr });
    }
  }
  return result;
}

// ---- rules ------------------------------------------------------------------------------------

// The Prometheus rule-group format that the Loki ruler loads; it rejects any other key.
const GROUP_KEYS = new Set(['name', 'interval', 'limit', 'rules']);
const RULE_KEYS = new Set(['alert', 'record', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);
const DURATION = /^([0-9]+(ms|s|m|h|d|w|y))+$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
// What the ruler's Go templates may use here: {{ $labels.name }}, {{ $value }}, {{ $externalLabels.name }}.
const TEMPLATE_ACTION = /^\s*\$(labels|externalLabels)\.[a-zA-Z_][a-zA-Z0-9_]*\s*$|^\s*\$value\s*$/;

function unknownKeys(value: Record<string, unknown>, allowed: Set<string>): string[] {
  return Object.keys(value).filter((k) => !allowed.has(k));
}

/** Problems in a Go template string: unbalanced delimiters or an action other than a label or $value. */
export function templateProblems(text: string): string[] {
  const problems: string[] = [];
  let rest = text;
  for (;;) {
    const open = rest.indexOf('{{');
    const close = rest.indexOf('}}');
    if (open < 0) {
      if (close >= 0) problems.push("'}}' without '{{'");
      return problems;
    }
    const end = rest.indexOf('}}', open + 2);
    if (end < 0 || (close >= 0 && close < open)) {
      problems.push(end < 0 ? "'{{' without '}}'" : "'}}' without '{{'");
      return problems;
    }
    const action = rest.slice(open + 2, end);
    if (!TEMPLATE_ACTION.test(action)) problems.push(`unsupported template action {{${action}}}`);
    rest = rest.slice(end + 2);
  }
}

function checkRules(file: string): CheckResult {
  const result: CheckResult = { problems: [], expressions: [] };
  const problem = (where: string, message: string, expr?: string) =>
    result.problems.push({ file, where, message, ...(expr === undefined ? {} : { expr }) });
  const doc = parseYaml(readFileSync(file, 'utf8')) as { groups?: unknown } | null;
  const extra =
    doc && typeof doc === 'object' ? unknownKeys(doc as Record<string, unknown>, new Set(['groups'])) : [];
  if (extra.length > 0)
    problem('rules', `unknown field(s) ${extra.join(', ')}; a rules file holds only groups`);
  if (!Array.isArray(doc?.groups) || doc.groups.length === 0) {
    problem('rules', 'no rule groups');
    return result;
  }
  const groupNames = new Set<string>();
  for (const [i, g] of (doc.groups as Record<string, unknown>[]).entries()) {
    const name = typeof g.name === 'string' ? g.name : '';
    const gwhere = `group ${JSON.stringify(name || `#${i}`)}`;
    if (!name) problem(gwhere, 'group has no name');
    if (groupNames.has(name)) problem(gwhere, 'group name used twice');
    groupNames.add(name);
    const gextra = unknownKeys(g, GROUP_KEYS);
    if (gextra.length > 0)
      problem(gwhere, `unknown field(s) ${gextra.join(', ')} (allowed: ${[...GROUP_KEYS].join(', ')})`);
    if (g.interval !== undefined && !DURATION.test(String(g.interval)))
      problem(gwhere, `interval ${g.interval} is not a duration, e.g. 1m`);
    for (const r of Array.isArray(g.rules) ? (g.rules as Record<string, unknown>[]) : []) {
      const ruleName = String(r.alert ?? r.record ?? '');
      const where = `${gwhere} rule ${JSON.stringify(ruleName)}`;
      const rextra = unknownKeys(r, RULE_KEYS);
      if (rextra.length > 0)
        problem(where, `unknown field(s) ${rextra.join(', ')} (allowed: ${[...RULE_KEYS].join(', ')})`);
      if ((r.alert === undefined) === (r.record === undefined))
        problem(where, 'a rule needs exactly one of alert and record');
      for (const key of ['for', 'keep_firing_for'] as const) {
        if (r[key] !== undefined && !DURATION.test(String(r[key])))
          problem(where, `${key}: ${r[key]} is not a duration, e.g. 2m`);
      }
      for (const [key, map] of [
        ['labels', r.labels],
        ['annotations', r.annotations],
      ] as const) {
        for (const [k, v] of Object.entries((map ?? {}) as Record<string, unknown>)) {
          if (!LABEL_NAME.test(k))
            problem(where, `${key} name ${JSON.stringify(k)} is not a valid label name`);
          for (const t of templateProblems(String(v))) problem(where, `${key}.${k}: ${t}`);
        }
      }
      if (typeof r.expr !== 'string') {
        problem(where, 'rule has no expr');
        continue;
      }
      try {
        const parsed = parseLogQL(r.expr);
        // The ruler evaluates alerts and recordings as instant metric queries: a log query yields no samples.
        if (parsed.kind !== 'metric')
          problem(where, 'not a metric query: a log query cannot be evaluated as a rule', r.expr);
        else result.expressions.push({ file, where, expr: r.expr, ...parsed });
      } catch (error) {
        problem(where, (error as Error).message, r.expr);
      }
    }
  }
  return result;
}

/** Checks dashboards (.json) and Loki rules files (.yaml/.yml); throws for any other kind of file. */
export function checkFiles(files: string[]): CheckResult {
  const all: CheckResult = { problems: [], expressions: [] };
  for (const file of files) {
    const ext = extname(file).toLowerCase();
    if (ext !== '.json' && ext !== '.yaml' && ext !== '.yml') {
      throw new Error(
        `${file}: unknown file kind ${JSON.stringify(ext)}: want .json (dashboard) or .yaml (rules)`,
      );
    }
    const one = ext === '.json' ? checkDashboard(file) : checkRules(file);
    all.problems.push(...one.problems);
    all.expressions.push(...one.expressions);
  }
  return all;
}
