import { createHash } from 'node:crypto';

/** A stable UUID (version 5 layout) for a name: the same rule keeps its id across generations. */
export function stableUuid(name) {
  const hex = createHash('sha1').update(`secotel:${name}`).digest('hex');
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
