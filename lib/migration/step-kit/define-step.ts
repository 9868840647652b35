/**
 * The shape every step file has (issue 7, "one file per step", after refined-github's one file
 * per feature): its id, the message keys that describe it in a plan, `run`, `undo`, and the typed
 * record of what it changed. `tests/migration/step-files.test.ts` checks each file has them all.
 */
import type { z } from 'zod';
import type { ResolvedWaitPolicy } from '../../ovh-api/index.ts';
import type { OperationOptions, PlatformAdapter } from '../../platforms/index.ts';
import type { JobView } from '../../proxy-contract/index.ts';
import type { CopyClient } from '../copy-client.ts';
import type { MigrationErrorCode } from '../errors.ts';
import { type MessageSpec, type ParamsOf, placeholdersOf, render } from '../messages.ts';
import type { MigrationPlan, PlannedStep } from '../plan-types.ts';
import type { RunState } from '../state.ts';
import type { SecretKey } from '../stores.ts';

/** What a step (and its undo) receives; `record` is its own, kept in the run's state. */
export interface StepContext<R> {
  readonly state: RunState;
  readonly plan: MigrationPlan;
  /** This step's record of what it changed: write it, then `save()`, before each change. */
  readonly record: R;
  /** Another step's record (read only), e.g. the copy job id for the final pass. */
  recordOf<S extends AnyStep>(step: S): Readonly<RecordOf<S>> | undefined;
  readonly source: PlatformAdapter;
  readonly destination: PlatformAdapter;
  readonly copy: CopyClient;
  readonly signal: AbortSignal | undefined;
  /** How the step waits (for a copy job, a domain): the one wait helper's policy. */
  readonly wait: ResolvedWaitPolicy;
  /** The runner's clock. */
  now(): Date;
  /** Options for adapter calls: the signal, and task ids recorded on the step. */
  readonly op: OperationOptions;
  /** A password from the secret store; throws `passwords_missing` when it is gone. */
  secret(key: SecretKey): Promise<string>;
  /** Persists the state now (call after each change recorded in `record`). */
  save(): Promise<void>;
  /** Live copy progress. */
  progress(job: JobView): void;
  /** Sets the step's note (why it was skipped, what it found). */
  note(text: string): void;
  /** Undo only: something that could not be put back (a `ROLLBACK_WARNINGS` spec, its params). */
  warn<P extends string>(spec: MessageSpec<P>, params: Record<P, string | number>): void;
}

export type StepOutcome = 'done' | 'skipped';

export interface StepDefinition<Id extends string = string, R = unknown> {
  readonly id: Id;
  /** The MigrationError code a failure of this step gets. */
  readonly errorCode: MigrationErrorCode;
  /** What the step changed, as stored in `state.records[id]`; every field optional. */
  readonly record: z.ZodType<R>;
  /** Every description this step can have in a plan (keys `step.<id>.<variant>`). */
  readonly messages: Readonly<Record<string, MessageSpec>>;
  /** This step as the plan lists it, or undefined when the plan does not take it. */
  describe(plan: MigrationPlan): PlannedStep<Id> | undefined;
  run(context: StepContext<R>): Promise<StepOutcome>;
  /**
   * Puts back what `run` changed, reading before it acts (a rollback can be retried). Runs newest
   * step first; only for steps that have a record.
   */
  undo(context: StepContext<R>): Promise<void>;
}

// biome-ignore lint/suspicious/noExplicitAny: any step, whatever its record
export type AnyStep = StepDefinition<string, any>;
export type RecordOf<S> = S extends StepDefinition<string, infer R> ? R : never;

export function defineStep<const Id extends string, R>(
  definition: StepDefinition<Id, R>,
): StepDefinition<Id, R> {
  return definition;
}

/** The descriptions of step `id`, keyed by variant: `step.<id>.<variant>`. */
export function stepMessages<const M extends Record<string, string>>(
  id: string,
  texts: M,
): { readonly [K in keyof M]: MessageSpec<ParamsOf<M[K]>> } {
  const out: Record<string, MessageSpec> = {};
  for (const [variant, en] of Object.entries(texts)) {
    out[variant] = { key: `step.${id}.${variant}`, en, params: placeholdersOf(en) };
  }
  return out as { readonly [K in keyof M]: MessageSpec<ParamsOf<M[K]>> };
}

/** A planned step from one of its messages. */
export function planned<Id extends string, P extends string>(
  id: Id,
  spec: MessageSpec<P>,
  params: Record<P, string | number>,
): PlannedStep<Id> {
  const message = render(spec, params);
  return { id, key: message.key, params: message.params, description: message.text };
}
