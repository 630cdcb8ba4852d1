import { diag } from '@opentelemetry/api';
import { ConfigError, type SecotelSdk, startSecotel } from '@secotel/sdk';
import { importSpecifiers } from '@secotel/sdk/instrumentation';
import { registerEsmLoaderHook } from './esm-loader-hook';
import { createInstrumentations, INSTRUMENTATIONS } from './instrumentations';
import { enableAndReport } from './lifecycle';

const REGISTERED = Symbol.for('secotel.node.registered');

/**
 * Starts secotel in this thread, once: the SDK, then the instrumentations. It never keeps the application from
 * starting, except for a malformed configuration, which stops start-up with a message naming the variable.
 */
export function register(): void {
  const holder = globalThis as { [REGISTERED]?: boolean };
  if (holder[REGISTERED]) return;
  holder[REGISTERED] = true;

  let sdk: SecotelSdk | undefined;
  try {
    sdk = startSecotel({ knownInstrumentations: Object.keys(INSTRUMENTATIONS) });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`secotel: not started, the application runs without it: ${String(error)}\n`);
    return;
  }
  if (sdk === undefined) {
    process.stderr.write('secotel: OTEL_SDK_DISABLED=true, security logging is off\n');
    return;
  }
  try {
    const { enabled, disabled } = sdk.config.instrumentations;
    const instrumentations = createInstrumentations(enabled, disabled, sdk.config);
    registerEsmLoaderHook(importSpecifiers(instrumentations.map(({ instrumentation }) => instrumentation)));
    enableAndReport(sdk, Object.keys(INSTRUMENTATIONS), instrumentations);
  } catch (error) {
    diag.error(
      'secotel: instrumentations could not be enabled; security events are still recorded by hand',
      error,
    );
  }
}
