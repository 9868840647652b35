/**
 * The report as files and text: JSON (the runner's report, the run's step records and the
 * proxy's per-message log), CSV (one
 * line per folder, then one per message the proxy could not copy), and plain text in the panel's
 * language for the clipboard.
 */
import type { Formatters } from '../../lib/i18n/format.ts';
import type { Translator } from '../../lib/i18n/translate.ts';
import type { RunState } from '../../lib/migration/index.ts';
import type { JobView, MessageLogEntry } from '../../lib/proxy-contract/index.ts';
import { stepTitle } from '../text/migration-text.ts';
import { mailWindowSeconds, manualItems } from './report-facts.ts';

/** The proxy's per-message log for the JSON report, or why it could not be read. */
export type MessageLogPart =
  | { messages: MessageLogEntry[] }
  | { error: { code: string; message: string } };

export function reportJson(state: RunState, job?: JobView, log?: MessageLogPart): string {
  return JSON.stringify(
    {
      report: state.report,
      steps: state.steps,
      plan: {
        source: state.plan.source,
        destination: state.plan.destination,
        checks: state.plan.checks,
      },
      failures: job?.failures ?? [],
      ...(log && 'messages' in log ? { messageLog: log.messages } : {}),
      ...(log && 'error' in log ? { messageLogError: log.error } : {}),
    },
    null,
    2,
  );
}

const cell = (value: string | number | boolean | undefined) => {
  const text = value === undefined ? '' : String(value);
  return /[",\n;]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export function reportCsv(state: RunState, job?: JobView): string {
  const lines = [
    [
      'kind',
      'source_folder',
      'destination_folder',
      'source_messages',
      'destination_messages',
      'source_bytes',
      'destination_bytes',
      'missing',
      'match',
      'uid',
      'message_id',
      'error_code',
      'error',
    ].join(','),
  ];
  for (const f of state.report?.copy?.folders ?? []) {
    lines.push(
      [
        'folder',
        f.source,
        f.destination,
        f.sourceMessages,
        f.destinationMessages,
        f.sourceBytes,
        f.destinationBytes,
        f.missing,
        f.match,
        '',
        '',
        '',
        '',
      ]
        .map(cell)
        .join(','),
    );
  }
  for (const failure of job?.failures ?? []) {
    lines.push(
      [
        'message',
        failure.folder,
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        failure.uid,
        failure.messageId,
        failure.code,
        failure.message,
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\n')}\n`;
}

export function reportText(state: RunState, tr: Translator, fmt: Formatters): string {
  const report = state.report;
  const t = tr.t;
  const lines = [
    t('report.text.title', {
      address: state.plan.source.address,
      service: state.plan.destination.service.service,
    }),
    t('report.text.renamed', { provisional: state.plan.provisional.address }),
  ];
  const window = mailWindowSeconds(state);
  if (window !== undefined) lines.push(t('report.window', { duration: fmt.duration(window) }));
  for (const f of report?.copy?.folders ?? []) {
    lines.push(
      `  ${f.source} → ${f.destination}: ${fmt.number(f.destinationMessages)}/${fmt.number(f.sourceMessages)} — ${t(f.match ? 'report.match' : 'report.mismatch')}`,
    );
  }
  for (const step of state.steps) {
    if (step.taskIds.length > 0)
      lines.push(`${stepTitle(tr, step.id)}: ${step.taskIds.join(', ')}`);
  }
  for (const item of manualItems(state, tr)) lines.push(`- ${item}`);
  return lines.join('\n');
}

export function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
