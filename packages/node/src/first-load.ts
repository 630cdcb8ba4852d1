import { isBuiltin, Module } from 'node:module';
import { builtInLoaded } from '@secotel/sdk/thread-kind';

/**
 * The library a require or import request names: a package (`pg`, `@hapi/hapi`, from a bare name or from the
 * path of a file in node_modules) or a built-in (`http`, `node:http`). Empty for the application's own files.
 */
export function libraryOf(request: string): string {
  if (request.startsWith('node:')) return request;
  if (/^[./\\]|^[a-zA-Z]:|^file:/.test(request)) {
    const inPackage = /node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)(?![\s\S]*node_modules[\\/])/.exec(
      request,
    );
    return inPackage?.[1]?.replace('\\', '/') ?? '';
  }
  const [first = '', second] = request.split('/');
  return first.startsWith('@') && second !== undefined ? `${first}/${second}` : first;
}

/**
 * Whether one of the libraries is loaded already: a file of it in require's cache, or a built-in Node loaded.
 * Where Node does not list its built-ins, every built-in counts as loaded (the caller then starts at once).
 */
export function anyLoaded(libraries: ReadonlySet<string>): boolean {
  if (Object.keys(require.cache).some((file) => libraries.has(libraryOf(file)))) return true;
  return [...libraries].some(
    (library) => library.startsWith('node:') && (builtInLoaded(library.slice('node:'.length)) ?? true),
  );
}

type Load = (this: unknown, id: string, ...rest: unknown[]) => unknown;

/**
 * Runs `start` once, when the application first loads one of the libraries: by require() (a wrapper of
 * Module.prototype.require, where require hooks sit), by process.getBuiltinModule(), or by import (the returned
 * function, which the ESM resolve hook calls). `start` runs before that load goes on, and the load then goes
 * through every hook `start` installed, so that the library is patched on that very first load. The wrappers
 * take themselves out, or pass every request on when another hook has wrapped them meanwhile. `start` must not
 * throw: it runs inside the application's require or import.
 * Built-ins are named `node:x`; `x` matches them too. Requires made by the files under `ignoredDirectory` (the
 * SDK's exporter loading node:http, which serves nothing) do not count.
 */
export function onFirstLoad(
  libraries: ReadonlySet<string>,
  ignoredDirectory: string,
  start: () => void,
): (specifier: string) => void {
  let started = false;
  const named = (id: unknown): boolean =>
    typeof id === 'string' &&
    (libraries.has(libraryOf(id)) || (isBuiltin(id) && libraries.has(`node:${id}`)));
  const unwraps: (() => void)[] = [];
  const fire = () => {
    started = true;
    for (const unwrap of unwraps) unwrap();
    start();
  };
  /** Wraps one way of loading so that a load it counts fires first; returns what takes the wrapper out. */
  const watch = (
    holder: Record<string, Load | undefined>,
    key: string,
    counts: (caller: unknown, id: unknown) => boolean,
  ): (() => void) => {
    const original = holder[key];
    if (original === undefined) return () => {};
    const wrapper: Load = function (this: unknown, id, ...rest) {
      if (started || !counts(this, id)) return original.call(this, id, ...rest);
      fire();
      return (holder[key] as Load).call(this, id, ...rest);
    };
    holder[key] = wrapper;
    return () => {
      if (holder[key] === wrapper) holder[key] = original;
    };
  };

  unwraps.push(
    watch(Module.prototype as unknown as Record<string, Load>, 'require', (module, id) => {
      const parent = (module as { filename?: unknown } | undefined)?.filename;
      return !(typeof parent === 'string' && parent.startsWith(ignoredDirectory)) && named(id);
    }),
    watch(process as unknown as Record<string, Load | undefined>, 'getBuiltinModule', (_, id) => named(id)),
  );

  return (specifier) => {
    if (!started && named(specifier)) fire();
  };
}
