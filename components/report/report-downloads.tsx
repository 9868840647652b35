/**
 * "Keep the report": JSON (the run's report, its step records and the proxy's per-message log),
 * the folders as CSV, the per-message log as CSV (the proxy's own, for a spreadsheet), the text.
 * The log lives in the companion proxy: when it cannot be read (proxy stopped), the panel says
 * so and what to do, and the JSON still downloads, saying the log is missing.
 */
import { useState } from 'preact/hooks';
import type { MessageLogEntry } from '../../lib/proxy-contract/index.ts';
import { Button, Message } from '../kit/index.ts';
import type { RunStore } from '../stores/run-store.ts';
import { usePanel } from '../stores/use-panel.ts';
import { errorDetail } from '../text/migration-text.ts';
import {
  download,
  type MessageLogPart,
  reportCsv,
  reportJson,
  reportText,
} from './report-export.ts';

export function ReportDownloads({ run }: { run: RunStore }) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const t = tr.t;
  const [copied, setCopied] = useState<'copied' | 'refused'>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ error: unknown; withoutLog: boolean }>();
  const state = run.state.value;
  if (!state) return null;
  const stamp = state.runId.slice(0, 8);
  const jobId = state.report?.copy?.jobId ?? state.records.copy_content?.jobId;
  const log = store.deps.messageLog;

  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  const json = () =>
    act(async () => {
      let part: MessageLogPart | undefined;
      if (jobId && log) {
        try {
          const entries: MessageLogEntry[] = await log.entries(jobId);
          part = { messages: entries };
        } catch (error) {
          part = { error: errorOf(error) };
          setProblem({ error, withoutLog: true });
        }
      }
      download(
        `migration-${stamp}.json`,
        'application/json',
        reportJson(state, run.job.value, part),
      );
    });
  const logCsv = () =>
    act(async () => {
      if (!jobId || !log) return;
      try {
        download(`migration-${stamp}-messages.csv`, 'text/csv', await log.csv(jobId));
      } catch (error) {
        setProblem({ error, withoutLog: false });
      }
    });

  return (
    <section class="mp-section" aria-labelledby="mp-export-title" aria-busy={busy}>
      <h3 id="mp-export-title">{t('report.export')}</h3>
      <div class="mp-actions">
        <Button variant="secondary" data-testid="report-json" disabled={busy} onClick={json}>
          {t('report.json')}
        </Button>
        <Button
          variant="secondary"
          data-testid="report-csv"
          onClick={() =>
            download(`migration-${stamp}.csv`, 'text/csv', reportCsv(state, run.job.value))
          }
        >
          {t('report.csv')}
        </Button>
        {jobId && log && (
          <Button variant="secondary" data-testid="report-log-csv" disabled={busy} onClick={logCsv}>
            {t('report.log_csv')}
          </Button>
        )}
        <Button
          variant="secondary"
          data-testid="report-copy"
          onClick={async () => {
            // The browser may refuse the clipboard (no permission, page not focused): say so.
            const written = navigator.clipboard?.writeText(reportText(state, tr, fmt));
            setCopied(
              written
                ? await written.then(
                    (): 'copied' => 'copied',
                    () => 'refused',
                  )
                : 'refused',
            );
          }}
        >
          {copied === 'copied' ? t('report.copied') : t('report.copy')}
        </Button>
      </div>
      {copied === 'refused' && (
        <Message
          tone="warning"
          role="alert"
          title={t('report.copy_refused')}
          testid="report-copy-error"
        >
          <p>{t('report.copy_refused_action')}</p>
        </Message>
      )}
      {jobId && log && <p class="mp-muted">{t('report.log_hint')}</p>}
      {problem && (
        <Message
          tone="warning"
          role="alert"
          title={t(problem.withoutLog ? 'report.log_missing' : 'report.log_failed')}
          testid="report-log-error"
        >
          <p>{t('report.log_action')}</p>
          <p class="mp-muted">{errorDetail(tr, problem.error)}</p>
        </Message>
      )}
    </section>
  );
}

function errorOf(error: unknown): { code: string; message: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return {
    code: typeof code === 'string' ? code : 'internal',
    message: error instanceof Error ? error.message : String(error),
  };
}
