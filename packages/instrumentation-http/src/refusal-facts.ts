import type { ServerResponse } from 'node:http';
import { recordedInContext, security } from '@secotel/sdk';

/** Answers that, one by one harmless, trace a scanner or a probe when they come in bursts. */
const REJECTIONS: ReadonlySet<number> = new Set([400, 404, 405, 413, 414, 431]);

/**
 * Emits the refusal fact for a response's status, if it is one: 401, 403, 429 and the rejections above. The
 * request's method, route, path and client come from the context the caller runs this in. A refusal the
 * application already reported by hand in this request (authz_fail, excess_rate_limit_exceeded) is not repeated.
 */
export function reportRefusal(response: ServerResponse): void {
  const status = response.statusCode;
  if (status < 400) return;
  const attributes = { 'http.response.status_code': status };
  if (status === 401) {
    security.requestUnauthorized({ ...attributes, 'security.auth.scheme': authScheme(response) });
  } else if (status === 403) {
    if (!recordedInContext('authz_fail')) security.authzFail(attributes);
  } else if (status === 429) {
    if (recordedInContext('excess_rate_limit_exceeded')) return;
    security.excessRateLimitExceeded({ ...attributes, 'security.limit': rateLimit(response) });
  } else if (REJECTIONS.has(status)) {
    security.requestRejected(attributes);
  }
}

/** The scheme of the first challenge in WWW-Authenticate, e.g. `Bearer realm="api"` -> `Bearer`. */
function authScheme(response: ServerResponse): string | undefined {
  return /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)/.exec(responseHeader(response, 'www-authenticate') ?? '')?.[1];
}

/** The limit the response announces (IETF RateLimit-Limit or the older X-RateLimit-Limit), when it does. */
function rateLimit(response: ServerResponse): number | undefined {
  const header = responseHeader(response, 'ratelimit-limit') ?? responseHeader(response, 'x-ratelimit-limit');
  const limit = Number.parseInt(header ?? '', 10);
  return Number.isSafeInteger(limit) && limit >= 0 ? limit : undefined;
}

/**
 * A response header's (first) value. Headers passed to writeHead() as an object skip the header map that
 * getHeader() reads and go straight into the head node sent, so that is read when the map has nothing.
 */
function responseHeader(response: ServerResponse, name: string): string | undefined {
  const value = response.getHeader(name);
  if (value !== undefined) return String(Array.isArray(value) ? value[0] : value);
  const head = (response as { _header?: unknown })._header;
  if (typeof head !== 'string') return undefined;
  return new RegExp(`\r\n${name}:[ \t]*([^\r\n]*)`, 'i').exec(head)?.[1];
}
