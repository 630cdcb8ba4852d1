import { errorType } from '../error-type';

/**
 * What a crash record may say about the error: its type and its message, never its stack (whose frames may
 * quote source lines) nor any other property. Reading an application's value may run its getters, so every
 * read is guarded.
 */
export function crashFacts(error: unknown, origin: string): Record<string, string> {
  return {
    'error.type': guarded(() => errorType(error), '_OTHER'),
    'security.reason': `${origin}: ${guarded(() => messageOf(error), 'unreadable error')}`,
  };
}

function messageOf(error: unknown): string {
  // Node wraps a rejection with a non-Error value in an error whose message quotes that value whole.
  if (error instanceof Error && (error as { code?: unknown }).code === 'ERR_UNHANDLED_REJECTION') {
    return 'a promise was rejected with a value that is not an Error';
  }
  if (error instanceof Error) return String(error.message);
  // A thrown primitive is printed by Node as is; an object without a message says nothing safe to keep.
  if (error === null || typeof error !== 'object') return String(error);
  return `a thrown ${Object.prototype.toString.call(error).slice(8, -1)}`;
}

function guarded(read: () => string, fallback: string): string {
  try {
    return read();
  } catch {
    return fallback;
  }
}
