/**
 * The offer, for an Exchange source, to have a PST backup made before anything changes: the
 * request, OVHcloud's progress (`percentComplete`), then the download link with its expiry
 * (lib/platforms `exportPst`, which follows an export already asked for rather than asking
 * again). The start button does not wait for it: the person may.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { PstExportLink, ServiceRef } from '../../lib/platforms/index.ts';
import { Button, Message, Progress } from '../kit/index.ts';
import { usePanel } from '../stores/use-panel.ts';
import { errorDetail } from '../text/migration-text.ts';

type PstState =
  | { phase: 'idle' }
  | { phase: 'requesting' }
  | { phase: 'exporting'; percent: number }
  | { phase: 'link'; link: PstExportLink }
  | { phase: 'failed'; error: unknown };

export function PstOffer({ service, address }: { service: ServiceRef; address: string }) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const t = tr.t;
  const [pst, setPst] = useState<PstState>({ phase: 'idle' });
  const controller = useRef<AbortController | undefined>(undefined);
  useEffect(() => () => controller.current?.abort(), []);
  const exportPst = store.deps.adapters[service.kind].exportPst;
  if (!exportPst) return null;

  const start = () => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setPst({ phase: 'requesting' });
    // Said by the panel's one live region (app.tsx); the progress bar shows the rest.
    store.announcer.say(t('pst.requesting'));
    exportPst(service, address, {
      signal: abort.signal,
      onProgress: (percent) => setPst({ phase: 'exporting', percent }),
    }).then(
      (link) => {
        setPst({ phase: 'link', link });
        store.announcer.say(t('pst.ready'));
      },
      (error: unknown) => {
        if (!abort.signal.aborted) setPst({ phase: 'failed', error });
      },
    );
  };
  const busy = pst.phase === 'requesting' || pst.phase === 'exporting';
  return (
    <section
      class="mp-section"
      data-testid="pst-offer"
      data-phase={pst.phase}
      aria-labelledby="mp-pst-title"
      aria-busy={busy}
    >
      <h3 id="mp-pst-title">{t('pst.title')}</h3>
      <p>{t('pst.intro', { address })}</p>
      {pst.phase === 'idle' && (
        <Button variant="secondary" data-testid="pst-start" onClick={start}>
          {t('pst.start')}
        </Button>
      )}
      {pst.phase === 'requesting' && <p data-testid="pst-requesting">{t('pst.requesting')}</p>}
      {pst.phase === 'exporting' && (
        <>
          <Progress
            label={t('pst.exporting')}
            value={pst.percent}
            max={100}
            text={
              pst.percent >= 100
                ? t('pst.making_link')
                : t('pst.percent', { percent: fmt.percent(pst.percent / 100) })
            }
            testid="pst-progress"
          />
          <p class="mp-muted">{t('pst.meanwhile')}</p>
        </>
      )}
      {pst.phase === 'link' && (
        <Message tone="success" title={t('pst.ready')} testid="pst-ready">
          <p>
            <a href={pst.link.url} target="_blank" rel="noopener noreferrer" data-testid="pst-link">
              {t('pst.download')}
            </a>{' '}
            <span data-testid="pst-expires">
              {t('pst.expires', { date: fmt.date(pst.link.expiresAt) })}
            </span>
          </p>
          <p class="mp-muted">{t('pst.keep')}</p>
        </Message>
      )}
      {pst.phase === 'failed' && (
        <Message tone="critical" role="alert" title={t('pst.failed')} testid="pst-error">
          <p>{t('pst.failed_action')}</p>
          <p class="mp-muted">{errorDetail(tr, pst.error)}</p>
          <Button variant="secondary" data-testid="pst-retry" onClick={start}>
            {t('action.try_again')}
          </Button>
        </Message>
      )}
    </section>
  );
}
