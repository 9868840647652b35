// The bench's mailboxes, deterministic from run to run: the standard corpus (5,054 messages over
// 16 folders, median ~8 KB, ~265 MiB with a multi-MB tail) and the big folder (100,000 small
// messages plus one 50 MB message). Seeded as Maildir files (tests/fixtures/maildir.ts).

import {
  makeMessage,
  type SeedFolder,
  type SeedMessage,
  type SystemFlag,
} from '../../fixtures/maildir.ts';

export const STANDARD_MESSAGES = 5054;

/** Folder name → share of the messages (the rest of the shares go to INBOX). */
const FOLDERS: ReadonlyArray<readonly [string[], number]> = [
  [['INBOX'], 0.42],
  [['Sent'], 0.12],
  [['Archive'], 0.08],
  [['Archive', '2019'], 0.04],
  [['Archive', '2020'], 0.04],
  [['Archive', '2021'], 0.04],
  [['Newsletters'], 0.07],
  [['Trash'], 0.04],
  [['Junk'], 0.03],
  [['Drafts'], 0.005],
  [['Projets'], 0.03],
  [['Projets', 'Été 2024'], 0.02],
  [['Clients'], 0.03],
  [['Clients', 'Dupont & Fils'], 0.02],
  [['Factures'], 0.015],
  [['日本語'], 0.01],
  [['Vide'], 0],
];

/** xorshift32 in [0, 1): the corpus must be the same bytes on every run. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

/** A standard normal draw (Box-Muller) from two uniform ones. */
function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

const logUniform = (u: number, low: number, high: number) => Math.round(low * (high / low) ** u);

/** Mostly small text mails around 8 KB, 8% with attachments, 0.7% of 1-9 MB. */
function standardSize(next: () => number): { size: number; attachment: boolean } {
  const kind = next();
  if (kind < 0.007) return { size: logUniform(next(), 1_000_000, 9_000_000), attachment: true };
  if (kind < 0.087) return { size: logUniform(next(), 50_000, 700_000), attachment: true };
  const size = Math.round(8_000 * Math.exp(0.55 * normal(next)));
  return { size: Math.min(60_000, Math.max(1_800, size)), attachment: false };
}

function flagsFor(next: () => number, folder: string): SystemFlag[] {
  const flags: SystemFlag[] = [];
  if (folder === 'Drafts') return ['\\Draft', '\\Seen'];
  if (folder === 'Sent' || next() < 0.7) flags.push('\\Seen');
  if (next() < 0.1) flags.push('\\Answered');
  if (next() < 0.03) flags.push('\\Flagged');
  return flags;
}

function keywordsFor(next: () => number, folder: string): string[] {
  const keywords: string[] = [];
  if (next() < 0.04) keywords.push('$Forwarded');
  if (next() < 0.02) keywords.push('$Label1');
  if (folder.startsWith('Projets') && next() < 0.5) keywords.push('Projet_X');
  return keywords;
}

function message(
  n: number,
  folder: string,
  next: () => number,
  sizing: (next: () => number) => { size: number; attachment: boolean },
): SeedMessage {
  const { size, attachment } = sizing(next);
  // 2016-01-01 .. 2026-06-30, in order of n (mail arrives in order).
  const internalDate = new Date(Date.UTC(2016, 0, 1) + n * 61_000 + Math.floor(next() * 60) * 1000);
  // 1% without Message-ID (the copy hashes those); every 500th shares one with the next.
  const messageId =
    next() < 0.01
      ? null
      : n % 500 <= 1
        ? `<shared-${n - (n % 500)}@bench.example.test>`
        : `<bench-${n}@bench.example.test>`;
  const raw = makeMessage({
    seed: n + 1,
    subject: `${folder} message ${n}`,
    date: internalDate,
    messageId,
    size,
    ...(attachment ? { attachment: { filename: `piece-${n}.bin`, bytes: size } } : {}),
  });
  return {
    raw,
    flags: flagsFor(next, folder),
    keywords: keywordsFor(next, folder),
    internalDate,
  };
}

/** The standard corpus, scaled to `messages` (default 5,054) with the same folders and mix. */
export function standardCorpus(messages = STANDARD_MESSAGES): SeedFolder[] {
  const next = random(20261201);
  const counts = FOLDERS.map(([, share]) => Math.floor(share * messages));
  counts[0] = (counts[0] ?? 0) + messages - counts.reduce((a, b) => a + b, 0);
  let n = 0;
  return FOLDERS.map(([path], i) => {
    const name = path.join('/');
    const list: SeedMessage[] = [];
    for (let k = 0; k < (counts[i] ?? 0); k++) list.push(message(n++, name, next, standardSize));
    return { path, messages: list };
  });
}

export const BIG_FOLDER_MESSAGES = 100_000;
export const BIG_MESSAGE_BYTES = 50 * 1024 * 1024;

/** One folder of `messages` small mails (median ~5 KB) and one 50 MB message in the middle. */
export function bigFolderCorpus(messages = BIG_FOLDER_MESSAGES): SeedFolder[] {
  const next = random(100000);
  const small = (r: () => number) => ({
    size: Math.min(40_000, Math.max(1_200, Math.round(5_000 * Math.exp(0.5 * normal(r))))),
    attachment: false,
  });
  const list: SeedMessage[] = [];
  for (let n = 0; n < messages; n++) {
    if (n === Math.floor(messages / 2)) {
      list.push(
        message(n + 1_000_000, 'Big', next, () => ({ size: BIG_MESSAGE_BYTES, attachment: true })),
      );
    }
    list.push(message(n, 'Big', next, small));
  }
  return [{ path: ['Big'], messages: list }];
}

export interface CorpusStats {
  folders: number;
  messages: number;
  bytes: number;
  medianBytes: number;
  largestBytes: number;
}

export function corpusStats(folders: readonly SeedFolder[]): CorpusStats {
  const sizes = folders
    .flatMap((f) => f.messages ?? [])
    .map((m) => m.raw.length)
    .sort((a, b) => a - b);
  return {
    folders: folders.length,
    messages: sizes.length,
    bytes: sizes.reduce((a, b) => a + b, 0),
    medianBytes: sizes[Math.floor(sizes.length / 2)] ?? 0,
    largestBytes: sizes[sizes.length - 1] ?? 0,
  };
}
