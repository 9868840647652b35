import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { ProxyError } from '../../../lib/proxy-contract/index.ts';
import type {
  FolderSync,
  JobStore,
  LoggedMessage,
  MessageRecord,
  OutcomeCounts,
  StoredFolder,
  StoredJob,
} from './job-store.ts';

const TABLES = `
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
CREATE TABLE IF NOT EXISTS sending (
  job_id TEXT NOT NULL,
  folder TEXT NOT NULL,
  uid_validity TEXT NOT NULL,
  uid INTEGER NOT NULL,
  PRIMARY KEY (job_id, folder, uid_validity, uid)
);
CREATE TABLE IF NOT EXISTS folder_sync (
  job_id TEXT NOT NULL,
  folder TEXT NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (job_id, folder)
);
`;

/** Columns added after the first release; an older store gets them on open. */
const ADDED_MESSAGE_COLUMNS: ReadonlyArray<[name: string, type: string]> = [
  ['message_id', 'TEXT'],
  ['internal_date', 'INTEGER'],
  ['flags', 'TEXT'],
  ['at', 'TEXT'],
];

const SCHEMA_VERSION = 2;

interface MessageRow {
  folder: string;
  uid_validity: string;
  uid: number;
  key: string;
  status: MessageRecord['status'];
  destination_uid: number | null;
  size: number;
  error: string | null;
  message_id: string | null;
  internal_date: number | null;
  flags: string | null;
  at: string | null;
}

/**
 * The checkpoint store on Node's built-in SQLite (no native build). WAL keeps each committed
 * transaction safe across a SIGKILL of the proxy. Nothing secret is ever written here.
 */
export function openSqliteJobStore(dataDir: string): JobStore {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const db = new DatabaseSync(path.join(dataDir, 'jobs.sqlite'));
  migrate(db);

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
    `SELECT * FROM messages
     WHERE job_id = ? AND folder = ? AND uid_validity = ? AND status IN ('copied', 'present')`,
  );
  const countOutcomes = db.prepare(
    `SELECT status, COUNT(*) AS count, SUM(size) AS bytes FROM messages
     WHERE job_id = ? AND folder = ? AND uid_validity = ? GROUP BY status`,
  );
  const upsertMessage = db.prepare(
    `INSERT INTO messages (job_id, folder, uid_validity, uid, key, status, destination_uid, size,
       error, message_id, internal_date, flags, at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (job_id, folder, uid_validity, uid) DO UPDATE SET
       key = excluded.key, status = excluded.status, destination_uid = excluded.destination_uid,
       size = excluded.size, error = excluded.error, message_id = excluded.message_id,
       internal_date = excluded.internal_date, flags = excluded.flags, at = excluded.at`,
  );
  const updateFlags = db.prepare(
    'UPDATE messages SET flags = ? WHERE job_id = ? AND folder = ? AND uid_validity = ? AND uid = ?',
  );
  const selectFailures = db.prepare(
    `SELECT error FROM messages WHERE job_id = ? AND status = 'failed' ORDER BY folder, uid`,
  );
  const selectLog = db.prepare(
    'SELECT * FROM messages WHERE job_id = ? ORDER BY folder, uid_validity, uid',
  );
  const selectSync = db.prepare('SELECT body FROM folder_sync WHERE job_id = ? AND folder = ?');
  const selectSyncs = db.prepare('SELECT body FROM folder_sync WHERE job_id = ? ORDER BY folder');
  const upsertSync = db.prepare(
    `INSERT INTO folder_sync (job_id, folder, body) VALUES (?, ?, ?)
     ON CONFLICT (job_id, folder) DO UPDATE SET body = excluded.body`,
  );
  const insertSending = db.prepare(
    'INSERT OR IGNORE INTO sending (job_id, folder, uid_validity, uid) VALUES (?, ?, ?, ?)',
  );
  const deleteSending = db.prepare(
    'DELETE FROM sending WHERE job_id = ? AND folder = ? AND uid_validity = ? AND uid = ?',
  );
  const selectSending = db.prepare(
    'SELECT uid FROM sending WHERE job_id = ? AND folder = ? AND uid_validity = ?',
  );
  const deletes = [
    'DELETE FROM sending WHERE job_id = ?',
    'DELETE FROM messages WHERE job_id = ?',
    'DELETE FROM folder_sync WHERE job_id = ?',
    'DELETE FROM folders WHERE job_id = ?',
    'DELETE FROM jobs WHERE id = ?',
  ].map((sql) => db.prepare(sql));

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
  const writeFolders = (jobId: string, folders: readonly StoredFolder[]) => {
    deleteFolders.run(jobId);
    folders.forEach((folder, position) => {
      insertFolder.run(jobId, position, folder.source, JSON.stringify(folder));
    });
  };
  const bodyOf = <T>(row: unknown): T => JSON.parse(String((row as { body: string }).body)) as T;

  return {
    insertJob(job) {
      insertJob.run(job.id, JSON.stringify(job));
    },
    updateJob(id, patch) {
      const row = selectJob.get(id);
      if (!row) return;
      const job = { ...bodyOf<StoredJob>(row), ...patch, id, updatedAt: new Date().toISOString() };
      writeJob.run(JSON.stringify(job), id);
    },
    getJob(id) {
      const row = selectJob.get(id);
      return row ? bodyOf<StoredJob>(row) : undefined;
    },
    listJobs() {
      return selectJobs.all().map((row) => bodyOf<StoredJob>(row));
    },
    deleteJob(id) {
      transaction(() => {
        for (const statement of deletes) statement.run(id);
      });
      // Gives the freed pages back to the file system (auto_vacuum = INCREMENTAL).
      db.exec('PRAGMA incremental_vacuum');
    },
    saveFolders(jobId, folders) {
      transaction(() => writeFolders(jobId, folders));
    },
    listFolders(jobId) {
      return selectFolders.all(jobId).map((row) => bodyOf<StoredFolder>(row));
    },
    doneMessages(jobId, folder, uidValidity) {
      const done = new Map<number, MessageRecord>();
      for (const row of selectDone.all(jobId, folder, uidValidity)) {
        const record = toRecord(row as unknown as MessageRow);
        done.set(record.uid, record);
      }
      return done;
    },
    countOutcomes(jobId, folder, uidValidity) {
      const counts: OutcomeCounts = { copied: 0, present: 0, failed: 0, wouldCopy: 0, bytes: 0 };
      for (const row of countOutcomes.all(jobId, folder, uidValidity)) {
        const { status, count, bytes } = row as { status: string; count: number; bytes: number };
        const n = Number(count);
        if (status === 'copied') counts.copied = n;
        else if (status === 'present') counts.present = n;
        else if (status === 'failed') counts.failed = n;
        else if (status === 'would_copy') counts.wouldCopy = n;
        counts.bytes += Number(bytes ?? 0);
      }
      return counts;
    },
    recordMessages(jobId, folder, uidValidity, records, progress) {
      if (records.length === 0 && !progress) return;
      transaction(() => {
        if (progress) writeFolders(jobId, progress);
        for (const record of records) {
          deleteSending.run(jobId, folder, uidValidity, record.uid);
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
            record.messageId ?? null,
            record.internalDate ?? null,
            record.flags ? JSON.stringify(record.flags) : null,
            record.at ?? new Date().toISOString(),
          );
        }
      });
    },
    markSending(jobId, folder, uidValidity, uids) {
      if (uids.length === 0) return;
      transaction(() => {
        for (const uid of uids) insertSending.run(jobId, folder, uidValidity, uid);
      });
    },
    sendingMessages(jobId, folder, uidValidity) {
      return new Set(
        selectSending
          .all(jobId, folder, uidValidity)
          .map((row) => Number((row as { uid: number }).uid)),
      );
    },
    recordFlags(jobId, folder, uidValidity, flags) {
      if (flags.size === 0) return;
      transaction(() => {
        for (const [uid, list] of flags) {
          updateFlags.run(JSON.stringify(list), jobId, folder, uidValidity, uid);
        }
      });
    },
    failures(jobId) {
      return selectFailures
        .all(jobId)
        .map((row) => JSON.parse(String((row as { error: string }).error)) as ProxyError);
    },
    *messageLog(jobId): Iterable<LoggedMessage> {
      for (const row of selectLog.iterate(jobId)) {
        const r = row as unknown as MessageRow;
        yield { folder: r.folder, uidValidity: r.uid_validity, record: toRecord(r) };
      }
    },
    folderSync(jobId, folder) {
      const row = selectSync.get(jobId, folder);
      return row ? bodyOf<FolderSync>(row) : undefined;
    },
    listFolderSync(jobId) {
      return selectSyncs.all(jobId).map((row) => bodyOf<FolderSync>(row));
    },
    saveFolderSync(jobId, sync) {
      upsertSync.run(jobId, sync.folder, JSON.stringify(sync));
    },
    close() {
      db.close();
    },
  };
}

