/** The offer, for an Exchange source, to have a PST backup made before anything changes. */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ServiceRef } from '../../lib/platforms/index.ts';
import { Button, Message, Progress } from '../kit/index.ts';
import { usePanel } from '../stores/use-panel.ts';
import { errorDetail } from '../text/migration-text.ts';
import { exportPst, type PstProgress } from './pst-export.ts';

export function PstOffer({ service, address }: { service: ServiceRef; address: string }) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const t = tr.t;
  const [progress, setProgress] = useState<PstProgress>();
  const [error, setError] = useState<unknown>();
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);
  const start = () => {
    controller.current = new AbortController();
    setError(undefined);
    exportPst(store.deps.client, service, address, {
      signal: controller.current.signal,
      onProgress: setProgress,
    }).catch((cause: unknown) => {
      if (!controller.current?.signal.aborted) setError(cause);
    });
  };
  return (
    <section class="mp-section" data-testid="pst-offer" aria-labelledby="mp-pst-title">
      <h3 id="mp-pst-title">{t('pst.title')}</h3>
      <p>{t('pst.intro', { address })}</p>
      {!progress && (
        <Button variant="secondary" data-testid="pst-start" onClick={start}>
          {t('pst.start')}
        </Button>
      )}
      {progress?.phase === 'requesting' && <p role="status">{t('pst.requesting')}</p>}
      {progress?.phase === 'exporting' && (
        <Progress
          label={t('pst.exporting')}
          value={progress.percent}
          max={100}
          text={fmt.percent(progress.percent / 100)}
          testid="pst-progress"
        />
      )}
      {progress?.phase === 'link' && (
        <Message tone="success" testid="pst-ready">
          <p>
            <a href={progress.url} target="_blank" rel="noopener noreferrer" data-testid="pst-link">
              {t('pst.download')}
            </a>
            {progress.expiration
              ? ` ${t('pst.expires', { date: fmt.date(progress.expiration) })}`
              : ''}
          </p>
        </Message>
      )}
      {error !== undefined && (
        <Message tone="critical" role="alert" title={t('pst.failed')} testid="pst-error">
          <p class="mp-muted">{errorDetail(tr, error)}</p>
          <Button variant="secondary" onClick={start}>
            {t('action.try_again')}
          </Button>
        </Message>
      )}
    </section>
  );
}
