/**
 * What a rollback tells a person, declared once with a key, like the steps' and the preflight
 * checks' sentences (messages.ts): why it stopped (`rollback.<reason>`, the error's `key` and
 * `params`), what each of its steps did (`rollback.step.<id>`, `state.rollbackSteps`) and what it
 * could not put back (`rollback.warning.<what>`, `state.rollbackWarnings`). The panel translates
 * them (lib/i18n: English from here, French in fr-migration.ts).
 */
import { MigrationError } from './errors.ts';
import { type MessageParams, type MessageSpec, messageSpec, render } from './messages.ts';

export const ROLLBACK_MESSAGES = {
  proxy_down: messageSpec(
    'rollback.proxy_down',
    'The mail that reached {address} on {service} could not be copied back to the source: the companion proxy does not answer. The destination account is kept as it is, with its mail, as {kept}.',
    'Start the companion proxy, then roll back again.',
  ),
  login_refused: messageSpec(
    'rollback.login_refused',
    'The mail that reached {address} on {service} could not be copied back to the source: a login was refused ({error}). The destination account is kept as it is, with its mail, as {kept}.',
    'Give the right passwords, then roll back again.',
  ),
  passwords_missing: messageSpec(
    'rollback.passwords_missing',
    'The passwords are needed again to copy back the mail that reached {address} on {service} before it is reset. The destination account is kept as it is, with its mail, as {kept}.',
    'Give the passwords, then roll back again.',
  ),
  not_verified: messageSpec(
    'rollback.not_verified',
    'The mail that reached {address} on {service} could not be copied back to the source: these folders are not all on the source: {folders}. The destination account is kept as it is, with its mail, as {kept}.',
    'Roll back again: the copy continues where it stopped.',
  ),
  not_checked: messageSpec(
    'rollback.not_checked',
    'The mail that reached {address} on {service} could not be copied back to the source: the companion proxy could not check that it all arrived. The destination account is kept as it is, with its mail, as {kept}.',
    'Roll back again: the copy continues where it stopped.',
  ),
  no_free_name: messageSpec(
    'rollback.no_free_name',
    'The destination account could not be moved away from {address} on {service}: {names} are all taken. Nothing was reset.',
    'Free one of these addresses (delete or rename the account or alias that has it), then roll back again.',
  ),
  copy_back_failed: messageSpec(
    'rollback.copy_back_failed',
    'The mail that reached {address} on {service} could not be copied back to the source: {error} The destination account is kept as it is, with its mail, as {kept}.',
    'Fix that, then roll back again.',
  ),
  copy_job_not_stopped: messageSpec(
    'rollback.copy_job_not_stopped',
    'The copy job {job} could not be stopped ({error}): it could still write to {address}. Nothing was reset.',
    'Start the companion proxy, then roll back again.',
  ),
} as const;

/** The rollback's steps, in the order it takes them (`state.rollbackSteps[].id`). */
export const ROLLBACK_STEP_IDS = [
  'stop_copy',
  'check_copy_back',
  'aliases_back',
  'release_destination',
  'source_back',
  'drain_and_reset',
  'domain_back',
] as const;
export type RollbackStepId = (typeof ROLLBACK_STEP_IDS)[number];

export const ROLLBACK_STEP_MESSAGES: Readonly<Record<RollbackStepId, MessageSpec>> = {
  stop_copy: messageSpec('rollback.step.stop_copy', 'Stop the copy job.'),
  check_copy_back: messageSpec(
    'rollback.step.check_copy_back',
    'Check that the mail on the destination can be copied back (passwords, proxy, logins).',
  ),
  aliases_back: messageSpec('rollback.step.aliases_back', 'Give the aliases back to the source.'),
  release_destination: messageSpec(
    'rollback.step.release_destination',
    'Rename the destination account away from the original address.',
  ),
  source_back: messageSpec(
    'rollback.step.source_back',
    'Give the original address back to the source account.',
  ),
  drain_and_reset: messageSpec(
    'rollback.step.drain_and_reset',
    'Copy back to the source what only the destination holds, verify it, then reset the destination account.',
  ),
  domain_back: messageSpec('rollback.step.domain_back', 'Put the domain back as it was.'),
};

/**
 * What an undo could not put back, left to the person (`state.rollbackWarnings`): the steps'
 * undo passes one of these to `context.warn` with its params.
 */
export const ROLLBACK_WARNINGS = {
  domain_not_removed: messageSpec(
    'rollback.warning.domain_not_removed',
    '{domain} was added to {service} and could not be removed: remove it there by hand.',
  ),
  domain_still_there: messageSpec(
    'rollback.warning.domain_still_there',
    '{domain} was added to {service} and is still there: remove it there by hand if you no longer need it.',
  ),
  source_not_authoritative: messageSpec(
    'rollback.warning.source_not_authoritative',
    '{domain} stays non-authoritative on {service}: it is still on {destination}. Remove it there, then switch it back to authoritative.',
  ),
  destination_not_authoritative: messageSpec(
    'rollback.warning.destination_not_authoritative',
    '{domain} stays non-authoritative on {service}: switch it back to authoritative there if it was before.',
  ),
  password_changed: messageSpec(
    'rollback.warning.password_changed',
    'The source password was changed by this run; the new one stays on {address}: use it from now on.',
  ),
  password_maybe_changed: messageSpec(
    'rollback.warning.password_maybe_changed',
    'The source password may have been changed by this run (its change was sent): if the old one no longer works on {address}, use the new one.',
  ),
  password_for_copy_back: messageSpec(
    'rollback.warning.password_for_copy_back',
    'The source got its new password so the mail could be copied back; it stays on {address}: use it from now on.',
  ),
} as const;

/**
 * One thing the rollback could not put back: its key and params for the panel, and its English
 * (`text`) for logs and reports.
 */
export interface RollbackWarning {
  key: string;
  params: MessageParams;
  text: string;
}

/** `spec` with its params, as `state.rollbackWarnings` keeps it. */
export function rollbackWarning<P extends string>(
  spec: MessageSpec<P>,
  params: Record<P, string | number>,
): RollbackWarning {
  const { key, params: values, text } = render(spec, params);
  return { key, params: values, text };
}

/**
 * A stored warning in English. Runs saved before warnings had keys (2026-12) hold plain English
 * sentences: they read as they are.
 */
export const rollbackWarningEnglish = (warning: RollbackWarning | string): string =>
  typeof warning === 'string' ? warning : warning.text;

/** Every rollback key, for translations. */
export const ALL_ROLLBACK_MESSAGES: readonly MessageSpec[] = [
  ...Object.values(ROLLBACK_MESSAGES),
  ...Object.values(ROLLBACK_STEP_MESSAGES),
  ...Object.values(ROLLBACK_WARNINGS),
];

/** A `rollback_failed` (or `passwords_missing`) error carrying its key and params. */
export function rollbackError<P extends string>(
  spec: MessageSpec<P>,
  params: Record<P, string | number>,
  cause?: unknown,
  code: 'rollback_failed' | 'passwords_missing' = 'rollback_failed',
): MigrationError {
  const message = render(spec, params);
  return new MigrationError(code, `${message.text} ${message.action ?? ''}`.trim(), {
    step: 'rollback',
    cause,
    key: message.key,
    params: message.params,
  });
}
