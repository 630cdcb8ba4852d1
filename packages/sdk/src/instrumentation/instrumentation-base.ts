import { InstrumentationBase, type InstrumentationConfig } from '@opentelemetry/instrumentation';
import { LayeredWrap } from './layered-wrap';

/**
 * The base of secotel's instrumentations: OpenTelemetry's InstrumentationBase whose `_wrap` gives every wrapper
 * the `length` and `name` of the method it replaces (code that inspects the library's functions sees no
 * difference), and whose `_wrap` / `_unwrap` keep secotel's wrappers and OpenTelemetry's apart (see LayeredWrap).
 */
export abstract class SecotelInstrumentation<
  Config extends InstrumentationConfig = InstrumentationConfig,
> extends InstrumentationBase<Config> {
  constructor(name: string, version: string, config: Config) {
    super(name, version, config);
    // `_wrap` and `_unwrap` are instance fields of the base class, so they are replaced here, not overridden.
    // Hooks only fire on a later require or import, so no wrap happened before this.
    const layered = new LayeredWrap();
    this._wrap = (target, name, wrapper) => layered.wrap(target, name as string, wrapper as never) as never;
    this._unwrap = (target, name) => layered.unwrap(target, name as string);
  }
}
