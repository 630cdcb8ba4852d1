import type { IncomingMessage } from 'node:http';
import {
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { guard } from '@secotel/sdk';
import { SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import type { FrameworkReader } from '../framework-reader';
import { RequestContext } from '../request-context';
import { instrumentationId } from './instrumentation-name';

interface HapiRequest {
  raw: { req: IncomingMessage };
  /** The matched route's public view; before routing, and for unknown paths, hapi's special notFound route. */
  route?: { method?: unknown; path?: unknown };
  auth?: { isAuthenticated?: boolean; credentials?: { user?: unknown } | null };
  params?: unknown;
  payload?: unknown;
}
type Generate = (this: unknown, server: unknown, req: IncomingMessage, ...rest: unknown[]) => HapiRequest;
interface RequestClass {
  generate: Generate;
}

const SUPPORTED = ['>=21 <22'];

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

/** Request.generate builds every hapi request (of every server and decorated Request class) from node's own. */
function wrapGenerate(original: Generate): Generate {
  return function generate(this: unknown, server, req, ...rest) {
    const request = original.call(this, server, req, ...rest);
    guard('hapi.request', () => RequestContext.of(req)?.useFramework(HAPI_REQUEST_READER, request));
    return request;
  };
}

class HapiInstrumentation extends SecotelInstrumentation {
  constructor() {
    super(...instrumentationId('hapi'), {});
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition('@hapi/hapi', SUPPORTED, undefined, undefined, [
      new InstrumentationNodeModuleFile(
        '@hapi/hapi/lib/request.js',
        SUPPORTED,
        (Request: RequestClass) => {
          this._wrap(Request, 'generate', wrapGenerate as never);
          return Request;
        },
        (Request: RequestClass) => this._unwrap(Request, 'generate'),
      ),
    ]);
  }
}

let instrumentation: HapiInstrumentation | undefined;

/** Starts reading hapi's route template, authenticated credentials, params and payload for each request. */
export function enableHapi(): void {
  instrumentation ??= new HapiInstrumentation();
  instrumentation.enable();
}
