import {
  enableExpress,
  enableFastify,
  enableHttpServer,
  enableKoa,
  KOA_MODULES,
} from '@secotel/instrumentation-http';
import { startSecotel } from '@secotel/sdk';

/**
 * The instrumentations @secotel/node can enable, by short name (SECOTEL_INSTRUMENTATIONS /
 * SECOTEL_DISABLED_INSTRUMENTATIONS). The HTTP, authentication and database layers register here as they land.
 */
export interface InstrumentationEntry {
  /** The short name users put in SECOTEL_INSTRUMENTATIONS. */
  readonly name: string;
  /** Module names the ESM loader hook must intercept for this instrumentation. */
  readonly modules: readonly string[];
  /** Starts the instrumentation; called once, after the SDK started. */
  enable(): void;
}

export const INSTRUMENTATIONS: readonly InstrumentationEntry[] = [
  {
    name: 'http',
    modules: [],
    // Entries are enabled after the SDK started, so this returns the running instance's configuration.
    enable: () => enableHttpServer({ trustProxy: runningConfig().trustProxy }),
  },
  { name: 'express', modules: [], enable: enableExpress },
  { name: 'fastify', modules: [], enable: enableFastify },
  { name: 'koa', modules: KOA_MODULES, enable: enableKoa },
];

function runningConfig() {
  const sdk = startSecotel();
  if (sdk === undefined) throw new Error('secotel is disabled; instrumentations are not enabled');
  return sdk.config;
}

/** The entries to enable: those named in SECOTEL_INSTRUMENTATIONS (all when unset), less the disabled ones. */
export function selectInstrumentations(
  enabled: readonly string[] | undefined,
  disabled: readonly string[],
): InstrumentationEntry[] {
  return INSTRUMENTATIONS.filter(
    (entry) => (enabled === undefined || enabled.includes(entry.name)) && !disabled.includes(entry.name),
  );
}
