import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts } from '../../scripts/free-port.mjs';
import { REPO_ROOT } from '../../test-support/paths';
import { type OwnedProcess, startProcess } from '../../test-support/processes.mjs';
import { type OutputRecord, readOutput } from './support/output';
import { buildBinaries, COLLECTOR_DIR, Collector, secotelVerify } from './support/processes';
import {
  attempt,
  passwordOf,
  range,
  runScenario,
  type ScenarioRun,
  stopUnfinishedScenarios,
} from './support/scenario';
import {
  installVictoriaLogs,
  type LEEFEvent,
  logsQL,
  parseLEEF,
  type Row,
  SyslogTee,
  selfSignedCertificate,
} from './support/siem';

// A brute force and a credential-stuffing run (sized as the demo's attack simulator plays them) from the e2e login
// app through the built otelcol-secotel, with the shipped SIEM configs (config/siem/elastic.yaml, splunk.yaml,
// qradar-cef.yaml, leef.yaml, TLS on, over config/local.yaml), into a real VictoriaLogs per wire format: Elasticsearch _bulk and Splunk HEC on its HTTPS listener, syslog (CEF and LEEF) through a TLS tee
// that keeps the bytes and passes them to its syslog listener. Read back over LogsQL with the mapped fields;
// the CEF lines also by pycef (PyPI), the LEEF lines by parseLEEF.
const run = promisify(execFile);
const MINUTES = 60_000;

const BRUTE_FORCER = '203.0.113.10';
const STUFFER = '203.0.113.20';
const VISITOR = '192.0.2.7';
/** Twelve account names from a leaked list, none of them an account of the app. */
const LEAKED = range(12).map((i) => `leaked${i}`);
const phases = [
  // Brute force: 12 passwords against one account from one source.
  range(12).map((i) => attempt(BRUTE_FORCER, 'alice', `guess-${i}`)),
  // Credential stuffing: 12 leaked pairs, one try per name, all wrong.
  LEAKED.map((login) => attempt(STUFFER, login, `leaked-${login}`)),
  // One ordinary sign-in.
  [attempt(VISITOR, 'alice', passwordOf('alice'))],
];
const FAILED = 24;

const WIRE_QUERIES = {
  ecs: 'data_stream.dataset:"secotel.security"',
  cim: 'sourcetype:"secotel:security"',
  cef: 'cef.device_vendor:secotel',
  leef: '"LEEF:2.0|secotel|secotel|"',
} as const;
type Wire = keyof typeof WIRE_QUERIES;
/** Where each wire format keeps a record attribute that has no mapped name. */
const keptField: Record<Wire, (key: string) => string> = {
  ecs: (key) => key,
  cim: (key) => `event.${key}`,
  cef: (key) => `cef.extension.${key}`,
  leef: (key) => key,
};

const integrityOf = (attributes: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(attributes)
      .filter(([key]) => key.startsWith('security.integrity.'))
      .map(([key, value]) => [key, String(value)]),
  );

