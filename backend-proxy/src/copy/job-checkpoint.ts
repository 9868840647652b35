// The one writer of a job's checkpoint while it runs (issue 10): message records, the write-ahead
// of APPENDs, folder sync state and the folders' progress all go through here, records and
// progress in one transaction per batch. The job manager only reads (live views share the array).

import type { JobStore } from '../store/job-store.ts';
import type { FolderCheckpoint } from './copy-folder.ts';
import { type TrackedFolder, withCheckpointCounts } from './progress.ts';

export class JobCheckpoint {
  readonly #store: JobStore;
  readonly #jobId: string;
  #folders: TrackedFolder[] = [];

  constructor(store: JobStore, jobId: string) {
    this.#store = store;
    this.#jobId = jobId;
  }

  /** The progress the engine updates in place; read-only to everyone else. */
  get folders(): readonly TrackedFolder[] {
    return this.#folders;
  }

  /** The job's folders as planned: saved at once. */
  plan(folders: TrackedFolder[]): void {
    this.#folders = folders;
    this.saveProgress();
  }

  /** The folders' progress alone (plan, folder end, job end). */
  saveProgress(): void {
    this.#store.saveFolders(this.#jobId, this.#folders);
  }

  /** One folder's view of the checkpoint, for the copy. */
  folder(name: string): FolderCheckpoint {
    const store = this.#store;
    const jobId = this.#jobId;
    return {
      done: (uidValidity) => store.doneMessages(jobId, name, uidValidity),
      record: (uidValidity, records) =>
        store.recordMessages(jobId, name, uidValidity, records, this.#folders),
      markSending: (uidValidity, uids) => store.markSending(jobId, name, uidValidity, uids),
      sending: (uidValidity) => store.sendingMessages(jobId, name, uidValidity),
      recordFlags: (uidValidity, flags) => store.recordFlags(jobId, name, uidValidity, flags),
      sync: () => store.folderSync(jobId, name),
      saveSync: (sync) => store.saveFolderSync(jobId, sync),
      saveProgress: () => this.saveProgress(),
    };
  }

  /**
   * A job not running (the proxy restarted): its folders' counts again from its message records,
   * so a SIGKILL between two progress saves loses no number.
   */
  static recount(store: JobStore, jobId: string): void {
    const folders = store
      .listFolders(jobId)
      .map((folder) =>
        folder.uidValidity === undefined
          ? folder
          : withCheckpointCounts(
              folder,
              store.countOutcomes(jobId, folder.source, folder.uidValidity),
            ),
      );
    store.saveFolders(jobId, folders);
  }
}
