import { keepSignature } from './keep-signature';

type Method = (this: unknown, ...args: unknown[]) => unknown;
type Wrapper = (original: Method, name: string) => Method;

/** One method secotel replaced: what was there before, and whether secotel's wrapper still acts. */
interface Layer {
  readonly wrapper: Method;
  readonly before: PropertyDescriptor | undefined;
  active: boolean;
}

/**
 * Wraps and unwraps methods without the marks shimmer leaves (`__wrapped`, `__original`, `__unwrap`), so that
 * secotel and OpenTelemetry's own instrumentations can wrap the same method in either order: OpenTelemetry's
 * `_wrap` takes out any shimmer-marked wrapper it finds before putting in its own, and would take out secotel's
 * (or secotel its). secotel's wrapper goes on top of whatever is there; unwrapping puts back what was there when
 * secotel's wrapper is still the outermost, and otherwise leaves it in place, passing calls straight through.
 */
export class LayeredWrap {
  private readonly layers = new WeakMap<object, Map<PropertyKey, Layer>>();

  wrap(target: object, name: string, wrapper: Wrapper): Method {
    const holder = target as Record<string, unknown>;
    let layers = this.layers.get(target);
    const existing = layers?.get(name);
    if (existing !== undefined) {
      // Patched again (a module both required and imported, or enable() after disable()).
      if (holder[name] !== existing.wrapper) {
        existing.active = true;
        return existing.wrapper;
      }
      this.unwrap(target, name);
    }
    const before = Object.getOwnPropertyDescriptor(target, name);
    const original = holder[name] as Method;
    const inner = wrapper(original, name);
    const layer: Layer = {
      before,
      active: true,
      wrapper: keepSignature(
        function (this: unknown) {
          // Two calls, not one with a chosen function: V8 then hands `arguments` on without making the object
          // (every call of a wrapped method passes here; bench/http/PROFILE.md).
          // biome-ignore lint/complexity/noArguments: the call is handed on exactly as it was made.
          if (layer.active) return Reflect.apply(inner, this, arguments);
          // biome-ignore lint/complexity/noArguments: as above.
          return Reflect.apply(original, this, arguments);
        } as Method,
        original,
      ),
    };
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: before?.enumerable ?? false,
      writable: true,
      value: layer.wrapper,
    });
    if (layers === undefined) {
      layers = new Map();
      this.layers.set(target, layers);
    }
    layers.set(name, layer);
    return layer.wrapper;
  }

  unwrap(target: object, name: string): void {
    const layers = this.layers.get(target);
    const layer = layers?.get(name);
    if (layers === undefined || layer === undefined) return;
    layer.active = false;
    if ((target as Record<string, unknown>)[name] !== layer.wrapper) return;
    if (layer.before === undefined) Reflect.deleteProperty(target, name);
    else Object.defineProperty(target, name, layer.before);
    layers.delete(name);
  }
}
