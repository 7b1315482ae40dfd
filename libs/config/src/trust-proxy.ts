import { isIP } from 'node:net';
import { EnvError, makeValidator } from 'envalid';

/**
 * Which proxies in front of ingest may set `X-Forwarded-For`: none (`false`), the nearest
 * `n` hops, or the listed addresses and CIDR ranges. Never "any": a client could then choose
 * its own address and slip past per-address limits.
 */
export type TrustProxy = false | number | string[];

const OFF = new Set(['', 'false', 'off', 'no', '0']);

export function parseTrustProxy(input: string): TrustProxy {
  const text = input.trim().toLowerCase();
  if (OFF.has(text)) return false;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > 32) throw new EnvError('a hop count must be between 0 and 32');
    return hops;
  }
  if (text === 'true') throw new EnvError('"true" would trust any client to name its own address; give a hop count or a list of proxy addresses/CIDR ranges');
  const entries = text.split(',').map((entry) => entry.trim());
  const bad = entries.filter((entry) => !isAddressOrRange(entry));
  if (bad.length > 0) throw new EnvError(`must be off, a hop count, or a comma-separated list of IP addresses or CIDR ranges; not valid: ${bad.join(', ').slice(0, 200)}`);
  return entries;
}

function isAddressOrRange(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

export const trustProxy = makeValidator<TrustProxy>(parseTrustProxy);
