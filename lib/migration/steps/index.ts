/**
 * Every step, in the order a run takes them: the only list of steps (the plan lists which of
 * them a run takes; rollback undoes them newest first). One file per step, each exporting its
 * `id`, `messages`, `record` and its definition (run, undo); `tests/migration/step-files.test.ts`
 * checks that every file in this folder does, and is listed here once.
 */
import type { z } from 'zod';
import { indexMessages } from '../messages.ts';
import type { AnyStep, RecordOf } from '../step-kit/define-step.ts';
import { configureDestination } from './configure-destination.ts';
import { copyContent } from './copy-content.ts';
import { ensureDomain } from './ensure-domain.ts';
import { finalPass } from './final-pass.ts';
import { legacyMove } from './legacy-move.ts';
import { moveAliases } from './move-aliases.ts';
import { renameSource } from './rename-source.ts';
import { reportStep } from './report.ts';
import { setSourcePassword } from './set-source-password.ts';
import { verify } from './verify.ts';

export const STEPS = [
  ensureDomain,
  legacyMove,
  renameSource,
  configureDestination,
  moveAliases,
  setSourcePassword,
  copyContent,
  finalPass,
  verify,
  reportStep,
] as const;

export type Step = (typeof STEPS)[number];
export type StepId = Step['id'];

export const STEP_IDS: readonly StepId[] = STEPS.map((step) => step.id);

/** Every description key a plan's step can carry, with its params and English sentence. */
export const STEP_MESSAGES = indexMessages(...STEPS.map((step) => step.messages));

/** What each step changed, by step id (what `state.records` holds). */
export type StepRecords = { [S in Step as S['id']]?: RecordOf<S> };

export const STEP_RECORD_SCHEMAS: Readonly<Record<StepId, z.ZodType>> = Object.fromEntries(
  STEPS.map((step) => [step.id, step.record]),
) as Record<StepId, z.ZodType>;

/** A step by id, typed loosely (its record is whatever that step keeps). */
export function stepById(id: string): AnyStep | undefined {
  return (STEPS as readonly AnyStep[]).find((step) => step.id === id);
}

/** Newest first: the order rollback undoes them in. */
export const STEPS_NEWEST_FIRST: readonly AnyStep[] = [...(STEPS as readonly AnyStep[])].reverse();
