/**
 * How long OVHcloud usually takes for the changes a migration makes, per platform, in seconds
 * (a GUESS: the API publishes no figure; Exchange's account changes go through Active Directory
 * and take longer). Used to state the mail window in a plan before anything changes; the run
 * measures the real one. Correct these from measured reports (`report.mailWindow`).
 */
import type { PlatformKind } from './adapter.ts';

export interface TypicalDurations {
  /** A rename, or a free slot configured with an address (`setAccount`). */
  setAccount: number;
  /** An account created (legacy MX Plan `addAccount`). */
  addAccount: number;
  changePassword: number;
  addAlias: number;
  deleteAccount: number;
}

export const TYPICAL_TASK_SECONDS: Readonly<Record<PlatformKind, TypicalDurations>> = {
  exchange: {
    setAccount: 180,
    addAccount: 180,
    changePassword: 60,
    addAlias: 60,
    deleteAccount: 180,
  },
  email_pro: {
    setAccount: 90,
    addAccount: 90,
    changePassword: 30,
    addAlias: 30,
    deleteAccount: 90,
  },
  mxplan: { setAccount: 90, addAccount: 90, changePassword: 30, addAlias: 30, deleteAccount: 90 },
  mxplan_legacy: {
    setAccount: 120,
    addAccount: 120,
    changePassword: 60,
    addAlias: 0,
    deleteAccount: 120,
  },
};

/**
 * Mail to the address is relayed from the moment the source's rename is done until the
 * destination holds the address: one account change on the destination.
 */
export function expectedMailWindowSeconds(destination: PlatformKind): number {
  const typical = TYPICAL_TASK_SECONDS[destination];
  return destination === 'mxplan_legacy' ? typical.addAccount : typical.setAccount;
}
