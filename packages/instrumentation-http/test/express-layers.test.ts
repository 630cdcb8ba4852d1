import { describe, expect, it } from 'vitest';
import type { ReceivedRecord } from '../../../test-support/otlp-sink';
import { recordFor } from '../../../test-support/records';
import { recordsOfRun } from './support/scenario';

describe('express 5 mount tracking beside another wrapper of Layer#handleRequest', () => {
  it("keeps the other tool's wrapper running for mounted layers, the template whole, and layers' keys as they were", async () => {
    let report: { seen: string[]; keys: string[] } | undefined;
    const { records }: { records: ReceivedRecord[] } = await recordsOfRun(
      { flag: '--import', script: 'express-layer-wrap.cjs' },
      async (app) => {
        expect((await app.send({ path: '/api/items/7' })).status).toBe(403);
        expect((await app.send({ path: '/plain' })).status).toBe(200);
        report = JSON.parse((await app.send({ path: '/report' })).body);
      },
      1,
    );
    expect(recordFor(records, 'security.authz_fail', '/api/items/7').attributes['http.route']).toBe(
      '/api/items/:id',
    );
    // The layer mounted at /api, the route's layer inside it and the route's handler all ran the other tool's
    // wrapper: secotel's handler of the mounted layer calls the prototype's method as it is now.
    expect(report?.seen.filter((url) => url === '/api/items/7')).toHaveLength(3);
    expect(report?.seen).toContain('/plain');
    // The mounted layer has the same own keys as the layers express made without secotel's help.
    expect(new Set(report?.keys).size).toBe(1);
  });
});
