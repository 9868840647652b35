import type { ImapFlow, ListResponse } from 'imapflow';
import type { CopyOptions } from '../../../lib/proxy-contract/index.ts';
import type { FolderState } from '../store/job-store.ts';
import { isSpecialUse, normaliseName, type SpecialUse, specialUseByName } from './special-use.ts';

/** One folder as a server lists it, with its path relative to the personal namespace. */
export interface ListedFolder {
  /** Full path as the server names it (decoded to UTF-8 by imapflow). */
  path: string;
  /** Name components below the personal namespace prefix; `['INBOX', ...]` for the inbox tree. */
  relative: string[];
  delimiter: string;
  specialUse: SpecialUse | undefined;
  /** True when the server said so with SPECIAL-USE, false when guessed from the name. */
  specialUseFromServer: boolean;
  subscribed: boolean;
  selectable: boolean;
  /** STATUS as listed (LIST-STATUS where offered, one STATUS per folder otherwise). */
  status?: FolderStatus | undefined;
}

/** A folder's STATUS: what tells a pass whether anything changed since the last one. */
export interface FolderStatus extends FolderState {
  uidValidity: string;
  /** STATUS=SIZE, when offered. */
  size: number | undefined;
}

export interface MailboxLayout {
  folders: ListedFolder[];
  delimiter: string;
  prefix: string;
}

/** What a source folder becomes on the destination. */
export interface FolderPlan {
  source: ListedFolder;
  /** `/`-joined relative source path: the name shown to people and used in include/exclude. */
  sourceName: string;
  /** Full destination path, in the destination's own delimiter and namespace. */
  destinationPath: string;
  destinationName: string;
  /** The destination folder exists already. */
  exists: boolean;
  /** The destination folder is subscribed already. */
  destinationSubscribed: boolean;
  /** The destination folder's STATUS as listed when the job was planned. */
  destinationStatus?: FolderStatus | undefined;
  specialUse: SpecialUse | undefined;
}

export async function readLayout(
  client: ImapFlow,
  options: { status?: boolean } = {},
): Promise<MailboxLayout> {
  const listed = await client.list(
    options.status
      ? {
          statusQuery: {
            messages: true,
            uidNext: true,
            uidValidity: true,
            highestModseq: true,
            size: true,
          },
        }
      : {},
  );
  const prefix = client.namespace?.prefix ?? '';
  const fallbackDelimiter = client.namespace?.delimiter || listed[0]?.delimiter || '/';
  const folders = listed
    .filter((entry) => entry.listed && !entry.flags.has('\\NonExistent'))
    .map((entry) => toListedFolder(entry, prefix, fallbackDelimiter));
  return { folders, delimiter: fallbackDelimiter, prefix };
}

function toListedFolder(entry: ListResponse, prefix: string, fallback: string): ListedFolder {
  const delimiter = entry.delimiter || fallback;
  const isInbox = entry.path.toUpperCase() === 'INBOX';
  const inNamespace = !isInbox && prefix !== '' && entry.path.startsWith(prefix);
  const local = inNamespace ? entry.path.slice(prefix.length) : entry.path;
  const relative = isInbox ? ['INBOX'] : local.split(delimiter);
  if (relative[0]?.toUpperCase() === 'INBOX') relative[0] = 'INBOX';
  const fromServer = entry.specialUseSource === 'extension' && isSpecialUse(entry.specialUse);
  const byName =
    relative.length === 1 && relative[0] !== 'INBOX'
      ? specialUseByName(relative[0] ?? '')
      : undefined;
  return {
    path: entry.path,
    relative,
    delimiter,
    specialUse: fromServer ? (entry.specialUse as SpecialUse) : byName,
    specialUseFromServer: fromServer,
    subscribed: entry.subscribed,
    selectable: !entry.flags.has('\\Noselect'),
    status: statusOf(entry),
  };
}

