// secotel's wrappers and OpenTelemetry's on the same method, in either order: OpenTelemetry's own _wrap (the
// real InstrumentationBase) takes out any shimmer-marked wrapper before it puts in its own, so secotel's must
// not carry those marks, must go on top of OpenTelemetry's without removing it, and must come out again (or pass
// calls straight through when something else now sits on top of it).
import { InstrumentationBase } from '@opentelemetry/instrumentation';
import { describe, expect, it } from 'vitest';
import { SecotelInstrumentation, WRAPPED_ORIGINAL } from '../src/instrumentation';

class OtelLike extends InstrumentationBase {
  constructor() {
    super('otel-like', '1.0.0', { enabled: false });
  }
  protected override init() {
    return [];
  }
  wrap(target: object, name: string, tag: string, calls: string[]) {
    this._wrap(
      target as never,
      name as never,
      ((original: (...args: unknown[]) => unknown) =>
        function (this: unknown, ...args: unknown[]) {
          calls.push(tag);
          return original.apply(this, args);
        }) as never,
    );
  }
  unwrap(target: object, name: string) {
    this._unwrap(target as never, name as never);
  }
}

class Secotel extends SecotelInstrumentation {
  constructor() {
    super('secotel-like', '1.0.0', { enabled: false });
  }
  protected override init() {
    return [];
  }
  wrap(target: object, name: string, calls: string[]) {
    this._wrap(
      target as never,
      name as never,
      ((original: (...args: unknown[]) => unknown) =>
        function (this: unknown, ...args: unknown[]) {
          calls.push('secotel');
          return original.apply(this, args);
        }) as never,
    );
  }
  unwrap(target: object, name: string) {
    this._unwrap(target as never, name as never);
  }
}

class Library {
  greet(this: Library, who: string, punctuation = '!'): string {
    return `hello ${who}${punctuation}`;
  }
}

function fresh() {
  const prototype = Library.prototype;
  const original = Object.getOwnPropertyDescriptor(prototype, 'greet') as PropertyDescriptor;
  return { prototype, original, calls: [] as string[], otel: new OtelLike(), secotel: new Secotel() };
}

describe("secotel's wrappers beside OpenTelemetry's", () => {
  it('stack on top of an OpenTelemetry wrapper and come off again, leaving it in place', () => {
    const { prototype, original, calls, otel, secotel } = fresh();
    otel.wrap(prototype, 'greet', 'otel', calls);
    const otelWrapper = prototype.greet;
    secotel.wrap(prototype, 'greet', calls);
    expect(new Library().greet('bob')).toBe('hello bob!');
    expect(calls).toEqual(['secotel', 'otel']);
    // The length and name of what it replaced (here OpenTelemetry's wrapper, which kept neither).
    expect(prototype.greet.length).toBe(otelWrapper.length);
    expect(prototype.greet.name).toBe(otelWrapper.name);
    expect((prototype.greet as unknown as Record<symbol, unknown>)[WRAPPED_ORIGINAL]).toBe(otelWrapper);
    secotel.unwrap(prototype, 'greet');
    expect(prototype.greet).toBe(otelWrapper);
    otel.unwrap(prototype, 'greet');
    expect(Object.getOwnPropertyDescriptor(prototype, 'greet')).toEqual(original);
  });

  it('are not taken out by an OpenTelemetry wrapper put on top, and pass through once unwrapped', () => {
    const { prototype, original, calls, otel, secotel } = fresh();
    secotel.wrap(prototype, 'greet', calls);
    otel.wrap(prototype, 'greet', 'otel', calls);
    new Library().greet('ann');
    expect(calls).toEqual(['otel', 'secotel']);
    // Covered by OpenTelemetry's wrapper: secotel's stays in the chain but no longer acts.
    secotel.unwrap(prototype, 'greet');
    calls.length = 0;
    expect(new Library().greet('ann', '?')).toBe('hello ann?');
    expect(calls).toEqual(['otel']);
    // Enabled again, the same wrapper acts again rather than a second one being stacked.
    secotel.wrap(prototype, 'greet', calls);
    calls.length = 0;
    new Library().greet('ann');
    expect(calls).toEqual(['otel', 'secotel']);
    otel.unwrap(prototype, 'greet');
    secotel.unwrap(prototype, 'greet');
    expect(Object.getOwnPropertyDescriptor(prototype, 'greet')).toEqual(original);
  });

  it('wrap a method patched twice (a module both required and imported) once', () => {
    const { prototype, original, calls, secotel } = fresh();
    secotel.wrap(prototype, 'greet', calls);
    secotel.wrap(prototype, 'greet', calls);
    new Library().greet('eve');
    expect(calls).toEqual(['secotel']);
    secotel.unwrap(prototype, 'greet');
    expect(Object.getOwnPropertyDescriptor(prototype, 'greet')).toEqual(original);
  });

  it('put back an inherited method by removing the own property they added', () => {
    const { calls, secotel } = fresh();
    const child = Object.create(Library.prototype) as Library;
    secotel.wrap(child, 'greet', calls);
    expect(Object.hasOwn(child, 'greet')).toBe(true);
    secotel.unwrap(child, 'greet');
    expect(Object.hasOwn(child, 'greet')).toBe(false);
    expect(child.greet('joe')).toBe('hello joe!');
  });
});
