/**
 * Several accounts in one go (lib/migration runBatch): each planned just before it runs, with its
 * own slot; one combined view of every account's state and copy, and a combined report. Each
 * account's run is saved like a single run, so the resume view finds an interrupted one.
 */
import { signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import {
  type BatchAccountResult,
  type BatchReport,
  createMigrationRunner,
  runBatch,
} from '../../lib/migration/index.ts';
import type { JobView } from '../../lib/proxy-contract/index.ts';
import { Badge, Button, Message, Progress } from '../kit/index.ts';
import { useHeadingFocus } from '../panel/use-heading-focus.ts';
import { usePanel } from '../stores/use-panel.ts';
import { checkText, errorText } from '../text/migration-text.ts';

interface Line {
  address: string;
  runId: string;
  result?: BatchAccountResult;
  step?: string;
  job?: JobView;
}

export function BatchView({ runIds }: { runIds: string[] }) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const t = tr.t;
  const batchId = runIds[0] ?? 'batch';
  const model = useMemo(() => {
    const pending = store.pendingBatches.get(batchId);
    store.pendingBatches.delete(batchId);
    const lines = signal<Line[]>(
      (pending?.accounts ?? []).map((a, index) => ({
        address: a.address,
        runId: `${batchId}-${index + 1}`,
      })),
    );
    const report = signal<BatchReport | undefined>(undefined);
    const update = (address: string, change: Partial<Line>) => {
      lines.value = lines.value.map((l) => (l.address === address ? { ...l, ...change } : l));
    };
    const controller = new AbortController();
    const go = async () => {
      if (!pending) return;
      report.value = await runBatch({
        source: pending.source,
        destination: pending.destination,
        accounts: pending.accounts,
        adapters: store.deps.adapters,
        copy: store.deps.copy,
        signal: controller.signal,
        concurrency: 2,
        onAccount: (result) => update(result.address, { result }),
        runner: (address) => {
          const line = lines.value.find((l) => l.address === address);
          return createMigrationRunner({
            runId: line?.runId ?? `${batchId}-${address}`,
            adapters: store.deps.adapters,
            copy: store.deps.copy,
            store: store.deps.runs,
            secrets: store.deps.secrets,
            ...(store.deps.pollMs ? { pollMs: store.deps.pollMs } : {}),
            onEvent: (event) => {
              if (event.type === 'copy') update(address, { job: event.job });
              else if (event.type === 'step' && event.status === 'running')
                update(address, { step: event.step });
            },
          });
        },
      });
      const done = report.value;
      store.announcer.say(
        t('batch.done', { completed: done.completed, failed: done.failed, refused: done.refused }),
      );
    };
    return { lines, report, go, controller, started: Boolean(pending) };
  }, [batchId]);
  useEffect(() => {
    void model.go();
    store.guard.value = true;
    return () => {
      model.controller.abort();
      store.guard.value = false;
    };
  }, [model]);
  useEffect(() => {
    if (model.report.value) store.guard.value = false;
  }, [model.report.value]);
  const heading = useHeadingFocus<HTMLHeadingElement>(
    model.report.value ? 'batch-report' : 'batch',
  );
  const report = model.report.value;
  return (
    <div class="mp-stack" data-testid="batch-view" data-done={String(Boolean(report))}>
      <h2 ref={heading} tabIndex={-1}>
        {report
          ? t('batch.report_title')
          : t('batch.title', { count: fmt.number(model.lines.value.length) })}
      </h2>
      {!model.started && (
        <Message tone="warning" testid="batch-missing">
          <p>{t('batch.missing')}</p>
        </Message>
      )}
      {report && (
        <Message
          tone={report.failed + report.refused > 0 ? 'warning' : 'success'}
          testid="batch-report"
        >
          <p>
            {t('batch.done', {
              completed: report.completed,
              failed: report.failed,
              refused: report.refused,
            })}
          </p>
        </Message>
      )}
      <ul class="mp-tasks" data-testid="batch-lines">
        {model.lines.value.map((line) => {
          const result = line.result;
          const status = result?.status ?? (line.step ? 'running' : 'ready');
          const totals = line.job?.totals;
          return (
            <li
              class="mp-task"
              key={line.address}
              data-testid="batch-line"
              data-address={line.address}
              data-status={status}
            >
              <span />
              <div class="mp-stack">
                <p class="mp-task-title">
                  {line.address}{' '}
                  <Badge
                    tone={
                      status === 'completed'
                        ? 'success'
                        : status === 'failed' || status === 'refused'
                          ? 'critical'
                          : 'info'
                    }
                  >
                    {t(`status.${status}`)}
                  </Badge>
                </p>
                {totals && !result && (
                  <Progress
                    label={t('copy.overall')}
                    value={totals.messagesDone}
                    max={Math.max(1, totals.messagesTotal)}
                    text={t('copy.overall_short', {
                      done: fmt.number(totals.messagesDone),
                      total: fmt.number(totals.messagesTotal),
                    })}
                    testid="batch-progress"
                  />
                )}
                {result?.failedChecks?.map((check) => (
                  <p key={check.key} class="mp-field-error">
                    {checkText(tr, check).text}
                  </p>
                ))}
                {result?.error && <p class="mp-field-error">{errorText(tr, result.error).title}</p>}
                {result?.generatedPasswords?.destination && (
                  <p>
                    {t('batch.generated', { address: line.address })}{' '}
                    <span class="mp-secret" data-testid="batch-password">
                      {result.generatedPasswords.destination}
                    </span>
                  </p>
                )}
                {(status === 'failed' || status === 'completed') && (
                  <Button
                    variant="secondary"
                    onClick={() => store.show({ name: 'run', runId: line.runId })}
                  >
                    {t('batch.open')}
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
