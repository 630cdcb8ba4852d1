/**
 * Replaces `emit` on a prototype with `wrap(original, isActive)` and returns what undoes it: the prototype gets
 * back exactly what it had (its own emit, or none when it inherited one). When another library wrapped ours
 * since (OpenTelemetry's http instrumentation wraps Server#emit), taking ours out would take theirs too: ours
 * then stays in place, and `isActive()` turns false so that it passes straight through.
 */
export function replaceEmit<Emit>(
  prototype: object,
  wrap: (original: Emit, isActive: () => boolean) => Emit,
): () => void {
  const target = prototype as { emit: Emit };
  const own = Object.getOwnPropertyDescriptor(prototype, 'emit');
  let active = true;
  const wrapper = wrap(target.emit, () => active);
  target.emit = wrapper;
  return () => {
    active = false;
    if (target.emit !== wrapper) return;
    if (own === undefined) Reflect.deleteProperty(prototype, 'emit');
    else Object.defineProperty(prototype, 'emit', own);
  };
}
