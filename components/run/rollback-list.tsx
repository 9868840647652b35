/**
 * The rollback as its own task list (lib/migration's ROLLBACK_STEP_IDS order), live while it runs
 * and kept after: what each step undid, how many messages came back to each source folder, and
 * what is left to do by hand (the rollback's warnings, in the panel's language).
 */
import type { Formatters } from '../../lib/i18n/format.ts';
import type { Translator } from '../../lib/i18n/translate.ts';
import {
  ROLLBACK_STEP_IDS,
  type RollbackStepId,
  type RunState,
  rollbackStepsAhead,
  rollbackWarningEnglish,
} from '../../lib/migration/index.ts';
import { Icon, type IconName } from '../kit/index.ts';
import { usePanel } from '../stores/use-panel.ts';
import { rollbackWarningText } from '../text/migration-text.ts';

/** What a person reads for one rollback step: its record's status, or where the rollback is. */
export type RollbackStepView = 'pending' | 'running' | 'stopped' | 'done' | 'skipped';

const ICONS: Record<RollbackStepView, IconName> = {
  pending: 'pending',
  running: 'running',
  stopped: 'critical',
  done: 'success',
  skipped: 'skipped',
};

/**
 * Each rollback step as it stands. A step the rollback has not reached is "to do" while it may
 * still run, and "nothing to undo" once the rollback ended without it; a step left `running` by
 * a rollback that stopped is where it stopped.
 */
export function rollbackStepViews(
  state: RunState,
  busy: boolean,
): Array<{ id: RollbackStepId; view: RollbackStepView }> {
  const ahead = new Set(rollbackStepsAhead(state));
  const ended = state.status === 'rolled_back';
  return ROLLBACK_STEP_IDS.flatMap((id): Array<{ id: RollbackStepId; view: RollbackStepView }> => {
    const record = state.rollbackSteps?.find((s) => s.id === id);
    if (record === undefined) {
      if (ended) return [{ id, view: 'skipped' }];
      return ahead.has(id) ? [{ id, view: 'pending' }] : [];
    }
    if (record.status !== 'running') return [{ id, view: record.status }];
    return [{ id, view: busy && state.status === 'rolling_back' ? 'running' : 'stopped' }];
  });
}

export function RollbackList({ state, busy }: { state: RunState; busy: boolean }) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const t = tr.t;
  const back = state.rollbackResult?.copiedBack;
  const warnings = state.rollbackWarnings ?? [];
  return (
    <section class="mp-stack" aria-labelledby="mp-rollback-title" data-testid="rollback-steps">
      <h3 id="mp-rollback-title">{t('rollback.tasks')}</h3>
      <ol class="mp-tasks" aria-labelledby="mp-rollback-title">
        {rollbackStepViews(state, busy).map(({ id, view }) => (
          <li
            class="mp-task"
            key={id}
            data-status={view === 'stopped' ? 'failed' : view}
            data-step={id}
            data-testid="rollback-step"
          >
            <Icon name={ICONS[view]} />
            <div>
              <p class="mp-task-title">
                {/* A sentence, then its status after a dash: no full stop between them. */}
                {(tr.lookup(`rollback.step.${id}`) ?? id).replace(/\.$/, '')}{' '}
                <span class="mp-muted">— {t(`rollback.step_status.${view}`)}</span>
              </p>
              {id === 'drain_and_reset' && back && <CopiedBack back={back} fmt={fmt} tr={tr} />}
            </div>
          </li>
        ))}
      </ol>
      {warnings.length > 0 && (
        <div data-testid="rollback-left">
          <h4>{t('rollback.left_title')}</h4>
          <ul>
            {warnings.map((warning) => (
              <li
                key={rollbackWarningEnglish(warning)}
                data-testid="rollback-warning"
                data-key={typeof warning === 'string' ? undefined : warning.key}
              >
                {rollbackWarningText(tr, warning)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

type CopiedBackResult = NonNullable<NonNullable<RunState['rollbackResult']>['copiedBack']>;

function CopiedBack({
  back,
  tr,
  fmt,
}: {
  back: CopiedBackResult;
  tr: Translator;
  fmt: Formatters;
}) {
  const messages = (count: number) =>
    tr.plural('run.messages', count, { count: fmt.number(count) });
  return (
    <div data-testid="rollback-copied-back" data-messages={back.messages}>
      <p class="mp-muted">
        {back.messages > 0
          ? tr.t('run.copied_back', {
              messages: messages(back.messages),
              bytes: fmt.bytes(back.bytes),
            })
          : tr.t('run.copied_back_none')}
      </p>
      {back.byFolder.length > 0 && (
        <ul>
          {back.byFolder.map((f) => (
            <li
              key={`${f.from}→${f.to}`}
              data-testid="rollback-folder"
              data-folder={f.to}
              data-messages={f.messages}
            >
              {tr.t('run.copied_back_folder', {
                folder: f.to,
                count: messages(f.messages),
                bytes: fmt.bytes(f.bytes),
              })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
