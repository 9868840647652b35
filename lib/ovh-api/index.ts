export { createOvhClient } from './client.ts';
export {
  cancelledError,
  isOvhApiError,
  OVH_API_ERROR_CODES,
  OvhApiError,
  type OvhApiErrorCode,
  type OvhApiErrorJSON,
} from './errors.ts';
export * as domain from './generated/domain.ts';
export * as exchange from './generated/exchange.ts';
export * as mxplan from './generated/mxplan.ts';
export * as pro from './generated/pro.ts';
export * as zone from './generated/zone.ts';
export { fillPath, ovhPath } from './path.ts';
export {
  createRateLimiter,
  type RateLimiter,
  type RateLimiterOptions,
  type RateLimitOptions,
} from './rate-limiter.ts';
export { reloginUrl } from './relogin.ts';
export type { Sleep } from './sleep.ts';
export {
  isOvhTaskError,
  OVH_TASK_ERROR_CODES,
  OvhTaskError,
  type OvhTaskErrorCode,
  type OvhTaskErrorJSON,
} from './task-error.ts';
export {
  describe as describeTask,
  type TaskSnapshot,
  taskFailure,
  type WaitForPendingTaskOptions,
  type WaitForTaskOptions,
  waitForPendingTaskToLeave,
  waitForTask,
} from './tasks.ts';
export type {
  OvhClient,
  OvhClientOptions,
  PostOptions,
  QueryValue,
  RequestOptions,
  RetryOptions,
} from './types.ts';
export {
  isWaitTimeout,
  type Probe,
  type ResolvedWaitPolicy,
  resolveWaitPolicy,
  type WaitInfo,
  type WaitOptions,
  type WaitPolicy,
  WaitTimeoutError,
  waitFor,
} from './wait.ts';
export { pickFields } from './writable.ts';
