/**
 * What the drawer opens on: the runs still open (the resume view, after a closed tab or a browser
 * restart), the proxy's state, and the way into a new migration.
 */
import { useEffect } from 'preact/hooks';
import type { RunState } from '../../lib/migration/index.ts';
import { Badge, Button, Message } from '../kit/index.ts';
import { usePanel } from '../stores/use-panel.ts';
import { productName } from '../text/migration-text.ts';
import { ProxyBanner } from './proxy-banner.tsx';
import { useHeadingFocus } from './use-heading-focus.ts';

export function HomeView() {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const t = tr.t;
  const heading = useHeadingFocus<HTMLHeadingElement>('home');
  // On show and each time the panel opens again (it stays mounted while closed).
  const shown = store.open.value;
  useEffect(() => {
    if (!shown) return;
    void store.loadRuns();
  }, [shown]);
  const page = store.page.value;
  const open = store.openRuns.value;
  return (
    <div class="mp-stack" data-testid="home-view">
      <h2 ref={heading} tabIndex={-1}>
        {open.length > 0 ? t('home.resume_title') : t('home.title')}
      </h2>
      <ProxyBanner />
      {open.length > 0 && (
        <ul class="mp-tasks" data-testid="resume-list">
          {open.map((run) => (
            <ResumeItem key={run.runId} run={run} />
          ))}
        </ul>
      )}
      {open.length === 0 && <p>{t('home.intro')}</p>}
      {page && (
        <Message tone="info" testid="page-service">
          <p>
            {t('home.page_service', {
              product: productName(page.service.kind),
              service: page.service.service,
            })}
            {page.account ? ` ${t('home.page_account', { address: page.account })}` : ''}
          </p>
        </Message>
      )}
      <div class="mp-actions">
        <Button
          variant={open.length > 0 ? 'secondary' : 'primary'}
          data-testid="start-wizard"
          onClick={() => store.show({ name: 'wizard' })}
        >
          {t('home.new')}
        </Button>
      </div>
      {store.runs.value && store.runs.value.length > open.length && (
        <p class="mp-muted">
          {t('home.finished_count', { count: fmt.number(store.runs.value.length - open.length) })}
        </p>
      )}
    </div>
  );
}

function ResumeItem({ run }: { run: RunState }) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const t = tr.t;
  const tone = run.status === 'failed' || run.status === 'rollback_failed' ? 'critical' : 'warning';
  return (
    <li class="mp-task" data-status={run.status} data-testid="resume-item" data-run-id={run.runId}>
      <span />
      <div>
        <p class="mp-task-title">
          {t('home.run_line', {
            address: run.plan.source.address,
            destination: `${productName(run.plan.destination.service.kind)} ${run.plan.destination.service.service}`,
          })}
        </p>
        <p>
          <Badge tone={tone}>{t(`status.${run.status}`)}</Badge>{' '}
          <span class="mp-muted">{t('home.updated', { date: fmt.date(run.updatedAt) })}</span>
        </p>
        <Button
          variant="primary"
          data-testid="resume-open"
          onClick={() => store.show({ name: 'run', runId: run.runId })}
        >
          {t('home.open_run')}
        </Button>
      </div>
    </li>
  );
}
