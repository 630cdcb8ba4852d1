// The wrappers of MongodbInstrumentation (mongodb-instrumentation.ts), loaded when the driver is first required.
import { getSecurityContext, guard, type SecurityContext } from '@secotel/sdk';
import type { SecurityAttributes } from '@secotel/semconv';
import { type CommandInfo, describeCommand, findNoSqlInjections } from '../nosql';
import { type DbServer, emitInContext, reportLoginFailure } from './facts';
import type { SensitiveTables } from './sensitive-tables';

/** The parts of the driver's Connection the hook reads. */
interface MongoConnection {
  address?: unknown;
  authContext?: { credentials?: { username?: unknown; source?: unknown } };
}
type Command = (this: MongoConnection, ns: unknown, command: unknown, ...rest: unknown[]) => unknown;

/** Connection#command, watching for the sensitive collections `tables()` returns. */
export function commandWrapper(tables: () => SensitiveTables) {
  return (original: Command): Command =>
    function command(this: MongoConnection, ns, document, ...rest) {
      const observation = guard('mongodb.command', () =>
        CommandObservation.begin(this, ns, document, tables()),
      );
      const result = original.call(this, ns, document, ...rest);
      // The driver awaits this promise itself; reading its outcome here adds no handling the application relies on.
      if (observation !== undefined && result instanceof Promise) {
        result.then(
          (response) => guard('mongodb.result', () => observation.finish(undefined, response)),
          (error) => guard('mongodb.result', () => observation.finish(error)),
        );
      }
      return result;
    };
}

/** One command on its way to the server: injection facts at once, outcome facts when the server answered. */
class CommandObservation {
  private constructor(
    private readonly connection: MongoConnection,
    private readonly server: DbServer,
    private readonly info: CommandInfo,
    private readonly context: SecurityContext | undefined,
    private readonly sensitive: boolean,
  ) {}

  /** Undefined for the common command: no request input in it, not a login, privilege or sensitive one. */
  static begin(
    connection: MongoConnection,
    ns: unknown,
    document: unknown,
    tables: SensitiveTables,
  ): CommandObservation | undefined {
    const info = describeCommand(document);
    if (info === undefined) return undefined;
    const context = getSecurityContext();
    const server = serverOf(connection, ns);
    // Qualified by its database, so that `shop.cards` in the configuration names it as well as `cards` does.
    const qualified =
      server.namespace === undefined ? info.collection : `${server.namespace}.${info.collection}`;
    const sensitive =
      info.access !== undefined && info.collection !== undefined && tables.includes(qualified ?? '');
    const observation = new CommandObservation(connection, server, info, context, sensitive);
    if (info.queryParts.length > 0 && context !== undefined) observation.reportInjections(context);
    return info.login || info.privilegeChange || sensitive ? observation : undefined;
  }

  finish(error: unknown, response?: unknown): void {
    if (error !== undefined && error !== null) {
      if (this.info.login) this.reportLoginFailure(error);
      return;
    }
    if (this.info.privilegeChange) this.emit('privilege_permissions_changed', this.attributes());
    if (this.sensitive && this.info.access !== undefined) {
      const rows = countsOf(response);
      this.emit(this.info.access, {
        ...this.attributes(),
        ...(this.info.access === 'sensitive_read'
          ? { 'db.response.returned_rows': rows.returned }
          : { 'security.db.affected_rows': rows.affected }),
      });
    }
  }

  private reportInjections(context: SecurityContext): void {
    const inputs = context.inputs?.list() ?? [];
    const body = typeof context.body === 'function' ? context.body() : undefined;
    if (inputs.length === 0 && body === undefined) return;
    for (const { kind, input } of findNoSqlInjections(this.info.queryParts, { inputs, body })) {
      this.emit('input_validation_fail', {
        'security.attack.kind': 'nosqli',
        'security.reason': kind,
        'security.attack.source': input.source,
        'security.attack.path': input.path,
        'security.attack.payload': input.value,
        ...this.attributes(),
      });
    }
  }

  private reportLoginFailure(error: unknown): void {
    const credentials = this.connection.authContext?.credentials;
    const source = credentials?.source;
    reportLoginFailure({
      target: typeof source === 'string' ? { ...this.server, namespace: source } : this.server,
      user: typeof credentials?.username === 'string' ? credentials.username : undefined,
      error,
    });
  }

  /** The command by name and collection only: never a filter value, a document or a password. */
  private attributes(): SecurityAttributes {
    const { name, collection } = this.info;
    return {
      'db.system.name': 'mongodb',
      'db.namespace': this.server.namespace,
      'db.operation.name': name,
      'db.collection.name': collection,
      'db.query.summary': collection === undefined ? name : `${name} ${collection}`,
    };
  }

  private emit(name: Parameters<typeof emitInContext>[1], attributes: SecurityAttributes): void {
    emitInContext(this.context, name, attributes);
  }
}

function serverOf(connection: MongoConnection, ns: unknown): DbServer {
  const db = (ns as { db?: unknown } | undefined)?.db;
  const address = typeof connection.address === 'string' ? connection.address : '';
  const colon = address.lastIndexOf(':');
  const port = Number(address.slice(colon + 1));
  return {
    system: 'mongodb',
    namespace: typeof db === 'string' ? db : undefined,
    serverAddress: colon > 0 ? address.slice(0, colon).replace(/^\[|\]$/g, '') : undefined,
    serverPort: colon > 0 && Number.isInteger(port) ? port : undefined,
  };
}

/**
 * Rows a command returned (its cursor's first batch; later getMore batches are not added) or changed (`n`, or
 * `nModified` for an update). The driver hands cursor replies over as lazy BSON exposing batchSize.
 */
function countsOf(response: unknown): { returned?: number; affected?: number } {
  if (typeof response !== 'object' || response === null) return {};
  const lazy = response as { batchSize?: unknown; toObject?: () => unknown };
  if (typeof lazy.batchSize === 'number') return { returned: lazy.batchSize };
  // Other replies may be lazy BSON too (write commands on newer drivers): only their counts are read.
  const reply = (typeof lazy.toObject === 'function' ? lazy.toObject() : response) as {
    cursor?: { firstBatch?: unknown };
    n?: unknown;
    nModified?: unknown;
    value?: unknown;
    lastErrorObject?: { n?: unknown };
  };
  const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
  return {
    returned: Array.isArray(reply.cursor?.firstBatch) ? reply.cursor.firstBatch.length : undefined,
    affected: number(reply.nModified) ?? number(reply.n) ?? number(reply.lastErrorObject?.n),
  };
}
