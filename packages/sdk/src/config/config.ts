import { readFileSync } from 'node:fs';
import { loadRedaction } from '../redaction-loader';
import { type Env, EnvReader } from './env-reader';

export type UserTrackingMode = 'identification' | 'anonymization' | 'disabled';
export type LogsExporterName = 'otlp' | 'console' | 'none';
export type OtlpProtocol = 'http/protobuf' | 'http/json';
export type PseudonymizedKind = 'email' | 'ip';
export type DiagLevelName = 'none' | 'error' | 'warn' | 'info' | 'debug' | 'verbose' | 'all';

/** Which proxy hops in X-Forwarded-For / Forwarded are trusted to report the client address. */
export type TrustProxy =
  | { readonly kind: 'none' }
  | { readonly kind: 'all' }
  | { readonly kind: 'hops'; readonly hops: number }
  | { readonly kind: 'addresses'; readonly addresses: readonly string[] };

export interface SecotelConfig {
  readonly disabled: boolean;
  /** NODE_ENV=production: programming errors (unknown event names) are counted drops instead of TypeErrors. */
  readonly production: boolean;
  readonly logLevel: DiagLevelName;
  readonly exporters: readonly Exclude<LogsExporterName, 'none'>[];
  /** Where OTLP export goes, resolved once from the standard variables (the exit flush uses it too). */
  readonly otlp: {
    readonly url: string;
    readonly headers: Readonly<Record<string, string>>;
    readonly protocol: OtlpProtocol;
    /** Per export, retries included (OTEL_EXPORTER_OTLP_(LOGS_)TIMEOUT). */
    readonly timeoutMillis: number;
    readonly compression: 'gzip' | 'none';
    /** PEM contents of the files named by OTEL_EXPORTER_OTLP_(LOGS_)CERTIFICATE / CLIENT_KEY / CLIENT_CERTIFICATE. */
    readonly tls: { readonly ca?: Buffer; readonly key?: Buffer; readonly cert?: Buffer };
  };
  /** OTEL_RESOURCE_ATTRIBUTES (percent-decoded) and OTEL_SERVICE_NAME. */
  readonly resource: {
    readonly attributes: Readonly<Record<string, string>>;
    readonly serviceName: string | undefined;
  };
  readonly batch: {
    readonly maxQueueSize: number;
    readonly maxExportBatchSize: number;
    readonly scheduledDelayMillis: number;
    readonly exportTimeoutMillis: number;
  };
  /** The deadline for sending what is left when the process ends, whatever the collector does. */
  readonly exitTimeoutMillis: number;
  /** Seconds between two sys_heartbeat records; 0 sends none. */
  readonly heartbeatSeconds: number;
  readonly rateCap: { readonly perSecond: number; readonly burst: number };
  readonly userTracking: UserTrackingMode;
  readonly hashKey: string | undefined;
  readonly redaction: {
    readonly extraKeys: readonly string[];
    readonly allowKeys: readonly string[];
    readonly extraValuePatterns: readonly string[];
    readonly pseudonymize: readonly PseudonymizedKind[];
    readonly maxValueLength: number;
  };
  readonly trustProxy: TrustProxy;
  readonly sensitiveTables: readonly string[];
  readonly instrumentations: {
    readonly enabled: readonly string[] | undefined;
    readonly disabled: readonly string[];
  };
}

export interface ReadConfigOptions {
  /** Short names of the instrumentations that exist; SECOTEL_(DISABLED_)INSTRUMENTATIONS must name only these. */
  readonly knownInstrumentations?: readonly string[];
}

/** Defaults chosen so that a burst of 10,000 security events is queued, not dropped (see README). */
export const DEFAULTS = {
  maxQueueSize: 16_384,
  maxExportBatchSize: 1_024,
  scheduledDelayMillis: 1_000,
  exportTimeoutMillis: 30_000,
  otlpTimeoutMillis: 10_000,
  exitTimeoutMillis: 1_500,
  heartbeatSeconds: 60,
  rateCapPerSecond: 1_000,
  rateCapBurst: 10_000,
  maxValueLength: 4_096,
  minHashKeyLength: 16,
} as const;

