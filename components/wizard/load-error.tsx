import { isOvhApiError } from '../../lib/ovh-api/index.ts';
import { Button, Message } from '../kit/index.ts';
import { usePanel } from '../stores/use-panel.ts';
import { errorDetail } from '../text/migration-text.ts';

/** A read from the API failed: in plain words, with the way out (log in again, or retry). */
export function LoadError({ error, retry }: { error: unknown; retry: () => void }) {
  const store = usePanel();
  const { tr } = store.i18n.value;
  const { t } = tr;
  const expired =
    isOvhApiError(error) &&
    (error.code === 'session_expired' || error.code === 'low_privilege_session');
  const denied = isOvhApiError(error) && error.code === 'not_granted';
  return (
    <Message
      tone="critical"
      role="alert"
      title={t(expired ? 'error.session_expired' : denied ? 'error.iam.title' : 'load.failed')}
      testid="load-error"
    >
      <p>
        {t(
          expired
            ? 'error.session_expired.action'
            : denied
              ? 'error.iam.action'
              : 'load.failed.action',
        )}
      </p>
      {!expired && error instanceof Error && <p class="mp-muted">{errorDetail(tr, error)}</p>}
      <div class="mp-actions">
        {expired ? (
          <Button data-testid="relogin" onClick={() => store.deps.relogin()}>
            {t('action.relogin')}
          </Button>
        ) : (
          <Button variant="secondary" data-testid="load-retry" onClick={retry}>
            {t('action.retry_load')}
          </Button>
        )}
      </div>
    </Message>
  );
}
