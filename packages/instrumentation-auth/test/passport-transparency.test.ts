import { describe, expect, it } from 'vitest';
import { AppProcess, type Reply } from '../../../test-support/app-process';
import { OtlpSink } from '../../../test-support/otlp-sink';
import { form, PASSPORT_APP, PASSPORT_VERSIONS, PASSWORDS } from './support/passport-app';
import { SCENARIOS, tagOf } from './support/passport-scenarios';

/**
 * Every scenario, then a request on the session the last login established. In production mode, as express
 * shows stack traces to the client otherwise, and those name secotel's frames.
 */
async function replies(args: string[], env: Record<string, string>): Promise<Reply[]> {
  const app = await AppProcess.start(args, __dirname, { NODE_ENV: 'production', ...env });
  try {
    const answers: Reply[] = [];
    for (const scenario of SCENARIOS) answers.push(await app.send(scenario.request(tagOf(scenario))));
    const login = await app.send(form('/session/login', { username: 'alice', password: PASSWORDS.alice }));
    const cookie = String(login.headers['set-cookie']).split(';')[0] as string;
    answers.push(login, await app.send({ path: '/session/me', headers: { cookie } }));
    return answers.map(comparable);
  } finally {
    await app.stop();
  }
}

/** The date and the random session id are the only parts that may differ between two runs of the same app. */
function comparable(reply: Reply): Reply {
  const { date: _date, ...headers } = reply.headers;
  if (headers['set-cookie'] !== undefined) {
    headers['set-cookie'] = String(headers['set-cookie']).replace(/^connect\.sid=[^;]*/, 'connect.sid=<id>');
  }
  return { ...reply, headers };
}

describe.each(PASSPORT_VERSIONS)('passport $version with and without secotel', ({ env }) => {
  it('answers every login scenario the same', async () => {
    const sink = await OtlpSink.start();
    try {
      const bare = await replies([PASSPORT_APP], env);
      const instrumented = await replies(['--require', '@secotel/node/register', PASSPORT_APP], {
        ...env,
        OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: sink.logsEndpoint,
        OTEL_BLRP_SCHEDULE_DELAY: '50',
      });
      expect(instrumented).toEqual(bare);
      // Login facts were recorded, so the instrumented run did take the instrumented paths.
      const records = await sink.waitForRecords(SCENARIOS.length);
      expect(records.some((record) => record.eventName === 'security.authn_login_success')).toBe(true);
    } finally {
      await sink.stop();
    }
  });
});
