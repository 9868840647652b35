/**
 * The final report (issue 4): every API task id, the copy's per-folder figures, warnings, and
 * what the user must still do by hand; as JSON (this object) and as plain text.
 */
import type { DnsDiagnosis } from '../platforms/index.ts';
import type { FolderVerification, JobTotals } from '../proxy-contract/index.ts';
import type { StepId } from './plan-types.ts';
import type { RunState } from './state.ts';

export interface MigrationReport {
  runId: string;
  source: { service: string; address: string; renamedTo: string };
  destination: { service: string; address: string; slot?: string; imapHost: string };
  tasks: Partial<Record<StepId, number[]>>;
  copy?: { jobId: string; totals?: JobTotals; folders: FolderVerification[] };
  aliasesAdded: string[];
  /** The destination domain's DNS diagnosis (MX, SPF, autodiscover), when the platform gives it. */
  dns?: DnsDiagnosis;
  /** Set once the renamed source was reset (optional last step). */
  sourceReset?: { taskIds: number[] };
  warnings: string[];
  /** What is left to do by hand. */
  manual: string[];
  finishedAt: string;
}

export function buildReport(state: RunState, now: Date, dns?: DnsDiagnosis): MigrationReport {
  const { plan, records } = state;
  const tasks: MigrationReport['tasks'] = {};
  for (const step of state.steps) if (step.taskIds.length > 0) tasks[step.id] = [...step.taskIds];
  const warnings = plan.checks.filter((c) => c.status === 'warn').map((c) => c.message);
  if (dns?.mxValid === false) {
    warnings.push(
      `The MX records of ${plan.domain.name} do not point to the destination yet (expected ${dns.expectedMx.join(', ')}).`,
    );
  }
  if (dns?.spfValid === false && dns.expectedSpf) {
    warnings.push(`The SPF record of ${plan.domain.name} should be: ${dns.expectedSpf}`);
  }
  const manual = [
    `Reconfigure the mail clients of ${plan.destination.address}: IMAP server ${plan.destination.endpoint.host}.`,
    `Check the DNS of ${plan.domain.name} (MX, SPF, autodiscover) in the destination's diagnosis; changes take 4 to 24 hours.`,
    plan.route === 'legacy_move'
      ? `OVHcloud moved ${plan.source.address} with its mail; the legacy MX Plan account is gone (the move cannot be undone).`
      : `The renamed source ${plan.provisional.address} still holds the mail: keep it, or reset it once you are satisfied.`,
  ];
  if (plan.source.aliases.length > 0 && records.aliasesAdded.length === 0) {
    manual.push(`Recreate the aliases ${plan.source.aliases.join(', ')} by hand.`);
  }
  return {
    runId: state.runId,
    source: {
      service: plan.source.service.service,
      address: plan.source.address,
      renamedTo: plan.provisional.address,
    },
    destination: {
      service: plan.destination.service.service,
      address: plan.destination.address,
      ...(records.destinationSlot ? { slot: records.destinationSlot } : {}),
      imapHost: plan.destination.endpoint.host,
    },
    tasks,
    ...(records.copyJobId
      ? {
          copy: {
            jobId: records.copyJobId,
            ...(records.copyTotals ? { totals: records.copyTotals } : {}),
            folders: records.verification ?? [],
          },
        }
      : {}),
    aliasesAdded: [...records.aliasesAdded],
    ...(dns ? { dns } : {}),
    warnings,
    manual,
    finishedAt: now.toISOString(),
  };
}

export function formatReport(report: MigrationReport): string {
  const lines = [
    `Migration of ${report.source.address} to ${report.destination.service}`,
    `Source renamed to ${report.source.renamedTo}; ${report.destination.address} now on ${report.destination.imapHost}.`,
  ];
  if (report.copy) {
    const t = report.copy.totals;
    if (t)
      lines.push(
        `Copied ${t.messagesCopied} message(s) (${t.messagesSkipped} already there) in ${t.folders} folder(s).`,
      );
    for (const f of report.copy.folders) {
      lines.push(
        `  ${f.source} → ${f.destination}: ${f.destinationMessages}/${f.sourceMessages} messages, ${f.match ? 'match' : 'DIFFERENT'}`,
      );
    }
  }
  for (const [step, ids] of Object.entries(report.tasks))
    lines.push(`Tasks of ${step}: ${ids.join(', ')}`);
  if (report.aliasesAdded.length > 0)
    lines.push(`Aliases recreated: ${report.aliasesAdded.join(', ')}`);
  for (const w of report.warnings) lines.push(`Warning: ${w}`);
  for (const m of report.manual) lines.push(`To do: ${m}`);
  return lines.join('\n');
}
