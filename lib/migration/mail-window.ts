/**
 * The mail window (issue 7): while the original address exists on neither platform, mail to it
 * is relayed rather than delivered. The plan states the expected one; the run measures the real
 * one, from its step records: the rename done (rename_source `doneAt`) → the address on the
 * destination (configure_destination `readyAt`). A rollback has one too, the other way: the
 * destination renamed away (configure_destination `release.doneAt`) → the source back at the
 * address (rename_source `backAt`).
 */
import type { RunState } from './state.ts';

export interface MailWindow {
  /** What the plan expected, from the platforms' typical task durations. */
  expectedSeconds: number;
  /** When the address left its owner, and when the next one had it (ISO dates). */
  from?: string;
  to?: string;
  /** `to − from`, once both are known. */
  measuredSeconds?: number;
}

function window(expectedSeconds: number, from?: string, to?: string): MailWindow {
  return {
    expectedSeconds,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(from && to
      ? { measuredSeconds: Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000) }
      : {}),
  };
}

/** The run's window, measured as far as the run got (undefined on the legacy move route). */
export function measureMailWindow(state: RunState): MailWindow | undefined {
  if (state.plan.route === 'legacy_move') return undefined;
  return window(
    state.plan.mailWindow.expectedSeconds,
    state.records.rename_source?.doneAt,
    state.records.configure_destination?.readyAt,
  );
}

/** The rollback's window (the address back to the source), once the destination released it. */
export function measureRollbackMailWindow(state: RunState): MailWindow | undefined {
  const from = state.records.configure_destination?.release?.doneAt;
  if (from === undefined) return undefined;
  return window(state.plan.mailWindow.expectedSeconds, from, state.records.rename_source?.backAt);
}
