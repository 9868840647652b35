// Both platforms must be non-authoritative for the domain to live on both (guide §1, phase 1);
// an authoritative source domain is switched, with a relay, before the rename.
import type { PreflightCheck } from '../plan-types.ts';
import { checkMessages, outcome } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';
import { relayHostOf } from './relay.ts';

export const SOURCE_DOMAIN_MESSAGES = checkMessages('source_domain', {
  fixed: { status: 'pass', en: '{domain} stays as it is on {service}.' },
  unreadable: {
    status: 'fail',
    en: 'The domain {domain} of {service} could not be read: {error}',
    action: 'Check your session, then plan again.',
  },
  missing: { status: 'fail', en: '{domain} is not a domain of {service}.' },
  will_switch: {
    status: 'warn',
    en: '{domain} is authoritative on {service}: it will be switched to non-authoritative, relaying to {relay}, so both platforms can receive its mail.',
    action: 'Nothing to do; it can be switched back once every account has moved.',
  },
  non_authoritative: { status: 'pass', en: '{domain} is already non-authoritative on {service}.' },
});

export function checkSourceDomain(facts: PreflightFacts): PreflightCheck {
  const { domain } = facts;
  const service = facts.input.source.service.service;
  const read = facts.sourceDomain;
  if (!facts.sourceAdapter.capabilities.manageDomains && (!read.ok || read.value === undefined)) {
    return outcome(SOURCE_DOMAIN_MESSAGES.fixed, { domain, service });
  }
  if (!read.ok) {
    return outcome(SOURCE_DOMAIN_MESSAGES.unreadable, {
      domain,
      service,
      error: errorText(read.error),
    });
  }
  if (read.value === undefined) return outcome(SOURCE_DOMAIN_MESSAGES.missing, { domain, service });
  if (read.value.type === 'authoritative') {
    return outcome(SOURCE_DOMAIN_MESSAGES.will_switch, {
      domain,
      service,
      relay: relayHostOf(facts),
    });
  }
  return outcome(SOURCE_DOMAIN_MESSAGES.non_authoritative, { domain, service });
}
