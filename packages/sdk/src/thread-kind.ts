/**
 * Which thread this is: the process's main thread, one of the application's worker threads, or one of Node's own
 * (its module-loader thread, which runs --require preloads too). Without loading node:worker_threads in the main
 * thread, which costs start-up time: every other thread loads it while it starts (Node 22 and 24), so a thread
 * where Node's list of the built-ins it loaded lacks it is the main thread. Where Node keeps no such list, the
 * module is asked.
 */
export function threadKind(): 'main' | 'worker' | 'internal' {
  if (builtInLoaded('worker_threads') === false) return 'main';
  const { isInternalThread, isMainThread } =
    require('node:worker_threads') as typeof import('node:worker_threads');
  if (isMainThread) return 'main';
  return isInternalThread ? 'internal' : 'worker';
}

/**
 * Whether Node has loaded its built-in module `name` (`worker_threads`, no `node:`), from the list it keeps of
 * them (`process.moduleLoadList`, undocumented: Node 22 and 24 keep it); undefined where it keeps none.
 */
export function builtInLoaded(name: string): boolean | undefined {
  const loaded = (process as { moduleLoadList?: unknown }).moduleLoadList;
  return Array.isArray(loaded) ? loaded.includes(`NativeModule ${name}`) : undefined;
}