/** Creates the tables, or brings an older store up to date (columns, incremental vacuum). */
function migrate(db: DatabaseSync): void {
  db.exec('PRAGMA busy_timeout = 5000');
  const version = Number(
    (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version,
  );
  const fresh =
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'jobs'").get() ===
    undefined;
  // auto_vacuum must be chosen before the first table exists; an older store needs a VACUUM once.
  if (fresh) db.exec('PRAGMA auto_vacuum = INCREMENTAL');
  db.exec('PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;');
  db.exec(TABLES);
  if (version >= SCHEMA_VERSION) return;
  const columns = new Set(
    db
      .prepare('PRAGMA table_info(messages)')
      .all()
      .map((row) => String((row as { name: string }).name)),
  );
  for (const [name, type] of ADDED_MESSAGE_COLUMNS) {
    if (!columns.has(name)) db.exec(`ALTER TABLE messages ADD COLUMN ${name} ${type}`);
  }
  if (!fresh) db.exec('PRAGMA auto_vacuum = INCREMENTAL; VACUUM;');
  db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
}

/**
 * Flag lists read back, by their JSON text: a folder's records carry a handful of distinct flag
 * sets, so a re-run's 100,000 records share a few frozen arrays (as the message index does),
 * bounded at SHARED_FLAG_SETS.
 */
const sharedFlags = new Map<string, string[]>();
const SHARED_FLAG_SETS = 4096;

function flagsOf(json: string): string[] {
  const shared = sharedFlags.get(json);
  if (shared) return shared;
  const list = Object.freeze(JSON.parse(json) as string[]) as string[];
  if (sharedFlags.size < SHARED_FLAG_SETS) sharedFlags.set(json, list);
  return list;
}

function toRecord(row: MessageRow): MessageRecord {
  return {
    uid: Number(row.uid),
    key: row.key,
    status: row.status,
    destinationUid: row.destination_uid === null ? undefined : Number(row.destination_uid),
    size: Number(row.size),
    error: row.error ? (JSON.parse(row.error) as ProxyError) : undefined,
    messageId: row.message_id ?? undefined,
    internalDate: row.internal_date === null ? undefined : Number(row.internal_date),
    flags: row.flags ? flagsOf(row.flags) : undefined,
    at: row.at ?? undefined,
  };
}
