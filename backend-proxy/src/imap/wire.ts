// The few pieces of IMAP syntax our own connection writes and reads (RFC 3501/9051): strings,
// mailbox names in modified UTF-7, dates, flags, status lines, UID sets.

/** A quoted string, or `undefined` when the value needs a literal (8-bit, CR, LF, NUL). */
export function quoted(value: string): string | undefined {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: those need a literal
  if (/[^\x01-\x09\x0b\x0c\x0e-\x7f]/.test(value)) return undefined;
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** RFC 3501 §5.1.3 modified UTF-7, as mailbox names travel without UTF8=ACCEPT. */
export function encodeMailboxName(name: string): string {
  let out = '';
  let i = 0;
  while (i < name.length) {
    const code = name.charCodeAt(i);
    if (code >= 0x20 && code <= 0x7e) {
      out += code === 0x26 ? '&-' : name[i];
      i++;
      continue;
    }
    let j = i;
    while (j < name.length) {
      const c = name.charCodeAt(j);
      if (c >= 0x20 && c <= 0x7e) break;
      j++;
    }
    const units = Buffer.alloc((j - i) * 2);
    for (let k = i; k < j; k++) units.writeUInt16BE(name.charCodeAt(k), (k - i) * 2);
    out += `&${units.toString('base64').replace(/=+$/, '').replace(/\//g, ',')}-`;
    i = j;
  }
  return out;
}

/** A mailbox argument: INBOX as is, anything else encoded and quoted. */
export function mailboxArgument(name: string): string {
  const encoded = name.toUpperCase() === 'INBOX' ? 'INBOX' : encodeMailboxName(name);
  // Modified UTF-7 is 7-bit without controls, so it always fits a quoted string.
  return quoted(encoded) as string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `"01-Jan-2024 12:00:00 +0000"`: IMAP's date-time, in UTC, whole seconds. */
export function internalDateArgument(date: Date): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return (
    `"${pad(date.getUTCDate())}-${MONTHS[date.getUTCMonth()]}-${date.getUTCFullYear()} ` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000"`
  );
}

/** `(\Seen $Label1)`: system flags and keywords as given; `\Recent` can never be set. */
export function flagListArgument(flags: readonly string[]): string {
  const kept = flags.filter((flag) => flag.toLowerCase() !== '\\recent');
  for (const flag of kept) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: atoms exclude CTLs
    if (!/^\\?[^\s(){%*"\\\]\u0000-\u001f\u007f]+$/.test(flag)) {
      throw new TypeError(`not an IMAP flag or keyword: ${JSON.stringify(flag)}`);
    }
  }
  return `(${kept.join(' ')})`;
}

/** One server response, as far as our commands need it. */
export interface StatusLine {
  /** `*` for untagged, `+` for a continuation request, else the command's tag. */
  tag: string;
  /** OK, NO, BAD, BYE, PREAUTH (upper-cased), or the word after `*` (a number for EXISTS...). */
  status: string;
  /** The response code in brackets, upper-cased (`APPENDUID`, `OVERQUOTA`...). */
  code: string | undefined;
  /** What follows the code inside the brackets. */
  codeArguments: string;
  /** Human-readable text after the code. */
  text: string;
}

/** Parses the first line of a response (without CRLF). */
export function parseStatusLine(line: string): StatusLine {
  if (line.startsWith('+')) {
    return { tag: '+', status: '+', code: undefined, codeArguments: '', text: line.slice(2) };
  }
  const space = line.indexOf(' ');
  const tag = space < 0 ? line : line.slice(0, space);
  const rest = space < 0 ? '' : line.slice(space + 1);
  const next = rest.indexOf(' ');
  const status = (next < 0 ? rest : rest.slice(0, next)).toUpperCase();
  let text = next < 0 ? '' : rest.slice(next + 1);
  let code: string | undefined;
  let codeArguments = '';
  const bracket = /^\[([^\s\]]+)(?: ([^\]]*))?\] ?/.exec(text);
  if (bracket?.[1]) {
    code = bracket[1].toUpperCase();
    codeArguments = bracket[2] ?? '';
    text = text.slice(bracket[0].length);
  }
  return { tag, status, code, codeArguments, text };
}

/** `1:3,7,9:10` from `[1, 2, 3, 7, 9, 10]`: keeps a FETCH or STORE line short. */
export function uidSet(uids: readonly number[]): string {
  const sorted = [...uids].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && (sorted[j + 1] as number) <= (sorted[j] as number) + 1) j++;
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}:${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

/** `4:6,9` → [4, 5, 6, 9]; `undefined` when it is not a UID set (or absurdly large). */
export function expandUidSet(set: string, limit = 100_000): number[] | undefined {
  const out: number[] = [];
  for (const part of set.split(',')) {
    const match = /^(\d{1,10})(?::(\d{1,10}))?$/.exec(part);
    if (!match?.[1]) return undefined;
    const a = Number(match[1]);
    const b = match[2] === undefined ? a : Number(match[2]);
    const [low, high] = a <= b ? [a, b] : [b, a];
    if (low === 0 || out.length + high - low + 1 > limit) return undefined;
    for (let uid = low; uid <= high; uid++) out.push(uid);
  }
  return out;
}

/** Capabilities from `* CAPABILITY ...` or `[CAPABILITY ...]`, upper-cased. */
export function parseCapabilities(list: string): Set<string> {
  return new Set(
    list
      .split(' ')
      .filter(Boolean)
      .map((c) => c.toUpperCase()),
  );
}
