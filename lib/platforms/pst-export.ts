/**
 * Hosted Exchange's server-side PST export of one account (reference "control panel": the
 * schema's `…/account/{email}/export` and `…/exportURL`): request the export, follow its
 * `addExportPstRequest` task while `percentComplete` grows, then ask for a download link
 * (`generatePstUrl`) and read it with its expiry. Resumable like every write here: an export
 * already requested (or done, or a link still valid) is followed, not requested again. No
 * platform has an import: this is a copy for the person to keep, not a way back.
 */
import { exchange, OvhTaskError, type Probe, taskFailure, waitFor } from '../ovh-api/index.ts';
import type { OperationOptions, ServiceRef } from './adapter.ts';
import type { FamilyContext } from './family-context.ts';
import { mayHaveLanded, unlessNotFound } from './family-tasks.ts';

/** A PST link, as `GET …/exportURL` gives it. */
export interface PstExportLink {
  /** Where the PST file downloads from (a temporary link). */
  url: string;
  /** When the link stops working (ISO date, the API's `expiration`). */
  expiresAt: string;
  /** When the export was requested (the API's `creationDate`). */
  requestedAt: string;
}

export interface PstExportOptions extends OperationOptions {
  /** Each look at the export while OVHcloud builds the PST: 0–100 (`percentComplete`). */
  onProgress?: (percentComplete: number) => void;
  /**
   * A link that expires sooner than this is generated again.
   * @default 600_000 (10 minutes)
   */
  minValidityMs?: number;
  /** @default () => Date.now() */
  now?: () => number;
}

export function pstExportMethods(context: FamilyContext) {
  const { client, desk, accountPath, signalOf } = context;
  const exportPath = (ref: ServiceRef, address: string) => `${accountPath(ref, address)}/export`;
  const urlPath = (ref: ServiceRef, address: string) => `${accountPath(ref, address)}/exportURL`;
  const readExport = (ref: ServiceRef, address: string, options?: OperationOptions) =>
    unlessNotFound(() =>
      client.get(exportPath(ref, address), exchange.ExportSchema, signalOf(options)),
    );
  const readUrl = (ref: ServiceRef, address: string, options?: OperationOptions) =>
    unlessNotFound(() =>
      client.get(urlPath(ref, address), exchange.ExportUrlSchema, signalOf(options)),
    );

  /** Follows the export until it is complete; its task in error fails at once, in its words. */
  const exportDone = (ref: ServiceRef, address: string, options?: PstExportOptions) =>
    waitFor(
      `the PST export of ${address}`,
      async (): Promise<Probe<exchange.Export>> => {
        const current = await readExport(ref, address, options);
        if (current === undefined) {
          throw new OvhTaskError({
            code: 'task_failed',
            message: `The PST export of ${address} is gone at OvhCloud (its request failed or was removed).`,
            taskFunction: 'addExportPstRequest',
          });
        }
        options?.onProgress?.(current.percentComplete);
        if (current.percentComplete >= 100 && !current.taskPendingId) return { done: current };
        let status = 'todo';
        if (current.taskPendingId) {
          options?.onTask?.(current.taskPendingId);
          const task = await client.get(
            `${accountPath(ref, address)}/tasks/${current.taskPendingId}`,
            exchange.TaskSchema,
            signalOf(options),
          );
          status = task.status;
          const failure = taskFailure(task);
          if (failure) throw failure;
        }
        return {
          waiting: `the PST export of ${address} is ${current.percentComplete}% done`,
          progress: `${current.percentComplete}:${status}`,
          status,
          ...(current.taskPendingId
            ? { taskId: current.taskPendingId, taskFunction: 'addExportPstRequest' }
            : {}),
        };
      },
      context.waitOptions(options),
    );

  /** Sends a POST that answers its task, then follows that task; after a lost answer, settles. */
  const sendAndFollow = async (
    ref: ServiceRef,
    address: string,
    path: string,
    what: string,
    options?: OperationOptions,
  ) => {
    let task: exchange.Task | undefined;
    try {
      task = await client.post(path, {}, exchange.TaskSchema, signalOf(options));
    } catch (error) {
      if (!mayHaveLanded(error)) throw error;
      await desk.settle(ref, address, options);
      return;
    }
    await desk.followAccountTask(ref, [address], task, what, options, true);
  };

  return {
    /**
     * A download link to a PST of the Exchange account at `address`: requests the export (or
     * follows the one already requested), waits for it, then generates the link (or reuses one
     * valid for `minValidityMs` more). Throws `OvhTaskError` when OVHcloud's task fails.
     */
    async exportPst(
      ref: ServiceRef,
      address: string,
      options?: PstExportOptions,
    ): Promise<PstExportLink> {
      const now = options?.now ?? (() => Date.now());
      const minValidityMs = options?.minValidityMs ?? 600_000;
      let current = await readExport(ref, address, options);
      if (current === undefined) {
        await sendAndFollow(
          ref,
          address,
          exportPath(ref, address),
          `the PST export of ${address}`,
          options,
        );
      }
      current = await exportDone(ref, address, options);
      const valid = (link: exchange.ExportUrl | undefined) =>
        link !== undefined && Date.parse(link.expiration) - now() >= minValidityMs;
      let link = await readUrl(ref, address, options);
      if (!valid(link)) {
        await sendAndFollow(
          ref,
          address,
          urlPath(ref, address),
          `the PST download link of ${address}`,
          options,
        );
        link = await waitFor(
          `the PST download link of ${address}`,
          async (): Promise<Probe<exchange.ExportUrl>> => {
            const found = await readUrl(ref, address, options);
            return found !== undefined && valid(found)
              ? { done: found }
              : { waiting: `the PST download link of ${address} is not there yet` };
          },
          context.waitOptions(options),
        );
      }
      if (link === undefined) throw new Error('unreachable: the link was just read');
      return { url: link.url, expiresAt: link.expiration, requestedAt: current.creationDate };
    },

    /** Removes the account's PST export (and its link) once it is no longer needed. */
    async removePstExport(ref: ServiceRef, address: string, options?: OperationOptions) {
      if ((await readExport(ref, address, options)) === undefined) return;
      let task: exchange.Task | undefined;
      try {
        task = await client.delete(
          exportPath(ref, address),
          exchange.TaskSchema,
          signalOf(options),
        );
      } catch (error) {
        if (!mayHaveLanded(error)) throw error;
        await desk.settle(ref, address, options);
      }
      if (task !== undefined) {
        await desk.followAccountTask(
          ref,
          [address],
          task,
          `the PST export of ${address} removed`,
          options,
          true,
        );
      }
      if ((await readExport(ref, address, options)) !== undefined) {
        throw new OvhTaskError({
          code: 'task_failed',
          message: `The PST export of ${address} could not be removed at OvhCloud.`,
          taskFunction: 'deleteExportPstRequest',
        });
      }
    },
  };
}
