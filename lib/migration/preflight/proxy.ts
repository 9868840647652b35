// The copy runs in the companion proxy: it must answer, be paired and speak our API version.
import type { PreflightCheck } from '../plan-types.ts';
import { check } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export function checkProxy(facts: PreflightFacts): PreflightCheck {
  const read = facts.proxy;
  if (!read.ok) {
    return check(
      'proxy',
      'fail',
      'unreachable',
      `The companion proxy does not answer: ${errorText(read.error)}`,
      {
        action:
          'Start the proxy on this computer (npm run proxy) and pair it with the extension, then plan again.',
      },
    );
  }
  return check('proxy', 'pass', 'ok', `The companion proxy ${read.value.version} is ready.`, {
    params: { version: read.value.version },
  });
}
