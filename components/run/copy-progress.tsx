/** The copy: overall and per-folder bars with their values in words, the rate and the ETA. */
import type { JobTotals, JobView } from '../../lib/proxy-contract/index.ts';
import { Progress } from '../kit/index.ts';
import { usePanel } from '../stores/use-panel.ts';

export function CopyProgress({ job, totals }: { job?: JobView; totals?: JobTotals }) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const t = tr.t;
  const sums = job?.totals ?? totals;
  if (!sums) return null;
  const ratio = sums.messagesTotal > 0 ? sums.messagesDone / sums.messagesTotal : 0;
  const overall =
    sums.messagesTotal === 0
      ? t('copy.counting')
      : t('copy.overall_text', {
          done: fmt.number(sums.messagesDone),
          total: fmt.number(sums.messagesTotal),
          percent: fmt.percent(ratio),
          bytes: fmt.bytes(sums.bytesDone),
          bytesTotal: fmt.bytes(sums.bytesTotal),
        });
  return (
    <section class="mp-section" aria-labelledby="mp-copy-title" data-testid="copy-progress">
      <h3 id="mp-copy-title">{t('copy.title')}</h3>
      <Progress
        label={t('copy.overall')}
        value={sums.messagesDone}
        max={Math.max(1, sums.messagesTotal)}
        text={overall}
        testid="copy-overall"
      />
      {job && (
        <p class="mp-muted" data-testid="copy-rate">
          {job.bytesPerSecond > 0
            ? t('copy.rate', {
                rate: fmt.rate(job.bytesPerSecond),
                messages: fmt.number(Math.round(job.messagesPerSecond * 10) / 10),
              })
            : t('copy.rate_idle')}
          {job.etaSeconds !== undefined && job.etaSeconds > 0
            ? ` · ${t('copy.eta', { eta: fmt.duration(job.etaSeconds) })}`
            : ''}
        </p>
      )}
      {job && job.folders.length > 0 && (
        <details open={job.folders.length <= 8}>
          <summary>
            {tr.plural('copy.folders', job.folders.length, {
              count: fmt.number(job.folders.length),
            })}
          </summary>
          <div class="mp-stack" data-testid="copy-folders">
            {job.folders.map((folder) => (
              <Progress
                key={folder.source}
                label={
                  folder.destination === folder.source
                    ? folder.source
                    : `${folder.source} → ${folder.destination}`
                }
                value={folder.messagesDone}
                max={Math.max(1, folder.messagesTotal)}
                text={t('copy.folder_text', {
                  done: fmt.number(folder.messagesDone),
                  total: fmt.number(folder.messagesTotal),
                  state: t(`folder_state.${folder.state}`),
                })}
                testid="copy-folder"
              />
            ))}
          </div>
        </details>
      )}
      {job && job.failures.length > 0 && (
        <p class="mp-field-error" data-testid="copy-failures">
          {tr.plural('copy.failures', job.failures.length, {
            count: fmt.number(job.failures.length),
          })}
        </p>
      )}
    </section>
  );
}
