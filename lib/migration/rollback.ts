/**
 * Undo what the run changed, newest step first: each step file's `undo` reads before it acts and
 * updates its own record, so a rollback that stops part way can simply be run again. What cannot
 * be put back is returned as plain sentences.
 */
import { createStepContext, type StepContextInit } from './step-kit/context.ts';
import { STEPS_NEWEST_FIRST } from './steps/index.ts';

export type RollbackDeps = Omit<StepContextInit, 'step' | 'status' | 'warnings'>;

export async function rollbackRun(deps: RollbackDeps): Promise<string[]> {
  const { state } = deps;
  const warnings: string[] = [];
  for (const step of STEPS_NEWEST_FIRST) {
    if ((state.records as Record<string, unknown>)[step.id] === undefined) continue;
    const status = state.steps.find((s) => s.id === step.id);
    await step.undo(createStepContext({ ...deps, step, status, warnings }));
  }
  return warnings;
}
