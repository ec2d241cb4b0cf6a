import { BlockList, isIP } from 'node:net';
import type { IncomingMessage } from 'node:http';

/**
 * Who is on the other end of a request. The browser's own address is the socket's peer, unless that
 * peer is a front proxy we were told to trust (a TLS terminator such as nginx): then, and only then, its
 * `X-Forwarded-For` is read from the right, hop by hop, while the hop is trusted. A client's own
 * `X-Forwarded-For` is never believed: anyone can write one.
 */
export interface ClientAddressResolver {
  (request: IncomingMessage): { address: string; secure: boolean };
}

/** `::ffff:127.0.0.2` → `127.0.0.2`, so one client has one spelling whatever the socket family. */
export function normaliseAddress(address: string): string {
  // An IPv4 peer (digits and dots) is already in its one spelling.
  if (!address.includes(':')) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped?.[1] ?? address).toLowerCase();
}

/** Parses `127.0.0.1, 10.0.0.0/8, ::1` into a block list; refuses what is not an address or range. */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const entry of (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [address, prefix] = entry.split('/');
    const family = isIP(address ?? '');
    if (!address || family === 0) throw new Error(`WEB_TRUSTED_PROXIES: "${entry}" is not an address or a CIDR range`);
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else {
      const bits = Number(prefix);
      if (!Number.isInteger(bits) || bits < 0 || bits > (family === 6 ? 128 : 32)) {
        throw new Error(`WEB_TRUSTED_PROXIES: "${entry}" has an invalid prefix length`);
      }
      list.addSubnet(address, bits, type);
    }
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

export function createClientAddressResolver(trusted: BlockList): ClientAddressResolver {
  // No front proxy named (the default): the peer is the client, with no list to check it against.
  const trustsNobody = trusted.rules.length === 0;
  return (request) => {
    let address = normaliseAddress(request.socket.remoteAddress ?? '');
    const encrypted = 'encrypted' in request.socket && request.socket.encrypted === true;
    if (trustsNobody || !isTrusted(trusted, address)) return { address, secure: encrypted };

    // A trusted front: walk its chain from the right while each hop is itself trusted.
    const header = request.headers['x-forwarded-for'];
    const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
      .split(',')
      .map((s) => normaliseAddress(s.trim()))
      .filter((s) => isIP(s) !== 0);
    while (chain.length > 0 && isTrusted(trusted, address)) address = chain.pop() ?? address;
    const proto = request.headers['x-forwarded-proto'];
    const secure = encrypted || (typeof proto === 'string' && proto.split(',')[0]?.trim() === 'https');
    return { address, secure };
  };
}
