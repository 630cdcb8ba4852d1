// What the simulator plays against the shop: ordinary visitors, and attacks sized above the collector's default
// detection rules (spec/detection-rules.yaml), each from its own source address
// (documentation ranges: 192.0.2.0/24 for ordinary visitors, 203.0.113.0/24 and 198.51.100.0/24 for attackers).
//
// A scenario is a list of steps run one after the other by one client; every step is one request. The lists are
// fixed (a seeded random number generator picks the details), so every loop is bounded and the progress bar
// knows the total in advance.
import { createHmac } from 'node:crypto';
import { USERS } from '../shop/src/seed-data.mjs';

const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const SAFARI =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';
const MOBILE_APP = 'ShopApp/3.2.1 (Android 14; Pixel 8)';

/** A step: sends one request with the scenario's client, or returns 'skip' to send none. */
/** @typedef {(client: import('./client.mjs').Client, state: Record<string, unknown>) => Promise<unknown>} Step */

/**
 * @typedef {object} Scenario
 * @property {string} name
 * @property {string} group  the summary row it is counted in
 * @property {string} kind  'ordinary' or 'attack'
 * @property {string} address  X-Forwarded-For of its client
 * @property {string} userAgent
 * @property {number} startAfterMs  when it starts, after the simulation began
 * @property {[number, number]} pauseMs  think time between steps (min, max)
 * @property {Step[]} steps
 * @property {string} expect  which facts and alerts it should cause
 * @property {(state: Record<string, unknown>) => string} result  one line for the summary
 */

const password = (username) => USERS.find((u) => u.username === username)?.password ?? '';
const loggedIn = (response) => response.status === 302 && response.headers.location === '/account';
const q = encodeURIComponent;

/** @returns {Scenario[]} */
export function buildScenarios(random) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  return [
    ...customers(random, pick),
    apiClients(),
    administrator(),
    bruteForce(),
    credentialStuffing(),
    passwordSpraying(),
    sqlInjection(),
    pathTraversal(),
    notFoundScan(),
    tokenTampering(),
  ];
}

/** Eight customers browse, search, sign in (some mistype once), look at their account, download, sign out. */
function customers(random, pick) {
  const names = ['bob', 'dave', 'frank', 'heidi', 'ivan', 'judy', 'ken', 'lena'];
  const terms = ['mug', 'socks', 'skillet', 'lamp', 'bottle', 'stove', 'hammock', 'map', 'knife', 'coffee'];
  const files = ['catalogue.txt', 'terms.txt', 'price-list.csv'];
  return names.map((username, i) => {
    // Drawn now, not when the steps run: the scenarios interleave, and a seed must give the same requests.
    const [firstSearch, secondSearch, file] = [pick(terms), pick(terms), pick(files)];
    const product = 1 + Math.floor(random() * 12);
    /** @type {Step[]} */
    const steps = [
      (c) => c.get('/'),
      (c) => c.get(`/search?q=${q(firstSearch)}`),
      (c) => c.get(`/products/${product}`),
      (c) => c.get('/login'),
    ];
    if (i % 3 === 1)
      steps.push((c) => c.postForm('/login', { username, password: `${password(username)}!` }));
    steps.push(
      async (c, s) => {
        const response = await c.postForm('/login', { username, password: password(username) });
        s.signedIn = loggedIn(response);
        return response;
      },
      (c) => c.get('/account'),
      (c) => c.get(`/search?q=${q(secondSearch)}`),
      (c) => c.get('/downloads'),
      (c) => c.get(`/download?file=${q(file)}`),
    );
    if (username === 'dave') steps.push((c) => c.get('/admin')); // curious: a 403
    steps.push((c) => c.postForm('/logout', {}));
    return {
      name: `customer ${username}`,
      group: 'ordinary customers',
      kind: 'ordinary',
      address: `192.0.2.${11 + i}`,
      userAgent: [FIREFOX, CHROME, SAFARI][i % 3],
      startAfterMs: i * 600,
      pauseMs: [40, 160],
      steps,
      expect: 'logins, sessions, a few mistyped passwords, one refused admin page',
      result: (s) => (s.signedIn ? 'signed in' : 'could not sign in'),
    };
  });
}

