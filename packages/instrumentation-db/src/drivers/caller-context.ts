import { getSecurityContext, guard, type SecurityContext } from '@secotel/sdk';

/**
 * The request context a pooled statement belongs to. A pool that has no free connection queues the caller and
 * runs it when another request releases one, from that request's async context; pool.query() then issues the
 * statement on the connection from the wrong request. The pool's query() notes its caller's context, the
 * pool's connection-acquire step hands it to the callback that issues the statement, and the connection's
 * query hook reads it from here, all synchronously (no async state is kept or changed).
 */
interface Caller {
  readonly context: SecurityContext | undefined;
}

/** Set by a pool's query() while it calls its own acquire method; read once by that method. */
let queryingPool: Caller | undefined;
/** Set while a pool-acquire callback that issues a pooled statement runs. */
let issuing: Caller | undefined;

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Wraps a pool's query()/execute(): its connection-acquire call (made synchronously inside) learns the caller. */
export function wrapPoolQuery(original: Method): Method {
  return function poolQuery(this: unknown, ...args) {
    const outer = queryingPool;
    queryingPool = { context: guard('pool.query', getSecurityContext) };
    try {
      return original.apply(this, args);
    } finally {
      queryingPool = outer;
    }
  };
}

/**
 * Wraps a pool's connection-acquire method (pg-pool connect(cb), mysql2 getConnection(cb)): when the pool's
 * own query() calls it, the callback runs with the caller's context as the issuing one; other calls pass as
 * they are.
 */
export function wrapPoolAcquire(original: Method): Method {
  return function acquire(this: unknown, callback?: unknown, ...rest) {
    const caller = queryingPool;
    queryingPool = undefined;
    if (caller === undefined || typeof callback !== 'function') return original.call(this, callback, ...rest);
    return original.call(
      this,
      function (this: unknown, ...args: unknown[]) {
        const outer = issuing;
        issuing = caller;
        try {
          return (callback as Method).apply(this, args);
        } finally {
          issuing = outer;
        }
      },
      ...rest,
    );
  };
}

/** The context of the request that issued the statement being sent now. */
export function issuingContext(): SecurityContext | undefined {
  return issuing === undefined ? getSecurityContext() : issuing.context;
}
