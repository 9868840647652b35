/**
 * The destination's DNS diagnosis (MX, SPF, autodiscover) and, for a zone hosted at OVHcloud,
 * the fix in one confirmation (lib/migration planDnsFix / applyDnsFix). The diagnosis shown is
 * read again from the API when the report opens and after a fix: the one saved with the report
 * is only what it was when the run ended.
 */
import { useEffect, useState } from 'preact/hooks';
import { applyDnsFix, type DnsFix, planDnsFix } from '../../lib/migration/index.ts';
import type { DnsDiagnosis } from '../../lib/platforms/index.ts';
import { Badge, Button, Dialog, Message } from '../kit/index.ts';
import type { RunStore } from '../stores/run-store.ts';
import { usePanel } from '../stores/use-panel.ts';
import { errorDetail } from '../text/migration-text.ts';
import { dnsRecords, dnsToFix } from './report-facts.ts';

export function DnsSection({
  run,
  domain,
  dns,
  onDiagnosis,
}: {
  run: RunStore;
  domain: string;
  dns: DnsDiagnosis;
  /** The diagnosis as read again from the API (what is left by hand follows it). */
  onDiagnosis(dns: DnsDiagnosis): void;
}) {
  const store = usePanel();
  const { tr } = store.i18n.value;
  const { t } = tr;
  const [fix, setFix] = useState<DnsFix>();
  const [phase, setPhase] = useState<
    'idle' | 'planning' | 'confirm' | 'applying' | 'done' | 'error'
  >('idle');
  const [error, setError] = useState<string>();
  const broken = dnsToFix(dns);
  const destination = run.state.value?.plan.destination.service;

  /** The domain's diagnosis now; the one in hand when it cannot be read (it says so nowhere). */
  const reread = async () => {
    if (!destination) return;
    const adapter = store.deps.adapters[destination.kind];
    const now = await adapter.getDomain(destination, domain).catch(() => undefined);
    if (now?.dns) onDiagnosis(now.dns);
  };
  useEffect(() => {
    void reread();
  }, [domain]);

  const failed = (cause: unknown) => {
    setError(errorDetail(tr, cause));
    setPhase('error');
  };
  const prepare = async () => {
    setPhase('planning');
    try {
      const planned = await planDnsFix(store.deps.client, domain, dns);
      setFix(planned);
      setPhase('confirm');
    } catch (cause) {
      failed(cause);
    }
  };
  const apply = async () => {
    if (!fix) return;
    setPhase('applying');
    run.sideChange.value = true;
    try {
      await applyDnsFix(store.deps.client, fix, { confirm: true });
      await reread();
      setPhase('done');
      store.announcer.say(t('dns.fixed'));
    } catch (cause) {
      failed(cause);
    } finally {
      run.sideChange.value = false;
    }
  };
  return (
    <section class="mp-section" aria-labelledby="mp-dns-title" data-testid="dns-section">
      <h3 id="mp-dns-title">{t('dns.title', { domain })}</h3>
      <table class="mp-table">
        <thead>
          <tr>
            <th scope="col">{t('dns.record')}</th>
            <th scope="col">{t('dns.expected')}</th>
            <th scope="col">{t('dns.state')}</th>
          </tr>
        </thead>
        <tbody>
          {dnsRecords(dns).map((row) => (
            <tr
              key={row.id}
              data-testid="dns-row"
              data-record={row.id}
              data-valid={String(row.valid)}
            >
              <th scope="row">{t(`dns.${row.id}`)}</th>
              <td>{row.expected || '—'}</td>
              <td>
                {row.valid === 'n/a' ? (
                  <Badge tone="neutral">{t('dns.not_applicable')}</Badge>
                ) : row.valid === undefined ? (
                  <Badge tone="neutral">{t('dns.unknown')}</Badge>
                ) : row.valid ? (
                  <Badge tone="success">{t('dns.ok')}</Badge>
                ) : (
                  <Badge tone="warning">{t('dns.wrong')}</Badge>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {phase === 'done' && (
        <Message tone="success" testid="dns-fixed">
          <p>{t('dns.fixed')}</p>
        </Message>
      )}
      {phase === 'error' && (
        <Message tone="critical" role="alert" title={t('dns.failed')} testid="dns-error">
          <p>{t('dns.failed.action', { domain })}</p>
          <p class="mp-muted">{error}</p>
        </Message>
      )}
      {broken.length > 0 && phase !== 'done' && (
        <div class="mp-actions">
          <Button
            variant="secondary"
            data-testid="dns-fix"
            disabled={phase === 'planning' || phase === 'applying'}
            onClick={() => void prepare()}
          >
            {t('dns.fix')}
          </Button>
        </div>
      )}
      {fix && !fix.hosted && phase === 'confirm' && (
        <Message tone="info" testid="dns-not-hosted">
          <p>{t('dns.not_hosted', { domain })}</p>
        </Message>
      )}
      <Dialog
        open={phase === 'confirm' && fix?.hosted === true && fix.changes.length > 0}
        title={t('dns.confirm_title', { domain })}
        confirmLabel={t('dns.apply')}
        cancelLabel={t('action.cancel')}
        testid="dns-dialog"
        onCancel={() => setPhase('idle')}
        onConfirm={() => void apply()}
      >
        <ul>
          {fix?.changes.map((change) => (
            <li key={change.kind}>
              {t(`dns.change.${change.kind}`, {
                remove: change.remove.map((r) => r.target).join(', ') || '—',
                add: change.add.map((a) => a.target).join(', '),
              })}
            </li>
          ))}
        </ul>
        <p class="mp-muted">{t('dns.propagation')}</p>
      </Dialog>
    </section>
  );
}
