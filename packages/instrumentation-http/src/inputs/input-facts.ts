import { type RequestInput, security } from '@secotel/sdk';
import type { RequestContext } from '../request-context';
import { type AttackKind, attackKind, MAY_CARRY_ATTACK } from './attack-signatures';
import { attackTool } from './attack-tools';

const MAX_PAYLOAD_LENGTH = 256;

/**
 * Emits the facts a request's inputs carry: one input_validation_fail per kind of attack (the first input
 * that shows it) and one malicious_attack_tool when the User-Agent names a known tool.
 */
export function reportInputFacts(context: RequestContext): void {
  const incoming = context.incoming;
  const connection = incoming.socket as Connection | null;
  const sameHeaders = connection !== null && sameStrings(incoming.rawHeaders, connection[CLEAN_HEADERS]);
  const clean = !mayCarryAttack(context, connection, sameHeaders);
  if (!clean) reportAttacks(context);
  // The same header names and values as the connection's last clean request: the same User-Agent, no tool.
  const tool = sameHeaders ? undefined : attackTool(incoming.headers['user-agent']);
  if (tool !== undefined) {
    security.maliciousAttackTool({
      'security.attack.tool': tool,
      'security.attack.source': 'header',
      'security.attack.path': '.headers.user-agent',
    });
  } else if (clean && connection !== null) {
    connection[CLEAN_URL] = context.rawUrl;
    connection[CLEAN_HEADERS] = incoming.rawHeaders;
  }
}

/**
 * The URL and raw headers (names and values) of a connection's last clean request (no input could match a
 * signature, no tool named), kept on its socket. A keep-alive client repeats its headers, and often its URL,
 * with every request: a repeat is known to pass, and comparing strings costs less than testing them.
 */
const CLEAN_URL = Symbol('secotel.clean-url');
const CLEAN_HEADERS = Symbol('secotel.clean-headers');
type Connection = { [CLEAN_URL]?: string; [CLEAN_HEADERS]?: readonly string[] };

/**
 * Whether any input could match a signature, judged from the raw request: route parameters and cookies are
 * parts of the URL and headers, so only the body needs looking into. Most requests stop here, uncaptured.
 */
function mayCarryAttack(
  context: RequestContext,
  connection: Connection | null,
  sameHeaders: boolean,
): boolean {
  const url = context.rawUrl;
  if (url !== connection?.[CLEAN_URL] && MAY_CARRY_ATTACK.test(url)) return true;
  if (!sameHeaders && headersMayCarryAttack(context.incoming.rawHeaders)) return true;
  const body = context.body();
  return typeof body === 'string' ? body !== '' : typeof body === 'object' && body !== null;
}

/** Whether a header value could match a signature (a header's name is no input: only where its value sits). */
function headersMayCarryAttack(rawHeaders: readonly string[]): boolean {
  for (let index = 1; index < rawHeaders.length; index += 2) {
    if (MAY_CARRY_ATTACK.test(rawHeaders[index] as string)) return true;
  }
  return false;
}

function sameStrings(strings: readonly string[], known: readonly string[] | undefined): boolean {
  if (known === undefined || strings.length !== known.length) return false;
  for (let index = 0; index < strings.length; index++) if (strings[index] !== known[index]) return false;
  return true;
}

function reportAttacks(context: RequestContext): void {
  const seen = new Set<AttackKind>();
  for (const input of context.inputs.list()) {
    const kind = attackKind(input);
    if (kind === undefined || seen.has(kind)) continue;
    seen.add(kind);
    security.inputValidationFail({
      'security.attack.kind': kind,
      'security.attack.source': input.source,
      'security.attack.path': input.path,
      'security.attack.payload': input.value.slice(0, MAX_PAYLOAD_LENGTH),
      'security.input.names': [inputName(input)],
    });
  }
}

/** The input's own name, the last step of its path (`.body.user.name` -> `name`). */
function inputName(input: RequestInput): string {
  return input.path.slice(input.path.lastIndexOf('.') + 1).replace(/\[\d+\]$/, '');
}
