// The fact every SDK benchmark records, emits or encodes: a failed login in a request's context.

/** The request context secotel's variants run each emit in. */
export const CONTEXT = {
  client: { address: '203.0.113.9', port: 51234 },
  request: {
    method: 'POST',
    route: '/login',
    path: '/login',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0',
  },
};

/** What the caller passes to `security.authnLoginFail`. */
export const callerAttributes = (i) => ({
  'user.name': `user${i % 5000}@example.com`,
  'security.reason': 'bad_password',
  'security.auth.strategy': 'local',
  'security.user.exists': i % 3 === 0,
});

/** The log record secotel makes of it (context attributes and body included), for the plain-OpenTelemetry baseline. */
export const loginFailRecord = (i) => ({
  eventName: 'security.authn_login_fail',
  severityNumber: 13,
  severityText: 'WARN',
  body: `login failed for user${i % 5000}@example.com from 203.0.113.9: bad_password`,
  attributes: {
    ...callerAttributes(i),
    'client.address': CONTEXT.client.address,
    'client.port': CONTEXT.client.port,
    'http.request.method': CONTEXT.request.method,
    'http.route': CONTEXT.request.route,
    'url.path': CONTEXT.request.path,
    'user_agent.original': CONTEXT.request.userAgent,
    'security.category': 'authn',
  },
});
