import { boundedMemo } from '@secotel/sdk/instrumentation';

/**
 * User-Agent tokens of attack and reconnaissance tools that announce themselves by default, mapped to the
 * tool's name. Matched as whole words, so `Nucleus` or `hydrate` are not `nuclei` or `hydra`.
 */
const TOOLS: ReadonlyArray<[RegExp, string]> = [
  [/\bsqlmap\b/i, 'sqlmap'],
  [/\bnikto\b/i, 'nikto'],
  [/\bnuclei\b/i, 'nuclei'],
  [/\bwpscan\b/i, 'wpscan'],
  [/\bgobuster\b/i, 'gobuster'],
  [/\bffuf\b|Fuzz Faster U Fool/i, 'ffuf'],
  [/\bhydra\b/i, 'hydra'],
  [/\bmasscan\b/i, 'masscan'],
  [/\bzgrab\b/i, 'zgrab'],
  [/\bacunetix\b|\bacunetix-/i, 'acunetix'],
  [/\bdirbuster\b/i, 'dirbuster'],
  [/\bdirb\b/i, 'dirb'],
  [/\bferoxbuster\b/i, 'feroxbuster'],
  [/\bwfuzz\b/i, 'wfuzz'],
  [/\bNmap Scripting Engine\b/i, 'nmap'],
  [/\bnessus\b/i, 'nessus'],
  [/\bopenvas\b/i, 'openvas'],
  [/\bnetsparker\b|\binvicti\b/i, 'netsparker'],
  [/\bw3af\b/i, 'w3af'],
  [/\bhavij\b/i, 'havij'],
  [/\bcommix\b/i, 'commix'],
  [/\bjoomscan\b/i, 'joomscan'],
  [/\barachni\b/i, 'arachni'],
  [/\bskipfish\b/i, 'skipfish'],
  [/\bxsstrike\b/i, 'xsstrike'],
  [/\bjaeles\b/i, 'jaeles'],
  [/\bwhatweb\b/i, 'whatweb'],
  [/\bzmeu\b/i, 'zmeu'],
];
/** All tokens in one expression: an ordinary agent costs a single scan. */
const ANY_TOOL = new RegExp(TOOLS.map(([pattern]) => pattern.source).join('|'), 'i');

/** The verdict kept for an agent that names no tool. */
const NO_TOOL = '';

/**
 * A client sends the same User-Agent with every request, so the verdicts on the last 64 agents (of at most 512
 * characters) are kept: the scan runs once per agent rather than once per request.
 */
const verdictOf = boundedMemo(scan, 64, 512);

/** The attack tool a User-Agent names, if any. */
export function attackTool(userAgent: string | undefined): string | undefined {
  if (userAgent === undefined) return undefined;
  const verdict = verdictOf(userAgent);
  return verdict === NO_TOOL ? undefined : verdict;
}

function scan(userAgent: string): string {
  if (!ANY_TOOL.test(userAgent)) return NO_TOOL;
  return TOOLS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? NO_TOOL;
}
