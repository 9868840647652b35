/**
 * The report of a completed run: verified per folder, the measured mail window, the API's task
 * ids, what is left by hand, the DNS diagnosis, the offer to free the renamed source, downloads.
 */
import { useState } from 'preact/hooks';
import { Badge, Button, Dialog, Message } from '../kit/index.ts';
import type { RunStore } from '../stores/run-store.ts';
import { usePanel } from '../stores/use-panel.ts';
import { productName, stepTitle } from '../text/migration-text.ts';
import { DnsSection } from './dns-section.tsx';
import { ReportDownloads } from './report-downloads.tsx';
import { expectedWindowSeconds, mailWindowSeconds, manualItems } from './report-facts.ts';

export function ReportView({ run }: { run: RunStore }) {
  const store = usePanel();
  const { tr, fmt } = store.i18n.value;
  const t = tr.t;
  const [confirmReset, setConfirmReset] = useState(false);
  const state = run.state.value;
  // The DNS diagnosis as read again by the DNS section; the one saved with the report until then.
  const [dns, setDns] = useState(state?.report?.dns);
  if (!state) return null;
  const { plan, report } = state;
  const folders = report?.copy?.folders ?? [];
  const verified = folders.length > 0 && folders.every((f) => f.match);
  const window = mailWindowSeconds(state);
  const expected = expectedWindowSeconds(state);
  const reset = report?.sourceReset ?? state.sourceReset;
  return (
    <div class="mp-stack" data-testid="report">
      <Message
        tone="success"
        title={t('report.done', { address: plan.destination.address })}
        testid="report-summary"
      >
        <p>
          {t('report.summary', {
            address: plan.destination.address,
            destination: `${productName(plan.destination.service.kind)} ${plan.destination.service.service}`,
            provisional: plan.provisional.address,
          })}
        </p>
        {window !== undefined && (
          <p data-testid="report-window" data-seconds={Math.round(window)}>
            {expected === undefined
              ? t('report.window', { duration: fmt.duration(window) })
              : t('report.window_expected', {
                  duration: fmt.duration(window),
                  expected: fmt.duration(expected),
                })}
          </p>
        )}
      </Message>
      {folders.length > 0 && (
        <section aria-labelledby="mp-verified-title">
          <h3 id="mp-verified-title">
            {t('report.verified')}{' '}
            <Badge tone={verified ? 'success' : 'critical'}>
              {t(verified ? 'report.match' : 'report.mismatch')}
            </Badge>
          </h3>
          <table class="mp-table" data-testid="report-folders">
            <thead>
              <tr>
                <th scope="col">{t('report.folder')}</th>
                <th scope="col" class="mp-num">
                  {t('report.messages')}
                </th>
                <th scope="col" class="mp-num">
                  {t('report.size')}
                </th>
                <th scope="col">{t('report.state')}</th>
              </tr>
            </thead>
            <tbody>
              {folders.map((f) => (
                <tr key={f.source} data-testid="report-folder" data-match={String(f.match)}>
                  <td>
                    {f.source === f.destination ? f.source : `${f.source} → ${f.destination}`}
                  </td>
                  <td class="mp-num">
                    {fmt.number(f.destinationMessages)} / {fmt.number(f.sourceMessages)}
                  </td>
                  <td class="mp-num">{fmt.bytes(f.destinationBytes)}</td>
                  <td>
                    {f.match ? (
                      <Badge tone="success">{t('report.match')}</Badge>
                    ) : (
                      <Badge tone="critical">{t('report.mismatch')}</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      <section aria-labelledby="mp-tasks-done-title">
        <h3 id="mp-tasks-done-title">{t('report.tasks')}</h3>
        <ul data-testid="report-tasks">
          {state.steps
            .filter((s) => s.taskIds.length > 0)
            .map((s) => (
              <li key={s.id}>
                {stepTitle(tr, s.id)} —{' '}
                {tr.plural('report.task_ids', s.taskIds.length, { ids: s.taskIds.join(', ') })}
              </li>
            ))}
          {reset && (
            <li>
              {tr.plural('report.reset_tasks', reset.taskIds.length, {
                ids: reset.taskIds.join(', ') || '—',
              })}
            </li>
          )}
        </ul>
      </section>
      <section aria-labelledby="mp-manual-title">
        <h3 id="mp-manual-title">{t('report.manual')}</h3>
        <ul data-testid="report-manual">
          {manualItems(state, tr, dns).map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>
      {dns && <DnsSection run={run} domain={plan.domain.name} dns={dns} onDiagnosis={setDns} />}
      {plan.route !== 'legacy_move' && (
        <section class="mp-section" aria-labelledby="mp-free-title" data-testid="free-source">
          <h3 id="mp-free-title">{t('report.free_title')}</h3>
          {reset ? (
            <Message tone="success" testid="source-freed">
              <p>{t('report.freed', { provisional: plan.provisional.address })}</p>
            </Message>
          ) : (
            <>
              <p>{t('report.free_intro', { provisional: plan.provisional.address })}</p>
              <Button
                variant="secondary"
                data-testid="free-source-open"
                disabled={!verified || run.busy.value}
                onClick={() => setConfirmReset(true)}
              >
                {t('report.free')}
              </Button>
              {!verified && <p class="mp-muted">{t('report.free_needs_verified')}</p>}
            </>
          )}
          <Dialog
            open={confirmReset}
            title={t('report.free_confirm_title', { provisional: plan.provisional.address })}
            confirmLabel={t('report.free_confirm')}
            cancelLabel={t('action.cancel')}
            tone="critical"
            testid="free-dialog"
            onCancel={() => setConfirmReset(false)}
            onConfirm={() => {
              setConfirmReset(false);
              void run.resetSource();
            }}
          >
            <p>
              {t('report.free_deletes', {
                provisional: plan.provisional.address,
                address: plan.destination.address,
              })}
            </p>
          </Dialog>
        </section>
      )}
      <ReportDownloads run={run} />
      <div class="mp-actions">
        <Button
          variant="ghost"
          data-testid="report-home"
          onClick={() => store.show({ name: 'home' })}
        >
          {t('report.back_home')}
        </Button>
      </div>
    </div>
  );
}
