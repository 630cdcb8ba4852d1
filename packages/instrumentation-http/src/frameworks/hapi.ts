// The wrapper of HapiInstrumentation (hapi-instrumentation.ts), loaded when hapi is first required.
import type { IncomingMessage } from 'node:http';
import { guard } from '@secotel/sdk';
import type { FrameworkReader } from '../framework-reader';
import { RequestContext } from '../request-context';

interface HapiRequest {
  raw: { req: IncomingMessage };
  /** The matched route's public view; before routing, and for unknown paths, hapi's special notFound route. */
  route?: { method?: unknown; path?: unknown };
  auth?: { isAuthenticated?: boolean; credentials?: { user?: unknown } | null };
  params?: unknown;
  payload?: unknown;
}
type Generate = (this: unknown, server: unknown, req: IncomingMessage, ...rest: unknown[]) => HapiRequest;

/** hapi's special routes (notFound, badRequest) have this method; their `/{p*}` is no route of the app. */
const SPECIAL_ROUTE_METHOD = '_special';

/**
 * hapi's route templates keep hapi's own syntax (`/users/{id}`), as hapi reports them. The user is what the
 * authentication strategy proved: `credentials.user` when the strategy nests it there, else the credentials.
 */
const HAPI_REQUEST_READER: FrameworkReader<HapiRequest> = {
  route: (request) => (request.route?.method === SPECIAL_ROUTE_METHOD ? undefined : request.route?.path),
  user: (request) => {
    const credentials = request.auth?.isAuthenticated ? request.auth.credentials : undefined;
    return credentials?.user ?? credentials ?? undefined;
  },
  params: (request) => request.params,
  body: (request) => request.payload,
};

export function wrapGenerate(original: Generate): Generate {
  return function generate(this: unknown, server, req, ...rest) {
    const request = original.call(this, server, req, ...rest);
    guard('hapi.request', () => RequestContext.of(req)?.useFramework(HAPI_REQUEST_READER, request));
    return request;
  };
}
