import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import { SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { instrumentationId } from './instrumentation-id';
import { SensitiveTables } from './sensitive-tables';

export interface DbInstrumentationConfig extends InstrumentationConfig {
  /**
   * Tables whose reads and writes are reported as sensitive-data facts (SECOTEL_SENSITIVE_TABLES), e.g.
   * `['users', 'billing.cards']`; none by default.
   */
  sensitiveTables?: readonly string[];
}

/** What every database instrumentation shares: its configuration and the sensitive tables read from it. */
export abstract class DbInstrumentation extends SecotelInstrumentation<DbInstrumentationConfig> {
  private configured?: { readonly from: readonly string[] | undefined; readonly tables: SensitiveTables };

  constructor(driver: string, config: DbInstrumentationConfig) {
    super(...instrumentationId(driver), config);
  }

  /** The sensitive tables of the configuration in force (setConfig may change them). */
  protected sensitiveTables(): SensitiveTables {
    const from = this.getConfig().sensitiveTables;
    if (this.configured === undefined || this.configured.from !== from)
      this.configured = { from, tables: new SensitiveTables(from) };
    return this.configured.tables;
  }

  /** Read here, so that a malformed list is the caller's error at once, not a hook's later. */
  override setConfig(config: DbInstrumentationConfig = {}): void {
    const tables = new SensitiveTables(config.sensitiveTables);
    super.setConfig(config);
    this.configured = { from: config.sensitiveTables, tables };
  }
}
