import type { SensitiveEvent } from '../drivers/facts';

/** What secotel needs to know about one MongoDB command document. */
export interface CommandInfo {
  /** The command name, the document's first key: `find`, `update`, `createUser`. */
  readonly name: string;
  /** The collection it works on, for collection-level commands. */
  readonly collection?: string;
  /** The sensitive-data fact a success on a sensitive collection is. */
  readonly access?: SensitiveEvent;
  /** The parts of it that hold query structure: filters, updates, pipelines, server-side JavaScript. */
  readonly queryParts: readonly unknown[];
  /** It creates, changes or removes users, roles or their grants. */
  readonly privilegeChange: boolean;
  /** It is a step of a login (SASL or the legacy authenticate). */
  readonly login: boolean;
}

type Command = Record<string, unknown>;

/** Commands that read or write a collection's documents, the fact a success on a sensitive one is, and where
 * their query structure sits. */
const DATA_COMMANDS: Readonly<
  Record<string, { access: SensitiveEvent; parts: (command: Command) => unknown[] }>
> = {
  find: { access: 'sensitive_read', parts: (c) => [c.filter] },
  aggregate: { access: 'sensitive_read', parts: (c) => [c.pipeline] },
  count: { access: 'sensitive_read', parts: (c) => [c.query] },
  distinct: { access: 'sensitive_read', parts: (c) => [c.query] },
  mapReduce: { access: 'sensitive_read', parts: (c) => [c.query, c.map, c.reduce, c.finalize] },
  insert: { access: 'sensitive_create', parts: () => [] },
  update: {
    access: 'sensitive_update',
    parts: (c) => listOf(c.updates).flatMap((u) => [field(u, 'q'), field(u, 'u')]),
  },
  findAndModify: { access: 'sensitive_update', parts: (c) => [c.query, c.update] },
  delete: { access: 'sensitive_delete', parts: (c) => listOf(c.deletes).map((d) => field(d, 'q')) },
  drop: { access: 'sensitive_delete', parts: () => [] },
};

/** User and role management: a success changes who may do what. */
const PRIVILEGE_COMMANDS = new Set([
  'createUser',
  'updateUser',
  'dropUser',
  'dropAllUsersFromDatabase',
  'grantRolesToUser',
  'revokeRolesFromUser',
  'createRole',
  'updateRole',
  'dropRole',
  'dropAllRolesFromDatabase',
  'grantRolesToRole',
  'revokeRolesFromRole',
  'grantPrivilegesToRole',
  'revokePrivilegesFromRole',
]);

const LOGIN_COMMANDS = new Set(['saslStart', 'saslContinue', 'authenticate']);

export function describeCommand(command: unknown): CommandInfo | undefined {
  if (typeof command !== 'object' || command === null) return undefined;
  const document = command as Command;
  const name = Object.keys(document)[0];
  if (name === undefined) return undefined;
  const target = document[name];
  const data = DATA_COMMANDS[name];
  return {
    name,
    collection: typeof target === 'string' ? target : undefined,
    access: name === 'findAndModify' && document.remove === true ? 'sensitive_delete' : data?.access,
    queryParts: data === undefined ? [] : data.parts(document).filter((part) => part !== undefined),
    privilegeChange: PRIVILEGE_COMMANDS.has(name),
    login: LOGIN_COMMANDS.has(name),
  };
}

function listOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Command)[key] : undefined;
}
