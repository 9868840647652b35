// Both services must be in state ok: a suspended or busy service refuses changes.
import type { PreflightCheck } from '../plan-types.ts';
import { checkMessages, outcome, PRODUCT_NAMES } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export const SERVICES_MESSAGES = checkMessages('services', {
  source_unreadable: {
    status: 'fail',
    en: 'The source {product} service {service} could not be read: {error}',
    action: 'Check that you are logged in to the right OVHcloud account, then plan again.',
  },
  destination_unreadable: {
    status: 'fail',
    en: 'The destination {product} service {service} could not be read: {error}',
    action: 'Check that you are logged in to the right OVHcloud account, then plan again.',
  },
  source_not_ok: {
    status: 'fail',
    en: 'The source {product} service {service} is "{state}", not ok.',
    action: 'Wait until the service is ok (or renew it if it is suspended), then plan again.',
  },
  destination_not_ok: {
    status: 'fail',
    en: 'The destination {product} service {service} is "{state}", not ok.',
    action: 'Wait until the service is ok (or renew it if it is suspended), then plan again.',
  },
  ok: { status: 'pass', en: 'Both services are in state ok.' },
});

export function checkServices(facts: PreflightFacts): PreflightCheck {
  for (const [side, read, ref] of [
    ['source', facts.sourceService, facts.input.source.service],
    ['destination', facts.destinationService, facts.input.destination.service],
  ] as const) {
    const params = { product: PRODUCT_NAMES[ref.kind], service: ref.service };
    if (!read.ok) {
      return outcome(SERVICES_MESSAGES[`${side}_unreadable`], {
        ...params,
        error: errorText(read.error),
      });
    }
    if (read.value.state !== 'ok') {
      return outcome(SERVICES_MESSAGES[`${side}_not_ok`], {
        ...params,
        state: read.value.rawState,
      });
    }
  }
  return outcome(SERVICES_MESSAGES.ok, {});
}