describe('SIEM delivery through otelcol-secotel into VictoriaLogs', () => {
  let dir: string;
  let victoriaLogs: OwnedProcess | undefined;
  let tee: SyslogTee | undefined;
  let base: string;
  let scenario: ScenarioRun;
  let archive: OutputRecord[];
  const rows = {} as Record<Wire, Row[]>;
  let leefLines: LEEFEvent[];
  let pycef: Array<Record<string, string>>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'secotel-siem-e2e-'));
    const [binary, victoriaLogsBinary, python] = await Promise.all([
      buildBinaries(),
      installVictoriaLogs(),
      run('bash', [resolve(REPO_ROOT, 'scripts/install-python-tools.sh')]).then(({ stdout }) =>
        stdout.trim(),
      ),
    ]);
    const certificate = await selfSignedCertificate(dir);
    const { httpPort, httpsPort, syslogPort, child } = await startVictoriaLogs(
      victoriaLogsBinary,
      dir,
      certificate,
    );
    victoriaLogs = child;
    base = `http://127.0.0.1:${httpPort}`;
    tee = await SyslogTee.start(certificate, syslogPort, (path) => readFileSync(path));

    const output = join(dir, 'output.json');
    let stopped: Promise<Array<number | null>> | undefined;
    const https = `https://127.0.0.1:${httpsPort}`;
    const collector = await Collector.start(
      binary,
      [
        'config/local.yaml',
        'config/siem/elastic.yaml',
        'config/siem/splunk.yaml',
        'config/siem/qradar-cef.yaml',
        'config/siem/leef.yaml',
        'e2e/siem.yaml',
      ].map((path) => resolve(COLLECTOR_DIR, path)),
      {
        SECOTEL_OUTPUT: output,
        SECOTEL_STATE_DIR: join(dir, 'state'),
        SECOTEL_ELASTIC_URL: `${https}/insert/elasticsearch`,
        SECOTEL_ELASTIC_API_KEY: 'aWQ6a2V5',
        SECOTEL_ELASTIC_CA_FILE: certificate.cert,
        SECOTEL_SPLUNK_HEC_URL: `${https}/insert/splunk`,
        SECOTEL_SPLUNK_HEC_TOKEN: '00000000-0000-0000-0000-000000000001',
        SECOTEL_SPLUNK_INDEX: 'security',
        SECOTEL_SPLUNK_CA_FILE: certificate.cert,
        SECOTEL_SYSLOG_ENDPOINT: `127.0.0.1:${tee.port}`,
        SECOTEL_SYSLOG_CA_FILE: certificate.cert,
      },
    );
    scenario = await runScenario(
      {
        endpoint: collector.otlpHttpEndpoint,
        outputs: [output],
        metrics: () => collector.metrics(),
        // The SIEM exporters' queues live on disk and are sent on after a restart, not at shutdown: stop once
        // every wire format holds every record written so far. Idempotent, as Stack.stop must be: a second wait
        // would also ask for the shutdown checkpoints, which may stay in the queues on disk.
        stop: () => {
          stopped ??= (async () => {
            const undelivered = await waitForEveryWire(readOutput(output)).then(
              () => undefined,
              (error: unknown) => error,
            );
            const code = await collector.stop();
            if (undelivered !== undefined) {
              throw new Error(`${undelivered}\notelcol-secotel's log ends with:\n${collector.stderr()}`);
            }
            return [code];
          })();
          return stopped;
        },
      },
      phases,
    );
    archive = scenario.outputs[0].records;
    for (const wire of Object.keys(WIRE_QUERIES) as Wire[])
      rows[wire] = await logsQL(base, WIRE_QUERIES[wire]);

    const wireLines = tee.messages().map((message) => message.slice(message.search(/(CEF:0|LEEF:2\.0)\|/)));
    leefLines = wireLines.filter((line) => line.startsWith('LEEF:')).map(parseLEEF);
    pycef = await parseWithPycef(
      python,
      wireLines.filter((line) => line.startsWith('CEF:')),
    );
  }, 10 * MINUTES);

  afterAll(async () => {
    await stopUnfinishedScenarios();
    await tee?.close();
    await victoriaLogs?.stop(30_000);
    rmSync(dir, { recursive: true, force: true });
  }, 2 * MINUTES);

  /** Waits (bounded) until each wire format holds a row for every record of `records` (by chain sequence number). */
  async function waitForEveryWire(records: OutputRecord[]): Promise<void> {
    const deadline = Date.now() + 2 * MINUTES;
    const missing: Record<string, string[]> = {};
    while (Date.now() < deadline) {
      for (const wire of Object.keys(WIRE_QUERIES) as Wire[]) {
        const seqs = new Set(
          (await logsQL(base, WIRE_QUERIES[wire])).map((row) =>
            wire === 'leef'
              ? parseLEEF(row._msg).attributes['security.integrity.seq']
              : row[keptField[wire]('security.integrity.seq')],
          ),
        );
        missing[wire] = records
          .filter((record) => !seqs.has(String(record.attributes['security.integrity.seq'])))
          .map((record) => `${record.eventName} #${record.attributes['security.integrity.seq']}`);
      }
      if (Object.values(missing).every((list) => list.length === 0)) return;
      await new Promise((done) => setTimeout(done, 250));
    }
    throw new Error(`records missing per wire format: ${JSON.stringify(missing)}`);
  }

  const failedLogins = () => archive.filter((r) => r.eventName === 'security.authn_login_fail');
  const alertRules = () =>
    archive
      .filter((r) => r.eventName === 'security.alert')
      .map((r) => String(r.attributes['security_rule.name']))
      .sort();

  it('runs the attacks: 24 failed logins, one success, brute force and credential stuffing alerts', () => {
    expect(scenario.statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(failedLogins()).toHaveLength(FAILED);
    expect(alertRules()).toEqual(expect.arrayContaining(['brute_force', 'credential_stuffing']));
  });

  it('Elastic (bulk): failed logins as ECS authentication failures with source.ip and user.name', async () => {
    const failed = await logsQL(
      base,
      `${WIRE_QUERIES.ecs} AND event.category:authentication AND event.outcome:failure`,
    );
    expect(failed).toHaveLength(FAILED);
    for (const row of failed) {
      expect(row).toMatchObject({
        'event.kind': 'event',
        'event.action': 'authn_login_fail',
        'data_stream.namespace': 'default',
      });
      expect([BRUTE_FORCER, STUFFER]).toContain(row['source.ip']);
    }
    expect(new Set(failed.map((row) => row['user.name']))).toEqual(new Set(['alice', ...LEAKED]));
    const success = await logsQL(
      base,
      `${WIRE_QUERIES.ecs} AND event.category:authentication AND event.outcome:success`,
    );
    expect(success.map((row) => [row['user.name'], row['source.ip']])).toEqual([['alice', VISITOR]]);
  });

  it('Elastic (bulk): alerts as event.kind alert with rule.name', async () => {
    const alerts = await logsQL(base, `${WIRE_QUERIES.ecs} AND event.kind:alert`);
    expect(alerts.map((row) => row['rule.name']).sort()).toEqual(alertRules());
  });

  it('Splunk (HEC): failed logins with CIM action=failure, src and user, sourcetype secotel:security', async () => {
    const failed = await logsQL(base, `${WIRE_QUERIES.cim} AND event.action:failure`);
    expect(failed).toHaveLength(FAILED);
    for (const row of failed) {
      expect(row).toMatchObject({
        index: 'security',
        'event.signature_id': 'authn_login_fail',
        'event.app': expect.any(String),
      });
      expect([BRUTE_FORCER, STUFFER]).toContain(row['event.src']);
    }
    expect(new Set(failed.map((row) => row['event.user']))).toEqual(new Set(['alice', ...LEAKED]));
    // The CIM Alerts data model: type=alert, the rule's name as signature.
    const alerts = await logsQL(base, `${WIRE_QUERIES.cim} AND event.type:alert`);
    expect(alerts.map((row) => row['event.signature']).sort()).toEqual(alertRules());
  });

  it('QRadar (syslog CEF): VictoriaLogs parses the failed logins and alerts', () => {
    const failed = rows.cef.filter((row) => row['cef.device_event_class_id'] === 'authn_login_fail');
    expect(failed).toHaveLength(FAILED);
    for (const row of failed) {
      expect(row).toMatchObject({
        'cef.extension.outcome': 'failure',
        'cef.severity': '6',
        format: 'rfc5424',
        facility: '13',
      });
      expect([BRUTE_FORCER, STUFFER]).toContain(row['cef.extension.src']);
    }
    expect(new Set(failed.map((row) => row['cef.extension.suser']))).toEqual(new Set(['alice', ...LEAKED]));
    const alerts = rows.cef.filter((row) => row['cef.device_event_class_id'] === 'alert');
    expect(alerts.map((row) => row['cef.extension.cs1']).sort()).toEqual(alertRules());
  });

  it('QRadar (syslog CEF): pycef, an independent parser, reads the same lines the same way', () => {
    // Every line VictoriaLogs stored, as pycef read it off the wire (the tee may hold a few more, sent later).
    const bySeq = new Map(pycef.map((event) => [event['security.integrity.seq'], event]));
    for (const row of rows.cef) {
      const event = bySeq.get(row['cef.extension.security.integrity.seq']);
      expect(event, JSON.stringify(row)).toBeDefined();
      expect([
        event?.DeviceVendor,
        event?.DeviceEventClassID,
        event?.Severity,
        event?.act,
        event?.src,
        event?.suser,
      ]).toEqual([
        row['cef.device_vendor'],
        row['cef.device_event_class_id'],
        row['cef.severity'],
        row['cef.extension.act'],
        row['cef.extension.src'],
        row['cef.extension.suser'],
      ]);
    }
    const failed = pycef.filter((event) => event.DeviceEventClassID === 'authn_login_fail');
    expect(failed).toHaveLength(FAILED);
    expect(failed.every((event) => event.outcome === 'failure')).toBe(true);
    // pycef names a custom string field by its label: cs1Label=security_rule.name.
    const alerts = pycef.filter((event) => event.DeviceEventClassID === 'alert');
    expect(alerts.map((event) => event['security_rule.name']).sort()).toEqual(alertRules());
  });

  it('QRadar (syslog LEEF 2.0): the lines VictoriaLogs stored parse into the failed logins and alerts', () => {
    const stored = rows.leef.map((row) => parseLEEF(row._msg));
    // Each stored line is one the collector sent (the tee may hold a few more, sent after the rows were read).
    const sent = new Set(leefLines.map((event) => JSON.stringify(event)));
    for (const event of stored) expect(sent.has(JSON.stringify(event)), JSON.stringify(event)).toBe(true);
    const failed = stored.filter((event) => event.eventId === 'authn_login_fail');
    expect(failed).toHaveLength(FAILED);
    for (const { attributes } of failed) {
      expect(attributes.sev).toBe('6');
      expect([BRUTE_FORCER, STUFFER]).toContain(attributes.src);
    }
    expect(new Set(failed.map((event) => event.attributes.usrName))).toEqual(new Set(['alice', ...LEAKED]));
    const alerts = stored.filter((event) => event.eventId === 'alert');
    expect(alerts).toHaveLength(alertRules().length);
  });

  it('keeps every record verifiable: each SIEM copy carries its chain attributes as the verified archive has them', async () => {
    const verify = await secotelVerify([scenario.outputs[0].path]);
    expect(verify.code, verify.stdout + verify.stderr).toBe(0);
    const archived = new Map(
      archive.map((record) => [
        String(record.attributes['security.integrity.seq']),
        integrityOf(record.attributes),
      ]),
    );
    for (const wire of Object.keys(WIRE_QUERIES) as Wire[]) {
      const copies = rows[wire].map((row) => {
        const fields = wire === 'leef' ? parseLEEF(row._msg).attributes : row;
        const prefix = keptField[wire]('security.integrity.');
        return Object.fromEntries(
          Object.entries(fields)
            .filter(([key]) => key.startsWith(prefix))
            .map(([key, value]) => [key.slice(prefix.length - 'security.integrity.'.length), value]),
        );
      });
      expect(copies.length, wire).toBeGreaterThanOrEqual(FAILED + 1);
      for (const copy of copies) {
        expect(copy, wire).toEqual(archived.get(copy['security.integrity.seq']));
      }
    }
  });
});

