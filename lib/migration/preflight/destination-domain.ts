// The domain must be on the destination, or be added there as non-authoritative with a relay
// (guide §1, phase 1). MX Plan's domain is fixed: nothing can be added.
import type { PreflightCheck } from '../plan-types.ts';
import { checkMessages, outcome } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';
import { relayHostOf } from './relay.ts';

export const DESTINATION_DOMAIN_MESSAGES = checkMessages('destination_domain', {
  present: { status: 'pass', en: '{domain} is already on {service}.' },
  fixed: {
    status: 'fail',
    en: '{service} only hosts {domains}; it cannot receive addresses on {domain}.',
    action: 'Choose a destination whose domain is this one, or an Exchange or E-mail Pro service.',
  },
  unreadable: {
    status: 'fail',
    en: 'The domains of {service} could not be read: {error}',
    action: 'Check your session, then plan again.',
  },
  will_add: {
    status: 'pass',
    en: '{domain} will be added to {service} as non-authoritative, relaying to {relay}.',
  },
  busy: {
    status: 'warn',
    en: '{domain} is "{state}" on {service}; the run waits until it is ok.',
  },
});

export function checkDestinationDomain(facts: PreflightFacts): PreflightCheck {
  const { domain } = facts;
  const service = facts.input.destination.service.service;
  const read = facts.destinationDomain;
  if (!facts.destinationAdapter.capabilities.manageDomains) {
    const domains = facts.destinationService.ok ? facts.destinationService.value.domains : [];
    if (domains.some((d) => d.toLowerCase() === domain)) {
      return outcome(DESTINATION_DOMAIN_MESSAGES.present, { domain, service });
    }
    return outcome(DESTINATION_DOMAIN_MESSAGES.fixed, {
      domain,
      service,
      domains: domains.join(', ') || 'its own domain',
    });
  }
  if (!read.ok) {
    return outcome(DESTINATION_DOMAIN_MESSAGES.unreadable, {
      service,
      error: errorText(read.error),
    });
  }
  if (read.value === undefined) {
    return outcome(DESTINATION_DOMAIN_MESSAGES.will_add, {
      domain,
      service,
      relay: relayHostOf(facts),
    });
  }
  if (read.value.state !== 'ok') {
    return outcome(DESTINATION_DOMAIN_MESSAGES.busy, {
      domain,
      service,
      state: read.value.rawState,
    });
  }
  return outcome(DESTINATION_DOMAIN_MESSAGES.present, { domain, service });
}
