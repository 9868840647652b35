// Fault switches: what a test (or POST /__sandbox/faults) turns on to see how a client copes
// with expired sessions, IAM denials, server errors, throttling, slow or failing tasks.

import * as z from 'zod';

const ServerErrorRule = z.strictObject({
  /** Only this method (any when absent). */
  method: z.string().toUpperCase().optional(),
  /** A path or schema template, `*` matching within a segment and `**` across (e.g.
   * `/email/pro/*\/account/**`). */
  path: z.string(),
  /** @default 500 */
  status: z.number().int().min(500).max(599).optional(),
  /** Fails this many matching calls, then recovers. */
  times: z.number().int().min(1),
});

const LostAnswerRule = z.strictObject({
  /** Only this method (any when absent). */
  method: z.string().toUpperCase().optional(),
  /** A path glob or schema template, as for `serverErrors`. */
  path: z.string(),
  /**
   * What the client gets instead of the answer: nothing (the connection is cut, `undefined`), or
   * this status (a gateway that timed out while the change went through: 502, 504).
   */
  status: z.number().int().min(500).max(599).optional(),
  /** Loses this many matching answers, then recovers. */
  times: z.number().int().min(1),
});

const FailTaskRule = z.strictObject({
  /** Task function (`changePassword`, `setAccount`, `addDomain`, `addAccount`, ...); any when absent. */
  function: z.string().optional(),
  /** Address or domain the task is about, `*` globs allowed; any when absent. */
  target: z.string().optional(),
  /** How many tasks to fail; for ever when absent. */
  times: z.number().int().min(1).optional(),
});

export const FaultsPatchSchema = z.strictObject({
  /** Sessions opened before the switch answer 401 "This session is invalid" (`invalid`) or 403
   * "This session is forbidden" (`forbidden`); a new login (/auth/) works. `null` clears. */
  session: z.enum(['invalid', 'forbidden']).nullable().optional(),
  /** Sessions opened before the switch get 471 (low privilege) on writes. */
  lowPrivilege: z.boolean().optional(),
  /** IAM actions refused with 403 (names or `*` globs, e.g. `emailPro:apiovh:account/*`). */
  iamDeny: z.array(z.string()).optional(),
  serverErrors: z.array(ServerErrorRule).optional(),
  /** More than `limit` API calls within `windowMs` answer 429. `null` clears. */
  rateLimit: z
    .strictObject({ limit: z.number().int().min(0), windowMs: z.number().int().min(1) })
    .nullable()
    .optional(),
  /** Time each task spends in `todo` and in `doing` (overrides the option). `null` clears. */
  taskStepMs: z.number().int().min(0).nullable().optional(),
  /**
   * Tasks take their realistic duration (state/task-durations.ts: minutes) times this scale,
   * e.g. 0.001 for tests; wins over `taskStepMs`. `null` clears.
   */
  taskTimeScale: z.number().min(0).nullable().optional(),
  failTasks: z.array(FailTaskRule).optional(),
  /** "Applied but the answer was lost": the call is handled (its change happens), then its
   * answer is dropped or replaced by a 5xx. */
  lostAnswers: z.array(LostAnswerRule).optional(),
  /** Services (by name) whose every call answers 460 "service expired". */
  expiredServices: z.array(z.string()).optional(),
  /** The unit `currentUsage` is sent in, over the option `usageUnit`. `null` clears. */
  usageUnit: z.enum(['MB', 'KB']).nullable().optional(),
});

export type FaultsPatch = z.infer<typeof FaultsPatchSchema>;
export type ServerErrorRule = z.infer<typeof ServerErrorRule>;
export type FailTaskRule = z.infer<typeof FailTaskRule>;
export type LostAnswerRule = z.infer<typeof LostAnswerRule>;

export interface Faults {
  session: 'invalid' | 'forbidden' | null;
  lowPrivilege: boolean;
  iamDeny: string[];
  serverErrors: ServerErrorRule[];
  rateLimit: { limit: number; windowMs: number } | null;
  taskStepMs: number | null;
  taskTimeScale: number | null;
  failTasks: FailTaskRule[];
  lostAnswers: LostAnswerRule[];
  expiredServices: string[];
  usageUnit: 'MB' | 'KB' | null;
}

export const NO_FAULTS: Readonly<Faults> = {
  session: null,
  lowPrivilege: false,
  iamDeny: [],
  serverErrors: [],
  rateLimit: null,
  taskStepMs: null,
  taskTimeScale: null,
  failTasks: [],
  lostAnswers: [],
  expiredServices: [],
  usageUnit: null,
};

