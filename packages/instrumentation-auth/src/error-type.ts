/**
 * A low-cardinality error.type: the error's stable code (`ECONNREFUSED`, jose's `ERR_JWT_EXPIRED`), else its
 * class name (jsonwebtoken's `TokenExpiredError`), else semconv's `_OTHER`.
 */
export function errorType(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === 'string' && code !== '') return code;
    if (typeof name === 'string' && name !== '') return name;
  }
  return '_OTHER';
}