/** Parses CEF lines with pycef (PyPI), one JSON object per line. */
async function parseWithPycef(python: string, lines: string[]): Promise<Array<Record<string, string>>> {
  const child = execFile(python, [
    '-c',
    'import json, sys, pycef\nfor line in sys.stdin.read().split("\\n"):\n    print(json.dumps(pycef.parse(line)))',
  ]);
  let stdout = '';
  child.stdout?.on('data', (chunk) => (stdout += chunk));
  child.stdin?.end(lines.join('\n'));
  const code = await new Promise((done) => child.on('close', done));
  if (code !== 0) throw new Error(`pycef exited with ${code}`);
  return stdout
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));
}

/**
 * Starts VictoriaLogs on free loopback ports: queries on plain HTTP, the collector's writes on HTTPS (the test's
 * certificate), syslog on plain TCP behind the tee. Another process may take a port found free before
 * VictoriaLogs binds it, so a start that fails is tried again on new ports, three times at most.
 */
async function startVictoriaLogs(binary: string, dir: string, certificate: { cert: string; key: string }) {
  for (let attempt = 1; ; attempt++) {
    const [httpPort, httpsPort, syslogPort] = await freePorts(3);
    const child = startProcess({
      name: 'victoria-logs',
      command: binary,
      args: [
        `-storageDataPath=${join(dir, `victorialogs-${attempt}`)}`,
        `-httpListenAddr=127.0.0.1:${httpPort},127.0.0.1:${httpsPort}`,
        '-tls=false,true',
        `-tlsCertFile=,${certificate.cert}`,
        `-tlsKeyFile=,${certificate.key}`,
        `-syslog.listenAddr.tcp=127.0.0.1:${syslogPort}`,
        '-loggerLevel=ERROR',
      ],
      env: {},
    });
    try {
      await child.waitForHttp(`http://127.0.0.1:${httpPort}/health`, 60_000);
      return { httpPort, httpsPort, syslogPort, child };
    } catch (error) {
      await child.stop(30_000);
      if (attempt === 3) throw error;
    }
  }
}