/** Three mobile-app users sign in for a token and call the token API. */
function apiClients() {
  const steps = [];
  for (const username of ['carol', 'mike', 'nora']) {
    steps.push(
      async (c, s) => {
        const response = await c.postJson('/api/login', { username, password: password(username) });
        s.token = response.status === 200 ? JSON.parse(response.body).access_token : undefined;
        s.tokens = (s.tokens ?? 0) + (s.token ? 1 : 0);
        return response;
      },
      (c, s) => c.get('/api/me', { authorization: `Bearer ${s.token}` }),
      (c, s) => c.get('/api/orders', { authorization: `Bearer ${s.token}` }),
      (c, s) => c.get('/api/cards', { authorization: `Bearer ${s.token}` }),
    );
  }
  return {
    name: 'mobile app users',
    group: 'mobile app users',
    kind: 'ordinary',
    address: '192.0.2.30',
    userAgent: MOBILE_APP,
    startAfterMs: 300,
    pauseMs: [60, 200],
    steps,
    expect: 'tokens issued, reads of the sensitive cards table',
    result: (s) => `${s.tokens ?? 0} tokens issued`,
  };
}

/** alice, an administrator, promotes a customer and grants the reporting role read access. */
function administrator() {
  return {
    name: 'administrator alice',
    group: 'administrator',
    kind: 'ordinary',
    address: '192.0.2.5',
    userAgent: FIREFOX,
    startAfterMs: 1500,
    pauseMs: [100, 300],
    steps: [
      (c) => c.get('/login'),
      (c) => c.postForm('/login', { username: 'alice', password: password('alice') }),
      async (c, s) => {
        const response = await c.get('/admin');
        s.judy = /<td>(\d+)<\/td><td>judy<\/td>/.exec(response.body)?.[1];
        return response;
      },
      async (c, s) => {
        const response = await c.postForm(`/admin/users/${s.judy}/role`, { role: 'support' });
        s.changes = (s.changes ?? 0) + (response.status === 303 ? 1 : 0);
        return response;
      },
      async (c, s) => {
        const response = await c.postForm('/admin/reporting-access', { table: 'orders' });
        s.changes = (s.changes ?? 0) + (response.status === 303 ? 1 : 0);
        return response;
      },
      (c) => c.postForm('/logout', {}),
    ],
    expect: 'security.authz_change (judy to support), security.privilege_permissions_changed (GRANT)',
    result: (s) => `${s.changes ?? 0} of 2 privilege changes made`,
  };
}

/** One source, one account: a word list against carol, whose password is on it. Rules: brute_force,
 * success_after_failures. */
function bruteForce() {
  // biome-ignore format: a word list
  const words = [
    '123456', 'password', 'qwerty', 'letmein', 'iloveyou', 'carol123', 'monkey', 'dragon',
    'football', 'sunshine', 'sunshine1', 'welcome1', 'princess', 'abc123', 'sunshine2',
  ];
  return {
    name: 'brute force',
    group: 'brute force',
    kind: 'attack',
    address: '203.0.113.10',
    userAgent: 'python-requests/2.32.3',
    startAfterMs: 800,
    pauseMs: [5, 20],
    steps: [
      ...words.map((word) => async (c, s) => {
        if (s.found) return 'skip';
        const response = await c.postForm('/login', { username: 'carol', password: word });
        s.tries = (s.tries ?? 0) + 1;
        if (loggedIn(response)) s.found = word;
        return response;
      }),
      (c, s) => (s.found ? c.get('/account') : 'skip'), // the attacker looks around with carol's session
    ],
    expect: 'alerts brute_force and success_after_failures',
    result: (s) => (s.found ? `carol's password found after ${s.tries - 1} failures` : `${s.tries} failures`),
  };
}

