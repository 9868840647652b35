/**
 * The run's steps as a task list with their live status, and for a step that waits, what for and
 * since when ("Waiting for OVHcloud task 123 (setAccount), 2 min").
 */
import { useEffect, useState } from 'preact/hooks';
import type { Formatters } from '../../lib/i18n/format.ts';
import type { Translator } from '../../lib/i18n/translate.ts';
import type { RunState, StepRecord, StepStatus } from '../../lib/migration/index.ts';
import { Icon, type IconName } from '../kit/index.ts';
import { usePanel } from '../stores/use-panel.ts';
import { framedDetail, stepDescription, stepTitle } from '../text/migration-text.ts';

const ICONS: Record<StepStatus, IconName> = {
  pending: 'pending',
  running: 'running',
  done: 'success',
  skipped: 'skipped',
  failed: 'critical',
};

/** Steps whose wait is the copy job: the copy's own progress bars say more. */
const COPY_STEPS: ReadonlySet<string> = new Set(['copy_content', 'final_pass']);

/** The time now, again every `ms` while a step waits (the "since" grows on screen). */
function useNow(active: boolean, ms = 5000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [active, ms]);
  return now;
}

/** "Waiting for OVHcloud task 123 (setAccount), 2 min", in the panel's language. */
export function waitingText(
  tr: Translator,
  fmt: Formatters,
  record: StepRecord,
  now: number,
): string | undefined {
  const waiting = record.waiting;
  if (record.status !== 'running' || !waiting || COPY_STEPS.has(record.id)) return undefined;
  const duration = fmt.duration(Math.max(0, (now - Date.parse(waiting.since)) / 1000));
  if (waiting.taskId !== undefined) {
    return waiting.taskFunction
      ? tr.t('run.waiting_task', { id: waiting.taskId, task: waiting.taskFunction, duration })
      : tr.t('run.waiting_task_plain', { id: waiting.taskId, duration });
  }
  // No task: OVHcloud's state of a domain or an account, in the runner's words.
  return tr.t('run.waiting_other', {
    duration,
    detail: framedDetail(tr, waiting.what, 'other'),
  });
}

export function TaskList({ state }: { state: RunState }) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const now = useNow(state.steps.some((s) => s.status === 'running' && s.waiting));
  return (
    <ol class="mp-tasks" data-testid="task-list" aria-label={tr.t('run.tasks')}>
      {state.steps.map((record) => {
        const planned = state.plan.steps.find((s) => s.id === record.id);
        const waiting = waitingText(tr, fmt, record, now);
        return (
          <li
            class="mp-task"
            key={record.id}
            data-status={record.status}
            data-step={record.id}
            data-testid="task"
          >
            <Icon name={ICONS[record.status]} />
            <div>
              <p class="mp-task-title">
                {stepTitle(tr, record.id)}{' '}
                <span class="mp-muted">— {tr.t(`step_status.${record.status}`)}</span>
              </p>
              <p class="mp-muted">{stepDescription(tr, planned)}</p>
              {waiting && (
                <p
                  class="mp-task-waiting"
                  data-testid="task-waiting"
                  data-task-id={record.waiting?.taskId ?? ''}
                >
                  {waiting}
                </p>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
