/**
 * English for lib/migration's message keys. Step titles are the panel's own (typed); the step
 * and preflight sentences are lib/migration's declared ones (STEP_MESSAGES, PREFLIGHT_MESSAGES),
 * so a key it adds has English at once. tests/unit/i18n/coverage.test.ts checks both languages.
 */
import { PREFLIGHT_MESSAGES } from '../migration/preflight/index.ts';
import { ALL_ROLLBACK_MESSAGES } from '../migration/rollback-messages.ts';
import { STEP_MESSAGES } from '../migration/steps/index.ts';

export const enStepTitles = {
  'step.ensure_domain.title': 'Share the domain',
  'step.rename_source.title': 'Rename the source account',
  'step.configure_destination.title': 'Set up the destination account',
  'step.set_source_password.title': 'New password on the renamed source',
  'step.copy_content.title': 'Copy the mail',
  'step.final_pass.title': 'Final pass',
  'step.verify.title': 'Verify',
  'step.report.title': 'Report',
  'step.legacy_move.title': 'Move by OVHcloud',
  'step.move_aliases.title': 'Move the aliases',
} as const;

/** Every sentence and action lib/migration can produce, by key (`<key>.action` for actions). */
export const enMigrationSentences: Readonly<Record<string, string>> = Object.fromEntries(
  [
    ...Object.values(STEP_MESSAGES),
    ...Object.values(PREFLIGHT_MESSAGES),
    ...ALL_ROLLBACK_MESSAGES,
  ].flatMap((spec) => [
    [spec.key, spec.en],
    ...(spec.action ? [[`${spec.key}.action`, spec.action]] : []),
  ]),
);
