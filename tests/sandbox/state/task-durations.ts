// How long OVHcloud's tasks take, in real milliseconds: a GUESS (the API publishes no figure;
// Exchange's account changes go through Active Directory, so they are the slow ones). With the
// option or fault `taskTimeScale`, tasks take these times the scale (0.001 turns minutes into
// tens of milliseconds), so a client's waiting is tested against realistic proportions: a
// rename far slower than a password change, a domain slower still. Correct from real reports.

import type { PlatformKind } from './model.ts';

const MINUTE = 60_000;

export const REALISTIC_TASK_MS: Readonly<Record<string, number>> = {
  setAccount: 3 * MINUTE,
  addAccount: 2 * MINUTE,
  deleteAccount: 3 * MINUTE,
  changePassword: 1 * MINUTE,
  addAlias: 1 * MINUTE,
  deleteAlias: 1 * MINUTE,
  addDomain: 5 * MINUTE,
  setDomain: 2 * MINUTE,
  deleteDomain: 2 * MINUTE,
  setExchangeAccountProtocol: 1 * MINUTE,
  // PST export of an Exchange account: the mailbox is read whole (the slowest of all).
  addExportPstRequest: 15 * MINUTE,
  generatePstUrl: 1 * MINUTE,
  deleteExportPstRequest: 1 * MINUTE,
  // Legacy MX Plan TaskPop actions.
  changeAccount: 1 * MINUTE,
  migration: 5 * MINUTE,
};

/** Exchange's account changes take about twice as long as E-mail Pro's (guess). */
const PLATFORM_FACTOR: Readonly<Record<PlatformKind | 'legacy', number>> = {
  exchange: 2,
  emailpro: 1,
  mxplan: 1,
  legacy: 1,
};

const DEFAULT_MS = 1 * MINUTE;

/** `todo` for a third of the time, `doing` for the rest. */
export function realisticDurations(
  fn: string,
  platform: PlatformKind | 'legacy' | undefined,
  scale: number,
): { todoMs: number; doingMs: number } {
  const total =
    (REALISTIC_TASK_MS[fn] ?? DEFAULT_MS) * PLATFORM_FACTOR[platform ?? 'emailpro'] * scale;
  return { todoMs: total / 3, doingMs: (2 * total) / 3 };
}
