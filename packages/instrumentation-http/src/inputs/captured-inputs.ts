import type { RequestInput, RequestInputs } from '@secotel/sdk';
import { parseCookie } from 'cookie';
import type { RequestContext } from '../request-context';
import { flatten, INPUT_LIMITS, input } from './flatten';

/** Credentials are kept out: nothing checks them for attacks, and holding them would only widen exposure. */
const HEADERS_LEFT_OUT = new Set(['cookie', 'authorization', 'proxy-authorization']);

/**
 * A request's inputs, captured once each, the first time someone asks. The URL, headers and cookies are
 * known when the request starts; route parameters and the body join once the framework has parsed them.
 */
export class CapturedInputs implements RequestInputs {
  private known?: readonly RequestInput[];
  private readonly params = new ParsedSource(paramInputs);
  private readonly body = new ParsedSource(bodyInputs);

  constructor(private readonly context: RequestContext) {}

  list(): readonly RequestInput[] {
    this.known ??= [...this.urlInputs(), ...this.headerInputs(), ...this.cookieInputs()];
    return [
      ...this.known,
      ...this.params.inputs(this.context.params()),
      ...this.body.inputs(this.context.body()),
    ];
  }

  private urlInputs(): RequestInput[] {
    const url = this.context.rawUrl;
    const queryStart = url.indexOf('?');
    const path = input('path', '.path', queryStart === -1 ? url : url.slice(0, queryStart));
    if (queryStart === -1) return [path];
    const query: RequestInput[] = [path];
    const rawQuery = url.slice(queryStart + 1);
    // URLSearchParams skips empty pairs, so its entries line up with the non-empty raw pairs.
    const rawPairs = rawQuery.split('&').filter((pair) => pair !== '');
    let index = 0;
    for (const [name, value] of new URLSearchParams(rawQuery)) {
      if (query.length > INPUT_LIMITS.maxInputsPerSource) break;
      const raw = rawPairs[index++] ?? '';
      query.push(
        input('query', `.query.${name.slice(0, INPUT_LIMITS.maxKeyLength)}`, queryValue(value, raw)),
      );
    }
    return query;
  }

  private headerInputs(): RequestInput[] {
    const headers: RequestInput[] = [];
    for (const [name, value] of Object.entries(this.context.incoming.headers)) {
      if (HEADERS_LEFT_OUT.has(name) || headers.length >= INPUT_LIMITS.maxInputsPerSource) continue;
      for (const single of Array.isArray(value) ? value : [value ?? '']) {
        headers.push(input('header', `.headers.${name}`, single));
      }
    }
    return headers;
  }

  private cookieInputs(): RequestInput[] {
    const header = this.context.incoming.headers.cookie;
    if (header === undefined) return [];
    const cookies = parseCookie(header);
    return Object.keys(cookies)
      .slice(0, INPUT_LIMITS.maxInputsPerSource)
      .flatMap((name) => {
        const value = cookies[name];
        return value === undefined
          ? []
          : [input('cookie', `.cookies.${name.slice(0, INPUT_LIMITS.maxKeyLength)}`, value)];
      });
  }
}

/**
 * A query value as applications see it. Bytes that are not UTF-8 (the overlong `%c0%ae` for `.`) decode to
 * U+FFFD here, while express's qs and other lenient decoders keep such a value encoded: the encoded text is what
 * the application holds, and the attack signatures decode its evasive forms themselves.
 */
function queryValue(decoded: string, rawPair: string): string {
  if (!decoded.includes('\uFFFD')) return decoded;
  const raw = rawPair.slice(rawPair.indexOf('=') + 1).replaceAll('+', ' ');
  return raw.includes('%') ? raw : decoded;
}

function paramInputs(params: unknown): RequestInput[] {
  return flatten('route', '.params', params);
}

/** A body parsed to text (a text or raw-string parser) is one input; a parsed JSON or form body is flattened. */
function bodyInputs(body: unknown): RequestInput[] {
  return typeof body === 'string' ? [input('body', '.body', body)] : flatten('body', '.body', body);
}

/**
 * A source the framework parses while the request runs. It is flattened once per parsed object: express hands
 * each middleware its own req.params, and the body appears only after the body parser ran.
 */
class ParsedSource {
  private parsed: unknown;
  private flattened: readonly RequestInput[] = [];

  constructor(private readonly toInputs: (value: unknown) => RequestInput[]) {}

  inputs(value: unknown): readonly RequestInput[] {
    if (value === undefined || value === null) return [];
    if (value !== this.parsed) {
      this.parsed = value;
      this.flattened = this.toInputs(value);
    }
    return this.flattened;
  }
}
