/**
 * The final report (issue 4): every API task id, the copy's per-folder figures, warnings, and
 * what the user must still do by hand; as JSON (this object) and as plain text.
 */
import type { DnsDiagnosis } from '../platforms/index.ts';
import type { FolderVerification, JobTotals } from '../proxy-contract/index.ts';
import { type MailWindow, measureMailWindow } from './mail-window.ts';
import type { StepId } from './plan-types.ts';
import type { RunState } from './state.ts';
import { configureDestination } from './steps/configure-destination.ts';
import { copyContent } from './steps/copy-content.ts';
import { finalPass } from './steps/final-pass.ts';
import { legacyMove } from './steps/legacy-move.ts';
import { moveAliases } from './steps/move-aliases.ts';
import { verify } from './steps/verify.ts';

export interface MigrationReport {
  runId: string;
  source: { service: string; address: string; renamedTo: string };
  destination: { service: string; address: string; slot?: string; imapHost: string };
  tasks: Partial<Record<StepId, number[]>>;
  copy?: { jobId: string; totals?: JobTotals; folders: FolderVerification[] };
  /** Aliases this run moved to the destination. */
  aliasesAdded: string[];
  /**
   * Mail to the address was relayed rather than delivered from the source's rename to the
   * address existing on the destination: what the plan expected, and what the run measured.
   */
  mailWindow?: MailWindow;
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
  const { plan } = state;
  const records = state.records;
  const configured = records[configureDestination.id];
  const job = records[copyContent.id];
  const totals = records[verify.id]?.totals ?? records[finalPass.id]?.totals ?? job?.totals;
  const folders = records[verify.id]?.folders ?? [];
  const aliasesAdded = [...(records[moveAliases.id]?.added ?? [])];
  const slot = configured?.slot ?? records[legacyMove.id]?.slot;
  // None on the legacy move route (OVHcloud moves the account whole).
  const mailWindow = measureMailWindow(state);
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
  if (plan.source.aliases.length > 0 && aliasesAdded.length === 0) {
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
      ...(slot ? { slot } : {}),
      imapHost: plan.destination.endpoint.host,
    },
    tasks,
    ...(job?.jobId ? { copy: { jobId: job.jobId, ...(totals ? { totals } : {}), folders } } : {}),
    aliasesAdded,
    ...(mailWindow ? { mailWindow } : {}),
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
    lines.push(`Aliases moved: ${report.aliasesAdded.join(', ')}`);
  const window = report.mailWindow;
  if (window?.measuredSeconds !== undefined) {
    lines.push(
      `Mail to ${report.source.address} was relayed for ${Math.round(window.measuredSeconds)} s (expected about ${window.expectedSeconds} s).`,
    );
  }
  for (const w of report.warnings) lines.push(`Warning: ${w}`);
  for (const m of report.manual) lines.push(`To do: ${m}`);
  return lines.join('\n');
}
