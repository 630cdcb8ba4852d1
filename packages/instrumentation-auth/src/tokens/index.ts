// SCAFFOLD: replaced by the jsonwebtoken and jose instrumentations.
export function enableJsonwebtoken(): void {}
export function enableJose(): void {}
/** Module names the ESM loader hook must intercept for jose. */
export const JOSE_MODULES: readonly string[] = [];
