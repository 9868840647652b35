/** What the report view derives from a run's state: the mail window, what is left by hand. */
import type { Translator } from '../../lib/i18n/translate.ts';
import type { RunState } from '../../lib/migration/index.ts';
import type { DnsDiagnosis } from '../../lib/platforms/index.ts';

/** What the plan expected the mail window to be, in seconds (absent for a legacy move). */
export function expectedWindowSeconds(state: RunState): number | undefined {
  return state.report?.mailWindow?.expectedSeconds;
}

/**
 * The measured mail window: from the start of the source's rename to the end of the
 * destination's configuration, mail to the address was relayed rather than delivered.
 */
export function mailWindowSeconds(state: RunState): number | undefined {
  // The runner's own measure (lib/migration/report.ts): the rename's end to the address ready.
  const measured = state.report?.mailWindow?.measuredSeconds;
  if (measured !== undefined) return measured;
  const rename = state.steps.find((s) => s.id === 'rename_source');
  const configure = state.steps.find((s) => s.id === 'configure_destination');
  if (!rename?.startedAt || !configure?.finishedAt) return undefined;
  return Math.max(0, (Date.parse(configure.finishedAt) - Date.parse(rename.startedAt)) / 1000);
}

export type DnsRecordId = 'mx' | 'spf' | 'autodiscover';

/**
 * Each record of the diagnosis with what the destination expects and whether it holds. A record
 * the destination expects nothing of (MX Plan has no autodiscover) is not applicable, whatever
 * its validity flag says: there is nothing to fix, by hand or by the one-confirmation fix.
 */
export function dnsRecords(dns: DnsDiagnosis): Array<{
  id: DnsRecordId;
  expected?: string;
  /** undefined: not checked; 'n/a': nothing expected of it here. */
  valid: boolean | undefined | 'n/a';
}> {
  const expectedMx = dns.expectedMx.join(', ');
  return [
    { id: 'mx', expected: expectedMx, valid: expectedMx ? dns.mxValid : 'n/a' },
    { id: 'spf', expected: dns.expectedSpf, valid: dns.expectedSpf ? dns.spfValid : 'n/a' },
    {
      id: 'autodiscover',
      expected: dns.expectedAutodiscoverSrv,
      valid: dns.expectedAutodiscoverSrv ? dns.srvValid : 'n/a',
    },
  ];
}

/** The records to fix: expected by the destination and found wrong. */
export function dnsToFix(dns: DnsDiagnosis): DnsRecordId[] {
  return dnsRecords(dns)
    .filter((record) => record.valid === false)
    .map((record) => record.id);
}

/** What is left by hand; `dns`: the domain's diagnosis read since the report (default: its own). */
export function manualItems(
  state: RunState,
  tr: Translator,
  dns: DnsDiagnosis | undefined = state.report?.dns,
): string[] {
  const { plan, records, report } = state;
  const t = tr.t;
  const items = [
    t('report.manual.clients', {
      address: plan.destination.address,
      host: plan.destination.endpoint.host,
    }),
  ];
  if (dns && dnsToFix(dns).length > 0) {
    items.push(t('report.manual.dns', { domain: plan.domain.name }));
  }
  if (plan.route === 'legacy_move')
    items.push(t('report.manual.legacy_gone', { address: plan.source.address }));
  else if (!state.sourceReset && !report?.sourceReset) {
    items.push(t('report.manual.source_kept', { provisional: plan.provisional.address }));
  }
  if (plan.source.aliases.length > 0 && (records.move_aliases?.added?.length ?? 0) === 0) {
    items.push(t('report.manual.aliases', { aliases: plan.source.aliases.join(', ') }));
  }
  if (plan.source.service.kind === 'exchange') items.push(t('report.manual.groupware'));
  return items;
}
