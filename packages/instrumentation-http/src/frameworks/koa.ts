import type { IncomingMessage } from 'node:http';
import { InstrumentationNodeModuleDefinition } from '@opentelemetry/instrumentation';
import { guard } from '@secotel/sdk';
import { SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import type { FrameworkReader } from '../framework-reader';
import { RequestContext } from '../request-context';
import { instrumentationId } from './instrumentation-name';

interface KoaContext {
  /** Set by @koa/router to the matched layer's path, prefixes included. */
  _matchedRoute?: unknown;
  state?: { user?: unknown };
  params?: unknown;
  request?: { body?: unknown };
}
type CreateContext = (this: unknown, req: IncomingMessage, ...rest: unknown[]) => KoaContext;
type Application = { prototype: { createContext: CreateContext } };

/** Module names the ESM loader hook must intercept: `import Koa from 'koa'` loads koa's ES module wrapper. */
export const KOA_MODULES = ['koa'] as const;

const KOA_CONTEXT_READER: FrameworkReader<KoaContext> = {
  route: (ctx) => ctx._matchedRoute,
  user: (ctx) => ctx.state?.user,
  params: (ctx) => ctx.params,
  body: (ctx) => ctx.request?.body,
};

function wrapCreateContext(original: CreateContext): CreateContext {
  return function createContext(this: unknown, req, ...rest) {
    const ctx = original.call(this, req, ...rest);
    guard('koa.createContext', () => RequestContext.of(req)?.useFramework(KOA_CONTEXT_READER, ctx));
    return ctx;
  };
}

/** Koa has no diagnostics channels; Application#createContext is wrapped to hand each ctx to its request's context. */
class KoaInstrumentation extends SecotelInstrumentation {
  constructor() {
    super(...instrumentationId('koa'), {});
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition(
      'koa',
      ['>=2 <4'],
      (moduleExports) => {
        this._wrap(application(moduleExports).prototype, 'createContext', wrapCreateContext as never);
        return moduleExports;
      },
      (moduleExports) => this._unwrap(application(moduleExports).prototype, 'createContext'),
    );
  }
}

/** require('koa') is the Application class; the ES module namespace holds it as its default export. */
function application(moduleExports: Application | { default: Application }): Application {
  return 'default' in moduleExports ? moduleExports.default : moduleExports;
}

let instrumentation: KoaInstrumentation | undefined;

/** Starts reading koa's route template (@koa/router), ctx.state.user and parsed body for each request. */
export function enableKoa(): void {
  instrumentation ??= new KoaInstrumentation();
  instrumentation.enable();
}
