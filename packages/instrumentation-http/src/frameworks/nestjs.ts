// The wrapper of NestjsInstrumentation (nestjs-instrumentation.ts), loaded when NestJS's guards consumer is
// first required or imported.
import { guard, security } from '@secotel/sdk';

type TryActivate = (
  this: unknown,
  guards: unknown,
  args: unknown,
  instance: unknown,
  callback: unknown,
  type?: unknown,
  ...rest: unknown[]
) => Promise<boolean>;

/** `UsersController.findOne`: the controller method the refused request was routed to. */
function handlerName(instance: unknown, callback: unknown): string | undefined {
  const controller = (instance as { constructor?: { name?: unknown } } | null)?.constructor?.name;
  const method = (callback as { name?: unknown } | null)?.name;
  if (typeof controller !== 'string' || controller === '') return undefined;
  return typeof method === 'string' && method !== '' ? `${controller}.${method}` : controller;
}

/**
 * A guard returned false (Nest then throws a ForbiddenException, 403) or threw a 403 itself. The fact is emitted
 * here, where the refused controller method is known, with the request's route from the adapter's context; the
 * 403 the response then carries is not reported a second time. An exception filter may still answer otherwise
 * (a 404 to hide the resource): the fact keeps the 403 Nest decided, and the 404 is a fact of its own. Guards
 * of WebSocket and microservice handlers (context type `ws`, `rpc`) are not reported.
 */
export function wrapTryActivate(original: TryActivate): TryActivate {
  return async function tryActivate(this: unknown, guards, args, instance, callback, type, ...rest) {
    let allowed: boolean;
    try {
      allowed = await original.call(this, guards, args, instance, callback, type, ...rest);
    } catch (error) {
      // A guard may refuse by throwing a ForbiddenException (or any HttpException with status 403) itself.
      if (type === 'http' && statusOf(error) === 403) reportGuardRefusal(instance, callback);
      throw error;
    }
    if (allowed === false && type === 'http') reportGuardRefusal(instance, callback);
    return allowed;
  };
}

function reportGuardRefusal(instance: unknown, callback: unknown): void {
  guard('nestjs.guard', () =>
    security.authzFail({
      'security.resource': handlerName(instance, callback),
      'security.reason': 'guard_refused',
      'http.response.status_code': 403,
    }),
  );
}

/** The status of a Nest HttpException (getStatus()), without depending on @nestjs/common's class. */
function statusOf(error: unknown): unknown {
  const getStatus = (error as { getStatus?: unknown } | null)?.getStatus;
  return typeof getStatus === 'function' ? guard('nestjs.status', () => getStatus.call(error)) : undefined;
}
