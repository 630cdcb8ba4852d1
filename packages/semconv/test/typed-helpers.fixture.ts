// Compiled by typed-helpers.test.ts, never run.
import { createEventHelpers, type SecurityEventName } from '../src/index';

const helpers = createEventHelpers(() => undefined);

// Events without required attributes may be emitted bare or with any attributes of theirs and others.
helpers.authnLoginFail();
helpers.authnLoginFail({ 'user.name': 'alice', 'security.reason': 'bad_password', 'app.tenant': 'acme' });
helpers.authnLoginSuccessafterfail({ 'security.retries': 2 }, { body: 'welcome back' });
helpers.uploadValidation({ 'security.outcome': 'failure', 'security.upload.validation': 'virus_scan' });
helpers.eventsFolded({
  'security.folded.event_name': 'security.authn_login_fail',
  'security.folded.count': 120,
  'security.folded.window': 60,
});

// @ts-expect-error user_deleted requires security.target_user.id
helpers.userDeleted({ 'user.name': 'admin' });

// @ts-expect-error an event with required attributes cannot be emitted bare
helpers.userDeleted();

// @ts-expect-error security.retries is an int
helpers.authnLoginSuccessafterfail({ 'security.retries': '2' });

// @ts-expect-error security.outcome is success or failure
helpers.uploadValidation({ 'security.outcome': 'maybe' });

// @ts-expect-error security.token.scopes is a string array
helpers.authnTokenCreated({ 'security.token.scopes': 'read' });

// @ts-expect-error an unknown event name
export const misspelt: SecurityEventName = 'authn_login_failed';
