import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import type { TrustProxy } from '@secotel/sdk';
import parseForwarded from 'forwarded-parse';
import proxyAddr from 'proxy-addr';

/** Decides whether the hop at `index` (0 is the socket peer) is a proxy allowed to report the hop before it. */
type TrustFunction = (address: string, index: number) => boolean;

export type ClientAddressResolver = (request: IncomingMessage) => string | undefined;

/**
 * The client address after peeling off trusted proxies (SECOTEL_TRUST_PROXY). proxy-addr walks the hops and
 * knows CIDR ranges, named ranges and hop counts. X-Forwarded-For is read when present (what almost every proxy
 * sets); the standard Forwarded header only when it is absent, so a client cannot pick the header it forges.
 * Only IP addresses are taken from the headers: the walk stops before the first hop that is not one (`evil`,
 * a port, 8,000 x's), and the last address reached is the client.
 */
export function clientAddressResolver(trustProxy: TrustProxy): ClientAddressResolver {
  const trust = trustFunction(trustProxy);
  if (trust === undefined) return (request) => request.socket.remoteAddress;
  return (request) => {
    const headers = request.headers;
    if (headers['x-forwarded-for'] === undefined && typeof headers.forwarded === 'string') {
      const hops = forwardedFor(headers.forwarded);
      if (hops !== undefined) {
        // proxy-addr reads only X-Forwarded-For, so the Forwarded hops are handed to it in that form.
        return lastAddress(
          proxyAddr.all(
            {
              socket: request.socket,
              headers: { 'x-forwarded-for': hops.join(',') },
            } as unknown as IncomingMessage,
            trust,
          ),
        );
      }
    }
    return lastAddress(proxyAddr.all(request, trust));
  };
}

/** The farthest hop of a trusted chain (socket peer first) up to the first entry that is not an IP address. */
function lastAddress(chain: readonly string[]): string | undefined {
  let last = 0;
  while (last + 1 < chain.length && isIP(chain[last + 1] as string) !== 0) last++;
  return chain[last];
}

function trustFunction(trustProxy: TrustProxy): TrustFunction | undefined {
  switch (trustProxy.kind) {
    case 'none':
      return undefined;
    case 'all':
      return () => true;
    case 'hops':
      return (_address, index) => index < trustProxy.hops;
    case 'addresses':
      return proxyAddr.compile([...trustProxy.addresses]);
  }
}

/** The `for=` hops of a Forwarded header, nearest last like X-Forwarded-For; undefined when it does not parse. */
function forwardedFor(header: string): string[] | undefined {
  try {
    return parseForwarded(header).flatMap((element) =>
      element.for === undefined ? [] : [nodeName(element.for)],
    );
  } catch {
    return undefined;
  }
}

/** RFC 7239 node names carry an optional port, IPv6 in brackets: `"[2001:db8::1]:4711"`, `192.0.2.1:80`. */
function nodeName(value: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(value);
  if (bracketed?.[1] !== undefined) return bracketed[1];
  const colon = value.indexOf(':');
  return colon !== -1 && value.indexOf(':', colon + 1) === -1 ? value.slice(0, colon) : value;
}
