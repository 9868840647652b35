/**
 * A run saved by the previous version (RunState v1: one flat bag of records, `recreate_aliases`
 * after the verification) upgraded to v2 (one record per step, `move_aliases` right after the
 * destination has the address). The extension's storage item runs it (lib/storage.ts), so a run
 * in progress when the extension updates can still be resumed or rolled back.
 */
import { expectedMailWindowSeconds, type PlatformKind } from '../platforms/index.ts';
import type { FolderVerification, JobTotals } from '../proxy-contract/index.ts';
import type { MigrationPlan } from './plan-types.ts';
import { RUN_STATE_VERSION, type RunState, type StepRecord } from './state.ts';
import { STEP_IDS, STEPS, type StepRecords } from './steps/index.ts';

interface DomainSettings {
  type: 'authoritative' | 'nonAuthoritative';
  mxRelay?: string;
}

/** The v1 shape, as far as the upgrade reads it. */
interface RecordsV1 {
  sourceDomainBefore?: DomainSettings;
  destinationDomainAdded?: boolean;
  sourceDomainChangeSent?: boolean;
  destinationDomainChangeSent?: boolean;
  aliasesSent?: string[];
  destinationDomainBefore?: DomainSettings;
  renamed?: boolean;
  legacyMoveSent?: boolean;
  destinationSlot?: string;
  destinationConfigured?: boolean;
  destinationPasswordSet?: boolean;
  sourcePasswordSet?: boolean;
  copyJobId?: string;
  finalPassBaseRuns?: number;
  copyTotals?: JobTotals;
  verification?: FolderVerification[];
  aliasesAdded?: string[];
  aliasesMovedFromSource?: string[];
  sourceReset?: boolean;
  sourceResetTaskIds?: number[];
}

type PlanV1 = Omit<MigrationPlan, 'version' | 'source' | 'destination' | 'mailWindow'> & {
  version: 1;
  source: Omit<MigrationPlan['source'], 'size'> & { usageBytes?: number };
  destination: Omit<MigrationPlan['destination'], 'supportsAliases'>;
};

export interface RunStateV1 extends Omit<RunState, 'version' | 'plan' | 'records' | 'steps'> {
  version: 1;
  plan: PlanV1;
  records: RecordsV1;
  steps: Array<Omit<StepRecord, 'id'> & { id: string }>;
}

const RENAMED_STEPS: Record<string, string> = { recreate_aliases: 'move_aliases' };

const lower = (list: string[] | undefined) => (list ?? []).map((a) => a.toLowerCase());

function upgradePlan(old: PlanV1): MigrationPlan {
  const { usageBytes, ...source } = old.source;
  const plan: MigrationPlan = {
    ...old,
    version: 2,
    source: {
      ...source,
      size: usageBytes === undefined ? { basis: 'unknown' } : { basis: 'api', bytes: usageBytes },
    },
    destination: {
      ...old.destination,
      supportsAliases: (old.destination.service.kind as PlatformKind) !== 'mxplan_legacy',
    },
    mailWindow: { expectedSeconds: expectedMailWindowSeconds(old.destination.service.kind) },
  };
  // Descriptions as this version words them, for the steps the old plan took.
  const ids = new Set(old.steps.map((s) => RENAMED_STEPS[s.id] ?? s.id));
  plan.steps = STEPS.flatMap((step) => (ids.has(step.id) ? (step.describe(plan) ?? []) : []));
  return plan;
}

function upgradeRecords(r: RecordsV1): StepRecords {
  const records: StepRecords = {};
  if (
    r.sourceDomainBefore ||
    r.sourceDomainChangeSent ||
    r.destinationDomainAdded ||
    r.destinationDomainBefore ||
    r.destinationDomainChangeSent
  ) {
    records.ensure_domain = {
      ...(r.sourceDomainBefore ? { sourceBefore: r.sourceDomainBefore } : {}),
      ...(r.sourceDomainChangeSent ? { sourceSent: true } : {}),
      ...(r.destinationDomainAdded ? { destinationAdded: true } : {}),
      ...(r.destinationDomainBefore ? { destinationBefore: r.destinationDomainBefore } : {}),
      ...(r.destinationDomainChangeSent ? { destinationSent: true } : {}),
    };
  }
  if (r.legacyMoveSent) {
    records.legacy_move = { sent: true, ...(r.destinationSlot ? { slot: r.destinationSlot } : {}) };
  }
  if (r.renamed !== undefined) records.rename_source = { sent: r.renamed };
  if (!r.legacyMoveSent && (r.destinationSlot || r.destinationConfigured)) {
    records.configure_destination = {
      ...(r.destinationSlot ? { slot: r.destinationSlot } : {}),
      ...(r.destinationConfigured !== undefined ? { configured: r.destinationConfigured } : {}),
      ...(r.destinationPasswordSet !== undefined ? { passwordSet: r.destinationPasswordSet } : {}),
    };
  }
  if (r.aliasesSent || r.aliasesMovedFromSource || (r.aliasesAdded ?? []).length > 0) {
    records.move_aliases = {
      removed: lower(r.aliasesMovedFromSource),
      sent: lower(r.aliasesSent),
      added: lower(r.aliasesAdded),
    };
  }
  if (r.sourcePasswordSet) records.set_source_password = { sent: true, set: true };
  if (r.copyJobId) {
    records.copy_content = {
      jobId: r.copyJobId,
      ...(r.copyTotals ? { totals: r.copyTotals } : {}),
    };
  }
  if (r.finalPassBaseRuns !== undefined) records.final_pass = { baseRuns: r.finalPassBaseRuns };
  if (r.verification) records.verify = { folders: r.verification };
  return records;
}

export function upgradeRunStateV1(old: RunStateV1): RunState {
  const order = (id: string) => STEP_IDS.indexOf((RENAMED_STEPS[id] ?? id) as never);
  const steps = [...old.steps]
    .map((s) => ({ ...s, id: (RENAMED_STEPS[s.id] ?? s.id) as StepRecord['id'] }))
    .filter((s) => order(s.id) >= 0)
    .sort((a, b) => order(a.id) - order(b.id));
  const { sourceReset, sourceResetTaskIds } = old.records;
  return {
    ...old,
    version: RUN_STATE_VERSION,
    plan: upgradePlan(old.plan),
    steps,
    records: upgradeRecords(old.records),
    ...(sourceReset
      ? { sourceReset: { taskIds: sourceResetTaskIds ?? [], at: old.updatedAt } }
      : {}),
  };
}
