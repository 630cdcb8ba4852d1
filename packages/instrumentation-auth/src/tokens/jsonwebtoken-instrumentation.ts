import {
  type InstrumentationConfig,
  InstrumentationNodeModuleDefinition,
  InstrumentationNodeModuleFile,
} from '@opentelemetry/instrumentation';
import { keepSignature, lazily, SecotelInstrumentation } from '@secotel/sdk/instrumentation';
import { instrumentationId } from '../instrumentation-id';
import type { TokenFunction } from './jsonwebtoken';

const SUPPORTED = ['>=9 <10'];

const wrappers = lazily(() => require('./jsonwebtoken') as typeof import('./jsonwebtoken'));

export type JsonwebtokenInstrumentationConfig = InstrumentationConfig;

/**
 * The tokens jsonwebtoken signs and the precise reason of each failed verification. jsonwebtoken's index.js
 * re-exports `require('./sign')` and `require('./verify')`, whose module.exports are the functions themselves;
 * replacing those files' exports covers `require('jsonwebtoken')`, its default import from ES modules (which
 * require-in-the-middle does not see) and libraries such as passport-jwt.
 */
export class JsonwebtokenInstrumentation extends SecotelInstrumentation<JsonwebtokenInstrumentationConfig> {
  constructor(config: JsonwebtokenInstrumentationConfig = {}) {
    super(...instrumentationId('jsonwebtoken'), config);
  }

  protected override init() {
    return new InstrumentationNodeModuleDefinition('jsonwebtoken', SUPPORTED, undefined, undefined, [
      this.replaceFile('jsonwebtoken/sign.js', 'wrapSign'),
      this.replaceFile('jsonwebtoken/verify.js', 'wrapVerify'),
    ]);
  }

  /**
   * index.js keeps whatever the file exported, so a disabled instrumentation cannot put the original back:
   * the wrapper passes calls straight through instead.
   */
  private replaceFile(name: string, wrap: 'wrapSign' | 'wrapVerify') {
    return new InstrumentationNodeModuleFile(
      name,
      SUPPORTED,
      (original: TokenFunction) =>
        keepSignature(
          wrappers()[wrap](original, () => this.isEnabled()),
          original,
        ),
      () => {},
    );
  }
}
