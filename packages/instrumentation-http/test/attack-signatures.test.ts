import type { InputSource } from '@secotel/sdk';
import { describe, expect, it } from 'vitest';
import { attackKind } from '../src/inputs/attack-signatures';
import { attackTool } from '../src/inputs/attack-tools';

const at = (source: InputSource, value: string) => ({ source, path: `.${source}.x`, value });

describe('attack signatures in inputs (values as the application received them)', () => {
  it.each([
    ['plain traversal', at('query', '../../etc/passwd')],
    ['backslash traversal', at('route', '..\\..\\windows\\win.ini')],
    ['one step to a known target', at('body', '../.env')],
    ['encoded traversal that arrived once decoded', at('route', '%2e%2e%2fsecret.txt')],
    ['double-encoded traversal', at('query', '%252e%252e%252f%252e%252e%252fboot.ini')],
    ['overlong UTF-8 dots', at('cookie', '%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd')],
    ['mixed encoding', at('query', '..%2f..%5c..%2fetc/shadow')],
    ['a single raw step in the URL path', at('path', '/static/../server.js')],
    ['an encoded step in the URL path', at('path', '/files/%2e%2e/config')],
  ])('path_traversal: %s', (_name, input) => {
    expect(attackKind(input)).toBe('path_traversal');
  });

  it.each([
    ['in a body string', at('body', 'avatar.php\u0000.png')],
    ['percent-encoded, as the application received it', at('query', 'report.pdf%00.html')],
    ['in a cookie', at('cookie', 'en\u0000')],
  ])('null_byte: %s', (_name, input) => {
    expect(attackKind(input)).toBe('null_byte');
  });

  it.each([
    ['a header line injected in a query', at('query', 'home\r\nSet-Cookie: session=attacker')],
    ['an encoded header line in a route parameter', at('route', 'x%0d%0aLocation: https://evil.example')],
    ['a bare LF header in a header value', at('header', 'example.com%0aX-Injected: 1')],
    ['response splitting in the URL path', at('path', '/redirect/%0d%0a%0d%0a<html>')],
  ])('crlf_injection: %s', (_name, input) => {
    expect(attackKind(input)).toBe('crlf_injection');
  });

  it.each([
    ["an apostrophe in a name (O'Brien)", at('body', "O'Brien")],
    ['a ../ inside prose', at('body', 'the docs moved, see ../docs for the setup')],
    ['a ../ alone in a JSON string', at('body', '../')],
    ['a relative link in markdown', at('body', 'read [the guide](../guide/README.md)')],
    ['a URL in a comment field', at('body', 'mirror at https://example.com/a/b/../c?x=1&y=%20z#top, thanks')],
    ['a URL as a query value', at('query', 'https://example.com/path/to/page?id=7')],
    ['a multi-line comment with a colon', at('body', 'Dear team,\r\nRe: the outage\r\nThanks')],
    ['a multi-line search text', at('query', 'first line\nsecond line')],
    ['ellipses and ranges', at('query', 'wait... pages 1..10')],
    ['a version and a file name', at('route', 'release-1.2.3.tar.gz')],
    ['a percent sign in prose', at('query', '100% cotton, 50%off')],
    ['a dotted path without steps', at('path', '/assets/app.min.js')],
    ['a literal backslash-zero', at('body', 'use \\0 to end the string')],
  ])('no attack: %s', (_name, input) => {
    expect(attackKind(input)).toBeUndefined();
  });
});

describe('attack tools in the User-Agent', () => {
  it.each([
    ['sqlmap/1.8.2#stable (https://sqlmap.org)', 'sqlmap'],
    ['Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000003)', 'nikto'],
    [
      'Mozilla/5.0 (Windows NT 10.0) Nuclei - Open-source project (github.com/projectdiscovery/nuclei)',
      'nuclei',
    ],
    ['WPScan v3.8.25 (https://wpscan.com/wordpress-cli-scanner)', 'wpscan'],
    ['gobuster/3.6', 'gobuster'],
    ['Fuzz Faster U Fool v2.1.0', 'ffuf'],
    ['Mozilla/4.0 (Hydra)', 'hydra'],
    ['masscan/1.3 (https://github.com/robertdavidgraham/masscan)', 'masscan'],
    ['Mozilla/5.0 zgrab/0.x', 'zgrab'],
    ['Mozilla/5.0 (compatible; Acunetix Web Vulnerability Scanner)', 'acunetix'],
    ['Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)', 'nmap'],
    ['feroxbuster/2.10.4', 'feroxbuster'],
  ])('%s', (agent, tool) => {
    expect(attackTool(agent)).toBe(tool);
  });

  it.each([
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:132.0) Gecko/20100101 Firefox/132.0',
    'curl/8.5.0',
    'python-requests/2.32.3',
    'NucleusCMS-Client/3.1',
    'HydrangeaReader/2.0',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  ])('no tool: %s', (agent) => {
    expect(attackTool(agent)).toBeUndefined();
  });

  // Verdicts are kept for recent agents: neither repeating nor alternating agents, nor a flood of new ones
  // that pushes the kept verdicts out, may carry one agent's verdict over to another.
  it('keeps each agent its own verdict when agents repeat, alternate and flood', () => {
    const tool = 'sqlmap/1.8.2#stable (https://sqlmap.org)';
    const browser = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
    for (let round = 0; round < 3; round++) {
      expect(attackTool(browser)).toBeUndefined();
      expect(attackTool(browser)).toBeUndefined();
      expect(attackTool(tool)).toBe('sqlmap');
      expect(attackTool(tool)).toBe('sqlmap');
      for (let i = 0; i < 200; i++) {
        expect(attackTool(`Mozilla/5.0 client-${round}-${i}`)).toBeUndefined();
        if (i % 7 === 0) expect(attackTool(`nikto/${i}`)).toBe('nikto');
      }
    }
    // An agent too long to be kept is still judged, every time.
    const long = `${'x'.repeat(4_000)} gobuster/3.6`;
    expect(attackTool(long)).toBe('gobuster');
    expect(attackTool(long)).toBe('gobuster');
    expect(attackTool(`${'x'.repeat(4_000)} gobusters`)).toBeUndefined();
  });
});
