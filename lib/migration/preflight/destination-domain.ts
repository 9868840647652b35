// The domain must be on the destination, or be added there as non-authoritative with a relay
// (guide §1, phase 1). MX Plan's domain is fixed: nothing can be added.
import type { PreflightCheck } from '../plan-types.ts';
import { check } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';
import { relayHostOf } from './relay.ts';

export function checkDestinationDomain(facts: PreflightFacts): PreflightCheck {
  const { domain } = facts;
  const service = facts.input.destination.service.service;
  const params = { domain, service };
  const read = facts.destinationDomain;
  if (!facts.destinationAdapter.capabilities.manageDomains) {
    const domains = facts.destinationService.ok ? facts.destinationService.value.domains : [];
    if (domains.some((d) => d.toLowerCase() === domain)) {
      return check(
        'destination_domain',
        'pass',
        'present',
        `${domain} is the domain of ${service}.`,
        { params },
      );
    }
    return check(
      'destination_domain',
      'fail',
      'fixed',
      `${service} only hosts ${domains.join(', ') || 'its own domain'}; it cannot receive addresses on ${domain}.`,
      {
        params,
        action:
          'Choose a destination whose domain is this one, or an Exchange or E-mail Pro service.',
      },
    );
  }
  if (!read.ok) {
    return check(
      'destination_domain',
      'fail',
      'unreadable',
      `The domains of ${service} could not be read: ${errorText(read.error)}`,
      { params },
    );
  }
  if (read.value === undefined) {
    const relay = relayHostOf(facts);
    return check(
      'destination_domain',
      'pass',
      'will_add',
      `${domain} will be added to ${service} as non-authoritative, relaying to ${relay}.`,
      { params: { ...params, relay } },
    );
  }
  if (read.value.state !== 'ok') {
    return check(
      'destination_domain',
      'warn',
      'busy',
      `${domain} is "${read.value.rawState}" on ${service}; the run waits until it is ok.`,
      { params },
    );
  }
  return check(
    'destination_domain',
    'pass',
    'present',
    `${domain} is already on ${service} (${read.value.type}).`,
    { params: { ...params, type: read.value.type } },
  );
}
