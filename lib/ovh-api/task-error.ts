/**
 * An asynchronous OvhCloud task that did not finish well. Separate from `OvhApiError`: the calls
 * all succeeded, the work behind them did not.
 */
/** A task that took too long is a `WaitTimeoutError` (wait.ts): the one give-up rule. */
export const OVH_TASK_ERROR_CODES = ['task_failed', 'task_cancelled'] as const;

export type OvhTaskErrorCode = (typeof OVH_TASK_ERROR_CODES)[number];

const CODES: ReadonlySet<string> = new Set(OVH_TASK_ERROR_CODES);

export interface OvhTaskErrorJSON {
  name: 'OvhTaskError';
  code: OvhTaskErrorCode;
  message: string;
  taskId?: number;
  /** The task's `function`, e.g. `changePassword`, `addAccount`. */
  taskFunction?: string;
  /** Last status seen (`error`, `cancelled`). */
  status?: string;
}

export class OvhTaskError extends Error {
  override readonly name = 'OvhTaskError' as const;
  readonly code: OvhTaskErrorCode;
  readonly taskId?: number;
  readonly taskFunction?: string;
  readonly status?: string;

  constructor(init: Omit<OvhTaskErrorJSON, 'name'>) {
    super(init.message);
    this.code = init.code;
    this.taskId = init.taskId;
    this.taskFunction = init.taskFunction;
    this.status = init.status;
  }

  toJSON(): OvhTaskErrorJSON {
    const json: OvhTaskErrorJSON = { name: this.name, code: this.code, message: this.message };
    if (this.taskId !== undefined) json.taskId = this.taskId;
    if (this.taskFunction !== undefined) json.taskFunction = this.taskFunction;
    if (this.status !== undefined) json.status = this.status;
    return json;
  }

  static fromJSON(json: OvhTaskErrorJSON): OvhTaskError {
    const { name: _name, ...init } = json;
    return new OvhTaskError(init);
  }
}

/** Checks `name` and `code`, so it also recognises the `toJSON()` form after messaging. */
export function isOvhTaskError(value: unknown): value is OvhTaskErrorJSON {
  if (typeof value !== 'object' || value === null) return false;
  const { name, code, message } = value as Record<string, unknown>;
  return (
    name === 'OvhTaskError' &&
    typeof code === 'string' &&
    CODES.has(code) &&
    typeof message === 'string'
  );
}
