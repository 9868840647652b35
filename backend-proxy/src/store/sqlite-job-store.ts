import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { FolderProgress, ProxyError } from '../../../lib/proxy-contract/index.ts';
import type { JobStore, MessageRecord, StoredJob } from './job-store.ts';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS folders (
  job_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  source TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (job_id, source)
);
CREATE TABLE IF NOT EXISTS messages (
  job_id TEXT NOT NULL,
  folder TEXT NOT NULL,
  uid_validity TEXT NOT NULL,
  uid INTEGER NOT NULL,
  key TEXT NOT NULL,
  status TEXT NOT NULL,
  destination_uid INTEGER,
  size INTEGER NOT NULL,
  error TEXT,
  PRIMARY KEY (job_id, folder, uid_validity, uid)
);
`;

/**
 * The checkpoint store on Node's built-in SQLite (no native build). WAL keeps each committed
 * transaction safe across a SIGKILL of the proxy. Nothing secret is ever written here.
 */
export function openSqliteJobStore(dataDir: string): JobStore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(path.join(dataDir, 'jobs.sqlite'));
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;');
  db.exec(SCHEMA);

  const insertJob = db.prepare('INSERT INTO jobs (id, body) VALUES (?, ?)');
  const selectJob = db.prepare('SELECT body FROM jobs WHERE id = ?');
  const selectJobs = db.prepare('SELECT body FROM jobs ORDER BY rowid');
  const writeJob = db.prepare('UPDATE jobs SET body = ? WHERE id = ?');
  const deleteFolders = db.prepare('DELETE FROM folders WHERE job_id = ?');
  const insertFolder = db.prepare(
    'INSERT INTO folders (job_id, position, source, body) VALUES (?, ?, ?, ?)',
  );
  const selectFolders = db.prepare('SELECT body FROM folders WHERE job_id = ? ORDER BY position');
  const selectDone = db.prepare(
    `SELECT uid, key, status, destination_uid, size FROM messages
     WHERE job_id = ? AND folder = ? AND uid_validity = ? AND status != 'failed'`,
  );
  const upsertMessage = db.prepare(
    `INSERT INTO messages (job_id, folder, uid_validity, uid, key, status, destination_uid, size, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (job_id, folder, uid_validity, uid) DO UPDATE SET
       key = excluded.key, status = excluded.status, destination_uid = excluded.destination_uid,
       size = excluded.size, error = excluded.error`,
  );
  const selectFailures = db.prepare(
    `SELECT error FROM messages WHERE job_id = ? AND status = 'failed' ORDER BY folder, uid`,
  );

  const transaction = (work: () => void) => {
    db.exec('BEGIN IMMEDIATE');
    try {
      work();
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  };
  const readJob = (row: unknown): StoredJob =>
    JSON.parse(String((row as { body: string }).body)) as StoredJob;

  return {
    insertJob(job) {
      insertJob.run(job.id, JSON.stringify(job));
    },
    updateJob(id, patch) {
      const row = selectJob.get(id);
      if (!row) return;
      const job = { ...readJob(row), ...patch, id, updatedAt: new Date().toISOString() };
      writeJob.run(JSON.stringify(job), id);
    },
    getJob(id) {
      const row = selectJob.get(id);
      return row ? readJob(row) : undefined;
    },
    listJobs() {
      return selectJobs.all().map(readJob);
    },
    saveFolders(jobId, folders) {
      transaction(() => {
        deleteFolders.run(jobId);
        folders.forEach((folder, position) => {
          insertFolder.run(jobId, position, folder.source, JSON.stringify(folder));
        });
      });
    },
    listFolders(jobId) {
      return selectFolders
        .all(jobId)
        .map((row) => JSON.parse(String((row as { body: string }).body)) as FolderProgress);
    },
    doneMessages(jobId, folder, uidValidity) {
      const done = new Map<number, MessageRecord>();
      for (const row of selectDone.all(jobId, folder, uidValidity)) {
        const r = row as {
          uid: number;
          key: string;
          status: MessageRecord['status'];
          destination_uid: number | null;
          size: number;
        };
        done.set(Number(r.uid), {
          uid: Number(r.uid),
          key: r.key,
          status: r.status,
          destinationUid: r.destination_uid === null ? undefined : Number(r.destination_uid),
          size: Number(r.size),
          error: undefined,
        });
      }
      return done;
    },
    recordMessages(jobId, folder, uidValidity, records) {
      if (records.length === 0) return;
      transaction(() => {
        for (const record of records) {
          upsertMessage.run(
            jobId,
            folder,
            uidValidity,
            record.uid,
            record.key,
            record.status,
            record.destinationUid ?? null,
            record.size,
            record.error ? JSON.stringify(record.error) : null,
          );
        }
      });
    },
    failures(jobId) {
      return selectFailures
        .all(jobId)
        .map((row) => JSON.parse(String((row as { error: string }).error)) as ProxyError);
    },
    close() {
      db.close();
    },
  };
}
