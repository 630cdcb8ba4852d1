import { describe, expect, it } from 'vitest';
import { tsHelperName } from '../generator/identifiers.mjs';
import { createEventHelpers, type EmitFunction, SECURITY_EVENT_NAMES } from '../src/index';

function recordingHelpers() {
  const calls: Parameters<EmitFunction>[] = [];
  const helpers = createEventHelpers((...call) => calls.push(call));
  return { calls, helpers: helpers as unknown as Record<string, (...args: unknown[]) => void> };
}

describe('createEventHelpers', () => {
  it('has one helper per event, named after it', () => {
    const { helpers } = recordingHelpers();
    expect(Object.keys(helpers).sort()).toEqual(SECURITY_EVENT_NAMES.map(tsHelperName).sort());
  });

  it.each(SECURITY_EVENT_NAMES)('emits %s with the attributes and options it was given', (name) => {
    const { calls, helpers } = recordingHelpers();
    const attributes = { 'user.name': 'alice', 'custom.key': 1 };
    const options = { body: 'a body of its own' };
    helpers[tsHelperName(name)](attributes, options);
    expect(calls).toHaveLength(1);
    const [emittedName, emittedAttributes, emittedOptions] = calls[0];
    expect(emittedName).toBe(name);
    expect(emittedAttributes).toBe(attributes);
    expect(emittedOptions).toBe(options);
  });

  it('passes missing attributes and options on as undefined', () => {
    const { calls, helpers } = recordingHelpers();
    helpers.authnLoginSuccess();
    expect(calls).toEqual([['authn_login_success', undefined, undefined]]);
  });
});