const HASH_KEY_EXAMPLE = '"$(openssl rand -hex 32)"';
const TABLE_NAME = /^[A-Za-z_][\w$]*(\.[A-Za-z_][\w$]*)?$/;
const NAMED_PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** Reads the whole configuration; throws one ConfigError that lists every malformed variable. */
export function readConfig(env: Env = process.env, options: ReadConfigOptions = {}): SecotelConfig {
  const reader = new EnvReader(env);
  const config: SecotelConfig = {
    disabled: reader.boolean('OTEL_SDK_DISABLED', false),
    production: reader.raw('NODE_ENV') === 'production',
    logLevel: reader.oneOf(
      'OTEL_LOG_LEVEL',
      ['none', 'error', 'warn', 'info', 'debug', 'verbose', 'all'],
      'info',
    ),
    exporters: readExporters(reader),
    otlp: readOtlp(reader),
    resource: {
      attributes: reader.keyValues(
        'OTEL_RESOURCE_ATTRIBUTES',
        'service.namespace=shop,deployment.environment.name=prod',
      ),
      serviceName: reader.raw('OTEL_SERVICE_NAME'),
    },
    batch: readBatch(reader),
    exitTimeoutMillis: reader.integer('SECOTEL_EXIT_TIMEOUT', DEFAULTS.exitTimeoutMillis, {
      min: 1,
      max: 60_000,
    }),
    heartbeatSeconds: reader.integer('SECOTEL_HEARTBEAT_INTERVAL', DEFAULTS.heartbeatSeconds, {
      min: 0,
      max: 86_400,
    }),
    rateCap: {
      perSecond: reader.integer('SECOTEL_RATE_CAP', DEFAULTS.rateCapPerSecond, { min: 0, max: 10_000_000 }),
      burst: reader.integer('SECOTEL_RATE_CAP_BURST', DEFAULTS.rateCapBurst, { min: 1, max: 10_000_000 }),
    },
    userTracking: reader.oneOf(
      'SECOTEL_USER_TRACKING',
      ['identification', 'anonymization', 'disabled'],
      'identification',
    ),
    hashKey: readHashKey(reader),
    redaction: {
      extraKeys: reader.list('SECOTEL_REDACT_KEYS'),
      allowKeys: reader.list('SECOTEL_REDACT_ALLOW_KEYS'),
      extraValuePatterns: readPatterns(reader),
      pseudonymize: reader.listOf('SECOTEL_PSEUDONYMIZE', ['email', 'ip'] as const),
      maxValueLength: reader.integer('SECOTEL_MAX_VALUE_LENGTH', DEFAULTS.maxValueLength, {
        min: 64,
        max: 1_048_576,
      }),
    },
    trustProxy: readTrustProxy(reader),
    sensitiveTables: readSensitiveTables(reader),
    instrumentations: readInstrumentations(reader, options.knownInstrumentations ?? []),
  };
  checkHashKeyNeeded(reader, config);
  reader.throwIfInvalid();
  return config;
}

function readExporters(reader: EnvReader): Exclude<LogsExporterName, 'none'>[] {
  const names = reader.listOf('OTEL_LOGS_EXPORTER', ['otlp', 'console', 'none'] as const);
  if (names.length === 0) return ['otlp'];
  if (names.includes('none') && names.length > 1) {
    reader.report('OTEL_LOGS_EXPORTER', '"none" cannot be combined with other exporters', 'otlp,console');
  }
  return [...new Set(names.filter((name) => name !== 'none'))] as Exclude<LogsExporterName, 'none'>[];
}

