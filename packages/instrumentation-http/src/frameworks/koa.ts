// The wrapper of KoaInstrumentation (koa-instrumentation.ts), loaded when koa is first required or imported.
import type { IncomingMessage } from 'node:http';
import { guard } from '@secotel/sdk';
import type { FrameworkReader } from '../framework-reader';
import { RequestContext } from '../request-context';

interface KoaContext {
  /** Set by @koa/router to the matched layer's path, prefixes included. */
  _matchedRoute?: unknown;
  state?: { user?: unknown };
  params?: unknown;
  request?: { body?: unknown };
}
type CreateContext = (this: unknown, req: IncomingMessage, ...rest: unknown[]) => KoaContext;

const KOA_CONTEXT_READER: FrameworkReader<KoaContext> = {
  route: (ctx) => ctx._matchedRoute,
  user: (ctx) => ctx.state?.user,
  params: (ctx) => ctx.params,
  body: (ctx) => ctx.request?.body,
};

export function wrapCreateContext(original: CreateContext): CreateContext {
  return function createContext(this: unknown, req, ...rest) {
    const ctx = original.call(this, req, ...rest);
    guard('koa.createContext', () => RequestContext.of(req)?.useFramework(KOA_CONTEXT_READER, ctx));
    return ctx;
  };
}
