// SCAFFOLD: replaced by the express-session instrumentation.
export function enableExpressSession(): void {}
