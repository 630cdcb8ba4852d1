import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { renderAll } from '../generator/render-all.mjs';
import { readSpecText } from './repo';

const GO_FILE = 'otel-collector/securityprocessor/internal/securityevents/events.go';

describe('the Go constants', () => {
  it('are valid Go, already in gofmt layout', () => {
    const source = renderAll(readSpecText()).get(GO_FILE);
    const gofmt = spawnSync('gofmt', [], { input: source, encoding: 'utf8' });
    expect(gofmt.error, 'gofmt (from the Go toolchain) must be on PATH').toBeUndefined();
    expect(gofmt.stderr).toBe('');
    expect(gofmt.stdout).toBe(source);
  });

  it('carry the code-generation header Go tools recognise', () => {
    const source = renderAll(readSpecText()).get(GO_FILE) ?? '';
    expect(source.split('\n')[0]).toMatch(/^\/\/ Code generated .* DO NOT EDIT\.$/);
  });
});
