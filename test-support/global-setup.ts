import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { CACHE_DIR, OTLP_SINK_BINARY, REPO_ROOT } from './paths';

/** Builds the OTLP receiver the end-to-end tests send to (go build is incremental and cached). */
export default function setup(): void {
  mkdirSync(CACHE_DIR, { recursive: true });
  execFileSync('go', ['build', '-o', OTLP_SINK_BINARY, '.'], {
    cwd: resolve(REPO_ROOT, 'otel-collector/otlpsink'),
    stdio: 'inherit',
  });
}
