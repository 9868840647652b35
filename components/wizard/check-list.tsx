/** The preflight checks: failures first, each with its plain sentence and what to do. */
import type { PreflightCheck } from '../../lib/migration/index.ts';
import { Badge, Icon } from '../kit/index.ts';
import { usePanel } from '../stores/use-panel.ts';
import { checkText } from '../text/migration-text.ts';

const ORDER = { fail: 0, warn: 1, pass: 2 } as const;
const TONE = { fail: 'critical', warn: 'warning', pass: 'success' } as const;
const ICON = { fail: 'critical', warn: 'warning', pass: 'success' } as const;

export function CheckList({ checks }: { checks: PreflightCheck[] }) {
  const store = usePanel();
  const { tr } = store.i18n.value;
  const sorted = [...checks].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  return (
    <ul class="mp-tasks" data-testid="check-list">
      {sorted.map((check) => {
        const { text, action } = checkText(tr, check);
        return (
          <li
            class="mp-task"
            key={`${check.id}-${check.key}`}
            data-status={
              check.status === 'fail' ? 'failed' : check.status === 'warn' ? 'warning' : 'done'
            }
            data-testid="check"
            data-check={check.id}
            data-outcome={check.status}
          >
            <Icon name={ICON[check.status]} />
            <div>
              <p>
                <Badge tone={TONE[check.status]}>{tr.t(`check.${check.status}`)}</Badge> {text}
              </p>
              {action && check.status !== 'pass' && <p class="mp-muted">{action}</p>}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
