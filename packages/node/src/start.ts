import { dirname, sep } from 'node:path';
import { diag } from '@opentelemetry/api';
import { ConfigError, type SecotelSdk, startSecotel } from '@secotel/sdk';
import { registerEsmLoaderHook, syncHooksUsable } from './esm-loader-hook';
import { anyLoaded, onFirstLoad } from './first-load';
import { INSTRUMENTATION_NAMES, selectedNames } from './instrumentation-names';
import { OUTLINES } from './instrumentation-outlines.generated';
import type * as Instrumentations from './instrumentations';
import { checkInstrumentations, enableEach } from './lifecycle';

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
    sdk = startSecotel({ knownInstrumentations: INSTRUMENTATION_NAMES });
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
    startInstrumentations(sdk);
  } catch (error) {
    reportNotEnabled(error);
  }
}

function reportNotEnabled(error: unknown): void {
  diag.error(
    'secotel: instrumentations could not be enabled; security events are still recorded by hand',
    error,
  );
}

/**
 * Checks the selected instrumentations against the installed libraries, then enables those that can attach and
 * records sys_startup. Their classes, OpenTelemetry's instrumentation package and its require hooks load only
 * when the application first loads a library one of them patches (an application that loads none never loads
 * them): until then a hook of secotel's own watches require and import for those libraries. At once where that
 * hook could miss a load: the ESM loader runs off-thread, or one of the libraries is loaded already.
 */
function startInstrumentations(sdk: SecotelSdk): void {
  const { enabled, disabled } = sdk.config.instrumentations;
  const { usable, libraries } = checkInstrumentations(
    sdk,
    INSTRUMENTATION_NAMES,
    selectedNames(enabled, disabled),
  );
  const include = usable.flatMap((name) => OUTLINES[name]?.modules ?? []).flatMap((m) => m.importedAs);
  const enableUsable = (): string[] => {
    const { createInstrumentations } = require('./instrumentations') as typeof Instrumentations;
    return enableEach(sdk, createInstrumentations(usable, [], sdk.config));
  };
  const watched = librariesPatchedBy(usable);
  if (watched.size === 0 || !syncHooksUsable() || anyLoaded(watched)) {
    registerEsmLoaderHook(include);
    sdk.recordStartup({ instrumentations: usable.length > 0 ? enableUsable() : [], libraries });
    return;
  }
  // The SDK's built files, found as this file found them when it loaded the SDK (resolved once already).
  const sdkDirectory = dirname(require.resolve('@secotel/sdk')) + sep;
  // Run inside the application's require or import, which must not throw for it.
  const enableOnFirstLoad = () => {
    try {
      enableUsable();
    } catch (error) {
      reportNotEnabled(error);
    }
  };
  registerEsmLoaderHook(include, onFirstLoad(watched, sdkDirectory, enableOnFirstLoad));
  // One whose enable() throws then records sys_monitor_disabled, after sys_startup.
  sdk.recordStartup({ instrumentations: usable, libraries });
}

/**
 * The libraries whose loading starts the instrumentations: the modules of their definitions, and for http
 * (Node's diagnostics channels of every net server, no module definition) the built-ins a server is made with.
 */
function librariesPatchedBy(names: readonly string[]): Set<string> {
  const libraries = new Set<string>();
  for (const name of names) {
    for (const module of OUTLINES[name]?.modules ?? []) libraries.add(module.name);
    if (name === 'http') for (const server of SERVER_MODULES) libraries.add(server);
  }
  return libraries;
}

const SERVER_MODULES = ['node:net', 'node:tls', 'node:http', 'node:https', 'node:http2'];