/** `*` matches within one path segment (or any text when `segments` is false), `**` anything. */
export function globMatch(pattern: string, text: string, segments = true): boolean {
  const one = segments ? '[^/]*' : '.*';
  const source = pattern
    .split('**')
    .map((part) =>
      part
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join(one),
    )
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(text);
}

export interface FaultController {
  readonly current: Readonly<Faults>;
  /** Merges a patch (validated); lists replace, `null` clears. */
  set(patch: FaultsPatch): Readonly<Faults>;
  clear(): void;
  /** Session number below which sessions are low-privilege (while the switch is on). */
  readonly privilegeCutoff: number;
  /** Consumes one matching server-error rule; returns its status. */
  takeServerError(method: string, path: string, template: string | undefined): number | undefined;
  /** Consumes one matching lost-answer rule: undefined (answer as usual), 'cut' or a status. */
  takeLostAnswer(
    method: string,
    path: string,
    template: string | undefined,
  ): 'cut' | number | undefined;
  /** The expired service a path names, if any. */
  expiredServiceIn(path: string): string | undefined;
  /** Consumes one matching failing-task rule. */
  takeTaskFailure(fn: string, target: string): boolean;
  /** Records an API call; true when it is over the rate limit. */
  overRateLimit(now: number): boolean;
  isDenied(action: string): boolean;
}

/**
 * `expireSessions` is called when the `session` switch is set: the sessions opened so far die for
 * good (clearing the switch does not revive them; a new login gives a new cookie that works).
 */
export function createFaults(
  currentSession: () => number,
  expireSessions: (how: 'invalid' | 'forbidden') => void = () => {},
  initial?: FaultsPatch,
): FaultController {
  let faults: Faults = structuredClone(NO_FAULTS);
  let privilegeCutoff = 0;
  let calls: number[] = [];
  const controller: FaultController = {
    get current() {
      return faults;
    },
    get privilegeCutoff() {
      return faults.lowPrivilege ? privilegeCutoff : 0;
    },
    set(patch) {
      const parsed = FaultsPatchSchema.parse(patch);
      if (parsed.session !== undefined && parsed.session !== null) expireSessions(parsed.session);
      if (parsed.lowPrivilege === true) privilegeCutoff = currentSession();
      const next = { ...faults };
      for (const [key, value] of Object.entries(parsed)) {
        if (value !== undefined) (next as Record<string, unknown>)[key] = structuredClone(value);
      }
      faults = next;
      return faults;
    },
    clear() {
      faults = structuredClone(NO_FAULTS);
      calls = [];
    },
    takeServerError(method, path, template) {
      const rule = faults.serverErrors.find(
        (r) =>
          r.times > 0 &&
          (r.method === undefined || r.method === method) &&
          (globMatch(r.path, path) || (template !== undefined && r.path === template)),
      );
      if (rule === undefined) return undefined;
      rule.times -= 1;
      faults.serverErrors = faults.serverErrors.filter((r) => r.times > 0);
      return rule.status ?? 500;
    },
    takeLostAnswer(method, path, template) {
      const rule = faults.lostAnswers.find(
        (r) =>
          r.times > 0 &&
          (r.method === undefined || r.method === method) &&
          (globMatch(r.path, path) || (template !== undefined && r.path === template)),
      );
      if (rule === undefined) return undefined;
      rule.times -= 1;
      faults.lostAnswers = faults.lostAnswers.filter((r) => r.times > 0);
      return rule.status ?? 'cut';
    },
    expiredServiceIn(path) {
      const segments = path.split('/').map((s) => decodeURIComponent(s));
      return faults.expiredServices.find((name) => segments.includes(name));
    },
    takeTaskFailure(fn, target) {
      const rule = faults.failTasks.find(
        (r) =>
          (r.times === undefined || r.times > 0) &&
          (r.function === undefined || r.function === fn) &&
          (r.target === undefined || globMatch(r.target, target, false)),
      );
      if (rule === undefined) return false;
      if (rule.times !== undefined) {
        rule.times -= 1;
        faults.failTasks = faults.failTasks.filter((r) => r.times === undefined || r.times > 0);
      }
      return true;
    },
    overRateLimit(now) {
      const limit = faults.rateLimit;
      if (limit === null) return false;
      calls = calls.filter((t) => t > now - limit.windowMs);
      calls.push(now);
      return calls.length > limit.limit;
    },
    isDenied(action) {
      return faults.iamDeny.some((pattern) => globMatch(pattern, action, false));
    },
  };
  if (initial !== undefined) controller.set(initial);
  return controller;
}
