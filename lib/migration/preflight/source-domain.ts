// Both platforms must be non-authoritative for the domain to live on both (guide §1, phase 1);
// an authoritative source domain is switched, with a relay, before the rename.
import type { PreflightCheck } from '../plan-types.ts';
import { check } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';
import { relayHostOf } from './relay.ts';

export function checkSourceDomain(facts: PreflightFacts): PreflightCheck {
  const { domain } = facts;
  const service = facts.input.source.service.service;
  const params = { domain, service };
  const read = facts.sourceDomain;
  if (!facts.sourceAdapter.capabilities.manageDomains && (!read.ok || read.value === undefined)) {
    return check('source_domain', 'pass', 'fixed', `${domain} stays as it is on ${service}.`, {
      params,
    });
  }
  if (!read.ok) {
    return check(
      'source_domain',
      'fail',
      'unreadable',
      `The domain ${domain} of ${service} could not be read: ${errorText(read.error)}`,
      { params },
    );
  }
  if (read.value === undefined) {
    return check('source_domain', 'fail', 'missing', `${domain} is not a domain of ${service}.`, {
      params,
    });
  }
  if (read.value.type === 'authoritative') {
    const relay = relayHostOf(facts);
    return check(
      'source_domain',
      'warn',
      'will_switch',
      `${domain} is authoritative on ${service}: it will be switched to non-authoritative, relaying to ${relay}, so both platforms can receive its mail.`,
      {
        params: { ...params, relay },
        action: 'Nothing to do; it can be switched back once every account has moved.',
      },
    );
  }
  return check(
    'source_domain',
    'pass',
    'non_authoritative',
    `${domain} is already non-authoritative on ${service}.`,
    { params },
  );
}
