/**
 * Reads environment variables into typed values and collects every problem, so start-up can report all
 * malformed variables at once instead of one per restart.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`secotel: invalid configuration\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

export class EnvReader {
  private readonly problems: string[] = [];

  constructor(private readonly env: Env) {}

  /** The raw value, trimmed; undefined when unset or empty (empty means "use the default", as OTel does). */
  raw(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  /** Records a problem with a variable: what is wrong and a valid example. */
  report(name: string, problem: string, example: string): void {
    const value = this.env[name];
    this.problems.push(`${name}=${JSON.stringify(value)}: ${problem}. Example: ${name}=${example}`);
  }

  boolean(name: string, fallback: boolean): boolean {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if (value === 'true') return true;
    if (value === 'false') return false;
    this.report(name, 'expected true or false', 'true');
    return fallback;
  }

  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const value = this.raw(name)?.toLowerCase();
    if (value === undefined) return fallback;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.report(name, `expected one of ${allowed.join(', ')}`, allowed[0] ?? fallback);
    return fallback;
  }

  integer(name: string, fallback: number, { min, max }: { min: number; max: number }): number {
    const value = this.raw(name);
    if (value === undefined) return fallback;
    const parsed = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isSafeInteger(parsed) && parsed >= min && parsed <= max) return parsed;
    this.report(name, `expected a whole number from ${min} to ${max}`, String(fallback));
    return fallback;
  }

  /** A comma-separated list; entries are trimmed and empty entries ignored. */
  list(name: string): string[] {
    const value = this.raw(name);
    if (value === undefined) return [];
    return value
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '');
  }

  /** A comma-separated list whose entries must each be one of `allowed`. */
  listOf<T extends string>(name: string, allowed: readonly T[]): T[] {
    const entries = this.list(name).map((entry) => entry.toLowerCase());
    const unknown = entries.filter((entry) => !(allowed as readonly string[]).includes(entry));
    if (unknown.length > 0) {
      this.report(
        name,
        `unknown ${unknown.map((u) => JSON.stringify(u)).join(', ')}; allowed: ${allowed.join(', ')}`,
        allowed.slice(0, 2).join(','),
      );
      return entries.filter((entry) => !unknown.includes(entry)) as T[];
    }
    return entries as T[];
  }

  /** `key1=value1,key2=value2` (OTEL_RESOURCE_ATTRIBUTES, OTEL_EXPORTER_OTLP_HEADERS), values URL-decoded. */
  keyValues(name: string, example: string): Record<string, string> {
    const result: Record<string, string> = {};
    for (const entry of this.list(name)) {
      const separator = entry.indexOf('=');
      const key = separator > 0 ? entry.slice(0, separator).trim() : '';
      if (key === '') {
        this.report(name, `entry ${JSON.stringify(entry)} is not key=value`, example);
        continue;
      }
      try {
        result[key] = decodeURIComponent(entry.slice(separator + 1).trim());
      } catch {
        this.report(name, `the value of ${JSON.stringify(key)} is not valid percent-encoding`, example);
      }
    }
    return result;
  }

  url(name: string, example: string): string | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    let parsed: URL | undefined;
    try {
      parsed = new URL(value);
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
      this.report(name, 'expected an absolute http:// or https:// URL', example);
      return undefined;
    }
    return value;
  }

  /** Throws one ConfigError listing every problem seen so far. */
  throwIfInvalid(): void {
    if (this.problems.length > 0) throw new ConfigError(this.problems);
  }
}
