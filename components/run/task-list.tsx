/** The run's steps as a task list with their live status. */
import type { RunState, StepStatus } from '../../lib/migration/index.ts';
import { Icon, type IconName } from '../kit/index.ts';
import { usePanel } from '../stores/use-panel.ts';
import { stepDescription, stepTitle } from '../text/migration-text.ts';

const ICONS: Record<StepStatus, IconName> = {
  pending: 'pending',
  running: 'running',
  done: 'success',
  skipped: 'skipped',
  failed: 'critical',
};

export function TaskList({ state }: { state: RunState }) {
  const store = usePanel();
  const { tr } = store.i18n.value;
  return (
    <ol class="mp-tasks" data-testid="task-list" aria-label={tr.t('run.tasks')}>
      {state.steps.map((record) => {
        const planned = state.plan.steps.find((s) => s.id === record.id);
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
            </div>
          </li>
        );
      })}
    </ol>
  );
}
