/**
 * The run: task list, copy progress, what to do when it stops, and the report once it is done.
 * Opening it on a run found in storage (closed tab, browser restart) is the resume view.
 */
import { useEffect, useMemo } from 'preact/hooks';
import { BRIDGE_ERROR_CODES } from '../../lib/messaging.ts';
import type { RunState, StepId } from '../../lib/migration/index.ts';
import { Badge, Button, Message } from '../kit/index.ts';
import { ProxyBanner } from '../panel/proxy-banner.tsx';
import { useHeadingFocus } from '../panel/use-heading-focus.ts';
import { ReportView } from '../report/report-view.tsx';
import { createRunStore, type RunProgressEvent } from '../stores/run-store.ts';
import { usePanel } from '../stores/use-panel.ts';
import { productName, stepTitle } from '../text/migration-text.ts';
import { CopyProgress } from './copy-progress.tsx';
import { RollbackList } from './rollback-list.tsx';
import { RunActions, RunError } from './run-actions.tsx';
import { TaskList } from './task-list.tsx';

const TONES = {
  ready: 'info',
  running: 'info',
  paused: 'warning',
  needs_passwords: 'warning',
  failed: 'critical',
  completed: 'success',
  rolling_back: 'warning',
  rollback_failed: 'critical',
  rolled_back: 'neutral',
} as const;

/** Why the bridge could not reach a usable proxy. */
const PROXY_CAUSES: ReadonlySet<string> = new Set(BRIDGE_ERROR_CODES);

export function RunView({ runId }: { runId: string }) {
  const store = usePanel();
  const { tr } = store.i18n.value;
  const t = tr.t;
  const run = useMemo(
    () =>
      createRunStore(store.deps, runId, {
        onProgress: (event) => announce(event),
      }),
    [runId],
  );
  const announce = (event: RunProgressEvent) => {
    const { tr: now } = store.i18n.value;
    const state = run.state.value;
    if (event.type === 'step' && event.status === 'running' && state) {
      const index = state.steps.findIndex((s) => s.id === event.step);
      store.announcer.say(
        now.t('announce.step', {
          index: index + 1,
          count: state.steps.length,
          title: stepTitle(now, event.step as StepId),
        }),
      );
    } else if (event.type === 'percent') {
      store.announcer.say(now.t('announce.percent', { percent: event.percent }));
    } else if (event.type === 'outcome') {
      store.announcer.say(now.t(`announce.outcome.${event.state.status}`));
      if (document.hidden && ['completed', 'failed', 'rolled_back'].includes(event.state.status)) {
        store.deps.notify?.(now.t('panel.title'), now.t(`announce.outcome.${event.state.status}`));
      }
    }
  };
  useEffect(() => {
    const pending = store.pending.get(runId);
    if (pending) {
      store.pending.delete(runId);
      void run.start(pending.plan, pending.passwords, pending.confirmIrreversible);
    } else {
      void run.refresh();
    }
    return () => run.dispose();
  }, [run]);
  useEffect(() => {
    store.guard.value = run.apiChangeInFlight.value;
  }, [run.apiChangeInFlight.value]);
  useEffect(
    () => () => {
      store.guard.value = false;
    },
    [],
  );

  const state = run.state.value;
  const heading = useHeadingFocus<HTMLHeadingElement>(
    !state ? 'loading' : state.status === 'completed' ? 'report' : 'run',
  );
  if (!state) {
    return (
      <p data-testid="run-loading" ref={heading} tabIndex={-1}>
        {t('run.loading')}
      </p>
    );
  }
  const interrupted = !run.busy.value && (state.status === 'running' || state.status === 'ready');
  const rollingBack = state.status === 'rolling_back' || state.status === 'rollback_failed';
  const copying = state.steps.some(
    (s) =>
      (s.id === 'copy_content' || s.id === 'final_pass') &&
      (s.status === 'running' || s.status === 'done'),
  );
  return (
    <div
      class="mp-stack"
      data-testid="run-view"
      data-status={state.status}
      data-busy={String(run.busy.value)}
    >
      <h2 ref={heading} tabIndex={-1} data-testid="run-heading">
        {state.status === 'completed'
          ? t('report.title')
          : t('run.title', { address: state.plan.source.address })}
      </h2>
      <p>
        {/* An interrupted run is still 'running' in its state: its badge says what the person sees. */}
        <Badge tone={interrupted ? 'warning' : TONES[state.status]} testid="run-status">
          {interrupted ? t('status.interrupted') : t(`status.${state.status}`)}
        </Badge>{' '}
        <span class="mp-muted">
          {productName(state.plan.source.service.kind)} {state.plan.source.service.service} →{' '}
          {productName(state.plan.destination.service.kind)}{' '}
          {state.plan.destination.service.service}
        </span>
      </p>
      {interrupted && (
        <Message tone="warning" title={t('run.interrupted_title')} testid="run-interrupted">
          <p>{t('run.interrupted')}</p>
        </Message>
      )}
      <RunError run={run} />
      {/* The proxy stopped the run: start or pair it here, then the run goes on from there. */}
      {state.status === 'failed' &&
        !run.busy.value &&
        PROXY_CAUSES.has(state.error?.causeCode ?? '') && (
          <ProxyBanner onReady={() => void run.retry()} />
        )}
      {state.status === 'rolled_back' && <RolledBack state={state} />}
      {state.status === 'completed' ? (
        <ReportView run={run} />
      ) : state.status === 'rolled_back' ? (
        // The steps' record would say "done" for changes the rollback undid: only the rollback's.
        <>
          <RollbackList state={state} busy={run.busy.value} />
          <div class="mp-actions">
            <Button
              variant="secondary"
              data-testid="run-home"
              onClick={() => store.show({ name: 'home' })}
            >
              {t('report.back_home')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <RunActions run={run} />
          {rollingBack && <RollbackList state={state} busy={run.busy.value} />}
          {copying && !rollingBack && (
            <CopyProgress job={run.job.value} totals={state.records.copy_content?.totals} />
          )}
          <section aria-labelledby="mp-tasks-title">
            <h3 id="mp-tasks-title">{rollingBack ? t('run.tasks_before') : t('run.tasks')}</h3>
            <TaskList state={state} />
          </section>
        </>
      )}
    </div>
  );
}

function RolledBack({ state }: { state: RunState }) {
  const store = usePanel();
  const { t } = store.i18n.value.tr;
  return (
    <Message tone="success" title={t('run.rolled_back_title')} testid="run-rolled-back">
      <p>{t('run.rolled_back', { address: state.plan.source.address })}</p>
    </Message>
  );
}
