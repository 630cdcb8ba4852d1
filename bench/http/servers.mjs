// What bench/http's scripts (run.mjs, alloc.mjs) share about the servers they start.

/** The application BENCH_APP names (express by default) among `apps`, with its name; an unknown name throws. */
export function chosenApp(apps) {
  const name = process.env.BENCH_APP ?? 'express';
  const app = apps[name];
  if (app === undefined) {
    throw new Error(`BENCH_APP=${name} is not known; use one of ${Object.keys(apps).join(', ')}`);
  }
  return { name, app };
}

/** The environment of a benchmarked server: secotel and OpenTelemetry export to the discarding sink at `sinkUrl`. */
export function serverEnv(sinkUrl) {
  return {
    OTEL_SERVICE_NAME: 'bench-http',
    OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_METRICS_EXPORTER: 'none',
    OTEL_LOG_LEVEL: 'error',
    // No cloud metadata look-ups: they only fail here, and they are not on the request path.
    OTEL_NODE_RESOURCE_DETECTORS: 'env,host,os,process',
  };
}

/** Stops a child process and waits until it has exited. */
export async function stop(child) {
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}
