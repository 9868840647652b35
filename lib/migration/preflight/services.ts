// Both services must be in state ok: a suspended or busy service refuses changes.
import type { PreflightCheck } from '../plan-types.ts';
import { check, PRODUCT_NAMES } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export function checkServices(facts: PreflightFacts): PreflightCheck {
  for (const [side, read, ref] of [
    ['source', facts.sourceService, facts.input.source.service],
    ['destination', facts.destinationService, facts.input.destination.service],
  ] as const) {
    const product = PRODUCT_NAMES[ref.kind];
    if (!read.ok) {
      return check(
        'services',
        'fail',
        'unreadable',
        `The ${side} ${product} service ${ref.service} could not be read: ${errorText(read.error)}`,
        {
          action: 'Check that you are logged in to the right OVHcloud account, then plan again.',
          params: { side, service: ref.service },
        },
      );
    }
    if (read.value.state !== 'ok') {
      return check(
        'services',
        'fail',
        'not_ok',
        `The ${side} ${product} service ${ref.service} is "${read.value.rawState}", not ok.`,
        {
          action: 'Wait until the service is ok (or renew it if it is suspended), then plan again.',
          params: { side, service: ref.service, state: read.value.rawState },
        },
      );
    }
  }
  return check('services', 'pass', 'ok', 'Both services are in state ok.');
}
