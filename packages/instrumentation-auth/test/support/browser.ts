/** Where a redirect chain ended: the last answer and the relying party's callback URL it went through. */
export interface BrowsedReply {
  status: number;
  body: string;
  callback?: string;
}

const MAX_REDIRECTS = 15;

/**
 * A minimal browser for login flows over loopback: follows redirects across the relying party and the provider,
 * keeping each origin's cookies. `tamper` may edit the callback URL (`/cb/...`) before it is requested, as an
 * attacker between the provider and the relying party would.
 */
export class Browser {
  private readonly jars = new Map<string, Map<string, string>>();

  async follow(start: string, tamper?: (callback: URL) => void): Promise<BrowsedReply> {
    let url = new URL(start);
    let callback: string | undefined;
    for (let hop = 0; hop < MAX_REDIRECTS; hop++) {
      if (url.pathname.startsWith('/cb/')) {
        tamper?.(url);
        callback = url.href;
      }
      const response = await fetch(url, { redirect: 'manual', headers: this.cookieHeader(url) });
      this.keepCookies(url, response.headers.getSetCookie());
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || location === null) {
        return { status: response.status, body: await response.text(), callback };
      }
      await response.body?.cancel();
      url = new URL(location, url);
    }
    throw new Error(`more than ${MAX_REDIRECTS} redirects from ${start}`);
  }

  /** One request with this browser's cookies, e.g. a form post; redirects are not followed. */
  async send(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
    const target = new URL(url);
    const response = await fetch(target, {
      ...init,
      redirect: 'manual',
      headers: { ...init.headers, ...this.cookieHeader(target) },
    });
    this.keepCookies(target, response.headers.getSetCookie());
    return { status: response.status, body: await response.text() };
  }

  private cookieHeader(url: URL): Record<string, string> {
    const jar = this.jars.get(url.host);
    if (jar === undefined || jar.size === 0) return {};
    return { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') };
  }

  private keepCookies(url: URL, setCookies: readonly string[]): void {
    const jar = this.jars.get(url.host) ?? new Map<string, string>();
    for (const header of setCookies) {
      const [pair = ''] = header.split(';');
      const separator = pair.indexOf('=');
      if (separator > 0) jar.set(pair.slice(0, separator).trim(), pair.slice(separator + 1).trim());
    }
    this.jars.set(url.host, jar);
  }
}
