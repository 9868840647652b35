/**
 * The companion proxy when it is not ready, in plain words with what to do, right where the
 * person needs it (home, the plan, a run the proxy stopped): not running → how to start it and
 * a check again; running but not paired, or its token refused → the pairing card
 * (components/pairing, the same as the options page), after which `onReady` continues where the
 * person was (plan again, retry the run).
 */
import { useCallback, useEffect, useRef } from 'preact/hooks';
import type { ProxyStatus } from '../../lib/messaging.ts';
import { Button, Message } from '../kit/index.ts';
import { PairingCard } from '../pairing/pairing-card.tsx';
import type { PanelStore } from '../stores/panel-store.ts';
import { usePanel } from '../stores/use-panel.ts';

export interface ProxyBannerProps {
  /** Called once the proxy is paired from this banner (the card's `onPaired`). */
  onReady?(status: ProxyStatus): void;
}

/** What the banner shows: each value is `data-state` on `proxy-banner-state`. */
export type ProxySetupState =
  | 'background'
  /** No pairing stored, nothing answers at the default address: start it. */
  | 'not_configured'
  /** The paired address does not answer: start it (again). */
  | 'unreachable'
  /** No pairing stored, a proxy answers: pair with it. */
  | 'found'
  /** The proxy refused the stored token: pair again. */
  | 'unpaired'
  | 'incompatible';

export function setupState(store: PanelStore): ProxySetupState | undefined {
  const status = store.proxy.value;
  if (!store.proxyChecked.value || status?.state === 'ready') return undefined;
  if (!status) return 'background';
  if (status.state === 'unpaired') return 'unpaired';
  if (store.proxyFound.value && status.state !== 'incompatible') return 'found';
  return status.state;
}

export function ProxyBanner({ onReady }: ProxyBannerProps) {
  const store = usePanel();
  const { tr } = store.i18n.value;
  const t = tr.t;
  useEffect(() => {
    void store.checkProxy();
  }, []);
  // The card looks again whenever its `onPaired` changes: give it one function for good.
  const ready = useRef(onReady);
  ready.current = onReady;
  const paired = useCallback(
    (status: ProxyStatus) => {
      void store.checkProxy().then(() => ready.current?.(status));
    },
    [store],
  );
  const state = setupState(store);
  if (state === undefined) return null;
  const url = store.proxy.value?.url ?? '';
  const pair = state === 'found' || state === 'unpaired';
  const start = state === 'not_configured' || state === 'unreachable';
  return (
    <Message
      tone="warning"
      // The card has its own status line and alerts: one voice at a time.
      role={pair ? undefined : 'alert'}
      title={t(`proxy.${state}.title`, { url })}
      testid="proxy-banner"
    >
      <p data-state={state} data-testid="proxy-banner-state">
        {t(`proxy.${state}.action`, { url })}
      </p>
      {start && (
        <ul class="mp-proxy-start" data-testid="proxy-start">
          <li>
            {t('proxy.start.executable')} <code>ovh-migrate-proxy-win-x64.exe</code>,{' '}
            <code>ovh-migrate-proxy-linux-x64</code>
          </li>
          <li>
            {t('proxy.start.package')} <code>ovh-migrate-proxy</code>
          </li>
          <li>
            {t('proxy.start.project')} <code>npm run proxy</code>
          </li>
        </ul>
      )}
      {start && <p>{t('proxy.start.then', { check: t('proxy.check_again') })}</p>}
      {pair && (
        <PairingCard
          tr={tr}
          showNextStep={false}
          onPaired={paired}
          // The panel's one live region says the card's status line (app.tsx).
          announce={store.announcer.say}
          // checkProxy has just looked (status, discover): the card does not ask again.
          found={{ url, refused: state === 'unpaired' }}
        />
      )}
      {!pair && (
        <Button
          variant="secondary"
          data-testid="proxy-recheck"
          onClick={() => void store.checkProxy()}
        >
          {t('proxy.check_again')}
        </Button>
      )}
    </Message>
  );
}
