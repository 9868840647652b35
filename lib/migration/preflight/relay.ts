import type { PreflightFacts } from './facts.ts';

/** OVHcloud's guides give mx1.mail.ovh.net; mx0..mx4 work the same (reference §1, §4). */
export const DEFAULT_RELAY_HOST = 'mx1.mail.ovh.net';

/** The configured relay, else the first MX the platform expects for the domain. */
export function relayHostOf(
  facts: Pick<PreflightFacts, 'options' | 'destinationDomain' | 'sourceDomain'>,
): string {
  if (facts.options.relayHost) return facts.options.relayHost;
  for (const read of [facts.destinationDomain, facts.sourceDomain]) {
    const mx = read.ok ? read.value?.dns.expectedMx[0] : undefined;
    // Some APIs prefix the priority ("1 mx1.mail.ovh.net."): keep the host only.
    const host = mx?.trim().split(/\s+/).at(-1)?.replace(/\.$/, '');
    if (host) return host;
  }
  return DEFAULT_RELAY_HOST;
}