/** One source, many user names, each tried once with a password leaked elsewhere. Rule: credential_stuffing. */
function credentialStuffing() {
  // biome-ignore format: a list of pairs
  const leaked = [
    ['jsmith84', 'summer2019'], ['mgarcia', 'Barcelona10'], ['tkowalski', 'Kasia1987'], ['lnguyen', 'pho4life'],
    ['apatel', 'Mumbai#22'], ['rbrown', 'redsox2004'], ['ivan', 'ivan1990'], ['kmueller', 'Schalke04!'],
    ['s.rossi', 'forzaroma'], ['dchen', 'dragon88'], ['ejohnson', 'ilovemycat'], ['nora', 'nora2020'],
    ['pdubois', 'soleil123'], ['hkim', 'seoul2018'], ['olsen.k', 'fjord77'], ['bwilliams', 'baseball1'],
    ['yamada_t', 'sakura01'], ['cmartin', 'chocolat9'], ['gsilva', 'saudade22'], ['wlee', 'tiger1234'],
    ['fmorales', 'futbol10'], ['anovak', 'prague99'], ['jlarsen', 'viking55'], ['zahmed', 'cairo2015'],
  ];
  return {
    name: 'credential stuffing',
    group: 'credential stuffing',
    kind: 'attack',
    address: '198.51.100.23',
    userAgent: CHROME,
    startAfterMs: 1200,
    pauseMs: [5, 25],
    steps: leaked.map(([username, guess]) => async (c, s) => {
      const response = await c.postForm('/login', { username, password: guess });
      s.hits = (s.hits ?? 0) + (loggedIn(response) ? 1 : 0);
      return response;
    }),
    expect: 'alert credential_stuffing',
    result: (s) => `${leaked.length} leaked pairs tried, ${s.hits ?? 0} worked`,
  };
}

/** One source, many accounts, two common passwords each. Rule: password_spraying; it also
 * exceeds credential_stuffing's distinct names. */
function passwordSpraying() {
  const accounts = [
    'bob',
    'dave',
    'erin',
    'frank',
    'grace',
    'heidi',
    'ivan',
    'judy',
    'ken',
    'lena',
    'mike',
    'nora',
    'oscar',
    'peggy',
  ];
  const steps = [];
  for (const guess of ['Winter2026!', 'Password1!']) {
    for (const username of accounts) {
      steps.push(async (c, s) => {
        s.found ??= [];
        if (s.found.includes(username)) return 'skip';
        const response = await c.postForm('/login', { username, password: guess });
        if (loggedIn(response)) {
          s.found.push(username);
          await c.postForm('/logout', {}); // sprayers note the account and move on
        }
        return response;
      });
    }
  }
  return {
    name: 'password spraying',
    group: 'password spraying',
    kind: 'attack',
    address: '203.0.113.77',
    userAgent: FIREFOX,
    startAfterMs: 400,
    pauseMs: [5, 25],
    steps,
    expect: 'alerts password_spraying (and credential_stuffing)',
    result: (s) => `${accounts.length} accounts sprayed, found: ${(s.found ?? []).join(', ') || 'none'}`,
  };
}

/** sqlmap-style probes of the injectable search. Rules: attack_tool_burst, injection_burst. */
function sqlInjection() {
  const probes = [
    'mug',
    "mug'",
    "mug' AND '1'='1",
    "mug' AND '1'='2",
    "' OR '1'='1' --",
    "' ORDER BY 5--",
    "' UNION SELECT NULL,NULL,NULL,NULL--",
    "' UNION SELECT 1,current_user,version(),0--",
    "' UNION SELECT id,holder,pan,0 FROM cards--",
    "' AND 1=CAST((SELECT string_agg(username,',') FROM users) AS int)--",
    "'; SELECT pg_sleep(1)--",
    "mug%' AND (SELECT count(*) FROM users)>0 AND '%'='",
  ];
  return {
    name: 'SQL injection (sqlmap)',
    group: 'SQL injection',
    kind: 'attack',
    address: '198.51.100.66',
    userAgent: 'sqlmap/1.8.11#stable (https://sqlmap.org)',
    startAfterMs: 2000,
    pauseMs: [10, 40],
    steps: probes.map((probe) => async (c, s) => {
      const response = await c.get(`/search?q=${q(probe)}`);
      if (response.status === 200 && response.body.includes('4111111111111111')) s.leaked = true;
      return response;
    }),
    expect:
      'input_validation_fail (sqli), malicious_attack_tool, sensitive_read (cards); alerts injection_burst, attack_tool_burst',
    result: (s) => `${probes.length} probes${s.leaked ? ', card numbers leaked by a UNION' : ''}`,
  };
}

