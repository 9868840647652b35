// Which IMAP servers the proxy may log in to (OVHcloud's, plus what the operator allows with
// --allow-host), and which names are loopback. One module, so the policy is read in one place.

import { isIP } from 'node:net';

/**
 * OVHcloud's IMAP servers, kept short on purpose: the proxy logs in with real passwords, so a
 * host outside this list needs `--allow-host`.
 * - `ssl0.ovh.net`: MX Plan (EU). `ssl0.ovh.ca`: MX Plan (Canada/APAC).
 * - `*.mail.ovh.net`: Email Pro (`pro1.mail.ovh.net`) and Hosted Exchange (`ex5.mail.ovh.net`), EU.
 * - `*.mail.ovh.ca`: the same offers in the CA zone (`ex.mail.ovh.ca`).
 * OVHcloud US (`.us`) sells no mail offer we could confirm, so it is left out. Private Exchange
 * servers carry the customer's own name and need `--allow-host` too.
 */
export const OVHCLOUD_IMAP_HOSTS: readonly string[] = [
  'ssl0.ovh.net',
  '*.mail.ovh.net',
  'ssl0.ovh.ca',
  '*.mail.ovh.ca',
];

/** 127.0.0.0/8, ::1 and `localhost`: names that cannot reach the proxy from another machine. */
export function isLoopbackHost(host: string): boolean {
  if (host.trim().toLowerCase() === 'localhost') return true;
  const ip = normalizeIp(host);
  return ip !== undefined && (ip === '::1' || (isIP(ip) === 4 && ip.startsWith('127.')));
}

/**
 * Whether the proxy may log in to `host`: OVHcloud's servers, plus `extra` (exact names, IP
 * literals, `*.suffix` patterns). IP literals, and names a resolver would read as one, pass only
 * when listed exactly: a pattern must never open the way to an internal address.
 */
export function isImapHostAllowed(host: string, extra: readonly string[] = []): boolean {
  const ip = normalizeIp(host);
  if (ip) return extra.some((entry) => normalizeIp(entry) === ip);
  const name = normalizeHostName(host);
  if (!name || looksNumeric(name)) return false;
  return [...OVHCLOUD_IMAP_HOSTS, ...extra].some((entry) => {
    const pattern = normalizeHostPattern(entry);
    if (!pattern) return false;
    if (pattern.startsWith('*.')) return name.endsWith(pattern.slice(1));
    return name === pattern;
  });
}

/** Lower case, one trailing dot (the DNS root) dropped; undefined when not a valid DNS name. */
function normalizeHostName(host: string): string | undefined {
  let name = host.trim().toLowerCase();
  if (name.endsWith('.')) name = name.slice(0, -1);
  if (name.length === 0 || name.length > 253) return undefined;
  const labels = name.split('.');
  const valid = labels.every((label) => /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(label));
  return valid ? name : undefined;
}

export function normalizeHostPattern(entry: string): string | undefined {
  const ip = normalizeIp(entry);
  if (ip) return ip;
  const trimmed = entry.trim().toLowerCase();
  if (trimmed.startsWith('*.')) {
    const suffix = normalizeHostName(trimmed.slice(2));
    // `*.com` would allow half the internet: a pattern needs at least two labels.
    if (!suffix?.includes('.') || looksNumeric(suffix)) return undefined;
    return `*.${suffix}`;
  }
  const name = normalizeHostName(trimmed);
  return name && !looksNumeric(name) ? name : undefined;
}

/** The canonical text of an IP literal (`0:0::1` and `[::1]` both give `::1`), else undefined. */
function normalizeIp(value: string): string | undefined {
  const candidate = stripBrackets(value.trim().toLowerCase());
  const version = isIP(candidate);
  if (version === 4) return candidate;
  if (version !== 6) return undefined;
  try {
    return stripBrackets(new URL(`http://[${candidate}]/`).hostname);
  } catch {
    // A zone id (`fe80::1%eth0`) has no URL form; compare it as written.
    return candidate;
  }
}

/**
 * inet_aton reads `127.1`, `2130706433` and `0x7f.1` as IPv4 addresses; WHATWG URLs do the same
 * whenever the last label is a number, so such names are treated as IP literals.
 */
function looksNumeric(name: string): boolean {
  const last = name.split('.').at(-1) ?? '';
  return /^(0x[0-9a-f]*|\d+)$/.test(last);
}

function stripBrackets(value: string): string {
  return value.startsWith('[') && value.endsWith(']') ? value.slice(1, -1) : value;
}
