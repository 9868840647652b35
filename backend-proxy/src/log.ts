import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { dirname } from 'node:path';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Readonly<Record<string, unknown>>;

/**
 * One line per event. Callers pass ids, counts, hosts and error codes: never request bodies or
 * passwords. `redact()` still runs on every field in case one slips through.
 */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export interface ProxyLogger extends Logger {
  /** Flushes and closes the log file; later lines go to stderr only. */
  close(): Promise<void>;
}

export interface LoggerOptions {
  /**
   * File the lines are appended to (created with mode 0600: it holds e-mail addresses).
   * @default undefined (no file)
   */
  filePath?: string;
  /**
   * Where lines are echoed for a person watching the terminal; `null` for nowhere.
   * @default process.stderr
   */
  stderr?: NodeJS.WritableStream | null;
  /**
   * Lines below this level are dropped.
   * @default 'info'
   */
  level?: LogLevel;
  /**
   * Lines below this level go to the file only, not to the terminal (which a person reads).
   * @default level
   */
  echoLevel?: LogLevel;
}

const LEVELS: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
/** `pass` also catches imapflow's `auth.pass`. */
const SECRET_KEY = /pass|secret|token|authorization|cookie/i;
const MAX_DEPTH = 6;

export function createLogger(options: LoggerOptions = {}): ProxyLogger {
  const minLevel = LEVELS[options.level ?? 'info'];
  const minEchoLevel = Math.max(minLevel, LEVELS[options.echoLevel ?? 'debug']);
  const echo = options.stderr === undefined ? process.stderr : options.stderr;
  let file: WriteStream | undefined;
  if (options.filePath) {
    mkdirSync(dirname(options.filePath), { recursive: true, mode: 0o700 });
    file = createWriteStream(options.filePath, { flags: 'a', mode: 0o600 });
    file.on('error', (error) => {
      // A full disk must not stop the copy: keep going with stderr alone.
      echo?.write(`${formatLine('error', 'Log file unusable', { error })}\n`);
      file = undefined;
    });
  }

  const write = (level: LogLevel, message: string, fields?: LogFields) => {
    if (LEVELS[level] < minLevel) return;
    const line = `${formatLine(level, message, fields)}\n`;
    if (LEVELS[level] >= minEchoLevel) echo?.write(line);
    file?.write(line);
  };

  return {
    debug: (message, fields) => write('debug', message, fields),
    info: (message, fields) => write('info', message, fields),
    warn: (message, fields) => write('warn', message, fields),
    error: (message, fields) => write('error', message, fields),
    close: async () => {
      const closing = file;
      file = undefined;
      if (!closing) return;
      await new Promise<void>((resolve) => closing.end(resolve));
    },
  };
}

/** A logger that drops everything (tests, library use). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};

/** `2025-01-31T10:00:00.000Z warn  Request refused status=401 path=/v1/jobs` */
export function formatLine(
  level: LogLevel,
  message: string,
  fields: LogFields = {},
  now: Date = new Date(),
): string {
  const parts = [now.toISOString(), level.padEnd(5), oneLine(message)];
  const safe = redact(fields) as Record<string, unknown>;
  for (const [key, value] of Object.entries(safe)) {
    if (value === undefined) continue;
    parts.push(`${key}=${formatValue(value)}`);
  }
  return parts.join(' ');
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, '\\n');
}

/**
 * A copy of `value` where every property whose name looks like a secret (`password`,
 * `sourcePassword`, `token`, `authorization`...) reads `[redacted]`. Errors become plain objects
 * (name, message, code, stack, cause) so they can be logged on one line.
 */
export function redact(value: unknown): unknown {
  return redactValue(value, 0, new WeakSet());
}

function redactValue(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return `[${value.byteLength} bytes]`;
  if (value instanceof Date) return value.toISOString();
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1, seen));
  const source = value instanceof Error ? errorFields(value) : (value as Record<string, unknown>);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(source)) {
    copy[key] = SECRET_KEY.test(key) ? '[redacted]' : redactValue(item, depth + 1, seen);
  }
  return copy;
}

function errorFields(error: Error): Record<string, unknown> {
  const { name, message, stack, cause } = error;
  const extra = error as Error & { code?: unknown; details?: unknown };
  return { name, message, code: extra.code, details: extra.details, stack, cause };
}