/** Path traversal against the download route (and the URL path). Rule: injection_burst. */
function pathTraversal() {
  const paths = [
    '/download?file=../../../../etc/passwd',
    '/download?file=..%2F..%2F..%2Fetc%2Fpasswd',
    '/download?file=%2e%2e%2f%2e%2e%2fetc%2fshadow',
    '/download?file=..%252f..%252f..%252fetc%252fpasswd',
    '/download?file=..%5c..%5c..%5cwindows%5cwin.ini',
    '/download?file=../.env',
    '/download?file=%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd',
    '/download?file=../../../proc/self/environ',
    '/download?file=catalogue.txt%00../../etc/passwd',
    '/files/..%2f..%2f..%2fetc%2fpasswd',
    '/static/../../../../etc/passwd',
  ];
  return {
    name: 'path traversal',
    group: 'path traversal',
    kind: 'attack',
    address: '203.0.113.45',
    userAgent: 'curl/8.11.1',
    startAfterMs: 2500,
    pauseMs: [10, 40],
    steps: paths.map((path) => async (c, s) => {
      const response = await c.get(path);
      s.served = (s.served ?? 0) + (response.status === 200 ? 1 : 0);
      return response;
    }),
    expect: 'input_validation_fail (path_traversal); alert injection_burst',
    result: (s) => `${paths.length} probes, ${s.served ?? 0} served a file`,
  };
}

/** A scan for well-known files and admin pages. Rules: not_found_burst and
 * request_rejection_burst. */
function notFoundScan() {
  // biome-ignore format: a path list
  const paths = [
    '/.git/config', '/.env', '/wp-login.php', '/wp-admin/', '/phpmyadmin/', '/admin.php', '/administrator/',
    '/server-status', '/.DS_Store', '/backup.zip', '/backup.sql', '/db.sql', '/config.php', '/config.json',
    '/api/v1/users', '/actuator/health', '/actuator/env', '/.aws/credentials', '/console', '/debug',
    '/vendor/phpunit/phpunit/src/Util/PHP/eval-stdin.php', '/cgi-bin/test.cgi', '/login.aspx', '/owa/',
    '/solr/admin/', '/jenkins/', '/.svn/entries', '/xmlrpc.php', '/telescope/requests', '/_profiler',
  ];
  return {
    name: '404 scan',
    group: '404 scan',
    kind: 'attack',
    address: '198.51.100.99',
    userAgent: SAFARI,
    startAfterMs: 3000,
    pauseMs: [5, 15],
    steps: paths.map((path) => async (c, s) => {
      const response = await c.get(path);
      s.found = (s.found ?? 0) + (response.status < 400 ? 1 : 0);
      return response;
    }),
    expect: 'request_rejected (404); alerts not_found_burst, request_rejection_burst',
    result: (s) => `${paths.length} paths, ${s.found ?? 0} found`,
  };
}

/** Forged and broken bearer tokens against the API: security.authn_token_invalid with precise reasons. */
function tokenTampering() {
  const b64 = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const claims = { sub: 'alice', uid: 1, roles: ['admin'], iss: 'secotel-shop', aud: 'shop-api' };
  const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64(claims)}.`;
  const body = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(claims)}`;
  const guessedKey = `${body}.${createHmac('sha256', 'secret').update(body).digest('base64url')}`;
  const tokens = [undefined, unsigned, guessedKey, 'not.a.token'];
  return {
    name: 'token tampering',
    group: 'token tampering',
    kind: 'attack',
    address: '203.0.113.200',
    userAgent: 'okhttp/4.12.0',
    startAfterMs: 3500,
    pauseMs: [10, 40],
    steps: tokens.map((token) => async (c, s) => {
      const response = await c.get('/api/cards', token ? { authorization: `Bearer ${token}` } : {});
      s.accepted = (s.accepted ?? 0) + (response.status === 200 ? 1 : 0);
      return response;
    }),
    expect: 'authn_token_invalid (alg_not_allowed, bad_signature, malformed), request_unauthorized',
    result: (s) => `${tokens.length} forged or missing tokens, ${s.accepted ?? 0} accepted`,
  };
}
