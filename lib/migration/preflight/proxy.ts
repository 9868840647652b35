// The copy runs in the companion proxy: it must answer, be paired and speak our API version.
import type { PreflightCheck } from '../plan-types.ts';
import { checkMessages, outcome } from './check.ts';
import { errorText, type PreflightFacts } from './facts.ts';

export const PROXY_MESSAGES = checkMessages('proxy', {
  unreachable: {
    status: 'fail',
    en: 'The companion proxy does not answer: {error}',
    action:
      'Start the proxy on this computer (npm run proxy) and pair it with the extension, then plan again.',
  },
  ok: { status: 'pass', en: 'The companion proxy {version} is ready.' },
});

export function checkProxy(facts: PreflightFacts): PreflightCheck {
  const read = facts.proxy;
  if (!read.ok) return outcome(PROXY_MESSAGES.unreachable, { error: errorText(read.error) });
  return outcome(PROXY_MESSAGES.ok, { version: read.value.version });
}
