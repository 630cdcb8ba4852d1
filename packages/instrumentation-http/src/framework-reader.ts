/**
 * How to read what a framework learned about a request (route template, user, route parameters, parsed body)
 * from the framework's own request object. Readers are shared constants, so attaching one to a request
 * allocates nothing; they are called only when an event or the database layer needs the value.
 */
export interface FrameworkReader<Source = unknown> {
  route(source: Source): unknown;
  user(source: Source): unknown;
  params(source: Source): unknown;
  body(source: Source): unknown;
}

interface DecoratedRequest {
  user?: unknown;
  params?: unknown;
  body?: unknown;
}

/**
 * node:http and express (and connect-style middleware such as passport and body-parser) decorate the
 * IncomingMessage itself. Express route templates are set on the context by its instrumentation instead.
 */
export const DECORATED_REQUEST_READER: FrameworkReader<DecoratedRequest> = {
  route: () => undefined,
  user: (request) => request.user,
  params: (request) => request.params,
  body: (request) => request.body,
};