/** The standard resolution: the logs URL as given, else `<base endpoint>/v1/logs`, else localhost:4318. */
function readOtlp(reader: EnvReader): SecotelConfig['otlp'] {
  const base = reader.url('OTEL_EXPORTER_OTLP_ENDPOINT', 'http://127.0.0.1:4318');
  const logs = reader.url('OTEL_EXPORTER_OTLP_LOGS_ENDPOINT', 'http://127.0.0.1:4318/v1/logs');
  // The base gets /v1/logs appended, so a query or fragment would end up in front of it.
  if (base !== undefined && /[?#]/.test(base)) {
    reader.report(
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'must not have a query (?...) or fragment (#...), since /v1/logs is appended to it; give the full URL with its query in OTEL_EXPORTER_OTLP_LOGS_ENDPOINT instead',
      'http://collector:4318',
    );
  }
  if (logs?.includes('#')) {
    reader.report(
      'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT',
      'must not have a fragment (#...), which is never sent',
      'http://collector:4318/v1/logs',
    );
  }
  const headers = {
    ...readHeaders(reader, 'OTEL_EXPORTER_OTLP_HEADERS'),
    ...readHeaders(reader, 'OTEL_EXPORTER_OTLP_LOGS_HEADERS'),
  };
  const url =
    logs ?? (base === undefined ? 'http://localhost:4318/v1/logs' : `${base.replace(/\/+$/, '')}/v1/logs`);
  return {
    url,
    headers,
    protocol: readProtocol(reader),
    timeoutMillis: reader.integer(signalFirst(reader, 'TIMEOUT'), DEFAULTS.otlpTimeoutMillis, {
      min: 1,
      max: 3_600_000,
    }),
    compression: reader.oneOf(signalFirst(reader, 'COMPRESSION'), ['gzip', 'none'] as const, 'none'),
    tls: {
      ca: readPemFile(reader, signalFirst(reader, 'CERTIFICATE')),
      key: readPemFile(reader, signalFirst(reader, 'CLIENT_KEY')),
      cert: readPemFile(reader, signalFirst(reader, 'CLIENT_CERTIFICATE')),
    },
  };
}

/** The logs-specific variable when set, else the general one (OTEL_EXPORTER_OTLP_LOGS_X, OTEL_EXPORTER_OTLP_X). */
function signalFirst(reader: EnvReader, suffix: string): string {
  const specific = `OTEL_EXPORTER_OTLP_LOGS_${suffix}`;
  return reader.raw(specific) === undefined ? `OTEL_EXPORTER_OTLP_${suffix}` : specific;
}

function readPemFile(reader: EnvReader, name: string): Buffer | undefined {
  const path = reader.raw(name);
  if (path === undefined) return undefined;
  try {
    return readFileSync(path);
  } catch (error) {
    reader.report(
      name,
      `cannot read the file (${(error as NodeJS.ErrnoException).code})`,
      '/etc/ssl/collector.pem',
    );
    return undefined;
  }
}

/** RFC 9110 field names; values without control characters (a CR or LF would break every export). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const BAD_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

function readHeaders(reader: EnvReader, name: string): Record<string, string> {
  const example = 'authorization=Bearer%20abc,x-tenant=shop';
  const headers = reader.keyValues(name, example);
  for (const [key, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(key)) {
      reader.report(
        name,
        `${JSON.stringify(key)} is not a valid header name (letters, digits and !#$%&'*+.^_\`|~- only, no spaces)`,
        example,
      );
    } else if (BAD_HEADER_VALUE.test(value)) {
      reader.report(
        name,
        `the value of ${JSON.stringify(key)} contains a line break or another control character`,
        example,
      );
    }
  }
  return headers;
}

function readProtocol(reader: EnvReader): OtlpProtocol {
  const variable = signalFirst(reader, 'PROTOCOL');
  const protocol = reader.raw(variable)?.toLowerCase();
  if (protocol === undefined || protocol === 'http/protobuf') return 'http/protobuf';
  if (protocol === 'http/json') return 'http/json';
  const problem =
    protocol === 'grpc'
      ? 'grpc is not supported by secotel; use OTLP over HTTP'
      : 'expected http/protobuf or http/json';
  reader.report(variable, problem, 'http/protobuf');
  return 'http/protobuf';
}

function readBatch(reader: EnvReader): SecotelConfig['batch'] {
  const maxQueueSize = reader.integer('OTEL_BLRP_MAX_QUEUE_SIZE', DEFAULTS.maxQueueSize, {
    min: 1,
    max: 10_000_000,
  });
  // The default batch size follows a smaller queue; only a batch size that was set can contradict it.
  const maxExportBatchSize = reader.integer(
    'OTEL_BLRP_MAX_EXPORT_BATCH_SIZE',
    Math.min(DEFAULTS.maxExportBatchSize, maxQueueSize),
    { min: 1, max: 10_000_000 },
  );
  if (maxExportBatchSize > maxQueueSize) {
    reader.report(
      'OTEL_BLRP_MAX_EXPORT_BATCH_SIZE',
      `must not exceed OTEL_BLRP_MAX_QUEUE_SIZE (${maxQueueSize})`,
      '512',
    );
  }
  return {
    maxQueueSize,
    maxExportBatchSize: Math.min(maxExportBatchSize, maxQueueSize),
    scheduledDelayMillis: reader.integer('OTEL_BLRP_SCHEDULE_DELAY', DEFAULTS.scheduledDelayMillis, {
      min: 0,
      max: 3_600_000,
    }),
    exportTimeoutMillis: reader.integer('OTEL_BLRP_EXPORT_TIMEOUT', DEFAULTS.exportTimeoutMillis, {
      min: 1,
      max: 3_600_000,
    }),
  };
}

function readHashKey(reader: EnvReader): string | undefined {
  const key = reader.raw('SECOTEL_HASH_KEY');
  if (key !== undefined && key.length < DEFAULTS.minHashKeyLength) {
    reader.report(
      'SECOTEL_HASH_KEY',
      `too short: use at least ${DEFAULTS.minHashKeyLength} characters of random data`,
      HASH_KEY_EXAMPLE,
    );
  }
  return key;
}

/** An unkeyed (or randomly keyed) hash of an email is either reversible or useless, so a key is required. */
function checkHashKeyNeeded(reader: EnvReader, config: SecotelConfig): void {
  if (config.hashKey !== undefined) return;
  if (config.userTracking === 'anonymization') {
    reader.report(
      'SECOTEL_HASH_KEY',
      'is required when SECOTEL_USER_TRACKING=anonymization',
      HASH_KEY_EXAMPLE,
    );
  }
  if (config.redaction.pseudonymize.length > 0) {
    reader.report('SECOTEL_HASH_KEY', 'is required when SECOTEL_PSEUDONYMIZE is set', HASH_KEY_EXAMPLE);
  }
}

/**
 * Regular expressions may contain commas, so a JSON array of strings is accepted beside the comma-separated
 * form. A value that starts with "[" but is no such array is a comma-separated list whose first pattern starts
 * with a character class (`[A-Z]{3}-[0-9]{6}`).
 */
function readPatterns(reader: EnvReader): string[] {
  const name = 'SECOTEL_REDACT_VALUES';
  const raw = reader.raw(name);
  if (raw === undefined) return [];
  const json = jsonStringArray(raw);
  const patterns = json ?? reader.list(name);
  const example = '\'["ACME-[0-9]{8}","INT-[a-f0-9]{4,8}"]\'';
  for (const pattern of patterns) {
    const problem = loadRedaction().valuePatternProblem(pattern);
    if (problem === undefined) continue;
    const hint = json === undefined ? ' (a pattern with a comma must be written in a JSON array)' : '';
    reader.report(name, `${problem}${hint}`, example);
  }
  return patterns;
}

function jsonStringArray(raw: string): string[] | undefined {
  if (!raw.startsWith('[')) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) && parsed.every((item) => typeof item === 'string') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function readTrustProxy(reader: EnvReader): TrustProxy {
  const name = 'SECOTEL_TRUST_PROXY';
  const raw = reader.raw(name);
  if (raw === undefined || raw.toLowerCase() === 'false') return { kind: 'none' };
  if (raw.toLowerCase() === 'true') return { kind: 'all' };
  if (/^\d+$/.test(raw)) return { kind: 'hops', hops: reader.integer(name, 0, { min: 0, max: 64 }) };
  const addresses = reader.list(name);
  const invalid = addresses.filter(
    (entry) => !NAMED_PROXY_RANGES.includes(entry) && !isAddressOrSubnet(entry),
  );
  if (invalid.length > 0) {
    reader.report(
      name,
      `${invalid.map((i) => JSON.stringify(i)).join(', ')} is not an IP address, a CIDR range, loopback, linklocal or uniquelocal (or use true, false, or a hop count)`,
      'loopback,10.0.0.0/8',
    );
  }
  return { kind: 'addresses', addresses };
}

function isAddressOrSubnet(entry: string): boolean {
  // node:net loads only for a list of proxies (a process that serves no HTTP may never load it).
  const { BlockList, isIP } = require('node:net') as typeof import('node:net');
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d+$/.test(prefix)) return false;
  try {
    new BlockList().addSubnet(address, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
    return true;
  } catch {
    return false;
  }
}

function readSensitiveTables(reader: EnvReader): string[] {
  const tables = reader.list('SECOTEL_SENSITIVE_TABLES');
  const invalid = tables.filter((table) => !TABLE_NAME.test(table));
  if (invalid.length > 0) {
    reader.report(
      'SECOTEL_SENSITIVE_TABLES',
      `${invalid.map((i) => JSON.stringify(i)).join(', ')} is not a table name (name or schema.name)`,
      'users,billing.cards',
    );
  }
  return tables.map((table) => table.toLowerCase());
}

function readInstrumentations(
  reader: EnvReader,
  known: readonly string[],
): SecotelConfig['instrumentations'] {
  const check = (name: string): string[] => {
    const entries = reader.list(name);
    const unknown = entries.filter((entry) => !known.includes(entry));
    if (unknown.length > 0) {
      const valid =
        known.length > 0 ? `valid names: ${known.join(', ')}` : 'no instrumentations are installed yet';
      reader.report(
        name,
        `unknown instrumentation ${unknown.map((u) => JSON.stringify(u)).join(', ')}; ${valid}`,
        known.slice(0, 2).join(',') || '""',
      );
    }
    return entries.filter((entry) => known.includes(entry));
  };
  const enabled =
    reader.raw('SECOTEL_INSTRUMENTATIONS') === undefined ? undefined : check('SECOTEL_INSTRUMENTATIONS');
  return { enabled, disabled: check('SECOTEL_DISABLED_INSTRUMENTATIONS') };
}
