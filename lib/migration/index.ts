// Public surface of the migration runner (issue 4). No browser API here: the extension gives it
// a CopyClient (its proxy bridge), a RunStore and a SecretStore (WXT storage items).

export {
  type BatchAccount,
  type BatchAccountResult,
  type BatchOptions,
  type BatchReport,
  parseBatchCsv,
  runBatch,
} from './batch.ts';
export {
  type CopyCallOptions,
  type CopyClient,
  CopyClientError,
  type CopyClientErrorCode,
  isCopyClientError,
} from './copy-client.ts';
export { applyDnsFix, type DnsFix, type DnsRecordChange, planDnsFix } from './dns.ts';
export {
  isMigrationError,
  MIGRATION_ERROR_CODES,
  MigrationError,
  type MigrationErrorCode,
  type MigrationErrorJSON,
} from './errors.ts';
export { fillTemplate, type MessageParams, type MessageSpec } from './messages.ts';
export { generatePassword, passwordProblems } from './passwords.ts';
export { isLegacyMoveRoute, type PlanDeps, planMigration } from './plan.ts';
export * from './plan-types.ts';
export type { CheckMessageSpec } from './preflight/check.ts';
export { DEFAULT_LIMITS } from './preflight/facts.ts';
export { PREFLIGHT_MESSAGES } from './preflight/index.ts';
export { DEFAULT_RELAY_HOST } from './preflight/relay.ts';
export { buildReport, formatReport, type MigrationReport } from './report.ts';
export { rollbackStepsAhead } from './rollback.ts';
export {
  ALL_ROLLBACK_MESSAGES,
  ROLLBACK_MESSAGES,
  ROLLBACK_STEP_IDS,
  ROLLBACK_STEP_MESSAGES,
  ROLLBACK_WARNINGS,
  type RollbackStepId,
  type RollbackWarning,
  rollbackWarningEnglish,
} from './rollback-messages.ts';
export {
  createMigrationRunner,
  type MigrationRunner,
  type RunCallOptions,
  type RunEvent,
  type RunnerOptions,
  type RunPasswords,
  type StartOptions,
} from './runner.ts';
export * from './state.ts';
export type { StepDefinition } from './step-kit/define-step.ts';
export { STEP_IDS, STEP_MESSAGES, STEPS } from './steps/index.ts';
export {
  createMemoryRunStore,
  createMemorySecretStore,
  type RunStore,
  type SecretKey,
  type SecretStore,
} from './stores.ts';
