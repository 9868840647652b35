// The copy runs in the companion proxy: it must answer, be paired and speak our API version.
import { isCopyClientError } from '../copy-client.ts';
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
  // Not a failure to explain, only a step not taken yet: said plainly, with no detail (the panel
  // shows its pairing card beside it).
  not_paired: {
    status: 'fail',
    en: 'This browser is not paired with the companion proxy yet.',
    action:
      'Start the proxy on this computer (npm run proxy) if it is not running, pair this browser with it, then plan again.',
  },
  pairing_refused: {
    status: 'fail',
    en: 'The companion proxy no longer accepts this browser’s pairing.',
    action: 'Pair this browser with the proxy again, then plan again.',
  },
  ok: { status: 'pass', en: 'The companion proxy {version} is ready.' },
});

export function checkProxy(facts: PreflightFacts): PreflightCheck {
  const read = facts.proxy;
  if (!read.ok) {
    const code = isCopyClientError(read.error) ? read.error.code : undefined;
    if (code === 'not_configured') return outcome(PROXY_MESSAGES.not_paired, {});
    if (code === 'unpaired') return outcome(PROXY_MESSAGES.pairing_refused, {});
    return outcome(PROXY_MESSAGES.unreachable, { error: errorText(read.error) });
  }
  return outcome(PROXY_MESSAGES.ok, { version: read.value.version });
}