function statusOf(entry: ListResponse): FolderStatus | undefined {
  const status = entry.status;
  if (!status || status.uidValidity === undefined || typeof status.messages !== 'number') {
    return undefined;
  }
  return {
    messages: status.messages,
    uidNext: typeof status.uidNext === 'number' ? status.uidNext : undefined,
    uidValidity: String(status.uidValidity),
    highestModseq: status.highestModseq === undefined ? undefined : String(status.highestModseq),
    size:
      typeof (status as { size?: unknown }).size === 'number'
        ? (status as { size: number }).size
        : undefined,
  };
}

export function isFolderSelected(name: string, options: CopyOptions): boolean {
  const under = (pattern: string) => {
    const clean = pattern.replace(/^\/+|\/+$/g, '');
    return name === clean || name.startsWith(`${clean}/`);
  };
  if (options.excludeFolders?.some(under)) return false;
  if (options.includeFolders && options.includeFolders.length > 0) {
    return options.includeFolders.some(under);
  }
  return true;
}

/**
 * Maps every selectable source folder to its destination path: INBOX to INBOX, one folder per
 * special use to the destination's folder of that use (so "Éléments envoyés" lands in "Sent"),
 * everything else by name with the source delimiter swapped for the destination's.
 */
export function planFolders(
  source: MailboxLayout,
  destination: MailboxLayout,
  options: CopyOptions,
): FolderPlan[] {
  const destinationByUse = new Map<SpecialUse, string>();
  const destinationTopLevel = destination.folders.filter((f) => f.relative.length === 1);
  // Folders the server flags win over folders guessed by name.
  for (const folder of [...destinationTopLevel].sort(byServerFlagFirst)) {
    const name = folder.relative[0];
    if (folder.specialUse && name && !destinationByUse.has(folder.specialUse)) {
      destinationByUse.set(folder.specialUse, name);
    }
  }

  // Only one source folder per special use is merged into the destination's; others keep names.
  const renamedTopLevel = new Map<string, { name: string; use: SpecialUse }>();
  for (const folder of [...source.folders].sort(byServerFlagFirst)) {
    const name = folder.relative[0];
    if (folder.relative.length !== 1 || !folder.specialUse || !name) continue;
    if ([...renamedTopLevel.values()].some((entry) => entry.use === folder.specialUse)) continue;
    renamedTopLevel.set(name, {
      name: destinationByUse.get(folder.specialUse) ?? name,
      use: folder.specialUse,
    });
  }

  const existing = new Map<string, ListedFolder>();
  for (const folder of destination.folders) {
    existing.set(normaliseName(folder.relative.join('\u0000')), folder);
  }

  const plans: FolderPlan[] = [];
  for (const folder of source.folders) {
    if (!folder.selectable) continue;
    const sourceName = folder.relative.join('/');
    if (!isFolderSelected(sourceName, options)) continue;
    const [top = '', ...rest] = folder.relative;
    const mapped = renamedTopLevel.get(top);
    const relative = [mapped?.name ?? top, ...rest].map((part) =>
      // A name part must not contain the destination's delimiter, or it would split in two.
      part.split(destination.delimiter).join('_'),
    );
    // Exchange compares names case-insensitively: reuse an existing folder whatever its case.
    const match = existing.get(normaliseName(relative.join('\u0000')));
    const destinationPath =
      match?.path ??
      (relative[0] === 'INBOX'
        ? relative.join(destination.delimiter)
        : destination.prefix + relative.join(destination.delimiter));
    plans.push({
      source: folder,
      sourceName,
      destinationPath,
      destinationName: match ? match.relative.join('/') : relative.join('/'),
      exists: match !== undefined,
      destinationSubscribed: match?.subscribed ?? false,
      destinationStatus: match?.status,
      specialUse: folder.relative.length === 1 && mapped ? mapped.use : undefined,
    });
  }
  // INBOX first (mail people look for), then parents before children.
  return plans.sort((a, b) => {
    if (a.sourceName === 'INBOX') return -1;
    if (b.sourceName === 'INBOX') return 1;
    return a.sourceName.localeCompare(b.sourceName);
  });
}

function byServerFlagFirst(a: ListedFolder, b: ListedFolder): number {
  return Number(b.specialUseFromServer) - Number(a.specialUseFromServer);
}
