// Public surface of the OVHcloud sandbox (API v6 + control panel + Dovecot IMAP hosts).
// See README.md for the seed, the fault switches and what was inferred about the real API.

export type { FaultController, Faults, FaultsPatch } from './faults.ts';
export type { StatsSnapshot } from './http/stats.ts';
export type { MailHostInfo } from './imap/mail-hosts.ts';
export { subjectOf } from './imap/mail-seed.ts';
export type { SandboxOptions } from './options.ts';
export { type Delivery, type ImapLogin, type Sandbox, startSandbox } from './sandbox.ts';
export type { SandboxState } from './state/model.ts';
export { SANDBOX_HOSTS } from './state/seed.ts';
