import { InstrumentationBase, type InstrumentationConfig } from '@opentelemetry/instrumentation';
import { keepSignature } from './keep-signature';

/**
 * The base of secotel's instrumentations: OpenTelemetry's InstrumentationBase whose `_wrap` gives
 * every wrapper the `length` and `name` of the method it replaces, so a patched library looks the
 * same to code that inspects its functions.
 */
export abstract class SecotelInstrumentation<
  Config extends InstrumentationConfig = InstrumentationConfig,
> extends InstrumentationBase<Config> {
  constructor(name: string, version: string, config: Config) {
    super(name, version, config);
    // `_wrap` is an instance field (shimmer's wrap), so it is replaced here rather than overridden.
    const shimmerWrap = this._wrap;
    this._wrap = (nodule, field, wrapper) =>
      shimmerWrap(nodule, field, (original, name) => keepSignature(wrapper(original, name), original));
  }
}
