/**
 * The companion proxy's state when it is not ready, in plain words with what to do: start it,
 * pair, or update it. The check runs again on demand.
 */
import { Button, Message } from '../kit/index.ts';
import { usePanel } from '../stores/use-panel.ts';

export function ProxyBanner() {
  const store = usePanel();
  const { t } = store.i18n.value.tr;
  const status = store.proxy.value;
  if (!store.proxyChecked.value || status?.state === 'ready') return null;
  const state = status?.state ?? 'background';
  const url = status?.url ?? '';
  return (
    <Message
      tone="warning"
      role="alert"
      title={t(`proxy.${state}.title`, { url })}
      testid="proxy-banner"
    >
      <p data-state={state} data-testid="proxy-banner-state">
        {t(`proxy.${state}.action`, { url })}
      </p>
      {(state === 'unreachable' || state === 'not_configured') && (
        <p>
          <code>npm run proxy</code>
        </p>
      )}
      <Button
        variant="secondary"
        data-testid="proxy-recheck"
        onClick={() => void store.checkProxy()}
      >
        {t('proxy.check_again')}
      </Button>
    </Message>
  );
}
