import type { ImapFlow } from 'imapflow';
import type { FolderStatus } from './folders.ts';
import type { MessageScope } from './scope.ts';

/** A folder's size as the job will see it, known before any message is copied. */
export interface FolderSize {
  uidValidity: string;
  /** Messages the job covers (its filters applied). */
  messages: number;
  bytes: number;
  /** Messages the filters leave out. */
  excluded: number;
}

/**
 * Sizes one source folder. STATUS gives the count (and the bytes where the server has
 * STATUS=SIZE) without opening it; when the job filters messages, or the server cannot say the
 * size, a light FETCH of sizes and dates gives the exact totals of what the job covers.
 */
export async function sizeFolder(
  client: ImapFlow,
  path: string,
  scope: MessageScope | undefined,
  listed?: FolderStatus | undefined,
): Promise<FolderSize> {
  const status =
    listed ?? (await client.status(path, { messages: true, uidValidity: true, size: true }));
  const uidValidity = String(status ? status.uidValidity : '');
  const messages = status && typeof status.messages === 'number' ? status.messages : 0;
  const size = status && typeof status.size === 'number' ? status.size : undefined;
  if (messages === 0) return { uidValidity, messages: 0, bytes: 0, excluded: 0 };
  if (!scope && size !== undefined) return { uidValidity, messages, bytes: size, excluded: 0 };

  const box = await client.mailboxOpen(path, { readOnly: true });
  let count = 0;
  let bytes = 0;
  let excluded = 0;
  if (box.exists > 0) {
    for await (const message of client.fetch('1:*', { size: true, internalDate: true })) {
      const meta = {
        size: message.size ?? 0,
        internalDate: Math.floor(new Date(message.internalDate ?? 0).getTime() / 1000),
      };
      if (scope && !scope(meta)) {
        excluded += 1;
        continue;
      }
      count += 1;
      bytes += meta.size;
    }
  }
  return { uidValidity: box.uidValidity.toString(), messages: count, bytes, excluded };
}

/** UIDVALIDITY of a folder, by STATUS (no SELECT); undefined when the folder does not exist. */
export async function uidValidityOf(client: ImapFlow, path: string): Promise<string | undefined> {
  try {
    const status = await client.status(path, { uidValidity: true });
    return status && status.uidValidity !== undefined ? String(status.uidValidity) : undefined;
  } catch (error) {
    // A missing folder is an answer (NO), not a broken connection.
    if ((error as { code?: string }).code === 'NotFound') {
      return undefined;
    }
    throw error;
  }
}
