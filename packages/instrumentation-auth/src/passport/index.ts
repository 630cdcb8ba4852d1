// SCAFFOLD: replaced by the passport instrumentation.
export function enablePassport(): void {}
