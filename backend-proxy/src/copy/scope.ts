import type { CopyOptions } from '../../../lib/proxy-contract/index.ts';
import type { MessageMeta } from './message-index.ts';

/** Which source messages a job covers: its `since`/`before` (INTERNALDATE) and size filters. */
export type MessageScope = (meta: Pick<MessageMeta, 'internalDate' | 'size'>) => boolean;

/** Whether the options filter messages at all (folder totals then need more than STATUS). */
export function hasMessageFilters(options: CopyOptions): boolean {
  return (
    options.since !== undefined ||
    options.before !== undefined ||
    options.maxMessageSize !== undefined
  );
}

/**
 * The job's message filter. INTERNALDATE has whole seconds; an instant given with a finer
 * precision is rounded the way that keeps `since` inclusive and `before` exclusive.
 */
export function messageScope(options: CopyOptions): MessageScope {
  const since = options.since === undefined ? undefined : Math.ceil(toSeconds(options.since));
  const before = options.before === undefined ? undefined : Math.ceil(toSeconds(options.before));
  const maxSize = options.maxMessageSize;
  return (meta) =>
    (since === undefined || meta.internalDate >= since) &&
    (before === undefined || meta.internalDate < before) &&
    (maxSize === undefined || meta.size <= maxSize);
}

/** `2024-01-31` is midnight UTC; a date-time keeps its own offset. */
function toSeconds(instant: string): number {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(instant) ? `${instant}T00:00:00Z` : instant;
  return Date.parse(date) / 1000;
}
