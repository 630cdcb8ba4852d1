/**
 * For instrumentations: a low-cardinality error.type. The error's stable code (`ECONNREFUSED`, `42601`, jose's
 * `ERR_JWT_EXPIRED`), else its class name (jsonwebtoken's `TokenExpiredError`), else semconv's `_OTHER`.
 */
export function errorType(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if ((typeof code === 'string' && code !== '') || typeof code === 'number') return String(code);
    if (typeof name === 'string' && name !== '') return name;
  }
  return '_OTHER';
}
