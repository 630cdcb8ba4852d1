import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderAll } from '../generator/render-all.mjs';
import { REPO_ROOT, readSpecText } from './repo';

const REGENERATE = 'run `node scripts/generate-semconv.mjs`';
const rendered: Map<string, string> = renderAll(readSpecText());

describe('generated files', () => {
  it.each([...rendered.keys()])('%s matches spec/security-events.yaml', (path) => {
    const onDisk = existsSync(REPO_ROOT + path) ? readFileSync(REPO_ROOT + path, 'utf8') : '(missing)';
    expect(onDisk, `${path} is out of date: ${REGENERATE}`).toBe(rendered.get(path));
  });

  it('leaves no generated source behind that the spec no longer produces', () => {
    const generatedSources = readdirSync(`${REPO_ROOT}packages/semconv/src`)
      .filter((file) => file.endsWith('.generated.ts'))
      .map((file) => `packages/semconv/src/${file}`);
    expect(
      generatedSources.filter((path) => !rendered.has(path)),
      `stale files: ${REGENERATE}`,
    ).toEqual([]);
  });
});
