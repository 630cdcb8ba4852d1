import type { IncomingMessage } from 'node:http';
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
  if (mayCarryAttack(context)) reportAttacks(context);
  const tool = attackTool(context.incoming.headers['user-agent']);
  if (tool !== undefined) {
    security.maliciousAttackTool({
      'security.attack.tool': tool,
      'security.attack.source': 'header',
      'security.attack.path': '.headers.user-agent',
    });
  }
}

/**
 * Whether any input could match a signature, judged from the raw request: route parameters and cookies are
 * parts of the URL and headers, so only the body needs looking into. Most requests stop here, uncaptured.
 */
function mayCarryAttack(context: RequestContext): boolean {
  if (MAY_CARRY_ATTACK.test(context.rawUrl) || headersMayCarryAttack(context.incoming)) return true;
  const body = context.body();
  return typeof body === 'string' ? body !== '' : typeof body === 'object' && body !== null;
}

/** The raw headers of a connection's last request whose header values all passed the test, kept on its socket. */
const CLEAN_HEADERS = Symbol('secotel.clean-headers');
type Connection = { [CLEAN_HEADERS]?: readonly string[] };

/**
 * Whether a header value could match a signature. A keep-alive client repeats most of its headers with every
 * request: a value equal to the one at the same place in the connection's last clean request is known to pass,
 * and comparing two strings costs less than testing one.
 */
function headersMayCarryAttack(incoming: IncomingMessage): boolean {
  const rawHeaders = incoming.rawHeaders;
  const connection = incoming.socket as Connection | null;
  const clean = connection?.[CLEAN_HEADERS];
  for (let index = 1; index < rawHeaders.length; index += 2) {
    const value = rawHeaders[index] as string;
    if (value !== clean?.[index] && MAY_CARRY_ATTACK.test(value)) return true;
  }
  if (connection) connection[CLEAN_HEADERS] = rawHeaders;
  return false;
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
