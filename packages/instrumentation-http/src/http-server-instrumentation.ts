import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { InstrumentationConfig } from '@opentelemetry/instrumentation';
import { reportInternalError, type TrustProxy } from '@secotel/sdk';
import { lazily, SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { instrumentationId } from './frameworks/instrumentation-name';

export interface HttpServerInstrumentationConfig extends InstrumentationConfig {
  /**
   * Which proxies may report the client address in X-Forwarded-For / Forwarded (SECOTEL_TRUST_PROXY); none by
   * default, so the client address is the socket peer's.
   */
  trustProxy?: TrustProxy;
}

const hooks = lazily(() => require('./http-server') as typeof import('./http-server'));

/** Node publishes it for every connection a net (so http and https) server accepts, before it reads a byte. */
const CONNECTION_CHANNEL = 'net.server.socket';

/** The instrumentation whose hooks are installed, process-wide: two sets would give each request two contexts. */
const ACTIVE = Symbol.for('secotel.instrumentation-http.server');
type Holder = { [ACTIVE]?: { owner: object; remove?: () => void } };

/**
 * Every request of every node:http and node:https server gets a security context (client, route, user, inputs),
 * and refusals, attack inputs and requests node's parser rejects are reported. It works from node's diagnostics
 * channels, so it has no module to patch: its hooks are installed when the process accepts its first connection
 * (a process that serves nothing never loads them) and removed by disable().
 */
export class HttpServerInstrumentation extends SecotelInstrumentation<HttpServerInstrumentationConfig> {
  constructor(config: HttpServerInstrumentationConfig = {}) {
    super(...instrumentationId('http'), config);
  }

  protected override init() {
    return [];
  }

  override enable(): void {
    if (this.isEnabled()) return;
    super.enable();
    const holder = globalThis as Holder;
    if (holder[ACTIVE] !== undefined) {
      this._diag.warn('another HttpServerInstrumentation is enabled already; this one does nothing');
      return;
    }
    holder[ACTIVE] = { owner: this };
    // Enabled again after serving: connections are open already, so the hooks go in at once.
    if (served) installHooks();
    else subscribe(CONNECTION_CHANNEL, installOnFirstConnection);
  }

  /** A new trustProxy takes effect for the next request: the installed hooks are put in again with it. */
  override setConfig(config: HttpServerInstrumentationConfig = {}): void {
    super.setConfig(config);
    const active = (globalThis as Holder)[ACTIVE];
    if (active?.owner !== this || active.remove === undefined) return;
    active.remove();
    active.remove = undefined;
    installHooks();
  }

  override disable(): void {
    if (!this.isEnabled()) return;
    super.disable();
    const holder = globalThis as Holder;
    const active = holder[ACTIVE];
    if (active?.owner !== this) return;
    unsubscribe(CONNECTION_CHANNEL, installOnFirstConnection);
    active.remove?.();
    delete holder[ACTIVE];
  }
}

/** Whether the process accepted a connection while an instrumentation was enabled. */
let served = false;

function installOnFirstConnection(): void {
  unsubscribe(CONNECTION_CHANNEL, installOnFirstConnection);
  served = true;
  installHooks();
}

function installHooks(): void {
  const active = (globalThis as Holder)[ACTIVE];
  if (active === undefined || active.remove !== undefined) return;
  try {
    const config = (active.owner as HttpServerInstrumentation).getConfig();
    active.remove = hooks().installHttpServerHooks(config.trustProxy ?? { kind: 'none' });
  } catch (error) {
    reportInternalError('http.server.install', error);
  }
}
